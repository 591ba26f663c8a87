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
       /aggregate[1]/budget[1]/task[@id='B3']/year[@y='2024']/@allocated -->
  <xsl:template name="path-of">
    <xsl:param name="n"/>
    <xsl:for-each select="$n/ancestor-or-self::*">
      <xsl:variable name="same" select="../*[name() = name(current())]"/>
      <xsl:text>/</xsl:text>
      <xsl:value-of select="name()"/>
      <xsl:choose>
        <xsl:when test="@id and not(contains(@id, &quot;'&quot;))
                        and count($same[@id = current()/@id]) = 1">
          <xsl:value-of select="concat(&quot;[@id='&quot;, @id, &quot;']&quot;)"/>
        </xsl:when>
        <xsl:when test="@y and not(contains(@y, &quot;'&quot;))
                        and count($same[@y = current()/@y]) = 1">
          <xsl:value-of select="concat(&quot;[@y='&quot;, @y, &quot;']&quot;)"/>
        </xsl:when>
        <xsl:when test="@code and not(contains(@code, &quot;'&quot;))
                        and count($same[@code = current()/@code]) = 1">
          <xsl:value-of select="concat(&quot;[@code='&quot;, @code, &quot;']&quot;)"/>
        </xsl:when>
        <xsl:when test="@application and not(contains(@application, &quot;'&quot;))
                        and count($same[@application = current()/@application]) = 1">
          <xsl:value-of select="concat(&quot;[@application='&quot;, @application, &quot;']&quot;)"/>
        </xsl:when>
        <xsl:when test="@from and not(contains(@from, &quot;'&quot;))
                        and count($same[@from = current()/@from]) = 1">
          <xsl:value-of select="concat(&quot;[@from='&quot;, @from, &quot;']&quot;)"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:value-of select="concat('[', count(preceding-sibling::*[name() = name(current())]) + 1, ']')"/>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <xsl:if test="not($n/self::*)">
      <xsl:value-of select="concat('/@', name($n))"/>
    </xsl:if>
  </xsl:template>

  <!-- Prints $text; wrapped in <span class="fig" data-x="PATH"> (and
       data-f="$f" when given) when $mark is true and $n is exactly one
       node, PATH being its path-of. -->
  <xsl:template name="fig">
    <xsl:param name="n"/>
    <xsl:param name="text"/>
    <xsl:param name="mark" select="true()"/>
    <xsl:param name="f" select="''"/>
    <xsl:choose>
      <xsl:when test="$mark and exsl:object-type($n) = 'node-set' and count($n) = 1">
        <span class="fig">
          <xsl:attribute name="data-x">
            <xsl:call-template name="path-of"><xsl:with-param name="n" select="$n"/></xsl:call-template>
          </xsl:attribute>
          <xsl:if test="$f != ''">
            <xsl:attribute name="data-f"><xsl:value-of select="$f"/></xsl:attribute>
          </xsl:if>
          <xsl:value-of select="$text"/>
        </span>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A number in Vietnamese style with up to 3 decimals ("20.000",
       "1.200,5"); an empty or non-numeric value prints as nothing.
       Marked (see above) when $v is one node and $mark is true. -->
  <xsl:template name="num">
    <xsl:param name="v"/>
    <xsl:param name="mark" select="true()"/>
    <xsl:if test="string($v) != '' and string(number($v)) != 'NaN'">
      <xsl:call-template name="fig">
        <xsl:with-param name="n" select="$v"/>
        <xsl:with-param name="mark" select="$mark"/>
        <xsl:with-param name="text" select="format-number(number($v), '#.##0,###', 'vi')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A count or integer ("1.234"); empty prints as nothing. -->
  <xsl:template name="int">
    <xsl:param name="v"/>
    <xsl:param name="mark" select="true()"/>
    <xsl:if test="string($v) != '' and string(number($v)) != 'NaN'">
      <xsl:call-template name="fig">
        <xsl:with-param name="n" select="$v"/>
        <xsl:with-param name="mark" select="$mark"/>
        <xsl:with-param name="text" select="format-number(number($v), '#.##0', 'vi')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A decimal with one place ("2,3") as used for paces and growth. -->
  <xsl:template name="dec1">
    <xsl:param name="v"/>
    <xsl:param name="mark" select="true()"/>
    <xsl:if test="string($v) != '' and string(number($v)) != 'NaN'">
      <xsl:call-template name="fig">
        <xsl:with-param name="n" select="$v"/>
        <xsl:with-param name="mark" select="$mark"/>
        <xsl:with-param name="text" select="format-number(number($v), '#.##0,#', 'vi')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A ratio (0.755) as a percent with at most one decimal ("75,5%");
       empty prints as nothing.  Marked with data-f="pct". -->
  <xsl:template name="pct">
    <xsl:param name="r"/>
    <xsl:param name="mark" select="true()"/>
    <xsl:if test="string($r) != '' and string(number($r)) != 'NaN'">
      <xsl:call-template name="fig">
        <xsl:with-param name="n" select="$r"/>
        <xsl:with-param name="mark" select="$mark"/>
        <xsl:with-param name="f" select="'pct'"/>
        <xsl:with-param name="text" select="concat(format-number(number($r) * 100, '#.##0,#', 'vi'), '%')"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A growth already in percent (2.32) as "2,32%". -->
  <xsl:template name="pct-value">
    <xsl:param name="v"/>
    <xsl:param name="mark" select="true()"/>
    <xsl:if test="string($v) != '' and string(number($v)) != 'NaN'">
      <xsl:call-template name="fig">
        <xsl:with-param name="n" select="$v"/>
        <xsl:with-param name="mark" select="$mark"/>
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

  <!-- "ngày 05 tháng 01 năm 2027" from the date setting, or blanks. -->
  <xsl:template name="date-words">
    <xsl:variable name="d"
                  select="normalize-space(/aggregate/report/setting[@name = 'date'])"/>
    <xsl:choose>
      <xsl:when test="string-length($d) = 10 and substring($d, 5, 1) = '-'">
        <xsl:value-of select="concat('ngày ', substring($d, 9, 2),
                                     ' tháng ', substring($d, 6, 2),
                                     ' năm ', substring($d, 1, 4))"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat('ngày ', $blank, ' tháng ', $blank,
                                     ' năm ', $blank)"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "05/BC-SKHCN", with blanks for a missing number or body. -->
  <xsl:template name="doc-number">
    <xsl:call-template name="setting">
      <xsl:with-param name="name" select="'number'"/>
    </xsl:call-template>
    <xsl:text>/BC-</xsl:text>
    <xsl:call-template name="setting">
      <xsl:with-param name="name" select="'issuing-short'"/>
    </xsl:call-template>
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
      <xsl:when test="$s = 'rejected'">bị từ chối</xsl:when>
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
      <xsl:when test="$s = 'rejected'">bị từ chối</xsl:when>
      <xsl:when test="$s = 'replaced'">đã được thay thế</xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="record-status">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s = 'filed'">đã nộp đơn</xsl:when>
      <xsl:when test="$s = 'granted'">được cấp văn bằng</xsl:when>
      <xsl:when test="$s = 'refused'">bị từ chối</xsl:when>
      <xsl:when test="$s = 'withdrawn'">rút đơn</xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="severity">
    <xsl:param name="f"/>
    <xsl:choose>
      <xsl:when test="$f/@severity-text != ''">
        <xsl:value-of select="$f/@severity-text"/>
      </xsl:when>
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
       separated run. -->
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
      <xsl:value-of select="concat($prefix, normalize-space($head))"/>
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

  <!-- The shared print style of the HTML reports (Nghị định 30/2020:
       A4, Times New Roman, margins 20/15/20/30 mm). -->
  <xsl:template name="css">
    <style>
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
@page wide { size: A4 landscape; margin: 20mm 20mm 20mm 25mm; }
html { background: #fff; color: #000; }
body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 14pt;
       line-height: 1.35; max-width: 180mm; margin: 0 auto; padding: 8mm 0; }
