<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl - named templates shared by every report over the aggregate
  document (templates/schema/aggregate.xsd).  Included, never run alone.

  Vietnamese number style: '.' groups thousands, ',' marks decimals
  ("1.234,5").  Amounts (triệu đồng) show up to 3 decimals, integers none.
  Every template here takes its input as a parameter and prints text, so
  it serves the HTML reports and the workbook description alike.

  Marked figures: when the number templates (num, int, dec1, pct,
  pct-value) are given exactly one node of the aggregate (an attribute
  such as @allocated), they wrap the figure in
  <span class="fig" data-x="PATH">...</span>, PATH being the absolute XPath
  of that node (template path-of), plus data-f="pct" when a ratio is shown
  as a percent.  tests/e2e/figures.c checks every marked figure against
  the aggregate.  Numbers computed here (counts, sums) stay unmarked, and
  mark=false() turns marking off where no element may appear (text that
  becomes a string cell of the workbook).  The span carries no style.
  el='tspan' wraps the figure in a <tspan> instead, for the text labels of
  the inline SVG charts, so that a figure drawn is proved like one printed.

  $paths (a global parameter each including stylesheet declares): whether
  the paths of figures are wanted at all.  When false, po-table (the one
  pass over the long lists path-of needs) is not made.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:exsl="http://exslt.org/common"
                exclude-result-prefixes="exsl">

  <xsl:decimal-format name="vi" decimal-separator="," grouping-separator="."
                      NaN="" infinity="∞" minus-sign="-"/>

  <!-- What an unfilled blank looks like in an administrative text. -->
  <xsl:variable name="blank" select="'……'"/>
  <xsl:variable name="nl" select="'&#10;'"/>

  <!-- The absolute XPath of node $n (one element or attribute) in the
       aggregate: each ancestor-or-self element as /name with the first of
       [@id='…'], [@y='…'], [@code='…'], [@application='…'], [@from='…']
       that it has and that no same-name sibling shares (and holds no
       apostrophe), else its position [k] among same-name siblings; then
       /@name for an attribute.  Example:
       /aggregate[1]/budget[1]/task[@id='B3']/year[@y='2024']/@allocated

       Cost: a step must not look at all its siblings, as lists of the
       aggregate (records, units, files, findings) run to tens of
       thousands.  Whether a value is unique is a key look-up: po-a (by
       @application) and po (by @id, @y, @code, @from) give the elements
       anywhere with that value, narrowed then to the same parent and
       name.  Their groups stay small, which libxslt needs (its key
       building is quadratic in the size of a group): an application
       number is on one record and maybe one duplicate, a code on a unit
       of units, new-records and narratives, a year or a task id on a
       few elements per task or target of the plan.  Findings are left
       out of po for @code, as many share a code; a finding's code is
       unique when po-uniq-codes (one sort of the findings) has it.  The
       position [k] of an element of a long list without an identifying
       attribute (files, findings, replacements, supported marks) is read
       from po-table, made in one pass; any other element counts its
       preceding same-name siblings, which are few (singletons, the
       sources of one duplicate) unless identifiers repeat.  The root
       element and the sections begin every path: po-table holds their
       whole path. -->
  <xsl:key name="po-a" match="*[@application]" use="@application"/>
  <xsl:key name="po" match="*[@id or @y or @code or @from]"
           use="@id | @y | @from | @code[name(..) != 'finding']"/>
  <!-- in po-table: an element (g its generate-id) and its position k,
       or its whole path -->
  <xsl:key name="po-pos" match="po-pos" use="@g"/>

  <!-- The positions of the elements of the long lists without an
       identifying attribute, as <po-pos g="generate-id()" k="position"/>;
       one list per parent so that k counts same-name siblings. -->
  <xsl:variable name="po-table-rtf">
    <xsl:if test="$paths">
    <xsl:for-each select="/aggregate/submissions">
      <!-- a file past the first of a cut list says its place (@n) -->
      <xsl:for-each select="*[name() = 'file']">
        <po-pos g="{generate-id()}">
          <xsl:attribute name="k">
            <xsl:choose>
              <xsl:when test="@n"><xsl:value-of select="@n"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="position()"/></xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
        </po-pos>
      </xsl:for-each>
    </xsl:for-each>
    <xsl:for-each select="/aggregate/findings | /aggregate/plan-findings">
      <xsl:for-each select="*[name() = 'finding']"><po-pos g="{generate-id()}" k="{position()}"/></xsl:for-each>
    </xsl:for-each>
    <xsl:for-each select="/aggregate/replacements">
      <xsl:for-each select="*[name() = 'replacement']"><po-pos g="{generate-id()}" k="{position()}"/></xsl:for-each>
    </xsl:for-each>
    <xsl:for-each select="/aggregate/supports">
      <xsl:for-each select="*[name() = 'mark']"><po-pos g="{generate-id()}" k="{position()}"/></xsl:for-each>
    </xsl:for-each>
    <!-- the root element and its children (the sections), which begin
         every path, with their whole path -->
    <xsl:for-each select="/* | /*/*">
      <po-pos g="{generate-id()}">
        <xsl:attribute name="path">
          <xsl:call-template name="po-steps">
            <xsl:with-param name="e" select="ancestor-or-self::*"/>
          </xsl:call-template>
        </xsl:attribute>
      </po-pos>
    </xsl:for-each>
    </xsl:if>
  </xsl:variable>
  <!-- the root node of po-table, where key('po-pos') looks -->
  <xsl:variable name="po-table" select="exsl:node-set($po-table-rtf)"/>

  <!-- The parents whose findings po-uniq-codes covers, and for each the
       codes borne by exactly one of its findings, as <c p="generate-id
       of the parent" v="code"/>: the findings sorted by code, a code is
       unique when it differs from both neighbours. -->
  <xsl:variable name="po-finding-lists" select="/aggregate/findings | /aggregate/plan-findings"/>
  <xsl:variable name="po-uniq-codes-rtf">
    <xsl:for-each select="$po-finding-lists">
      <xsl:variable name="sorted">
        <xsl:for-each select="*[name() = 'finding'][@code]">
          <xsl:sort select="@code"/>
          <c v="{@code}"/>
        </xsl:for-each>
      </xsl:variable>
      <xsl:variable name="p" select="generate-id()"/>
      <xsl:for-each select="exsl:node-set($sorted)/c">
        <xsl:if test="not(@v = preceding-sibling::c[1]/@v) and not(@v = following-sibling::c[1]/@v)">
          <c p="{$p}" v="{@v}"/>
        </xsl:if>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="po-uniq-codes" select="exsl:node-set($po-uniq-codes-rtf)/c"/>

  <xsl:template name="path-of">
    <xsl:param name="n"/>
    <xsl:variable name="a" select="$n/ancestor-or-self::*"/>
    <!-- the section of the aggregate ($a[2]): its path from po-table -->
    <xsl:variable name="g" select="generate-id($a[2])"/>
    <xsl:for-each select="$po-table">
      <xsl:variable name="top" select="key('po-pos', $g)/@path"/>
      <xsl:choose>
        <xsl:when test="$top">
          <xsl:value-of select="$top"/>
          <xsl:call-template name="po-steps">
            <xsl:with-param name="e" select="$a[position() &gt; 2]"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="po-steps">
            <xsl:with-param name="e" select="$a"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <xsl:if test="not($n/self::*)">
      <xsl:value-of select="concat('/@', name($n))"/>
    </xsl:if>
  </xsl:template>

  <!-- The steps of path-of (/name[…]) of the elements $e, in document
       order.  The root element and the sections (its children) scan their
       few siblings: po-table is made with them, and a key used there
       would index the whole aggregate in every report, needed or not. -->
  <xsl:template name="po-steps">
    <xsl:param name="e"/>
    <xsl:for-each select="$e">
      <!-- the parent, to narrow a key's group to the siblings -->
      <xsl:variable name="p" select=".."/>
      <xsl:variable name="scan" select="not($p/../..)"/>
      <xsl:text>/</xsl:text>
      <xsl:value-of select="name()"/>
      <xsl:choose>
        <xsl:when test="@id and not(contains(@id, &quot;'&quot;))
                        and ($scan and count($p/*[name() = name(current())][@id = current()/@id]) = 1
                             or not($scan)
                                and count(key('po', @id)[@id = current()/@id][name() = name(current())]
                                                        [count(.. | $p) = 1]) = 1)">
          <xsl:value-of select="concat(&quot;[@id='&quot;, @id, &quot;']&quot;)"/>
        </xsl:when>
        <xsl:when test="@y and not(contains(@y, &quot;'&quot;))
                        and ($scan and count($p/*[name() = name(current())][@y = current()/@y]) = 1
                             or not($scan)
                                and count(key('po', @y)[@y = current()/@y][name() = name(current())]
                                                       [count(.. | $p) = 1]) = 1)">
          <xsl:value-of select="concat(&quot;[@y='&quot;, @y, &quot;']&quot;)"/>
        </xsl:when>
        <!-- a finding of the lists that po-uniq-codes covers is looked up
             there, one elsewhere scans its siblings -->
        <xsl:when test="@code and not(contains(@code, &quot;'&quot;))
                        and (($scan or name() = 'finding'
                              and count($p | $po-finding-lists) != count($po-finding-lists))
                             and count($p/*[name() = name(current())][@code = current()/@code]) = 1
                             or name() = 'finding' and count($p | $po-finding-lists) = count($po-finding-lists)
                                and $po-uniq-codes[@p = generate-id($p)]/@v = @code
                             or not($scan) and name() != 'finding'
                                and count(key('po', @code)[@code = current()/@code][name() = name(current())]
                                                          [count(.. | $p) = 1]) = 1)">
          <xsl:value-of select="concat(&quot;[@code='&quot;, @code, &quot;']&quot;)"/>
        </xsl:when>
        <xsl:when test="@application and not(contains(@application, &quot;'&quot;))
                        and ($scan and count($p/*[name() = name(current())]
                                                [@application = current()/@application]) = 1
                             or not($scan)
                                and count(key('po-a', @application)[@application = current()/@application]
                                                                   [name() = name(current())]
                                                                   [count(.. | $p) = 1]) = 1)">
          <xsl:value-of select="concat(&quot;[@application='&quot;, @application, &quot;']&quot;)"/>
        </xsl:when>
        <xsl:when test="@from and not(contains(@from, &quot;'&quot;))
                        and ($scan and count($p/*[name() = name(current())][@from = current()/@from]) = 1
                             or not($scan)
                                and count(key('po', @from)[@from = current()/@from][name() = name(current())]
                                                         [count(.. | $p) = 1]) = 1)">
          <xsl:value-of select="concat(&quot;[@from='&quot;, @from, &quot;']&quot;)"/>
        </xsl:when>
        <xsl:when test="not($scan) and (self::file or self::finding or self::replacement or self::mark)">
          <!-- maybe in po-table -->
          <xsl:variable name="e1" select="."/>
          <xsl:variable name="g" select="generate-id()"/>
          <xsl:for-each select="$po-table">
            <xsl:variable name="t" select="key('po-pos', $g)"/>
            <xsl:choose>
              <xsl:when test="$t"><xsl:value-of select="concat('[', $t/@k, ']')"/></xsl:when>
              <xsl:otherwise>
                <xsl:value-of select="concat('[', count($e1/preceding-sibling::*[name() = name($e1)]) + 1, ']')"/>
              </xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="concat('[', count(preceding-sibling::*[name() = name(current())]) + 1, ']')"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!-- Prints $text; wrapped in <span class="fig" data-x="PATH"> (and
       data-f="$f" when given) when $mark is true and $n is exactly one
       node, PATH being its path-of.  $el names the wrapping element
       instead of span: 'tspan' inside an SVG <text>. -->
  <xsl:template name="fig">
    <xsl:param name="n"/>
    <xsl:param name="text"/>
    <xsl:param name="mark" select="true()"/>
    <xsl:param name="f" select="''"/>
    <xsl:param name="el" select="'span'"/>
    <xsl:choose>
      <xsl:when test="$mark and exsl:object-type($n) = 'node-set' and count($n) = 1">
        <xsl:element name="{$el}">
          <xsl:attribute name="class">fig</xsl:attribute>
          <xsl:attribute name="data-x">
            <xsl:call-template name="path-of"><xsl:with-param name="n" select="$n"/></xsl:call-template>
          </xsl:attribute>
          <xsl:if test="$f != ''">
            <xsl:attribute name="data-f"><xsl:value-of select="$f"/></xsl:attribute>
          </xsl:if>
          <xsl:value-of select="$text"/>
        </xsl:element>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A number in Vietnamese style with up to 3 decimals ("20.000",
       "1.200,5"); an empty or non-numeric value prints as nothing.
       Marked (see above) when $v is one node and $mark is true. -->
  <!-- $dec: when given, exactly that many decimals (0-6), so that a table
       column of money has one precision (Nghị định 30 tables); else as
       many as the value has, up to 3. -->
  <xsl:template name="num">
    <xsl:param name="v"/>
    <xsl:param name="mark" select="true()"/>
    <xsl:param name="el" select="'span'"/>
    <xsl:param name="dec" select="''"/>
    <xsl:variable name="fmt">
      <xsl:choose>
        <xsl:when test="string($dec) = ''">#.##0,###</xsl:when>
        <xsl:when test="number($dec) &gt; 0"><xsl:value-of select="concat('#.##0,', substring('000000', 1, number($dec)))"/></xsl:when>
        <xsl:otherwise>#.##0</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="string($v) != '' and string(number($v)) != 'NaN'">
      <xsl:call-template name="fig">
        <xsl:with-param name="n" select="$v"/>
        <xsl:with-param name="mark" select="$mark"/>
        <xsl:with-param name="el" select="$el"/>
        <xsl:with-param name="text" select="format-number(number($v), $fmt, 'vi')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A count or integer ("1.234"); empty prints as nothing. -->
  <xsl:template name="int">
    <xsl:param name="v"/>
    <xsl:param name="mark" select="true()"/>
    <xsl:param name="el" select="'span'"/>
    <xsl:if test="string($v) != '' and string(number($v)) != 'NaN'">
      <xsl:call-template name="fig">
        <xsl:with-param name="n" select="$v"/>
        <xsl:with-param name="mark" select="$mark"/>
        <xsl:with-param name="el" select="$el"/>
        <xsl:with-param name="text" select="format-number(number($v), '#.##0', 'vi')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A decimal with one place ("2,3") as used for paces and growth. -->
  <xsl:template name="dec1">
    <xsl:param name="v"/>
    <xsl:param name="mark" select="true()"/>
    <xsl:param name="el" select="'span'"/>
    <xsl:if test="string($v) != '' and string(number($v)) != 'NaN'">
      <xsl:call-template name="fig">
        <xsl:with-param name="n" select="$v"/>
        <xsl:with-param name="mark" select="$mark"/>
        <xsl:with-param name="el" select="$el"/>
        <xsl:with-param name="text" select="format-number(number($v), '#.##0,#', 'vi')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A ratio (0.755) as a percent with at most one decimal ("75,5%");
       empty prints as nothing.  Marked with data-f="pct". -->
  <xsl:template name="pct">
    <xsl:param name="r"/>
    <xsl:param name="mark" select="true()"/>
    <xsl:param name="el" select="'span'"/>
    <xsl:if test="string($r) != '' and string(number($r)) != 'NaN'">
      <xsl:call-template name="fig">
        <xsl:with-param name="n" select="$r"/>
        <xsl:with-param name="mark" select="$mark"/>
        <xsl:with-param name="el" select="$el"/>
        <xsl:with-param name="f" select="'pct'"/>
        <!-- rounded once, half up, at the one decimal printed; the
             aggregate gives the ratio to 10 places (the epsilon keeps a
             half that binary floating point puts a hair below) -->
        <xsl:with-param name="text" select="concat(format-number(round(number($r) * 1000 + 0.000000001) div 10, '#.##0,#', 'vi'), '%')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A growth already in percent (2.32) as "2,32%". -->
  <xsl:template name="pct-value">
    <xsl:param name="v"/>
    <xsl:param name="mark" select="true()"/>
    <xsl:param name="el" select="'span'"/>
    <xsl:if test="string($v) != '' and string(number($v)) != 'NaN'">
      <xsl:call-template name="fig">
        <xsl:with-param name="n" select="$v"/>
        <xsl:with-param name="mark" select="$mark"/>
        <xsl:with-param name="el" select="$el"/>
        <xsl:with-param name="text" select="concat(format-number(number($v), '#.##0,##', 'vi'), '%')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- YYYY-MM-DD as dd/mm/yyyy; anything else is printed as given. -->
  <xsl:template name="date">
    <xsl:param name="d"/>
    <xsl:choose>
      <xsl:when test="string-length($d) = 10 and substring($d, 5, 1) = '-'
                      and substring($d, 8, 1) = '-'">
        <xsl:value-of select="concat(substring($d, 9, 2), '/',
                                     substring($d, 6, 2), '/',
                                     substring($d, 1, 4))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$d"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Where a finding is: "dòng 14" for a line of an XML file, the place
       as given otherwise ("Tài sản trí tuệ!A8", a sheet and its cell). -->
  <xsl:template name="place">
    <xsl:param name="p"/>
    <xsl:choose>
      <xsl:when test="string($p) != '' and translate($p, '0123456789', '') = ''">
        <xsl:value-of select="concat('dòng ', $p)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$p"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A file path with a line-break opportunity (<wbr>) after each '/',
       so that a long path wraps in a narrow column without a character
       added to what is copied. -->
  <xsl:template name="path">
    <xsl:param name="p"/>
    <xsl:choose>
      <xsl:when test="contains($p, '/')">
        <xsl:value-of select="substring-before($p, '/')"/>
        <xsl:text>/</xsl:text>
        <!-- as <wbr> itself: the HTML serialiser of libxml2 does not know
             it is a void element and would add </wbr> -->
        <xsl:text disable-output-escaping="yes">&lt;wbr&gt;</xsl:text>
        <xsl:call-template name="path">
          <xsl:with-param name="p" select="substring-after($p, '/')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$p"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The value of a report setting, or $blank when it is missing. -->
  <xsl:template name="setting">
    <xsl:param name="name"/>
    <xsl:param name="default" select="$blank"/>
    <xsl:variable name="s" select="/aggregate/report/setting[@name = $name]"/>
    <xsl:choose>
      <xsl:when test="normalize-space($s) != ''">
        <xsl:value-of select="normalize-space($s)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$default"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "Lạng Sơn, ngày 05 tháng 01 năm 2027" from the place and date
       settings; missing parts become blanks. -->
  <xsl:template name="place-date">
    <xsl:call-template name="setting">
      <xsl:with-param name="name" select="'place'"/>
    </xsl:call-template>
    <xsl:text>, </xsl:text>
    <xsl:call-template name="date-words"/>
  </xsl:template>

  <!-- "ngày 05 tháng 01 năm 2027" from the date setting (YYYY-MM-DD, or
       YYYY-M-D), or blanks.  Nghị định 30/2020: a day below 10 and the
       months 1 and 2 take a leading zero ("ngày 05 tháng 02", "ngày 15
       tháng 3"). -->
  <xsl:template name="date-words">
    <xsl:variable name="d"
                  select="normalize-space(/aggregate/report/setting[@name = 'date'])"/>
    <xsl:variable name="y" select="substring-before($d, '-')"/>
    <xsl:variable name="m" select="number(substring-before(substring-after($d, '-'), '-'))"/>
    <xsl:variable name="dd" select="number(substring-after(substring-after($d, '-'), '-'))"/>
    <xsl:choose>
      <xsl:when test="string-length($y) = 4 and number($y) = number($y)
                      and $m &gt;= 1 and $m &lt;= 12 and $dd &gt;= 1 and $dd &lt;= 31">
        <xsl:text>ngày </xsl:text>
        <xsl:value-of select="format-number($dd, '00')"/>
        <xsl:text> tháng </xsl:text>
        <xsl:choose>
          <xsl:when test="$m &lt;= 2"><xsl:value-of select="format-number($m, '00')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$m"/></xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="concat(' năm ', $y)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat('ngày ', $blank, ' tháng ', $blank,
                                     ' năm ', $blank)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "05/BC-SKHCN", with blanks for a missing number or body. -->
  <xsl:template name="doc-number">
    <xsl:variable name="no" select="normalize-space(/aggregate/report/setting[@name = 'number'])"/>
    <xsl:choose>
      <!-- a number below 10 takes a leading 0 (Nghị định 30: "Số: 05/...") -->
      <xsl:when test="string-length($no) = 1 and translate($no, '123456789', '') = ''">
        <xsl:value-of select="concat('0', $no)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="setting">
          <xsl:with-param name="name" select="'number'"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:text>/BC-</xsl:text>
    <xsl:call-template name="setting">
      <xsl:with-param name="name" select="'issuing-short'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The issuing body's name as written inside a sentence ("của Sở
       Khoa học và Công nghệ"): the issuing-name setting; else, for the
       Department's own capitals, its known spelling; else issuing-body as
       set. -->
  <xsl:template name="issuing-name">
    <xsl:variable name="n"
                  select="normalize-space(/aggregate/report/setting[@name = 'issuing-name'])"/>
    <xsl:variable name="b"
                  select="normalize-space(/aggregate/report/setting[@name = 'issuing-body'])"/>
    <xsl:choose>
      <xsl:when test="$n != ''"><xsl:value-of select="$n"/></xsl:when>
      <xsl:when test="$b = 'SỞ KHOA HỌC VÀ CÔNG NGHỆ'">Sở Khoa học và Công nghệ</xsl:when>
      <xsl:when test="$b != ''"><xsl:value-of select="$b"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$blank"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The name of an IP kind from its code (the code when unknown). -->
  <xsl:template name="kind-name">
    <xsl:param name="code"/>
    <xsl:variable name="k" select="/aggregate/kinds/kind[@code = $code]"/>
    <xsl:choose>
      <xsl:when test="$k"><xsl:value-of select="$k/@name"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$code"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Status words for values the aggregate gives only as tokens. -->
  <xsl:template name="file-status">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s = 'accepted'">hợp lệ</xsl:when>
      <xsl:when test="$s = 'rejected'">tệp bị từ chối</xsl:when>
      <xsl:when test="$s = 'replaced'">đã được thay thế</xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="source-status">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s = 'counted'">được tính</xsl:when>
      <xsl:when test="$s = 'merged'">gộp, không tính lại</xsl:when>
      <xsl:when test="$s = 'accepted'">hợp lệ</xsl:when>
      <xsl:when test="$s = 'rejected'">tệp bị từ chối</xsl:when>
      <xsl:when test="$s = 'replaced'">đã được thay thế</xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="record-status">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s = 'filed'">đã nộp đơn</xsl:when>
      <xsl:when test="$s = 'granted'">được cấp văn bằng</xsl:when>
      <!-- "bị từ chối" alone is what happens to a file: a refused
           application is refused by the IP office (reading e) -->
      <xsl:when test="$s = 'refused'">bị Cục SHTT từ chối</xsl:when>
      <xsl:when test="$s = 'withdrawn'">rút đơn</xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="severity">
    <xsl:param name="f"/>
    <xsl:choose>
      <xsl:when test="$f/@severity = 'error'">lỗi</xsl:when>
      <xsl:when test="$f/@severity = 'warning'">cảnh báo</xsl:when>
      <xsl:otherwise>ghi chú</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="unit-type">
    <xsl:param name="t"/>
    <xsl:choose>
      <xsl:when test="$t = 'district'">cấp huyện</xsl:when>
      <xsl:when test="$t = 'commune'">cấp xã</xsl:when>
      <xsl:when test="$t = 'department'">sở, ngành</xsl:when>
      <xsl:otherwise>khác</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The "Dữ liệu minh họa" words, for titles. -->
  <xsl:variable name="illustrative-words" select="'Dữ liệu minh họa'"/>
  <xsl:variable name="illustrative"
                select="/aggregate/@illustrative = 'true' or /aggregate/@illustrative = '1'"/>

  <!-- The visible banner of an HTML report built on sample data. -->
  <xsl:template name="banner">
    <xsl:if test="$illustrative">
      <div class="banner" role="note">
        <strong><xsl:value-of select="$illustrative-words"/></strong>
        <xsl:text> – báo cáo này được lập từ số liệu mẫu, không phải số liệu thật của các đơn vị; không dùng để báo cáo chính thức.</xsl:text>
      </div>
    </xsl:if>
  </xsl:template>

  <!-- Text with newlines as HTML lines: each non-empty line in a <br/>-
       separated run, starting with $prefix unless it already does. -->
  <xsl:template name="lines">
    <xsl:param name="text"/>
    <xsl:param name="prefix" select="''"/>
    <xsl:variable name="head">
      <xsl:choose>
        <xsl:when test="contains($text, $nl)">
          <xsl:value-of select="substring-before($text, $nl)"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="normalize-space($head) != ''">
      <!-- a line that already starts with the prefix keeps its own -->
      <xsl:if test="not(starts-with(normalize-space($head), normalize-space($prefix)))">
        <xsl:value-of select="$prefix"/>
      </xsl:if>
      <xsl:value-of select="normalize-space($head)"/>
      <xsl:if test="normalize-space(substring-after($text, $nl)) != ''"><br/></xsl:if>
    </xsl:if>
    <xsl:if test="contains($text, $nl)">
      <xsl:call-template name="lines">
        <xsl:with-param name="text" select="substring-after($text, $nl)"/>
        <xsl:with-param name="prefix" select="$prefix"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Text with newlines as <p> paragraphs. -->
  <xsl:template name="paragraphs">
    <xsl:param name="text"/>
    <xsl:variable name="head">
      <xsl:choose>
        <xsl:when test="contains($text, $nl)">
          <xsl:value-of select="substring-before($text, $nl)"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="normalize-space($head) != ''">
      <p><xsl:value-of select="normalize-space($head)"/></p>
    </xsl:if>
    <xsl:if test="contains($text, $nl)">
      <xsl:call-template name="paragraphs">
        <xsl:with-param name="text" select="substring-after($text, $nl)"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- The shared print style of the HTML reports, after Nghị định
       30/2020/NĐ-CP, Phụ lục I: A4 portrait; margins top and bottom 20 mm,
       left 30 mm, right 15 mm; Times New Roman 14 pt, black; page numbers
       centred in the top margin from page 2 on (CSS paged media margin
       boxes); table headers repeated on every page (thead); appendices on
       a new page.  On illustrative data every printed page says so in its
       bottom margin, besides the banner on page 1.  Charts are inline SVG
       in black, white and greys only, with hatching, so they print in
       black and white. -->
  <xsl:template name="css">
    <style>
@page {
  size: A4 portrait;
  margin: 20mm 15mm 20mm 30mm;
  @top-center {
    content: counter(page);
    font-family: "Times New Roman", "Liberation Serif", serif;
    font-size: 13pt; vertical-align: bottom; padding-bottom: 6mm;
  }<xsl:if test="$illustrative">
  @bottom-center {
    content: "<xsl:value-of select="$illustrative-words"/> – không dùng để báo cáo chính thức";
    font-family: "Times New Roman", "Liberation Serif", serif;
    font-size: 10pt; font-style: italic; vertical-align: top; padding-top: 6mm;
  }</xsl:if>
}
@page :first { @top-center { content: none; } }
html { background: #fff; color: #000; }
body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 14pt;
       line-height: 1.3; margin: 0; }
@media screen { body { max-width: 165mm; margin: 10mm auto; padding: 0 10mm; } }
p { margin: 0 0 6pt 0; text-align: justify; text-indent: 10mm; }
h1, h2, h3, h4 { font-size: 14pt; margin: 10pt 0 6pt 0; break-after: avoid;
                 page-break-after: avoid; }
h1 { text-align: center; }
h2 { text-indent: 10mm; }
h2.part { text-align: center; text-indent: 0; margin-top: 16pt; }
h3 { text-indent: 10mm; }
h4 { text-indent: 10mm; font-style: italic; font-weight: normal; }
ul { margin: 0 0 6pt 10mm; padding: 0 0 0 5mm; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt 0; font-size: 11pt;
        line-height: 1.2; page-break-inside: auto; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
th, td { border: 1px solid #000; padding: 2pt 3pt; vertical-align: top; }
th { font-weight: bold; text-align: center; vertical-align: middle; background: #eee; }
td.n, th.n { text-align: right; white-space: nowrap; }
td.c { text-align: center; }
tr.total td { font-weight: bold; }
tr.sub td { font-style: italic; }
table.compact { font-size: 9pt; }
table.compact th, table.compact td { padding: 1pt 1.5pt; }
/* A table wider than the text column makes the browser shrink every page
   to fit: the values found and expected (the last two columns of a
   findings table) may be one long word, so they break anywhere; paths
   break after '/' (template path). */
table.findings td:nth-last-child(-n+2) { overflow-wrap: anywhere; }
.nw { white-space: nowrap; }
.unit { font-size: 12pt; font-style: italic; text-align: right; margin: 0; text-indent: 0;
        break-after: avoid; page-break-after: avoid; }
.note { font-style: italic; }
p.note { font-size: 13pt; }
.banner { border: 2px solid #000; padding: 3pt 8pt; margin: 0 0 10pt 0; font-size: 12pt;
          text-align: center; text-indent: 0; }
.header { width: 100%; border: none; margin: 0 0 14pt 0; table-layout: fixed; }
.header td { border: none; text-align: center; vertical-align: top; padding: 0;
             font-size: 13pt; line-height: 1.25; }
.header .left { width: 42%; }
.header .right { width: 58%; }
.header .parent { text-transform: uppercase; font-size: 12.5pt; }
.header .body { text-transform: uppercase; font-weight: bold; font-size: 12.5pt; }
.header .rule { display: block; width: 28mm; margin: 2pt auto 0 auto; border-top: 1px solid #000; }
.header .nation { font-weight: bold; text-transform: uppercase; font-size: 12.5pt;
                  white-space: nowrap; }
.header .motto { font-weight: bold; font-size: 14pt; }
.header .motto span { display: inline-block; border-bottom: 1px solid #000; padding-bottom: 1pt; }
.header .number { padding-top: 5pt; }
.header .date { font-style: italic; font-size: 14pt; padding-top: 8pt; }
.title { text-align: center; font-weight: bold; margin: 10pt 0 0 0; text-indent: 0; }
.subject { text-align: center; font-weight: bold; margin: 0 0 12pt 0; text-indent: 0; }
/* the rule under the trích yếu (Nghị định 30: a solid line, a third to a half of the line) */
.subject::after { content: ""; display: block; width: 35%; margin: 4pt auto 0 auto; border-top: 0.75pt solid #000; }
.to { text-align: center; margin: 6pt 0 12pt 0; text-indent: 0; }
.sign { width: 100%; border: none; margin-top: 14pt; table-layout: fixed;
        break-inside: avoid; page-break-inside: avoid; }
.sign td { border: none; vertical-align: top; padding: 0; }
.sign .recv { width: 50%; font-size: 11pt; line-height: 1.2; }
.sign .recv .head { font-size: 12pt; font-weight: bold; font-style: italic; }
.sign .who { text-align: center; font-size: 14pt; line-height: 1.25; }
.sign .who .authority { font-weight: bold; text-transform: uppercase; }
.sign .who .name { font-weight: bold; padding-top: 26mm; }
.appendix { break-before: page; page-break-before: always; }
.appendix .no { text-align: center; font-weight: bold; text-indent: 0; margin: 0; }
.appendix h1 { margin: 0; }
.appendix .ref { text-align: center; font-style: italic; text-indent: 0; margin: 0 0 10pt 0; }
.appendix table { font-size: 10.5pt; }
.appendix table.records { font-size: 10pt; }
.figure { break-inside: avoid; page-break-inside: avoid; margin: 6pt 0 10pt 0; }
.figure svg { display: block; margin: 0 auto; }
.figure.split { break-inside: auto; page-break-inside: auto; }
.figure.split svg.legend { break-after: avoid; page-break-after: avoid; }
.figure .caption { break-before: avoid; page-break-before: avoid; }
.caption { text-align: center; text-indent: 0; font-style: italic; font-size: 12pt;
           margin: 2pt 0 6pt 0; }
.legend { text-align: left; text-indent: 0; font-size: 11pt; margin: 0 0 6pt 0; }
.bar { break-inside: avoid; page-break-inside: avoid; margin: 0 0 4pt 0; }
tbody.keep { break-inside: avoid; page-break-inside: avoid; }
.bar .label { text-indent: 0; text-align: left; font-size: 12pt; margin: 0; }
svg text { font-family: "Times New Roman", "Liberation Serif", serif; }
.findings td.sev-error { font-weight: bold; }
.counts td { text-align: right; }
p.placeholder { border: 1pt dashed #000; padding: 4pt 6pt; font-style: italic; text-indent: 0; }
p.group { text-align: left; margin-bottom: 4pt; break-after: avoid; page-break-after: avoid; }
    </style>
  </xsl:template>
  <!-- Status words for the codes the aggregate gives (issue 12: C emits
       codes, templates print words).  A target: reached / on-track /
       behind. -->
  <xsl:template name="target-status-word">
    <xsl:param name="s" select="@status"/>
    <xsl:choose>
      <xsl:when test="$s = 'reached'">đạt</xsl:when>
      <xsl:when test="$s = 'on-track'">đúng tiến độ</xsl:when>
      <xsl:when test="$s = 'behind'">chậm tiến độ</xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What a T8 mark (the context node) is known as: its Phụ lục 1
       entry, or the application number it was granted under. -->
  <xsl:template name="mark-known-as">
    <xsl:choose>
      <xsl:when test="@pl1">Phụ lục 1: <xsl:value-of select="@pl1"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@known-as"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A unit of the year (the context node): its status and whether it
       had to report. -->
  <xsl:template name="unit-status-word">
    <xsl:variable name="exp" select="@expected = 'true' or @expected = '1'"/>
    <xsl:choose>
      <xsl:when test="@status = 'accepted' and $exp">đã nộp, hợp lệ</xsl:when>
      <xsl:when test="@status = 'accepted'">đã nộp (không thuộc diện phải báo cáo)</xsl:when>
      <xsl:when test="@status = 'rejected' and $exp">đã nộp, bị từ chối</xsl:when>
      <xsl:when test="@status = 'rejected'">không thuộc diện báo cáo, bị từ chối</xsl:when>
      <xsl:when test="@status = 'missing'">chưa nộp</xsl:when>
      <xsl:otherwise><xsl:value-of select="@status"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
