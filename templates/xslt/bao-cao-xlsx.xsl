<?xml version="1.0" encoding="UTF-8"?>
<!--
  bao-cao-xlsx.xsl - the aggregate document (templates/schema/aggregate.xsd)
  as a workbook description (templates/schema/workbook.xsd, docs/workbook.md)
  that src/xlsx_writer.c writes as output/<year>/bao-cao-<year>.xlsx.

  Sheets: Tổng hợp, Chỉ tiêu, Kinh phí, Biểu đồ chỉ tiêu, Biểu đồ kinh phí,
  Hồ sơ theo loại, Khối lượng nhiệm vụ, Đơn vị, Chi tiết, Số đơn trùng,
  Kiểm tra; each printed on A4, one page
  wide (the two chart sheets on one page), with a header and a footer
  (template print).  Rows and columns count from 1.  Text that comes from the
  submissions (names, messages, values found) is always a <string>.
  Every <formula> carries the value it gives on this data, computed here
  from the aggregate, so that viewers which do not recalculate show the
  right figure.  Every total is a formula over the sheet that holds its
  parts; every column of a table has one number format.
  With paths=true() (tests/e2e/figures.c sets it; a run does not), a
  <number> that shows one node of the aggregate, and a <formula> given one
  (param x), carries x="PATH", the node's absolute XPath (path-of in
  common.xsl): not written to the XLSX, read by tests/e2e/figures.c.  The
  paths cost a quarter of the rendering, so a run goes without them.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:exsl="http://exslt.org/common"
                exclude-result-prefixes="exsl">
  <xsl:include href="common.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:param name="paths" select="false()"/>
  <xsl:variable name="A" select="/aggregate"/>
  <xsl:variable name="B" select="/aggregate/budget"/>
  <xsl:variable name="year" select="/aggregate/@year"/>
  <xsl:variable name="letters" select="'ABCDEFGHIJKLMNOPQRSTUVWXYZ'"/>

  <!-- ===== cell helpers ================================================= -->

  <!-- The A1 letters of column $n (1 = A, 27 = AA; up to ZZ). -->
  <xsl:template name="col">
    <xsl:param name="n"/>
    <xsl:choose>
      <xsl:when test="$n &lt;= 26">
        <xsl:value-of select="substring($letters, $n, 1)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat(substring($letters, floor(($n - 1) div 26), 1),
                                     substring($letters, (($n - 1) mod 26) + 1, 1))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A text cell; empty text gives a blank cell with the same format. -->
  <xsl:template name="s">
    <xsl:param name="c"/>
    <xsl:param name="v"/>
    <xsl:param name="f" select="'text'"/>
    <xsl:choose>
      <xsl:when test="string($v) = ''"><blank col="{$c}" format="{$f}"/></xsl:when>
      <xsl:otherwise><string col="{$c}" format="{$f}"><xsl:value-of select="$v"/></string></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A number cell; an absent value gives a blank.  $kind: int (counts),
       amount (triệu đồng: whole numbers without decimals, others with 3),
       pct (ratios), dec1, dec2.  $bold selects the bold variant. -->
  <xsl:template name="n">
    <xsl:param name="c"/>
    <xsl:param name="v"/>
    <xsl:param name="kind" select="'int'"/>
    <xsl:param name="bold" select="false()"/>
    <xsl:variable name="fmt">
      <xsl:call-template name="fmt-of">
        <xsl:with-param name="v" select="$v"/>
        <xsl:with-param name="kind" select="$kind"/>
        <xsl:with-param name="bold" select="$bold"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string($v) = '' or string(number($v)) = 'NaN'">
        <blank col="{$c}" format="{$fmt}"/>
      </xsl:when>
      <xsl:otherwise>
        <number col="{$c}" value="{number($v)}" format="{$fmt}">
          <xsl:call-template name="x-attr"><xsl:with-param name="n" select="$v"/></xsl:call-template>
        </number>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The attribute x="PATH" (path-of) when $n is exactly one node of the
       aggregate; nothing otherwise. -->
  <xsl:template name="x-attr">
    <xsl:param name="n"/>
    <xsl:if test="$paths and exsl:object-type($n) = 'node-set' and count($n) = 1">
      <xsl:attribute name="x">
        <xsl:call-template name="path-of"><xsl:with-param name="n" select="$n"/></xsl:call-template>
      </xsl:attribute>
    </xsl:if>
  </xsl:template>

  <!-- A formula cell with its cached value; $x (optional): the aggregate
       node whose value the formula gives, recorded as x="PATH". -->
  <xsl:template name="fx">
    <xsl:param name="c"/>
    <xsl:param name="expr"/>
    <xsl:param name="v"/>
    <xsl:param name="x" select="''"/>
    <xsl:param name="kind" select="'amount'"/>
    <xsl:param name="bold" select="false()"/>
    <xsl:variable name="fmt">
      <xsl:call-template name="fmt-of">
        <xsl:with-param name="v" select="$v"/>
        <xsl:with-param name="kind" select="$kind"/>
        <xsl:with-param name="bold" select="$bold"/>
      </xsl:call-template>
    </xsl:variable>
    <formula col="{$c}" expr="={$expr}" value="{number($v)}" format="{$fmt}">
      <xsl:call-template name="x-attr"><xsl:with-param name="n" select="$x"/></xsl:call-template>
    </formula>
  </xsl:template>

  <!-- The attribute height="H" (points) of a row whose wrapped text cells
       hold $a, $b and $c in columns about $ca, $cb and $cc characters wide:
       the tallest of them, a line of 11-point Times New Roman being 15
       points (LibreOffice and Excel do not grow a row written with cells,
       so text would print over the next row).  Words wrap before the
       column's end: a line holds about 85% of the width. -->
  <xsl:template name="fit-height">
    <xsl:param name="a" select="''"/>
    <xsl:param name="ca" select="10"/>
    <xsl:param name="b" select="''"/>
    <xsl:param name="cb" select="10"/>
    <xsl:param name="c" select="''"/>
    <xsl:param name="cc" select="10"/>
    <xsl:variable name="la" select="ceiling(string-length($a) div floor($ca * 0.85))"/>
    <xsl:variable name="lb" select="ceiling(string-length($b) div floor($cb * 0.85))"/>
    <xsl:variable name="lc" select="ceiling(string-length($c) div floor($cc * 0.85))"/>
    <xsl:variable name="l1">
      <xsl:choose><xsl:when test="$la &gt; $lb"><xsl:value-of select="$la"/></xsl:when><xsl:otherwise><xsl:value-of select="$lb"/></xsl:otherwise></xsl:choose>
    </xsl:variable>
    <xsl:variable name="lines">
      <xsl:choose><xsl:when test="$lc &gt; number($l1)"><xsl:value-of select="$lc"/></xsl:when><xsl:otherwise><xsl:value-of select="$l1"/></xsl:otherwise></xsl:choose>
    </xsl:variable>
    <xsl:attribute name="height">
      <xsl:choose>
        <xsl:when test="15 * $lines + 3 &gt; 409">409</xsl:when>
        <xsl:when test="$lines &lt; 1">18</xsl:when>
        <xsl:otherwise><xsl:value-of select="15 * $lines + 3"/></xsl:otherwise>
      </xsl:choose>
    </xsl:attribute>
  </xsl:template>

  <!-- Money has one precision across the workbook, so that a column
       never mixes "1.200" and "1.200,500": three decimals when any
       amount of the budget has decimals, whole numbers otherwise. -->
  <xsl:variable name="money-decimals"
                select="boolean($B//@*[local-name() = 'allocated' or local-name() = 'disbursed'
                                       or local-name() = 'plan' or local-name() = 'stated-total'
                                       or local-name() = 'computed-total' or local-name() = 'plan-stated'
                                       or local-name() = 'allocated-a' or local-name() = 'disbursed-a'
                                       or local-name() = 'allocated-all' or local-name() = 'disbursed-all']
                                   [number(.) != floor(number(.))])"/>

  <xsl:template name="fmt-of">
    <xsl:param name="v"/>
    <xsl:param name="kind"/>
    <xsl:param name="bold"/>
    <xsl:choose>
      <xsl:when test="$kind = 'amount' and $money-decimals">amount</xsl:when>
      <xsl:when test="$kind = 'amount'">int</xsl:when>
      <xsl:otherwise><xsl:value-of select="$kind"/></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$bold">-b</xsl:if>
  </xsl:template>

  <!-- A table heading row of text cells from a '|'-separated list,
       starting at column $c. -->
  <xsl:template name="heads">
    <xsl:param name="list"/>
    <xsl:param name="c" select="1"/>
    <xsl:choose>
      <xsl:when test="contains($list, '|')">
        <string col="{$c}" format="head"><xsl:value-of select="substring-before($list, '|')"/></string>
        <xsl:call-template name="heads">
          <xsl:with-param name="list" select="substring-after($list, '|')"/>
          <xsl:with-param name="c" select="$c + 1"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$list != ''">
        <string col="{$c}" format="head"><xsl:value-of select="$list"/></string>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- $t with every '&' doubled, for a header or footer (where '&' starts
       one of Excel's codes). -->
  <xsl:template name="hf-escape">
    <xsl:param name="t"/>
    <xsl:choose>
      <xsl:when test="contains($t, '&amp;')">
        <xsl:value-of select="concat(substring-before($t, '&amp;'), '&amp;&amp;')"/>
        <xsl:call-template name="hf-escape"><xsl:with-param name="t" select="substring-after($t, '&amp;')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The page set-up of every sheet: A4, all columns on one page width,
       margins (mm) for a printed attachment; the header names the issuing
       body (and says "Dữ liệu minh họa" on illustrative data), the footer
       the sheet, the page number and the year.  $repeat: the table heading
       row repeated on every page (none when 0). -->
  <xsl:variable name="hf-body">
    <xsl:call-template name="hf-escape">
      <xsl:with-param name="t" select="substring(normalize-space($A/report/setting[@name = 'issuing-body']), 1, 80)"/>
    </xsl:call-template>
  </xsl:variable>
  <xsl:template name="print">
    <xsl:param name="landscape" select="true()"/>
    <xsl:param name="repeat" select="4"/>
    <xsl:param name="one-page" select="false()"/>
    <print fit-width="true" margin-left="20" margin-right="15" margin-top="20"
           margin-bottom="20" margin-header="8" margin-footer="8">
      <xsl:if test="$landscape"><xsl:attribute name="landscape">true</xsl:attribute></xsl:if>
      <xsl:if test="$one-page"><xsl:attribute name="fit-height">true</xsl:attribute></xsl:if>
      <xsl:if test="not($landscape) or $one-page"><xsl:attribute name="center">true</xsl:attribute></xsl:if>
      <xsl:if test="$repeat &gt; 0">
        <xsl:attribute name="repeat-first"><xsl:value-of select="$repeat"/></xsl:attribute>
        <xsl:attribute name="repeat-last"><xsl:value-of select="$repeat"/></xsl:attribute>
      </xsl:if>
      <xsl:attribute name="header">
        <xsl:value-of select="concat('&amp;L', $hf-body)"/>
        <xsl:if test="$illustrative">
          <xsl:value-of select="concat('&amp;R', $illustrative-words, ' – không dùng để báo cáo chính thức')"/>
        </xsl:if>
      </xsl:attribute>
      <xsl:attribute name="footer">
        <xsl:value-of select="concat('&amp;L&amp;A&amp;CTrang &amp;P/&amp;N&amp;RSố liệu năm ', $year)"/>
      </xsl:attribute>
    </print>
  </xsl:template>

  <!-- ===== the workbook ================================================= -->
  <xsl:template match="/">
    <xsl:variable name="d" select="normalize-space($A/report/setting[@name = 'date'])"/>
    <workbook format="1">
      <properties>
        <xsl:attribute name="title">
          <xsl:if test="$illustrative"><xsl:value-of select="concat('[', $illustrative-words, '] ')"/></xsl:if>
          <xsl:value-of select="concat('Báo cáo kết quả thực hiện Đề án triển khai Chiến lược sở hữu trí tuệ đến năm 2030 trên địa bàn tỉnh Lạng Sơn năm ', $year)"/>
        </xsl:attribute>
        <xsl:attribute name="subject">Số liệu tổng hợp kèm theo báo cáo</xsl:attribute>
        <xsl:if test="normalize-space($A/report/setting[@name = 'issuing-body']) != ''">
          <xsl:attribute name="author"><xsl:value-of select="normalize-space($A/report/setting[@name = 'issuing-body'])"/></xsl:attribute>
        </xsl:if>
        <xsl:if test="normalize-space($A/report/setting[@name = 'parent-body']) != ''">
          <xsl:attribute name="company"><xsl:value-of select="normalize-space($A/report/setting[@name = 'parent-body'])"/></xsl:attribute>
        </xsl:if>
        <xsl:attribute name="keywords">sở hữu trí tuệ, Lạng Sơn, <xsl:value-of select="$year"/></xsl:attribute>
        <xsl:attribute name="comments">
          <xsl:if test="$illustrative"><xsl:value-of select="concat($illustrative-words, '. ')"/></xsl:if>
          <xsl:value-of select="concat('Lập bằng ', $A/@generator)"/>
        </xsl:attribute>
        <xsl:attribute name="created">
          <xsl:choose>
            <xsl:when test="string-length($d) = 10 and substring($d, 5, 1) = '-'
                            and substring($d, 8, 1) = '-'"><xsl:value-of select="$d"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="$A/period/@to"/></xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
      </properties>
      <formats>
        <format name="title" font-name="Times New Roman" bold="true" font-size="13" align="center" valign="center" wrap="true"/>
        <format name="banner" font-name="Times New Roman" bold="true" italic="true" border="medium" align="center" valign="center" wrap="true"/>
        <format name="note" font-name="Times New Roman" italic="true" wrap="true" valign="top"/>
        <format name="unit" font-name="Times New Roman" italic="true" align="right"/>
        <format name="section" font-name="Times New Roman" bold="true"/>
        <format name="head" font-name="Times New Roman" bold="true" wrap="true" border="thin" fill="#D9D9D9" align="center" valign="center"/>
        <format name="text" font-name="Times New Roman" wrap="true" border="thin" valign="top"/>
        <format name="text-c" font-name="Times New Roman" border="thin" align="center" valign="top"/>
        <format name="text-b" font-name="Times New Roman" bold="true" wrap="true" border="thin" valign="top"/>
        <format name="int" font-name="Times New Roman" num-format="#,##0" border="thin" valign="top"/>
        <format name="int-b" font-name="Times New Roman" num-format="#,##0" bold="true" border="thin" valign="top"/>
        <format name="dec1" font-name="Times New Roman" num-format="#,##0.0" border="thin" valign="top"/>
        <format name="dec1-b" font-name="Times New Roman" num-format="#,##0.0" bold="true" border="thin" valign="top"/>
        <format name="dec2" font-name="Times New Roman" num-format="#,##0.00" border="thin" valign="top"/>
        <format name="dec2-b" font-name="Times New Roman" num-format="#,##0.00" bold="true" border="thin" valign="top"/>
        <format name="amount" font-name="Times New Roman" num-format="#,##0.000" border="thin" valign="top"/>
        <format name="amount-b" font-name="Times New Roman" num-format="#,##0.000" bold="true" border="thin" valign="top"/>
        <format name="pct" font-name="Times New Roman" num-format="0.0%" border="thin" valign="top"/>
        <format name="pct-b" font-name="Times New Roman" num-format="0.0%" bold="true" border="thin" valign="top"/>
      </formats>
      <xsl:call-template name="sheet-summary"/>
      <xsl:call-template name="sheet-targets"/>
      <xsl:call-template name="sheet-budget"/>
      <xsl:call-template name="sheet-targets-chart"/>
      <xsl:call-template name="sheet-budget-chart"/>
      <xsl:call-template name="sheet-kinds"/>
      <xsl:call-template name="sheet-tasks"/>
      <xsl:call-template name="sheet-units"/>
      <xsl:call-template name="sheet-records"/>
      <xsl:call-template name="sheet-duplicates"/>
      <xsl:call-template name="sheet-findings"/>
    </workbook>
  </xsl:template>

  <!-- Title rows 1-2 of every sheet: the title merged over $width columns,
       then the illustrative banner and the period in row 2. -->
  <xsl:template name="sheet-title">
    <xsl:param name="title"/>
    <xsl:param name="width"/>
    <row n="1" height="36"/>
    <merge first-row="1" first-col="1" last-row="1" last-col="{$width}" format="title">
      <xsl:value-of select="$title"/>
    </merge>
    <row n="2" height="32"/>
    <merge first-row="2" first-col="1" last-row="2" last-col="{$width}">
      <xsl:attribute name="format">
        <xsl:choose>
          <xsl:when test="$illustrative">banner</xsl:when>
          <xsl:otherwise>note</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <xsl:if test="$illustrative">
        <xsl:value-of select="concat($illustrative-words, ' – số liệu mẫu, không phải số liệu thật; không dùng để báo cáo chính thức. ')"/>
      </xsl:if>
      <xsl:text>Kỳ báo cáo: </xsl:text>
      <xsl:call-template name="date"><xsl:with-param name="d" select="$A/period/@from"/></xsl:call-template>
      <xsl:text> – </xsl:text>
      <xsl:call-template name="date"><xsl:with-param name="d" select="$A/period/@to"/></xsl:call-template>
    </merge>
  </xsl:template>

  <!-- A note line merged over $width columns at row $r; $chars: about
       how many characters a line of those columns holds (their widths
       added up), so that the row is tall enough for the wrapped text. -->
  <xsl:template name="note-row">
    <xsl:param name="r"/>
    <xsl:param name="width"/>
    <xsl:param name="v"/>
    <xsl:param name="f" select="'note'"/>
    <xsl:param name="chars" select="80"/>
    <xsl:variable name="lines" select="floor((string-length($v) - 1) div $chars) + 1"/>
    <row n="{$r}">
      <xsl:attribute name="height">
        <xsl:choose>
          <xsl:when test="15 * $lines + 3 &gt; 409">409</xsl:when>
          <xsl:when test="15 * $lines + 3 &gt; 30"><xsl:value-of select="15 * $lines + 3"/></xsl:when>
          <xsl:otherwise>30</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
    </row>
    <merge first-row="{$r}" first-col="1" last-row="{$r}" last-col="{$width}" format="{$f}">
      <xsl:value-of select="$v"/>
    </merge>
  </xsl:template>

  <!-- The sentences on the budget: no estimate this year; the stated and
       computed totals of a phase that differ. -->
  <xsl:variable name="budget-note">
    <xsl:if test="not($B/@year-approved = 'true' or $B/@year-approved = '1')">
      <xsl:value-of select="concat('Năm ', $year, ' chưa có dự toán kinh phí được phê duyệt cho các nhiệm vụ Phần B của Đề án')"/>
      <xsl:for-each select="$B/phase[@closed = 'true' or @closed = '1'][last()]">
        <xsl:value-of select="concat('; giai đoạn ', @from, '-', @to, ' đã kết thúc')"/>
      </xsl:for-each>
      <xsl:text>.</xsl:text>
      <xsl:for-each select="$B/phase[(@current = 'true' or @current = '1') and @note]">
        <xsl:value-of select="concat(' ', @note)"/>
        <xsl:if test="substring(@note, string-length(@note)) != '.'">.</xsl:if>
      </xsl:for-each>
    </xsl:if>
  </xsl:variable>
  <xsl:variable name="phase-note">
    <xsl:for-each select="$B/phase[@difference and @stated-total and @computed-total]">
      <xsl:value-of select="concat('Giai đoạn ', @from, '-', @to, ': Tổng kinh phí ghi trong Đề án là ')"/>
      <xsl:call-template name="num"><xsl:with-param name="v" select="@stated-total"/><xsl:with-param name="mark" select="false()"/></xsl:call-template>
      <xsl:text> triệu đồng, cộng các dòng được </xsl:text>
      <xsl:call-template name="num"><xsl:with-param name="v" select="@computed-total"/><xsl:with-param name="mark" select="false()"/></xsl:call-template>
      <xsl:text> triệu đồng; bảng giữ nguyên cả hai số. </xsl:text>
    </xsl:for-each>
  </xsl:variable>

  <!-- ===== Tổng hợp ===================================================== -->
  <xsl:template name="sheet-summary">
    <xsl:variable name="s" select="$A/summary"/>
    <sheet name="Tổng hợp">
      <column first="1" last="1" width="48"/>
      <column first="2" last="3" width="16"/>
      <xsl:call-template name="print"><xsl:with-param name="landscape" select="false()"/></xsl:call-template>
      <xsl:call-template name="sheet-title">
        <xsl:with-param name="title" select="concat('SỐ LIỆU TỔNG HỢP NĂM ', $year, ' – ĐỀ ÁN TRIỂN KHAI CHIẾN LƯỢC SỞ HỮU TRÍ TUỆ ĐẾN NĂM 2030 TỈNH LẠNG SƠN')"/>
        <xsl:with-param name="width" select="3"/>
      </xsl:call-template>
      <row n="4">
        <xsl:call-template name="heads">
          <xsl:with-param name="list" select="concat('Chỉ số|Năm ', $year, '|Từ năm ', $A/plan/@start)"/>
        </xsl:call-template>
      </row>
      <xsl:call-template name="summary-row"><xsl:with-param name="r" select="5"/><xsl:with-param name="label" select="'Tệp báo cáo đã tiếp nhận'"/><xsl:with-param name="expr" select="'SUM(B6:B8)'"/><xsl:with-param name="a" select="$s/@files"/><xsl:with-param name="b" select="$s/@files-all"/></xsl:call-template>
      <xsl:call-template name="summary-row"><xsl:with-param name="r" select="6"/><xsl:with-param name="label" select="'Tệp hợp lệ'"/><xsl:with-param name="a" select="$s/@accepted"/></xsl:call-template>
      <xsl:call-template name="summary-row"><xsl:with-param name="r" select="7"/><xsl:with-param name="label" select="'Tệp bị từ chối'"/><xsl:with-param name="a" select="$s/@rejected"/><xsl:with-param name="b" select="$s/@rejected-all"/></xsl:call-template>
      <xsl:call-template name="summary-row"><xsl:with-param name="r" select="8"/><xsl:with-param name="label" select="'Tệp được thay thế bằng bản nộp sau'"/><xsl:with-param name="a" select="$s/@replaced"/></xsl:call-template>
      <xsl:call-template name="summary-row"><xsl:with-param name="r" select="9"/><xsl:with-param name="label" select="'Hồ sơ sở hữu trí tuệ (không tính trùng)'"/><xsl:with-param name="a" select="$s/@records"/><xsl:with-param name="b" select="$s/@records-all"/></xsl:call-template>
      <xsl:call-template name="summary-row"><xsl:with-param name="r" select="10"/><xsl:with-param name="label" select="'Số đơn được báo cáo trùng (tính một lần)'"/><xsl:with-param name="a" select="$s/@duplicates"/></xsl:call-template>
      <!-- the units to report are counted on Đơn vị (its Cộng row, column
           E), when that list is the same count -->
      <xsl:variable name="nu">
        <xsl:choose>
          <xsl:when test="$A/units/@count"><xsl:value-of select="$A/units/@count"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="count($A/units/unit)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:call-template name="summary-row">
        <xsl:with-param name="r" select="11"/>
        <xsl:with-param name="label" select="'Đơn vị phải báo cáo'"/>
        <xsl:with-param name="a" select="$s/@units-expected"/>
        <xsl:with-param name="expr" select="substring(concat(&quot;'Đơn vị'!E&quot;, 5 + $nu), 1, 100 * ($nu &gt; 0 and number($A/units/@expected) = number($s/@units-expected)))"/>
      </xsl:call-template>
      <xsl:call-template name="summary-row"><xsl:with-param name="r" select="12"/><xsl:with-param name="label" select="'Đơn vị đã gửi báo cáo (kể cả đơn vị mọi tệp bị từ chối)'"/><xsl:with-param name="a" select="$s/@units-submitted"/></xsl:call-template>
      <xsl:call-template name="summary-row"><xsl:with-param name="r" select="13"/><xsl:with-param name="label" select="'Đơn vị chưa gửi báo cáo'"/><xsl:with-param name="expr" select="'B11-B12'"/><xsl:with-param name="a" select="$s/@units-missing"/></xsl:call-template>
      <xsl:call-template name="summary-row"><xsl:with-param name="r" select="14"/><xsl:with-param name="label" select="'Lỗi'"/><xsl:with-param name="a" select="$s/@errors"/></xsl:call-template>
      <xsl:call-template name="summary-row"><xsl:with-param name="r" select="15"/><xsl:with-param name="label" select="'Cảnh báo'"/><xsl:with-param name="a" select="$s/@warnings"/></xsl:call-template>
      <xsl:call-template name="summary-row"><xsl:with-param name="r" select="16"/><xsl:with-param name="label" select="'Ghi chú'"/><xsl:with-param name="a" select="$s/@notes"/></xsl:call-template>
      <!-- the money, a table of its own (one number format a column):
           the "Cộng Phần B" rows of Kinh phí II and III, this year's
           column and all the years -->
      <row n="17">
        <xsl:call-template name="heads">
          <xsl:with-param name="list" select="concat('Kinh phí Phần B (triệu đồng)|Năm ', $year, '|Từ năm ', $A/plan/@start)"/>
        </xsl:call-template>
      </row>
      <xsl:call-template name="summary-money"><xsl:with-param name="r" select="18"/><xsl:with-param name="label" select="'Kinh phí được giao'"/><xsl:with-param name="what" select="'allocated'"/><xsl:with-param name="kr" select="$s2 + 2 + $nt"/></xsl:call-template>
      <xsl:call-template name="summary-money"><xsl:with-param name="r" select="19"/><xsl:with-param name="label" select="'Kinh phí đã giải ngân'"/><xsl:with-param name="what" select="'disbursed'"/><xsl:with-param name="kr" select="$s3 + 2 + $nt"/></xsl:call-template>
      <xsl:variable name="notes-start" select="21"/>
      <xsl:if test="string($budget-note) != ''">
        <xsl:call-template name="note-row"><xsl:with-param name="r" select="$notes-start"/><xsl:with-param name="width" select="3"/><xsl:with-param name="v" select="$budget-note"/></xsl:call-template>
      </xsl:if>
      <xsl:if test="string($phase-note) != ''">
        <xsl:call-template name="note-row"><xsl:with-param name="r" select="$notes-start + 1"/><xsl:with-param name="width" select="3"/><xsl:with-param name="v" select="normalize-space($phase-note)"/></xsl:call-template>
      </xsl:if>
      <xsl:if test="$A/plan/@communes-complete = 'false' or $A/plan/@communes-complete = '0'">
        <xsl:call-template name="note-row">
          <xsl:with-param name="r" select="$notes-start + 2"/>
          <xsl:with-param name="width" select="3"/>
          <xsl:with-param name="v" select="concat('Danh sách đơn vị cấp xã trong dữ liệu Đề án chưa đầy đủ (', $A/plan/@communes-listed, '/', $A/plan/@communes-expected, ' xã, phường); số đơn vị phải báo cáo có thể thiếu.')"/>
        </xsl:call-template>
      </xsl:if>
      <xsl:for-each select="$A/plan-findings/finding">
        <xsl:call-template name="note-row">
          <xsl:with-param name="r" select="$notes-start + 2 + position()"/>
          <xsl:with-param name="width" select="3"/>
          <xsl:with-param name="v" select="concat('Mâu thuẫn trong Đề án [', @code, ']: ', @message, '; ghi: ', @found, '; tính được: ', @expected, '.')"/>
        </xsl:call-template>
      </xsl:for-each>
    </sheet>
  </xsl:template>

  <xsl:template name="summary-row">
    <xsl:param name="r"/>
    <xsl:param name="label"/>
    <xsl:param name="a"/>
    <xsl:param name="b" select="''"/>
    <xsl:param name="kind" select="'int'"/>
    <!-- $expr (optional): the formula over this sheet's cells that gives
         $a, so that the sheet cannot disagree with itself -->
    <xsl:param name="expr" select="''"/>
    <row n="{$r}">
      <xsl:call-template name="fit-height"><xsl:with-param name="a" select="$label"/><xsl:with-param name="ca" select="48"/></xsl:call-template>
      <string col="1" format="text"><xsl:value-of select="$label"/></string>
      <xsl:choose>
        <xsl:when test="$expr != '' and string(number($a)) != 'NaN'">
          <xsl:call-template name="fx"><xsl:with-param name="c" select="2"/><xsl:with-param name="expr" select="$expr"/><xsl:with-param name="v" select="$a"/><xsl:with-param name="x" select="$a"/><xsl:with-param name="kind" select="$kind"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="n"><xsl:with-param name="c" select="2"/><xsl:with-param name="v" select="$a"/><xsl:with-param name="kind" select="$kind"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="n"><xsl:with-param name="c" select="3"/><xsl:with-param name="v" select="$b"/><xsl:with-param name="kind" select="$kind"/></xsl:call-template>
    </row>
  </xsl:template>

  <!-- A money row of Tổng hợp at row $r: $what (allocated, disbursed) of
       Phần B this year and since the plan's start, as formulas over the
       "Cộng Phần B" row $kr of Kinh phí (the sheet that holds the parts). -->
  <xsl:template name="summary-money">
    <xsl:param name="r"/>
    <xsl:param name="label"/>
    <xsl:param name="what"/>
    <xsl:param name="kr"/>
    <xsl:variable name="this" select="$B/@*[local-name() = $what]"/>
    <xsl:variable name="yc"><xsl:call-template name="ycol"><xsl:with-param name="y" select="$year"/></xsl:call-template></xsl:variable>
    <xsl:variable name="yl"><xsl:call-template name="col"><xsl:with-param name="n" select="$yc"/></xsl:call-template></xsl:variable>
    <xsl:variable name="last-l"><xsl:call-template name="col"><xsl:with-param name="n" select="4 + $ny"/></xsl:call-template></xsl:variable>
    <row n="{$r}">
      <xsl:call-template name="fit-height"><xsl:with-param name="a" select="$label"/><xsl:with-param name="ca" select="48"/></xsl:call-template>
      <string col="1" format="text"><xsl:value-of select="$label"/></string>
      <xsl:choose>
        <xsl:when test="$years[@y = $year] and string(number($this)) != 'NaN'">
          <xsl:call-template name="fx"><xsl:with-param name="c" select="2"/><xsl:with-param name="expr" select="concat($kp, $yl, $kr)"/><xsl:with-param name="v" select="sum($B/task[@part = 'B']/year[@y = $year]/@*[local-name() = $what])"/><xsl:with-param name="x" select="$this"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="n"><xsl:with-param name="c" select="2"/><xsl:with-param name="v" select="$this"/><xsl:with-param name="kind" select="'amount'"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="$ny &gt; 0">
          <xsl:call-template name="fx"><xsl:with-param name="c" select="3"/><xsl:with-param name="expr" select="concat('SUM(', $kp, 'E', $kr, ':', $last-l, $kr, ')')"/><xsl:with-param name="v" select="sum($B/task[@part = 'B']/year/@*[local-name() = $what])"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="n"><xsl:with-param name="c" select="3"/><xsl:with-param name="v" select="sum($B/phase/@*[local-name() = $what])"/><xsl:with-param name="kind" select="'amount'"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </row>
  </xsl:template>

  <!-- ===== Chỉ tiêu ===================================================== -->
  <xsl:template name="sheet-targets">
    <xsl:variable name="T" select="$A/targets/target"/>
    <xsl:variable name="last" select="4 + count($T)"/>
    <xsl:variable name="nys" select="count($T/year[not(@y = preceding::year[parent::target]/@y)])"/>
    <sheet name="Chỉ tiêu">
      <column first="1" last="1" width="6"/>
      <column first="2" last="2" width="36"/>
      <column first="3" last="3" width="20"/>
      <column first="4" last="13" width="11"/>
      <column first="14" last="14" width="16"/>
      <freeze rows="4" cols="2"/>
      <autofilter first-row="4" first-col="1" last-row="{$last}" last-col="14"/>
      <xsl:call-template name="print"/>
      <xsl:call-template name="sheet-title">
        <xsl:with-param name="title" select="concat('TIẾN ĐỘ THỰC HIỆN CÁC MỤC TIÊU CỦA ĐỀ ÁN ĐẾN NĂM ', $year)"/>
        <xsl:with-param name="width" select="14"/>
      </xsl:call-template>
      <row n="4" height="45">
        <xsl:call-template name="heads">
          <xsl:with-param name="list" select="concat('Mã|Chỉ tiêu|Đơn vị đo|Tối thiểu|Tối đa|Tăng bình quân yêu cầu (%/năm)|Năm ', $year, '|Lũy kế|Mức cần có đến nay|Tỷ lệ so với tối thiểu|Còn thiếu|Cần đạt mỗi năm còn lại|Tăng bình quân đạt được (%/năm)|Đánh giá')"/>
        </xsl:call-template>
      </row>
      <xsl:for-each select="$T">
        <row n="{4 + position()}">
          <xsl:call-template name="fit-height">
            <xsl:with-param name="a" select="@name"/><xsl:with-param name="ca" select="36"/>
            <xsl:with-param name="b" select="@measure"/><xsl:with-param name="cb" select="20"/>
            <xsl:with-param name="c"><xsl:call-template name="target-status-word"/></xsl:with-param><xsl:with-param name="cc" select="16"/>
          </xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="1"/><xsl:with-param name="v" select="@id"/><xsl:with-param name="f" select="'text-c'"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="2"/><xsl:with-param name="v" select="@name"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="3"/><xsl:with-param name="v" select="@measure"/></xsl:call-template>
          <xsl:call-template name="n"><xsl:with-param name="c" select="4"/><xsl:with-param name="v" select="@min"/></xsl:call-template>
          <xsl:call-template name="n"><xsl:with-param name="c" select="5"/><xsl:with-param name="v" select="@max"/></xsl:call-template>
          <xsl:call-template name="n"><xsl:with-param name="c" select="6"/><xsl:with-param name="v" select="@rate"/><xsl:with-param name="kind" select="'dec2'"/></xsl:call-template>
          <!-- the year's value and the cumulative value come from the
               yearly values in the table below (row $last + 3 +
               position(), columns C..): this year's cell, their SUM -->
          <xsl:variable name="yr" select="$last + 3 + position()"/>
          <xsl:variable name="ylast"><xsl:call-template name="col"><xsl:with-param name="n" select="2 + $nys"/></xsl:call-template></xsl:variable>
          <xsl:variable name="ythis"><xsl:call-template name="col"><xsl:with-param name="n" select="2 + count($T/year[not(@y = preceding::year[parent::target]/@y)][number(@y) &lt;= number($year)])"/></xsl:call-template></xsl:variable>
          <xsl:choose>
            <xsl:when test="year[@y = $year] and number(year[@y = $year]/@value) = number(@year-value)">
              <xsl:call-template name="fx"><xsl:with-param name="c" select="7"/><xsl:with-param name="expr" select="concat($ythis, $yr)"/><xsl:with-param name="v" select="@year-value"/><xsl:with-param name="x" select="@year-value"/><xsl:with-param name="kind" select="'int'"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="n"><xsl:with-param name="c" select="7"/><xsl:with-param name="v" select="@year-value"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:choose>
            <xsl:when test="@cumulative and $nys &gt; 0 and count(year) = $nys">
              <xsl:call-template name="fx"><xsl:with-param name="c" select="8"/><xsl:with-param name="expr" select="concat('SUM(C', $yr, ':', $ylast, $yr, ')')"/><xsl:with-param name="v" select="sum(year/@value)"/><xsl:with-param name="x" select="@cumulative"/><xsl:with-param name="kind" select="'int'"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="n"><xsl:with-param name="c" select="8"/><xsl:with-param name="v" select="@cumulative"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:choose>
            <xsl:when test="@type = 'rate'">
              <!-- dec1 like the expected values of the other targets:
                   one number format a column -->
              <xsl:call-template name="n"><xsl:with-param name="c" select="9"/><xsl:with-param name="v" select="@required-this-year"/><xsl:with-param name="kind" select="'dec1'"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="n"><xsl:with-param name="c" select="9"/><xsl:with-param name="v" select="@expected-by-now"/><xsl:with-param name="kind" select="'dec1'"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:choose>
            <xsl:when test="@share-min and number(@min) &gt; 0 and string(number(@cumulative)) != 'NaN'">
              <xsl:call-template name="fx"><xsl:with-param name="c" select="10"/><xsl:with-param name="expr" select="concat('H', 4 + position(), '/D', 4 + position())"/><xsl:with-param name="v" select="number(@cumulative) div number(@min)"/><xsl:with-param name="x" select="@share-min"/><xsl:with-param name="kind" select="'pct'"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="n"><xsl:with-param name="c" select="10"/><xsl:with-param name="v" select="@share-min"/><xsl:with-param name="kind" select="'pct'"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:choose>
            <xsl:when test="@needed and string(number(@min)) != 'NaN' and string(number(@cumulative)) != 'NaN'">
              <xsl:variable name="gap" select="number(@min) - number(@cumulative)"/>
              <xsl:call-template name="fx"><xsl:with-param name="c" select="11"/><xsl:with-param name="expr" select="concat('MAX(0,D', 4 + position(), '-H', 4 + position(), ')')"/><xsl:with-param name="v" select="$gap * ($gap &gt; 0)"/><xsl:with-param name="x" select="@needed"/><xsl:with-param name="kind" select="'int'"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="n"><xsl:with-param name="c" select="11"/><xsl:with-param name="v" select="@needed"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:call-template name="n"><xsl:with-param name="c" select="12"/><xsl:with-param name="v" select="@pace-needed"/><xsl:with-param name="kind" select="'dec1'"/></xsl:call-template>
          <xsl:call-template name="n"><xsl:with-param name="c" select="13"/><xsl:with-param name="v" select="@growth"/><xsl:with-param name="kind" select="'dec2'"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="14"/><xsl:with-param name="v"><xsl:call-template name="target-status-word"/></xsl:with-param></xsl:call-template>
        </row>
      </xsl:for-each>
      <!-- the value of each plan year, below -->
      <xsl:variable name="ys" select="$T/year[not(@y = preceding::year[parent::target]/@y)]"/>
      <xsl:if test="$ys">
        <xsl:variable name="r0" select="$last + 2"/>
        <row n="{$r0}"><string col="2" format="section">Giá trị từng năm</string></row>
        <row n="{$r0 + 1}">
          <string col="1" format="head">Mã</string>
          <string col="2" format="head">Chỉ tiêu</string>
          <xsl:for-each select="$ys">
            <xsl:sort select="@y" data-type="number"/>
            <string col="{2 + position()}" format="head"><xsl:value-of select="@y"/></string>
          </xsl:for-each>
        </row>
        <xsl:for-each select="$T">
          <xsl:variable name="t" select="."/>
          <row n="{$r0 + 1 + position()}">
            <xsl:call-template name="fit-height">
              <xsl:with-param name="a" select="@name"/><xsl:with-param name="ca" select="36"/>
            </xsl:call-template>
            <xsl:call-template name="s"><xsl:with-param name="c" select="1"/><xsl:with-param name="v" select="@id"/><xsl:with-param name="f" select="'text-c'"/></xsl:call-template>
            <xsl:call-template name="s"><xsl:with-param name="c" select="2"/><xsl:with-param name="v" select="@name"/></xsl:call-template>
            <xsl:for-each select="$ys">
              <xsl:sort select="@y" data-type="number"/>
              <xsl:call-template name="n"><xsl:with-param name="c" select="2 + position()"/><xsl:with-param name="v" select="$t/year[@y = current()/@y]/@value"/></xsl:call-template>
            </xsl:for-each>
          </row>
        </xsl:for-each>
      </xsl:if>
    </sheet>
  </xsl:template>


  <!-- ===== Kinh phí ===================================================== -->
  <!-- Layout: rows 1-2 title; 3 unit; 4-5 notes; then four blocks of the
       same shape (tasks x years): I plan, II allocated, III disbursed,
       IV rate = III / II.  Tasks in the same order in every block: part B
       (with estimates) first, then part A tasks that received money.  Columns: 1 no, 2 content, 3 host, 4 the total
       stated by the plan (block I), 5.. one per year, then the row sum. -->
  <!-- the distinct years of the tasks (the first year element of each
       value), found among the earlier tasks and years, not along the
       preceding axis: that would walk the units and records before
       the budget for each year -->
  <xsl:variable name="years"
                select="$B/task/year[not(@y = preceding-sibling::year/@y)
                                     and not(@y = ../preceding-sibling::task/year/@y)
                                     and not(@y = ../../preceding-sibling::budget/task/year/@y)]"/>
  <xsl:variable name="ny" select="count($years)"/>
  <!-- a reference to a cell of Kinh phí from another sheet -->
  <xsl:variable name="kp">'Kinh phí'!</xsl:variable>
  <xsl:variable name="ct">'Chỉ tiêu'!</xsl:variable>
  <xsl:variable name="nt" select="count($B/task)"/>
  <xsl:variable name="ysum-col" select="5 + $ny"/>
  <!-- the row sums ("Cộng" column) cover the years of the first phase
       only, the phase Phụ lục 2's khái toán is for: a later year's money
       stands apart (issue 13 reading h) -->
  <xsl:variable name="p1-to" select="number($B/phase[1]/@to)"/>
  <xsl:variable name="ny1" select="count($years[number(@y) &lt;= $p1-to])"/>
  <xsl:variable name="s1" select="7"/>
  <xsl:variable name="s2" select="$s1 + 6 + $nt"/>
  <xsl:variable name="s3" select="$s2 + 4 + $nt"/>
  <xsl:variable name="s4" select="$s3 + 4 + $nt"/>

  <!-- the column of plan year $y -->
  <xsl:template name="ycol">
    <xsl:param name="y"/>
    <xsl:value-of select="5 + count($years[number(@y) &lt; number($y)])"/>
  </xsl:template>

  <xsl:template name="sheet-budget">
    <sheet name="Kinh phí">
      <column first="1" last="1" width="6"/>
      <column first="2" last="2" width="40"/>
      <column first="3" last="3" width="22"/>
      <column first="4" last="{$ysum-col}" width="12"/>
      <freeze rows="0" cols="3"/>
      <!-- four blocks, each with its own heading: no row repeated -->
      <xsl:call-template name="print"><xsl:with-param name="repeat" select="0"/></xsl:call-template>
      <xsl:call-template name="sheet-title">
        <xsl:with-param name="title" select="concat('KINH PHÍ THỰC HIỆN CÁC NHIỆM VỤ PHẦN B (PHỤ LỤC 2 CỦA ĐỀ ÁN) ĐẾN NĂM ', $year)"/>
        <xsl:with-param name="width" select="$ysum-col"/>
      </xsl:call-template>
      <row n="3"/>
      <merge first-row="3" first-col="1" last-row="3" last-col="{$ysum-col}" format="unit">Đơn vị tính: triệu đồng</merge>
      <xsl:if test="string($budget-note) != ''">
        <xsl:call-template name="note-row"><xsl:with-param name="r" select="4"/><xsl:with-param name="width" select="$ysum-col"/><xsl:with-param name="chars" select="68 + 12 * ($ny + 1)"/><xsl:with-param name="v" select="$budget-note"/></xsl:call-template>
      </xsl:if>
      <xsl:if test="string($phase-note) != ''">
        <xsl:call-template name="note-row"><xsl:with-param name="r" select="5"/><xsl:with-param name="width" select="$ysum-col"/><xsl:with-param name="chars" select="68 + 12 * ($ny + 1)"/><xsl:with-param name="v" select="normalize-space($phase-note)"/></xsl:call-template>
      </xsl:if>
      <xsl:call-template name="budget-block">
        <xsl:with-param name="start" select="$s1"/>
        <xsl:with-param name="title" select="'I. DỰ TOÁN THEO ĐỀ ÁN'"/>
        <xsl:with-param name="what" select="'plan'"/>
      </xsl:call-template>
      <xsl:call-template name="budget-stated"/>
      <xsl:call-template name="budget-block">
        <xsl:with-param name="start" select="$s2"/>
        <xsl:with-param name="title" select="'II. KINH PHÍ ĐƯỢC GIAO'"/>
        <xsl:with-param name="what" select="'allocated'"/>
      </xsl:call-template>
      <xsl:call-template name="budget-block">
        <xsl:with-param name="start" select="$s3"/>
        <xsl:with-param name="title" select="'III. KINH PHÍ ĐÃ GIẢI NGÂN'"/>
        <xsl:with-param name="what" select="'disbursed'"/>
      </xsl:call-template>
      <xsl:call-template name="budget-rates"/>
    </sheet>
  </xsl:template>

  <!-- The section title and column heads of a block at row $start. -->
  <xsl:template name="budget-heads">
    <xsl:param name="start"/>
    <xsl:param name="title"/>
    <row n="{$start}"><string col="1" format="section"><xsl:value-of select="$title"/></string></row>
    <row n="{$start + 1}" height="30">
      <string col="1" format="head">STT</string>
      <string col="2" format="head">Nội dung</string>
      <string col="3" format="head">Cơ quan chủ trì</string>
      <string col="4" format="head">Tổng ghi trong Đề án</string>
      <xsl:for-each select="$years">
        <xsl:sort select="@y" data-type="number"/>
        <string col="{4 + position()}" format="head"><xsl:value-of select="@y"/></string>
      </xsl:for-each>
      <string col="{$ysum-col}" format="head"><xsl:value-of select="concat('Cộng ', $B/phase[1]/@from, '-', $B/phase[1]/@to)"/></string>
    </row>
  </xsl:template>

  <!-- The height of a task row (task-cells). -->
  <xsl:template name="task-height">
    <xsl:call-template name="fit-height">
      <xsl:with-param name="a" select="concat(substring('Phần A (không có dự toán) – ', 1, 100 * (@part = 'A')), @title)"/>
      <xsl:with-param name="ca" select="40"/>
      <xsl:with-param name="b" select="concat(@host-name, substring(@host, 1, 1000 * not(@host-name)))"/>
      <xsl:with-param name="cb" select="22"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The three text cells that open a task row. -->
  <xsl:template name="task-cells">
    <xsl:call-template name="s"><xsl:with-param name="c" select="1"/><xsl:with-param name="v" select="@no"/><xsl:with-param name="f" select="'text-c'"/></xsl:call-template>
    <xsl:call-template name="s">
      <xsl:with-param name="c" select="2"/>
      <xsl:with-param name="v">
        <xsl:if test="@part = 'A'">Phần A (không có dự toán) – </xsl:if>
        <xsl:value-of select="@title"/>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="s">
      <xsl:with-param name="c" select="3"/>
      <xsl:with-param name="v">
        <xsl:choose>
          <xsl:when test="@host-name"><xsl:value-of select="@host-name"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="@host"/></xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- One block (tasks x years) of amount $what (plan, allocated,
       disbursed): a row per task with its row sum, then the "Cộng" row of
       column sums. -->
  <xsl:template name="budget-block">
    <xsl:param name="start"/>
    <xsl:param name="title"/>
    <xsl:param name="what"/>
    <xsl:variable name="first" select="$start + 2"/>
    <xsl:variable name="last" select="$start + 1 + $nt"/>
    <!-- Part B tasks come first (sorted by part, descending): the Cộng row
         adds them only, as «Tổng hợp», the chart and the HTML do (issue 13
         fault 5); Part A (dự toán hằng năm) rows follow, apart -->
    <xsl:variable name="blast" select="$start + 1 + count($B/task[@part = 'B'])"/>
    <xsl:variable name="ylast-l"><xsl:call-template name="col"><xsl:with-param name="n" select="4 + $ny1"/></xsl:call-template></xsl:variable>
    <xsl:call-template name="budget-heads">
      <xsl:with-param name="start" select="$start"/>
      <xsl:with-param name="title" select="$title"/>
    </xsl:call-template>
    <xsl:for-each select="$B/task">
      <xsl:sort select="@part" order="descending"/>
      <xsl:variable name="t" select="."/>
      <xsl:variable name="r" select="$start + 1 + position()"/>
      <row n="{$r}">
        <xsl:call-template name="task-height"/>
        <xsl:call-template name="task-cells"/>
        <xsl:choose>
          <xsl:when test="$what = 'plan'">
            <xsl:call-template name="n"><xsl:with-param name="c" select="4"/><xsl:with-param name="v" select="@stated-total"/><xsl:with-param name="kind" select="'amount'"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise><blank col="4" format="text"/></xsl:otherwise>
        </xsl:choose>
        <xsl:for-each select="$years">
          <xsl:sort select="@y" data-type="number"/>
          <xsl:call-template name="n">
            <xsl:with-param name="c" select="4 + position()"/>
            <xsl:with-param name="v" select="$t/year[@y = current()/@y]/@*[local-name() = $what]"/>
            <xsl:with-param name="kind" select="'amount'"/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:choose>
          <xsl:when test="$ny &gt; 0">
            <xsl:call-template name="fx">
              <xsl:with-param name="c" select="$ysum-col"/>
              <xsl:with-param name="expr" select="concat('SUM(E', $r, ':', $ylast-l, $r, ')')"/>
              <xsl:with-param name="v" select="sum($t/year[number(@y) &lt;= $p1-to]/@*[local-name() = $what])"/>
              <xsl:with-param name="bold" select="true()"/>
              <!-- the task's own total of the first phase in the
                   aggregate: its subtotal's plan, allocated, disbursed -->
              <xsl:with-param name="x" select="$t/subtotal[1]/@*[local-name() = $what]"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise><blank col="{$ysum-col}" format="text"/></xsl:otherwise>
        </xsl:choose>
      </row>
    </xsl:for-each>
    <row n="{$last + 1}" height="33">
      <blank col="1" format="text"/>
      <string col="2" format="text-b">Cộng Phần B (tính từ các dòng Phần B; không gồm Phần A)</string>
      <blank col="3" format="text"/>
      <xsl:choose>
        <xsl:when test="$what = 'plan' and $nt &gt; 0">
          <xsl:call-template name="fx">
            <xsl:with-param name="c" select="4"/>
            <xsl:with-param name="expr" select="concat('SUM(D', $first, ':D', $blast, ')')"/>
            <xsl:with-param name="v" select="sum($B/task[@part = 'B']/@stated-total)"/>
            <xsl:with-param name="bold" select="true()"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise><blank col="4" format="text"/></xsl:otherwise>
      </xsl:choose>
      <xsl:for-each select="$years">
        <xsl:sort select="@y" data-type="number"/>
        <xsl:variable name="l"><xsl:call-template name="col"><xsl:with-param name="n" select="4 + position()"/></xsl:call-template></xsl:variable>
        <xsl:call-template name="fx">
          <xsl:with-param name="c" select="4 + position()"/>
          <xsl:with-param name="expr" select="concat('SUM(', $l, $first, ':', $l, $blast, ')')"/>
          <xsl:with-param name="v" select="sum($B/task[@part = 'B']/year[@y = current()/@y]/@*[local-name() = $what])"/>
          <xsl:with-param name="bold" select="true()"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:if test="$ny &gt; 0">
        <xsl:call-template name="fx">
          <xsl:with-param name="c" select="$ysum-col"/>
          <xsl:with-param name="expr" select="concat('SUM(E', $last + 1, ':', $ylast-l, $last + 1, ')')"/>
          <xsl:with-param name="v" select="sum($B/task[@part = 'B']/year[number(@y) &lt;= $p1-to]/@*[local-name() = $what])"/>
          <xsl:with-param name="bold" select="true()"/>
        </xsl:call-template>
      </xsl:if>
    </row>
  </xsl:template>

  <!-- Under block I: the totals as the plan states them, and the
       difference stated - computed (Phụ lục 2 does not add up). -->
  <xsl:template name="budget-stated">
    <xsl:variable name="rc" select="$s1 + 2 + $nt"/>
    <xsl:variable name="rs" select="$rc + 1"/>
    <xsl:variable name="ylast-l"><xsl:call-template name="col"><xsl:with-param name="n" select="4 + $ny1"/></xsl:call-template></xsl:variable>
    <row n="{$rs}">
      <blank col="1" format="text"/>
      <string col="2" format="text-b">Tổng ghi trong Đề án</string>
      <blank col="3" format="text"/>
      <xsl:call-template name="n"><xsl:with-param name="c" select="4"/><xsl:with-param name="v" select="sum($B/phase/@stated-total)"/><xsl:with-param name="kind" select="'amount'"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
      <xsl:for-each select="$years">
        <xsl:sort select="@y" data-type="number"/>
        <xsl:call-template name="n"><xsl:with-param name="c" select="4 + position()"/><xsl:with-param name="v" select="$B/total[@y = current()/@y]/@plan-stated"/><xsl:with-param name="kind" select="'amount'"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
      </xsl:for-each>
      <xsl:choose>
        <xsl:when test="$ny &gt; 0 and $B/total/@plan-stated">
          <xsl:call-template name="fx">
            <xsl:with-param name="c" select="$ysum-col"/>
            <xsl:with-param name="expr" select="concat('SUM(E', $rs, ':', $ylast-l, $rs, ')')"/>
            <xsl:with-param name="v" select="sum($B/total[@y = $years/@y]/@plan-stated)"/>
            <xsl:with-param name="bold" select="true()"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise><blank col="{$ysum-col}" format="text"/></xsl:otherwise>
      </xsl:choose>
    </row>
    <row n="{$rs + 1}" height="33">
      <blank col="1" format="text"/>
      <string col="2" format="text-b">Chênh lệch (ghi trong Đề án trừ cộng các dòng)</string>
      <blank col="3" format="text"/>
      <xsl:choose>
        <xsl:when test="$B/phase/@stated-total and $nt &gt; 0">
          <xsl:call-template name="fx">
            <xsl:with-param name="c" select="4"/>
            <xsl:with-param name="expr" select="concat('D', $rs, '-D', $rc)"/>
            <xsl:with-param name="v" select="sum($B/phase/@stated-total) - sum($B/task/@stated-total)"/>
            <xsl:with-param name="bold" select="true()"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise><blank col="4" format="text"/></xsl:otherwise>
      </xsl:choose>
      <xsl:for-each select="$years">
        <xsl:sort select="@y" data-type="number"/>
        <xsl:variable name="l"><xsl:call-template name="col"><xsl:with-param name="n" select="4 + position()"/></xsl:call-template></xsl:variable>
        <xsl:variable name="stated" select="$B/total[@y = current()/@y]/@plan-stated"/>
        <xsl:choose>
          <xsl:when test="$stated">
            <xsl:call-template name="fx">
              <xsl:with-param name="c" select="4 + position()"/>
              <xsl:with-param name="expr" select="concat($l, $rs, '-', $l, $rc)"/>
              <xsl:with-param name="v" select="number($stated) - sum($B/task/year[@y = current()/@y]/@plan)"/>
              <xsl:with-param name="bold" select="true()"/>
            </xsl:call-template>
          </xsl:when>
          <xsl:otherwise><blank col="{4 + position()}" format="text"/></xsl:otherwise>
        </xsl:choose>
      </xsl:for-each>
      <xsl:choose>
        <xsl:when test="$ny &gt; 0 and $B/total/@plan-stated">
          <xsl:variable name="l"><xsl:call-template name="col"><xsl:with-param name="n" select="$ysum-col"/></xsl:call-template></xsl:variable>
          <xsl:call-template name="fx">
            <xsl:with-param name="c" select="$ysum-col"/>
            <xsl:with-param name="expr" select="concat($l, $rs, '-', $l, $rc)"/>
            <xsl:with-param name="v" select="sum($B/total[@y = $years/@y][number(@y) &lt;= $p1-to]/@plan-stated) - sum($B/task/year[number(@y) &lt;= $p1-to]/@plan)"/>
            <xsl:with-param name="bold" select="true()"/>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise><blank col="{$ysum-col}" format="text"/></xsl:otherwise>
      </xsl:choose>
    </row>
  </xsl:template>

  <!-- Block IV: disbursed / allocated for each cell of blocks II and III
       where something was allocated. -->
  <xsl:template name="budget-rates">
    <xsl:call-template name="budget-heads">
      <xsl:with-param name="start" select="$s4"/>
      <xsl:with-param name="title" select="'IV. TỶ LỆ GIẢI NGÂN SO VỚI KINH PHÍ ĐƯỢC GIAO'"/>
    </xsl:call-template>
    <xsl:for-each select="$B/task">
      <xsl:sort select="@part" order="descending"/>
      <xsl:variable name="t" select="."/>
      <xsl:variable name="i" select="position()"/>
      <row n="{$s4 + 1 + $i}">
        <xsl:call-template name="task-height"/>
        <xsl:call-template name="task-cells"/>
        <blank col="4" format="text"/>
        <xsl:for-each select="$years">
          <xsl:sort select="@y" data-type="number"/>
          <xsl:call-template name="rate-cell">
            <xsl:with-param name="c" select="4 + position()"/>
            <xsl:with-param name="row-a" select="$s2 + 1 + $i"/>
            <xsl:with-param name="row-d" select="$s3 + 1 + $i"/>
            <xsl:with-param name="alloc" select="sum($t/year[@y = current()/@y]/@allocated)"/>
            <xsl:with-param name="disb" select="sum($t/year[@y = current()/@y]/@disbursed)"/>
          </xsl:call-template>
        </xsl:for-each>
        <xsl:call-template name="rate-cell">
          <xsl:with-param name="c" select="$ysum-col"/>
          <xsl:with-param name="row-a" select="$s2 + 1 + $i"/>
          <xsl:with-param name="row-d" select="$s3 + 1 + $i"/>
          <xsl:with-param name="alloc" select="sum($t/year[number(@y) &lt;= $p1-to]/@allocated)"/>
          <xsl:with-param name="disb" select="sum($t/year[number(@y) &lt;= $p1-to]/@disbursed)"/>
          <xsl:with-param name="bold" select="true()"/>
        </xsl:call-template>
      </row>
    </xsl:for-each>
    <row n="{$s4 + 2 + $nt}">
      <blank col="1" format="text"/>
      <string col="2" format="text-b">Cộng Phần B</string>
      <blank col="3" format="text"/>
      <blank col="4" format="text"/>
      <xsl:for-each select="$years">
        <xsl:sort select="@y" data-type="number"/>
        <xsl:call-template name="rate-cell">
          <xsl:with-param name="c" select="4 + position()"/>
          <xsl:with-param name="row-a" select="$s2 + 2 + $nt"/>
          <xsl:with-param name="row-d" select="$s3 + 2 + $nt"/>
          <xsl:with-param name="alloc" select="sum($B/task[@part = 'B']/year[@y = current()/@y]/@allocated)"/>
          <xsl:with-param name="disb" select="sum($B/task[@part = 'B']/year[@y = current()/@y]/@disbursed)"/>
          <xsl:with-param name="bold" select="true()"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:call-template name="rate-cell">
        <xsl:with-param name="c" select="$ysum-col"/>
        <xsl:with-param name="row-a" select="$s2 + 2 + $nt"/>
        <xsl:with-param name="row-d" select="$s3 + 2 + $nt"/>
        <xsl:with-param name="alloc" select="sum($B/task[@part = 'B']/year[number(@y) &lt;= $p1-to]/@allocated)"/>
        <xsl:with-param name="disb" select="sum($B/task[@part = 'B']/year[number(@y) &lt;= $p1-to]/@disbursed)"/>
        <xsl:with-param name="bold" select="true()"/>
      </xsl:call-template>
    </row>
  </xsl:template>

  <!-- The rate disbursed / allocated in column $c: cell $col-d$row-d over
       $col-a$row-a (both in column $c unless given); a blank when nothing
       was allocated. -->
  <xsl:template name="rate-cell">
    <xsl:param name="c"/>
    <xsl:param name="row-a"/>
    <xsl:param name="row-d"/>
    <xsl:param name="alloc"/>
    <xsl:param name="disb"/>
    <xsl:param name="bold" select="false()"/>
    <xsl:param name="col-a" select="''"/>
    <xsl:param name="col-d" select="''"/>
    <xsl:variable name="l"><xsl:call-template name="col"><xsl:with-param name="n" select="$c"/></xsl:call-template></xsl:variable>
    <xsl:choose>
      <xsl:when test="$alloc &gt; 0">
        <xsl:call-template name="fx">
          <xsl:with-param name="c" select="$c"/>
          <xsl:with-param name="expr" select="concat($col-d, substring($l, 1, 3 * ($col-d = '')), $row-d, '/', $col-a, substring($l, 1, 3 * ($col-a = '')), $row-a)"/>
          <xsl:with-param name="v" select="$disb div $alloc"/>
          <xsl:with-param name="kind" select="'pct'"/>
          <xsl:with-param name="bold" select="$bold"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <blank col="{$c}">
          <xsl:attribute name="format">pct<xsl:if test="$bold">-b</xsl:if></xsl:attribute>
        </blank>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Biểu đồ chỉ tiêu ============================================ -->
  <!-- The figures the chart draws, then the chart: for each target with a
       minimum, the cumulative share of the minimum (from the aggregate)
       and the share expected by now, formulas over Chỉ tiêu.  A sheet of
       its own, printed on one page.  The chart reads those formula cells;
       the writer caches their values as the chart's points. -->
  <xsl:template name="sheet-targets-chart">
    <xsl:variable name="T" select="$A/targets/target"/>
    <xsl:variable name="C" select="$T[string(@share-min) != '' and number(@min) &gt; 0
                                      and string(@expected-by-now) != '']"/>
    <xsl:variable name="n" select="count($C)"/>
    <xsl:variable name="r2" select="4 + $n"/>
    <sheet name="Biểu đồ chỉ tiêu">
      <column first="1" last="1" width="6"/>
      <column first="2" last="2" width="60"/>
      <column first="3" last="4" width="18"/>
      <xsl:call-template name="print">
        <xsl:with-param name="repeat" select="0"/>
        <xsl:with-param name="one-page" select="true()"/>
      </xsl:call-template>
      <xsl:call-template name="sheet-title">
        <xsl:with-param name="title" select="concat('BIỂU ĐỒ TIẾN ĐỘ CÁC MỤC TIÊU CỦA ĐỀ ÁN ĐẾN NĂM ', $year)"/>
        <xsl:with-param name="width" select="4"/>
      </xsl:call-template>
      <row n="4" height="45">
        <xsl:call-template name="heads">
          <xsl:with-param name="list" select="concat('Mã|Chỉ tiêu|Đã đạt (lũy kế so với mức tối thiểu)|Cần có đến năm ', $year, ' (so với mức tối thiểu)')"/>
        </xsl:call-template>
      </row>
      <xsl:for-each select="$C">
        <row n="{4 + position()}">
          <xsl:call-template name="s"><xsl:with-param name="c" select="1"/><xsl:with-param name="v" select="@id"/><xsl:with-param name="f" select="'text-c'"/></xsl:call-template>
          <xsl:call-template name="s">
            <xsl:with-param name="c" select="2"/>
            <xsl:with-param name="v">
              <xsl:value-of select="concat(@id, ' – ')"/>
              <xsl:choose>
                <xsl:when test="normalize-space(@measure) != ''"><xsl:value-of select="normalize-space(@measure)"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="normalize-space(@name)"/></xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
          <!-- formulas over the target's row of Chỉ tiêu (J share of the
               minimum, I expected by now, D minimum) -->
          <xsl:variable name="tr" select="4 + count(preceding-sibling::target) + 1"/>
          <xsl:choose>
            <xsl:when test="string(number(@cumulative)) != 'NaN'">
              <xsl:call-template name="fx"><xsl:with-param name="c" select="3"/><xsl:with-param name="expr" select="concat($ct, 'J', $tr)"/><xsl:with-param name="v" select="number(@cumulative) div number(@min)"/><xsl:with-param name="x" select="@share-min"/><xsl:with-param name="kind" select="'pct'"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="n"><xsl:with-param name="c" select="3"/><xsl:with-param name="v" select="@share-min"/><xsl:with-param name="kind" select="'pct'"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:choose>
            <xsl:when test="not(@type = 'rate')">
              <xsl:call-template name="fx"><xsl:with-param name="c" select="4"/><xsl:with-param name="expr" select="concat($ct, 'I', $tr, '/', $ct, 'D', $tr)"/><xsl:with-param name="v" select="number(@expected-by-now) div number(@min)"/><xsl:with-param name="kind" select="'pct'"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="n"><xsl:with-param name="c" select="4"/><xsl:with-param name="v" select="number(@expected-by-now) div number(@min)"/><xsl:with-param name="kind" select="'pct'"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </row>
      </xsl:for-each>
      <xsl:variable name="left" select="$T[count(. | $C) != count($C)]"/>
      <xsl:call-template name="note-row">
        <xsl:with-param name="r" select="$r2 + 1"/>
        <xsl:with-param name="width" select="4"/>
        <xsl:with-param name="chars" select="102"/>
        <xsl:with-param name="v">
          <xsl:text>Mức cần có đến nay tính theo tỷ lệ thời gian đã qua của Đề án; số liệu từng chỉ tiêu ở trang Chỉ tiêu.</xsl:text>
          <xsl:if test="$left">
            <xsl:text> Không vẽ (không có mức tối thiểu): </xsl:text>
            <xsl:for-each select="$left">
              <xsl:if test="position() &gt; 1">; </xsl:if>
              <xsl:value-of select="concat(@id, ' – ', normalize-space(@name))"/>
            </xsl:for-each>
            <xsl:text>.</xsl:text>
          </xsl:if>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:if test="$n &gt; 0">
        <!-- as wide as columns A-D: 47 + 425 + 2 x 131 pixels -->
        <chart type="bar" anchor="A{$r2 + 3}" width="734" height="{160 + 40 * $n}"
               title="{concat('Tỷ lệ đạt được so với mức tối thiểu của Đề án, lũy kế đến năm ', $year)}"
               value-title="Tỷ lệ so với mức tối thiểu" value-format="0%" value-min="0"
               category-reverse="true" legend="bottom"
               description="{concat('Biểu đồ thanh: với mỗi chỉ tiêu có mức tối thiểu, tỷ lệ lũy kế đã đạt và tỷ lệ cần có đến năm ', $year, ' so với mức tối thiểu; số liệu ở bảng phía trên')}">
          <series name="Đã đạt (lũy kế)" categories="B5:B{$r2}" values="C5:C{$r2}"
                  color="#404040" border="#000000" labels="true" labels-format="0%"/>
          <series name="{concat('Cần có đến năm ', $year)}" categories="B5:B{$r2}" values="D5:D{$r2}"
                  pattern="wide-upward-diagonal" color="#000000" border="#000000"/>
        </chart>
      </xsl:if>
    </sheet>
  </xsl:template>

  <!-- ===== Biểu đồ kinh phí ============================================= -->
  <!-- A row a year (one number format a column): the khái toán of the
       plan, the amounts allocated and disbursed, formulas over the
       "Cộng Phần B" rows of blocks I, II and III of Kinh phí, and the
       disbursement rate; then the chart of the three amounts, which reads
       those formula cells.  A year without a khái toán has a blank there
       (its border kept): a gap in the chart, not a 0. -->
  <xsl:template name="sheet-budget-chart">
    <xsl:variable name="r-last" select="4 + $ny"/>
    <sheet name="Biểu đồ kinh phí">
      <column first="1" last="1" width="12"/>
      <column first="2" last="5" width="18"/>
      <xsl:call-template name="print">
        <xsl:with-param name="repeat" select="0"/>
        <xsl:with-param name="one-page" select="true()"/>
      </xsl:call-template>
      <xsl:call-template name="sheet-title">
        <xsl:with-param name="title" select="concat('BIỂU ĐỒ KINH PHÍ KHÁI TOÁN, ĐƯỢC GIAO VÀ ĐÃ GIẢI NGÂN ĐẾN NĂM ', $year)"/>
        <xsl:with-param name="width" select="5"/>
      </xsl:call-template>
      <row n="3"/>
      <merge first-row="3" first-col="1" last-row="3" last-col="5" format="unit">Đơn vị tính: triệu đồng</merge>
      <row n="4" height="30">
        <xsl:call-template name="heads">
          <xsl:with-param name="list" select="'Năm|Khái toán theo Đề án|Kinh phí được giao|Kinh phí đã giải ngân|Tỷ lệ giải ngân'"/>
        </xsl:call-template>
      </row>
      <xsl:for-each select="$years">
        <xsl:sort select="@y" data-type="number"/>
        <xsl:variable name="y" select="@y"/>
        <xsl:variable name="t" select="$B/total[@y = $y]"/>
        <xsl:variable name="r" select="4 + position()"/>
        <xsl:variable name="l"><xsl:call-template name="col"><xsl:with-param name="n" select="4 + position()"/></xsl:call-template></xsl:variable>
        <xsl:variable name="Y" select="$B/task[@part = 'B']/year[@y = $y]"/>
        <row n="{$r}">
          <string col="1" format="text-c"><xsl:value-of select="$y"/></string>
          <xsl:choose>
            <xsl:when test="$t/@plan">
              <xsl:call-template name="fx"><xsl:with-param name="c" select="2"/><xsl:with-param name="expr" select="concat($kp, $l, $s1 + 2 + $nt)"/><xsl:with-param name="v" select="sum($Y/@plan)"/><xsl:with-param name="x" select="$t/@plan"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="n"><xsl:with-param name="c" select="2"/><xsl:with-param name="v" select="''"/><xsl:with-param name="kind" select="'amount'"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:call-template name="fx"><xsl:with-param name="c" select="3"/><xsl:with-param name="expr" select="concat($kp, $l, $s2 + 2 + $nt)"/><xsl:with-param name="v" select="sum($Y/@allocated)"/><xsl:with-param name="x" select="$t/@allocated"/></xsl:call-template>
          <xsl:call-template name="fx"><xsl:with-param name="c" select="4"/><xsl:with-param name="expr" select="concat($kp, $l, $s3 + 2 + $nt)"/><xsl:with-param name="v" select="sum($Y/@disbursed)"/><xsl:with-param name="x" select="$t/@disbursed"/></xsl:call-template>
          <xsl:call-template name="rate-cell">
            <xsl:with-param name="c" select="5"/>
            <xsl:with-param name="row-a" select="$r"/>
            <xsl:with-param name="row-d" select="$r"/>
            <xsl:with-param name="col-a" select="'C'"/>
            <xsl:with-param name="col-d" select="'D'"/>
            <xsl:with-param name="alloc" select="sum($Y/@allocated)"/>
            <xsl:with-param name="disb" select="sum($Y/@disbursed)"/>
          </xsl:call-template>
        </row>
      </xsl:for-each>
      <xsl:call-template name="note-row">
        <xsl:with-param name="r" select="$r-last + 1"/>
        <xsl:with-param name="width" select="5"/>
        <xsl:with-param name="chars" select="84"/>
        <xsl:with-param name="v" select="'Số liệu là dòng Cộng Phần B của mục I (khái toán theo Đề án), mục II (được giao) và mục III (đã giải ngân) ở trang Kinh phí; không gồm kinh phí Phần A (dự toán hằng năm). Năm không có khái toán để trống.'"/>
      </xsl:call-template>
      <xsl:if test="$ny &gt; 0">
        <xsl:variable name="y1">
          <xsl:for-each select="$years">
            <xsl:sort select="@y" data-type="number"/>
            <xsl:if test="position() = 1"><xsl:value-of select="@y"/></xsl:if>
          </xsl:for-each>
        </xsl:variable>
        <!-- as wide as the table: 89 + 4 x 131 pixels -->
        <chart type="column" anchor="A{$r-last + 3}" width="613" height="380"
               title="{concat('Kinh phí khái toán, được giao và đã giải ngân theo năm, ', $y1, '-', $year, ' (triệu đồng)')}"
               category-title="Năm" value-title="Triệu đồng" value-format="#,##0" value-min="0"
               legend="bottom"
               description="Biểu đồ cột: kinh phí khái toán theo Đề án, kinh phí được giao và kinh phí đã giải ngân của mỗi năm, triệu đồng; số liệu ở bảng phía trên">
          <series name="Khái toán theo Đề án" categories="A5:A{$r-last}" values="B5:B{$r-last}"
                  pattern="light-downward-diagonal" color="#000000" border="#000000"/>
          <series name="Kinh phí được giao" categories="A5:A{$r-last}" values="C5:C{$r-last}"
                  color="#BFBFBF" border="#000000" labels="true" labels-format="#,##0"/>
          <series name="Kinh phí đã giải ngân" categories="A5:A{$r-last}" values="D5:D{$r-last}"
                  color="#404040" border="#000000" labels="true" labels-format="#,##0"/>
        </chart>
      </xsl:if>
    </sheet>
  </xsl:template>

  <!-- ===== Hồ sơ theo loại ============================================== -->
  <!-- The yearly series by kind (ip-series, the years reported, 2021..Y):
       I applications filed, II titles granted, each a row a kind with its
       row SUM, and a Cộng row of column SUMs (cached: the year's total in
       the aggregate); III their sum, cell by cell (formulas). -->
  <xsl:variable name="ks" select="$A/kinds/kind"/>
  <xsl:variable name="nk" select="count($ks)"/>
  <xsl:variable name="kys" select="$A/ip-series/year[@source = 'reported']"/>
  <xsl:variable name="nky" select="count($kys)"/>

  <xsl:template name="sheet-kinds">
    <xsl:variable name="width" select="3 + $nky"/>
    <sheet name="Hồ sơ theo loại">
      <column first="1" last="1" width="8"/>
      <column first="2" last="2" width="30"/>
      <column first="3" last="{$width}" width="11"/>
      <freeze rows="0" cols="2"/>
      <xsl:call-template name="print"><xsl:with-param name="repeat" select="0"/></xsl:call-template>
      <xsl:call-template name="sheet-title">
        <xsl:with-param name="title" select="concat('SỐ ĐƠN ĐĂNG KÝ VÀ VĂN BẰNG BẢO HỘ THEO LOẠI ĐỐI TƯỢNG, TỪ NĂM ', $A/plan/@start, ' ĐẾN NĂM ', $year)"/>
        <xsl:with-param name="width" select="$width"/>
      </xsl:call-template>
      <xsl:call-template name="note-row">
        <xsl:with-param name="r" select="3"/>
        <xsl:with-param name="width" select="$width"/>
        <xsl:with-param name="chars" select="38 + 11 * (1 + $nky)"/>
        <xsl:with-param name="v" select="'Số đơn, số văn bằng các đơn vị báo cáo trong từng năm (mỗi số đơn tính một lần trong năm); mục III là cộng mục I và mục II.'"/>
      </xsl:call-template>
      <xsl:call-template name="kinds-block"><xsl:with-param name="start" select="5"/><xsl:with-param name="title" select="'I. ĐƠN ĐĂNG KÝ ĐÃ NỘP'"/><xsl:with-param name="what" select="'filed'"/></xsl:call-template>
      <xsl:call-template name="kinds-block"><xsl:with-param name="start" select="9 + $nk"/><xsl:with-param name="title" select="'II. VĂN BẰNG BẢO HỘ ĐƯỢC CẤP'"/><xsl:with-param name="what" select="'granted'"/></xsl:call-template>
      <xsl:call-template name="kinds-block"><xsl:with-param name="start" select="13 + 2 * $nk"/><xsl:with-param name="title" select="'III. CỘNG ĐƠN ĐÃ NỘP VÀ VĂN BẰNG ĐƯỢC CẤP'"/><xsl:with-param name="what" select="''"/></xsl:call-template>
    </sheet>
  </xsl:template>

  <!-- One block of the kinds sheet at row $start: $what (filed, granted)
       of each kind and year, or, for $what empty, the sum of the two
       blocks above, cell by cell. -->
  <xsl:template name="kinds-block">
    <xsl:param name="start"/>
    <xsl:param name="title"/>
    <xsl:param name="what"/>
    <xsl:variable name="first" select="$start + 2"/>
    <xsl:variable name="last" select="$start + 1 + $nk"/>
    <xsl:variable name="sum-col" select="3 + $nky"/>
    <xsl:variable name="ylast-l"><xsl:call-template name="col"><xsl:with-param name="n" select="2 + $nky"/></xsl:call-template></xsl:variable>
    <row n="{$start}"><string col="1" format="section"><xsl:value-of select="$title"/></string></row>
    <row n="{$start + 1}" height="30">
      <string col="1" format="head">Mã</string>
      <string col="2" format="head">Loại đối tượng</string>
      <xsl:for-each select="$kys">
        <xsl:sort select="@y" data-type="number"/>
        <string col="{2 + position()}" format="head"><xsl:value-of select="@y"/></string>
      </xsl:for-each>
      <string col="{$sum-col}" format="head"><xsl:value-of select="concat('Cộng ', $A/plan/@start, '-', $year)"/></string>
    </row>
    <xsl:for-each select="$ks">
      <xsl:variable name="k" select="@code"/>
      <xsl:variable name="r" select="$start + 1 + position()"/>
      <row n="{$r}">
        <xsl:call-template name="s"><xsl:with-param name="c" select="1"/><xsl:with-param name="v" select="$k"/><xsl:with-param name="f" select="'text-c'"/></xsl:call-template>
        <xsl:call-template name="s"><xsl:with-param name="c" select="2"/><xsl:with-param name="v" select="@name"/></xsl:call-template>
        <xsl:for-each select="$kys">
          <xsl:sort select="@y" data-type="number"/>
          <xsl:variable name="l"><xsl:call-template name="col"><xsl:with-param name="n" select="2 + position()"/></xsl:call-template></xsl:variable>
          <xsl:choose>
            <xsl:when test="$what != ''">
              <xsl:call-template name="n"><xsl:with-param name="c" select="2 + position()"/><xsl:with-param name="v" select="kind[@code = $k]/@*[local-name() = $what]"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="fx"><xsl:with-param name="c" select="2 + position()"/><xsl:with-param name="expr" select="concat($l, $r - 2 * ($nk + 4), '+', $l, $r - ($nk + 4))"/><xsl:with-param name="v" select="sum(kind[@code = $k]/@filed) + sum(kind[@code = $k]/@granted)"/><xsl:with-param name="kind" select="'int'"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
        <xsl:if test="$nky &gt; 0">
          <xsl:call-template name="fx"><xsl:with-param name="c" select="$sum-col"/><xsl:with-param name="expr" select="concat('SUM(C', $r, ':', $ylast-l, $r, ')')"/><xsl:with-param name="v" select="sum($kys/kind[@code = $k]/@*[local-name() = $what or ($what = '' and (local-name() = 'filed' or local-name() = 'granted'))])"/><xsl:with-param name="kind" select="'int'"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
        </xsl:if>
      </row>
    </xsl:for-each>
    <row n="{$last + 1}">
      <blank col="1" format="text"/>
      <string col="2" format="text-b">Cộng</string>
      <xsl:for-each select="$kys">
        <xsl:sort select="@y" data-type="number"/>
        <xsl:variable name="l"><xsl:call-template name="col"><xsl:with-param name="n" select="2 + position()"/></xsl:call-template></xsl:variable>
        <xsl:call-template name="fx">
          <xsl:with-param name="c" select="2 + position()"/>
          <xsl:with-param name="expr" select="concat('SUM(', $l, $first, ':', $l, $last, ')')"/>
          <xsl:with-param name="v" select="sum(kind/@*[local-name() = $what or ($what = '' and (local-name() = 'filed' or local-name() = 'granted'))])"/>
          <!-- the year's own total in the aggregate -->
          <xsl:with-param name="x" select="@*[$what != '' and local-name() = $what]"/>
          <xsl:with-param name="kind" select="'int'"/>
          <xsl:with-param name="bold" select="true()"/>
        </xsl:call-template>
      </xsl:for-each>
      <xsl:if test="$nky &gt; 0">
        <xsl:call-template name="fx"><xsl:with-param name="c" select="$sum-col"/><xsl:with-param name="expr" select="concat('SUM(C', $last + 1, ':', $ylast-l, $last + 1, ')')"/><xsl:with-param name="v" select="sum($kys/kind/@*[local-name() = $what or ($what = '' and (local-name() = 'filed' or local-name() = 'granted'))])"/><xsl:with-param name="kind" select="'int'"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
      </xsl:if>
    </row>
  </xsl:template>

  <!-- ===== Khối lượng nhiệm vụ ========================================== -->
  <!-- The quantity reported of each Phụ lục 2 task (activities/task) a
       year, with the plan's yearly requirement where it states one (none
       invented) and the row SUM. -->
  <xsl:variable name="AT" select="$A/activities/task"/>
  <xsl:variable name="tys" select="$AT/year[not(@y = preceding-sibling::year/@y)
                                            and not(@y = ../preceding-sibling::task/year/@y)]"/>
  <xsl:variable name="nty" select="count($tys)"/>

  <xsl:template name="sheet-tasks">
    <xsl:variable name="width" select="6 + $nty"/>
    <xsl:variable name="ylast-l"><xsl:call-template name="col"><xsl:with-param name="n" select="5 + $nty"/></xsl:call-template></xsl:variable>
    <sheet name="Khối lượng nhiệm vụ">
      <column first="1" last="1" width="6"/>
      <column first="2" last="2" width="70"/>
      <column first="3" last="3" width="18"/>
      <column first="4" last="4" width="11"/>
      <column first="5" last="{$width}" width="9"/>
      <freeze rows="4" cols="2"/>
      <xsl:call-template name="print"/>
      <xsl:call-template name="sheet-title">
        <xsl:with-param name="title" select="concat('KHỐI LƯỢNG THỰC HIỆN CÁC NHIỆM VỤ CỦA PHỤ LỤC 2 THEO NĂM, ĐẾN NĂM ', $year)"/>
        <xsl:with-param name="width" select="$width"/>
      </xsl:call-template>
      <row n="4" height="45">
        <string col="1" format="head">Mã</string>
        <string col="2" format="head">Nhiệm vụ</string>
        <string col="3" format="head">Cơ quan chủ trì</string>
        <string col="4" format="head">Đơn vị tính</string>
        <string col="5" format="head">Yêu cầu mỗi năm</string>
        <xsl:for-each select="$tys">
          <xsl:sort select="@y" data-type="number"/>
          <string col="{5 + position()}" format="head"><xsl:value-of select="@y"/></string>
        </xsl:for-each>
        <string col="{6 + $nty}" format="head">Cộng</string>
      </row>
      <xsl:for-each select="$AT">
        <xsl:variable name="t" select="."/>
        <xsl:variable name="r" select="4 + position()"/>
        <row n="{$r}">
          <xsl:call-template name="fit-height">
            <xsl:with-param name="a" select="@title"/><xsl:with-param name="ca" select="70"/>
            <xsl:with-param name="b" select="@host-name"/><xsl:with-param name="cb" select="18"/>
          </xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="1"/><xsl:with-param name="v" select="@id"/><xsl:with-param name="f" select="'text-c'"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="2"/><xsl:with-param name="v" select="@title"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="3"/><xsl:with-param name="v" select="@host-name"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="4"/><xsl:with-param name="v" select="@measure-label"/><xsl:with-param name="f" select="'text-c'"/></xsl:call-template>
          <xsl:call-template name="n"><xsl:with-param name="c" select="5"/><xsl:with-param name="v" select="@per-year"/></xsl:call-template>
          <xsl:for-each select="$tys">
            <xsl:sort select="@y" data-type="number"/>
            <xsl:call-template name="n"><xsl:with-param name="c" select="5 + position()"/><xsl:with-param name="v" select="$t/year[@y = current()/@y]/@quantity"/></xsl:call-template>
          </xsl:for-each>
          <xsl:if test="$nty &gt; 0">
            <xsl:call-template name="fx"><xsl:with-param name="c" select="6 + $nty"/><xsl:with-param name="expr" select="concat('SUM(F', $r, ':', $ylast-l, $r, ')')"/><xsl:with-param name="v" select="sum(year/@quantity)"/><xsl:with-param name="kind" select="'int'"/><xsl:with-param name="bold" select="true()"/></xsl:call-template>
          </xsl:if>
        </row>
      </xsl:for-each>
      <xsl:call-template name="note-row">
        <xsl:with-param name="r" select="6 + count($AT)"/>
        <xsl:with-param name="width" select="$width"/>
        <xsl:with-param name="chars" select="105 + 9 * $nty"/>
        <xsl:with-param name="v" select="'Khối lượng theo báo cáo của các đơn vị (lớp, nhiệm vụ, hoạt động...). Yêu cầu mỗi năm theo Phụ lục 2 của Đề án; để trống khi Đề án không nêu số lượng.'"/>
      </xsl:call-template>
    </sheet>
  </xsl:template>

  <!-- ===== Đơn vị ======================================================= -->
  <!-- units/@count, submissions/@count: the view lists fewer units or
       files than there are; that list's rows then come from the saved
       aggregate (<rows-from>), through the same unit-row and file-row
       (bao-cao-xlsx-rows.xsl, src/detail.h), and every row number after a
       list counts all its items.  The Cộng row's cached values are the
       totals over every unit (units/@expected, @files, ...). -->
  <xsl:template name="sheet-units">
    <xsl:variable name="U" select="$A/units/unit"/>
    <xsl:variable name="nu">
      <xsl:choose>
        <xsl:when test="$A/units/@count"><xsl:value-of select="$A/units/@count"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="count($U)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <sheet name="Đơn vị">
      <column first="1" last="1" width="6"/>
      <column first="2" last="2" width="14"/>
      <column first="3" last="3" width="34"/>
      <column first="4" last="5" width="12"/>
      <column first="6" last="9" width="10"/>
      <column first="10" last="10" width="22"/>
      <column first="11" last="12" width="20"/>
      <freeze rows="4" cols="3"/>
      <autofilter first-row="4" first-col="1" last-row="{4 + $nu}" last-col="12"/>
      <xsl:call-template name="print"/>
      <xsl:call-template name="sheet-title">
        <xsl:with-param name="title" select="concat('TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ NĂM ', $year)"/>
        <xsl:with-param name="width" select="12"/>
      </xsl:call-template>
      <row n="4" height="30">
        <xsl:call-template name="heads">
          <xsl:with-param name="list" select="'TT|Mã đơn vị|Đơn vị|Cấp|Phải báo cáo|Số tệp|Hợp lệ|Tệp bị từ chối|Được thay thế|Tình trạng|Hiệu lực đến|Đơn vị kế thừa'"/>
        </xsl:call-template>
      </row>
      <xsl:choose>
        <xsl:when test="$A/units/@count">
          <rows-from source="units" first-row="5"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$U">
            <xsl:call-template name="unit-row">
              <xsl:with-param name="pos" select="position()"/>
              <xsl:with-param name="first-row" select="5"/>
            </xsl:call-template>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
      <row n="{5 + $nu}">
        <blank col="1" format="text"/>
        <blank col="2" format="text"/>
        <string col="3" format="text-b">Cộng</string>
        <blank col="4" format="text"/>
        <xsl:choose>
          <xsl:when test="$nu &gt; 0">
            <xsl:call-template name="units-total"><xsl:with-param name="c" select="5"/><xsl:with-param name="expr" select="concat('COUNTIF(E5:E', 4 + $nu, ',&quot;có&quot;)')"/><xsl:with-param name="what" select="'expected'"/></xsl:call-template>
            <xsl:call-template name="units-total"><xsl:with-param name="c" select="6"/><xsl:with-param name="expr" select="concat('SUM(F5:F', 4 + $nu, ')')"/><xsl:with-param name="what" select="'files'"/></xsl:call-template>
            <xsl:call-template name="units-total"><xsl:with-param name="c" select="7"/><xsl:with-param name="expr" select="concat('SUM(G5:G', 4 + $nu, ')')"/><xsl:with-param name="what" select="'accepted'"/></xsl:call-template>
            <xsl:call-template name="units-total"><xsl:with-param name="c" select="8"/><xsl:with-param name="expr" select="concat('SUM(H5:H', 4 + $nu, ')')"/><xsl:with-param name="what" select="'rejected'"/></xsl:call-template>
            <xsl:call-template name="units-total"><xsl:with-param name="c" select="9"/><xsl:with-param name="expr" select="concat('SUM(I5:I', 4 + $nu, ')')"/><xsl:with-param name="what" select="'replaced'"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <blank col="5" format="text"/>
          </xsl:otherwise>
        </xsl:choose>
      </row>
      <!-- the files received this year -->
      <xsl:variable name="r0" select="7 + $nu"/>
      <row n="{$r0}"><string col="1" format="section">Các tệp báo cáo đã tiếp nhận</string></row>
      <row n="{$r0 + 1}" height="30">
        <xsl:call-template name="heads">
          <xsl:with-param name="list" select="'TT|Mã đơn vị|Tệp|Ngày báo cáo|Kết quả|Số hồ sơ|Lỗi|Cảnh báo|Thay bằng'"/>
        </xsl:call-template>
      </row>
      <xsl:choose>
        <xsl:when test="$A/submissions/@count">
          <rows-from source="files" first-row="{$r0 + 2}"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$A/submissions/file">
            <xsl:call-template name="file-row">
              <xsl:with-param name="pos" select="position()"/>
              <xsl:with-param name="first-row" select="$r0 + 2"/>
            </xsl:call-template>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </sheet>
  </xsl:template>

  <!-- A cell of the units' Cộng row: the formula $expr, cached value
       units/@$what, the total over every unit, listed or not. -->
  <xsl:template name="units-total">
    <xsl:param name="c"/>
    <xsl:param name="expr"/>
    <xsl:param name="what"/>
    <xsl:variable name="t" select="$A/units/@*[local-name() = $what]"/>
    <xsl:call-template name="fx">
      <xsl:with-param name="c" select="$c"/>
      <xsl:with-param name="expr" select="$expr"/>
      <xsl:with-param name="v" select="$t"/>
      <xsl:with-param name="x" select="$t"/>
      <xsl:with-param name="kind" select="'int'"/>
      <xsl:with-param name="bold" select="true()"/>
    </xsl:call-template>
  </xsl:template>

  <!-- One unit's row of the Đơn vị sheet: the unit in context, numbered
       $pos, in row $first-row + $pos - 1.  Also called by
       bao-cao-xlsx-rows.xsl (src/detail.h), chunk by chunk.  The rows of
       the long lists give n their numbers as strings: a node would get
       x="PATH", whose position counts the siblings before it, quadratic
       over a list of thousands. -->
  <xsl:template name="unit-row">
    <xsl:param name="pos"/>
    <xsl:param name="first-row"/>
    <row n="{$first-row + $pos - 1}">
      <number col="1" value="{$pos}" format="int"/>
      <xsl:call-template name="s"><xsl:with-param name="c" select="2"/><xsl:with-param name="v" select="@code"/></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="3"/><xsl:with-param name="v" select="@name"/></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="4"/><xsl:with-param name="v"><xsl:call-template name="unit-type"><xsl:with-param name="t" select="@type"/></xsl:call-template></xsl:with-param></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="5"/><xsl:with-param name="f" select="'text-c'"/><xsl:with-param name="v"><xsl:choose><xsl:when test="@expected = 'true' or @expected = '1'">có</xsl:when><xsl:otherwise>không</xsl:otherwise></xsl:choose></xsl:with-param></xsl:call-template>
      <xsl:call-template name="n"><xsl:with-param name="c" select="6"/><xsl:with-param name="v" select="string(@files)"/></xsl:call-template>
      <xsl:call-template name="n"><xsl:with-param name="c" select="7"/><xsl:with-param name="v" select="string(@accepted)"/></xsl:call-template>
      <xsl:call-template name="n"><xsl:with-param name="c" select="8"/><xsl:with-param name="v" select="string(@rejected)"/></xsl:call-template>
      <xsl:call-template name="n"><xsl:with-param name="c" select="9"/><xsl:with-param name="v" select="string(@replaced)"/></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="10"/><xsl:with-param name="v"><xsl:call-template name="unit-status-word"/></xsl:with-param></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="11"/><xsl:with-param name="v"><xsl:call-template name="date"><xsl:with-param name="d" select="@valid-to"/></xsl:call-template></xsl:with-param></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="12"/><xsl:with-param name="v" select="@successor"/></xsl:call-template>
    </row>
  </xsl:template>

  <!-- One file's row of the Đơn vị sheet (the files received): the file
       in context, numbered $pos, in row $first-row + $pos - 1.  Also
       called by bao-cao-xlsx-rows.xsl (src/detail.h). -->
  <xsl:template name="file-row">
    <xsl:param name="pos"/>
    <xsl:param name="first-row"/>
    <row n="{$first-row + $pos - 1}">
      <number col="1" value="{$pos}" format="int"/>
      <xsl:call-template name="s"><xsl:with-param name="c" select="2"/><xsl:with-param name="v" select="@unit"/></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="3"/><xsl:with-param name="v" select="@path"/></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="4"/><xsl:with-param name="f" select="'text-c'"/><xsl:with-param name="v"><xsl:call-template name="date"><xsl:with-param name="d" select="@date"/></xsl:call-template></xsl:with-param></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="5"/><xsl:with-param name="v"><xsl:call-template name="file-status"><xsl:with-param name="s" select="@status"/></xsl:call-template></xsl:with-param></xsl:call-template>
      <xsl:call-template name="n"><xsl:with-param name="c" select="6"/><xsl:with-param name="v" select="string(@records)"/></xsl:call-template>
      <xsl:call-template name="n"><xsl:with-param name="c" select="7"/><xsl:with-param name="v" select="string(@errors)"/></xsl:call-template>
      <xsl:call-template name="n"><xsl:with-param name="c" select="8"/><xsl:with-param name="v" select="string(@warnings)"/></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="9"/><xsl:with-param name="v" select="@replaced-by"/></xsl:call-template>
    </row>
  </xsl:template>

  <!-- ===== Chi tiết ===================================================== -->
  <xsl:template name="sheet-records">
    <xsl:variable name="R" select="$A/records/record"/>
    <!-- records/@count: the view lists fewer records than there are; the
         rows then come from the saved aggregate, chunk by chunk, through
         the same record-row (bao-cao-xlsx-rows.xsl, src/detail.h) -->
    <xsl:variable name="total">
      <xsl:choose>
        <xsl:when test="$A/records/@count"><xsl:value-of select="$A/records/@count"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="count($R)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <sheet name="Chi tiết">
      <column first="1" last="1" width="7"/>
      <column first="2" last="2" width="16"/>
      <column first="3" last="3" width="20"/>
      <column first="4" last="6" width="28"/>
      <column first="7" last="9" width="12"/>
      <column first="10" last="10" width="18"/>
      <column first="11" last="11" width="28"/>
      <column first="12" last="15" width="9"/>
      <column first="16" last="17" width="20"/>
      <freeze rows="4" cols="2"/>
      <autofilter first-row="4" first-col="1" last-row="{4 + $total}" last-col="17"/>
      <xsl:call-template name="print"/>
      <xsl:call-template name="sheet-title">
        <xsl:with-param name="title" select="concat('DANH SÁCH HỒ SƠ SỞ HỮU TRÍ TUỆ ĐƯỢC TỔNG HỢP ĐẾN NĂM ', $year)"/>
        <xsl:with-param name="width" select="17"/>
      </xsl:call-template>
      <row n="4" height="30">
        <xsl:call-template name="heads">
          <xsl:with-param name="list" select="concat('TT|Số đơn|Loại|Tên|Sản phẩm|Chủ sở hữu|Ngày nộp đơn|Ngày cấp|Số văn bằng|Tình trạng|Đơn vị báo cáo|Số nguồn|Năm nộp|Năm cấp|Năm ', $year, '|Đã bảo hộ trước Đề án|Nhiệm vụ')"/>
        </xsl:call-template>
      </row>
      <xsl:choose>
        <xsl:when test="$A/records/@count">
          <rows-from source="records" first-row="5"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$R">
            <xsl:call-template name="record-row">
              <xsl:with-param name="pos" select="position()"/>
              <xsl:with-param name="first-row" select="5"/>
            </xsl:call-template>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
    </sheet>
  </xsl:template>

  <!-- One row of the Chi tiết sheet: the record in context, numbered $pos,
       in row $first-row + $pos - 1.  Also called by bao-cao-xlsx-rows.xsl
       (src/detail.h). -->
  <xsl:template name="record-row">
    <xsl:param name="pos"/>
    <xsl:param name="first-row"/>
    <row n="{$first-row + $pos - 1}">
      <number col="1" value="{$pos}" format="int"/>
      <xsl:call-template name="s"><xsl:with-param name="c" select="2"/><xsl:with-param name="v" select="@application"/></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="3"/><xsl:with-param name="v"><xsl:call-template name="kind-name"><xsl:with-param name="code" select="@kind"/></xsl:call-template></xsl:with-param></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="4"/><xsl:with-param name="v" select="@name"/></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="5"/><xsl:with-param name="v" select="@product"/></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="6"/><xsl:with-param name="v" select="@owner"/></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="7"/><xsl:with-param name="f" select="'text-c'"/><xsl:with-param name="v"><xsl:call-template name="date"><xsl:with-param name="d" select="@filed"/></xsl:call-template></xsl:with-param></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="8"/><xsl:with-param name="f" select="'text-c'"/><xsl:with-param name="v"><xsl:call-template name="date"><xsl:with-param name="d" select="@granted"/></xsl:call-template></xsl:with-param></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="9"/><xsl:with-param name="v" select="@certificate"/></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="10"/><xsl:with-param name="v"><xsl:call-template name="record-status"><xsl:with-param name="s" select="@status"/></xsl:call-template></xsl:with-param></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="11"/><xsl:with-param name="v" select="@unit-name"/></xsl:call-template>
      <xsl:call-template name="n"><xsl:with-param name="c" select="12"/><xsl:with-param name="v" select="string(@sources)"/></xsl:call-template>
      <xsl:call-template name="n"><xsl:with-param name="c" select="13"/><xsl:with-param name="v" select="string(@filed-year)"/></xsl:call-template>
      <xsl:call-template name="n"><xsl:with-param name="c" select="14"/><xsl:with-param name="v" select="string(@granted-year)"/></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="15"/><xsl:with-param name="f" select="'text-c'"/><xsl:with-param name="v"><xsl:if test="@this-year = 'true' or @this-year = '1'">có</xsl:if></xsl:with-param></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="16"/><xsl:with-param name="v" select="@pre-plan"/></xsl:call-template>
      <xsl:call-template name="s"><xsl:with-param name="c" select="17"/><xsl:with-param name="v" select="@task"/></xsl:call-template>
    </row>
  </xsl:template>

  <!-- ===== Số đơn trùng ================================================= -->
  <!-- The Vietnamese words of a duplicate source's status: how it was
       counted (source-status) or, for a source that is a stage of the
       application (filed, granted, ...), that stage (record-status); never
       the aggregate's English code (issue 16). -->
  <xsl:template name="dup-status">
    <xsl:param name="s"/>
    <xsl:variable name="w"><xsl:call-template name="source-status"><xsl:with-param name="s" select="$s"/></xsl:call-template></xsl:variable>
    <xsl:choose>
      <xsl:when test="string($w) != string($s)"><xsl:value-of select="$w"/></xsl:when>
      <xsl:otherwise><xsl:call-template name="record-status"><xsl:with-param name="s" select="$s"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="sheet-duplicates">
    <xsl:variable name="S" select="$A/duplicates/duplicate/source"/>
    <sheet name="Số đơn trùng">
      <column first="1" last="1" width="16"/>
      <column first="2" last="3" width="24"/>
      <column first="4" last="4" width="30"/>
      <column first="5" last="5" width="30"/>
      <column first="6" last="6" width="16"/>
      <column first="7" last="7" width="9"/>
      <column first="8" last="8" width="20"/>
      <freeze rows="4" cols="1"/>
      <autofilter first-row="4" first-col="1" last-row="{4 + count($S)}" last-col="8"/>
      <xsl:call-template name="print"/>
      <xsl:call-template name="sheet-title">
        <xsl:with-param name="title" select="'SỐ ĐƠN ĐƯỢC NHIỀU NGUỒN BÁO CÁO (CHỈ TÍNH MỘT LẦN)'"/>
        <xsl:with-param name="width" select="8"/>
      </xsl:call-template>
      <row n="4" height="30">
        <xsl:call-template name="heads">
          <xsl:with-param name="list" select="'Số đơn|Loại|Tên|Đơn vị báo cáo|Tệp|Vị trí|Năm báo cáo|Xử lý'"/>
        </xsl:call-template>
      </row>
      <xsl:for-each select="$S">
        <row n="{4 + position()}">
          <xsl:call-template name="s"><xsl:with-param name="c" select="1"/><xsl:with-param name="v" select="../@application"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="2"/><xsl:with-param name="v"><xsl:call-template name="kind-name"><xsl:with-param name="code" select="../@kind"/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="3"/><xsl:with-param name="v" select="../@name"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="4"/><xsl:with-param name="v" select="@unit-name"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="5"/><xsl:with-param name="v" select="@file"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="6"/><xsl:with-param name="v" select="@place"/></xsl:call-template>
          <xsl:call-template name="n"><xsl:with-param name="c" select="7"/><xsl:with-param name="v" select="@cycle"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="8"/><xsl:with-param name="v"><xsl:call-template name="dup-status"><xsl:with-param name="s" select="@status"/></xsl:call-template></xsl:with-param></xsl:call-template>
        </row>
      </xsl:for-each>
    </sheet>
  </xsl:template>

  <!-- ===== Kiểm tra ===================================================== -->
  <xsl:template name="sheet-findings">
    <xsl:variable name="F" select="$A/findings/finding | $A/plan-findings/finding"/>
    <sheet name="Kiểm tra">
      <column first="1" last="1" width="7"/>
      <column first="2" last="2" width="9"/>
      <column first="3" last="3" width="24"/>
      <column first="4" last="4" width="26"/>
      <column first="5" last="5" width="14"/>
      <column first="6" last="6" width="10"/>
      <column first="7" last="7" width="18"/>
      <column first="8" last="8" width="44"/>
      <column first="9" last="10" width="22"/>
      <freeze rows="4" cols="1"/>
      <autofilter first-row="4" first-col="1" last-row="{4 + count($F)}" last-col="10"/>
      <xsl:call-template name="print"/>
      <xsl:call-template name="sheet-title">
        <xsl:with-param name="title" select="concat('KẾT QUẢ KIỂM TRA SỐ LIỆU BÁO CÁO NĂM ', $year)"/>
        <xsl:with-param name="width" select="10"/>
      </xsl:call-template>
      <row n="4" height="30">
        <xsl:call-template name="heads">
          <xsl:with-param name="list" select="'TT|Năm báo cáo|Đơn vị|Tệp|Vị trí|Mức|Mã|Nội dung|Giá trị gặp|Cần'"/>
        </xsl:call-template>
      </row>
      <!-- the inputs' findings in their order, then the plan's -->
      <xsl:for-each select="$A/findings/finding | $A/plan-findings/finding">
        <xsl:sort select="number(boolean(parent::plan-findings))" data-type="number"/>
        <row n="{4 + position()}">
          <number col="1" value="{position()}" format="int"/>
          <xsl:call-template name="n"><xsl:with-param name="c" select="2"/><xsl:with-param name="v" select="@cycle"/></xsl:call-template>
          <xsl:call-template name="s">
            <xsl:with-param name="c" select="3"/>
            <xsl:with-param name="v">
              <xsl:choose>
                <xsl:when test="parent::plan-findings">(dữ liệu Đề án)</xsl:when>
                <xsl:when test="@unit-name"><xsl:value-of select="@unit-name"/></xsl:when>
                <xsl:otherwise><xsl:value-of select="@unit"/></xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="4"/><xsl:with-param name="v" select="@file"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="5"/><xsl:with-param name="v" select="@place"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="6"/><xsl:with-param name="v"><xsl:call-template name="severity"><xsl:with-param name="f" select="."/></xsl:call-template></xsl:with-param></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="7"/><xsl:with-param name="v" select="@code"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="8"/><xsl:with-param name="v" select="@message"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="9"/><xsl:with-param name="v" select="@found"/></xsl:call-template>
          <xsl:call-template name="s"><xsl:with-param name="c" select="10"/><xsl:with-param name="v" select="@expected"/></xsl:call-template>
        </row>
      </xsl:for-each>
    </sheet>
  </xsl:template>
</xsl:stylesheet>