p { margin: 0 0 6pt 0; text-align: justify; text-indent: 10mm; }
h1, h2, h3, h4 { font-size: 14pt; margin: 12pt 0 6pt 0; }
h1 { text-align: center; text-transform: uppercase; }
h2 { text-transform: none; }
h3 { font-style: normal; }
h4 { font-style: italic; font-weight: normal; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 10pt 0; font-size: 11pt;
        page-break-inside: auto; }
tr { page-break-inside: avoid; }
thead { display: table-header-group; }
th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: top; }
th { font-weight: bold; text-align: center; background: #eee; }
td.n, th.n { text-align: right; white-space: nowrap; }
td.c { text-align: center; }
tr.total td { font-weight: bold; }
tr.sub td { font-style: italic; }
.unit { font-size: 10pt; font-style: italic; text-align: right; margin: 0; text-indent: 0; }
.note { font-style: italic; }
.banner { border: 2px solid #000; padding: 4pt 8pt; margin: 0 0 10pt 0; font-size: 12pt;
          text-align: center; }
.header { width: 100%; border: none; margin: 0 0 10pt 0; font-size: 13pt; }
.header td { border: none; text-align: center; vertical-align: top; padding: 0; }
.header .left { width: 40%; }
.header .parent { text-transform: uppercase; }
.header .body { text-transform: uppercase; font-weight: bold; }
.header .motto { font-weight: bold; font-size: 14pt; }
.header .nation { font-weight: bold; text-transform: uppercase; }
.header .rule { display: inline-block; border-top: 1px solid #000; width: 30mm; height: 0; }
.header .rule.wide { width: 55mm; }
.header .number { padding-top: 6pt; }
.header .date { font-style: italic; padding-top: 6pt; }
.title { text-align: center; font-weight: bold; margin: 12pt 0 0 0; text-indent: 0; }
.subject { text-align: center; font-weight: bold; margin: 0 0 10pt 0; text-indent: 0; }
.to { text-align: center; margin: 6pt 0 12pt 0; text-indent: 0; }
.sign { width: 100%; border: none; margin-top: 16pt; font-size: 12pt; }
.sign td { border: none; vertical-align: top; padding: 0; }
.sign .recv { width: 50%; font-size: 11pt; }
.sign .recv b { font-size: 12pt; font-style: italic; }
.sign .who { text-align: center; font-size: 13pt; }
.sign .who .authority { font-weight: bold; text-transform: uppercase; }
.sign .who .name { font-weight: bold; padding-top: 22mm; }
.appendix { page-break-before: always; }
.appendix h1 { margin-bottom: 0; }
.appendix .ref { text-align: center; font-style: italic; text-indent: 0; margin-bottom: 8pt; }
.wide { page: wide; }
.findings td.sev-error { font-weight: bold; }
.counts td { text-align: right; }
@media screen { body { padding: 10mm; } }
    </style>
  </xsl:template>
</xsl:stylesheet>
