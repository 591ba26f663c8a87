<?xml version="1.0" encoding="UTF-8"?>
<!--
  kiem-tra.xsl - the validation report (output/<year>/kiem-tra-<year>.html)
  over the aggregate document (templates/schema/aggregate.xsd): what a clerk
  needs to send a submission back to its unit.

  Counts at the top (by reporting cycle and severity), the files rejected
  this year, then every finding of /aggregate/findings grouped by cycle
  (this year first, then the earlier cycles from the latest), by unit, by
  file; inside a file in the order the aggregate lists them.  Each finding
  with its place (a line of an XML file, or Sheet!Cell of a workbook),
  severity, code, message, the value found and the value expected.  Then
  the plan's own contradictions.  One self-contained HTML5 file: inline
  CSS (common.xsl, template css), no script, printable on A4.

  Grouping without xsl:key (whose building is quadratic in the size of a
  group in libxslt): the findings are sorted once into a node-set, a group
  starts where a finding differs from the one before it (the marks), and
  the run of a group is found by halving (template partition), so the
  whole report costs about n log n for n findings.  The file marks of a
  unit travel down with its rows (param files of partition), and the
  input file of a file group is found by a key on a copy of the files
  (kt-file): neither looks at every mark or file for each group.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:exsl="http://exslt.org/common"
                xmlns:str="http://exslt.org/strings"
                exclude-result-prefixes="exsl str">
  <xsl:include href="common.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <!-- the figures carry their paths (data-x, common.xsl) -->
  <xsl:param name="paths" select="true()"/>
  <xsl:variable name="A" select="/aggregate"/>
  <xsl:variable name="year" select="/aggregate/@year"/>
  <xsl:variable name="F" select="/aggregate/findings/finding"/>

  <!-- The findings sorted by cycle (this year first), unit (unknown
       units last), file, then their order in the aggregate; each as <f>
       with its sorted position i and its group keys. -->
  <xsl:variable name="sorted">
    <xsl:for-each select="$F">
      <xsl:sort select="number(string(@cycle) != string($year))" data-type="number"/>
      <xsl:sort select="@cycle" data-type="number" order="descending"/>
      <xsl:sort select="number(not(@unit))" data-type="number"/>
      <xsl:sort select="@unit-name"/>
      <xsl:sort select="@unit"/>
      <xsl:sort select="@file"/>
      <!-- a sort key sees the unsorted list as its context: position()
           is the order in the aggregate -->
      <xsl:sort select="position()" data-type="number"/>
      <f i="{position()}" kc="{@cycle}" ku="{concat(@cycle, '|', @unit)}"
         kf="{concat(@cycle, '|', @unit, '|', @file)}">
        <xsl:copy-of select="@*"/>
      </f>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="S" select="exsl:node-set($sorted)/f"/>

  <!-- One <m> where a file group starts: i its first position, c = 1
       when a cycle starts there too, u = 1 when a unit does. -->
  <xsl:variable name="marks">
    <xsl:for-each select="$S">
      <xsl:variable name="p" select="preceding-sibling::f[1]"/>
      <xsl:if test="not($p) or $p/@kf != @kf">
        <m i="{@i}" kc="{@kc}" c="{number(not($p) or $p/@kc != @kc)}" u="{number(not($p) or $p/@ku != @ku)}"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:variable>
  <xsl:variable name="M" select="exsl:node-set($marks)/m"/>

  <!-- This year's input files, copied into a document of their own for
       the key kt-file (by path, one file to a path): a key used on the
       aggregate itself would have libxslt index every record for the
       keys of path-of (common.xsl). -->
  <xsl:key name="kt-file" match="file" use="@path"/>
  <xsl:variable name="file-copy-rtf"><xsl:copy-of select="$A/submissions/file"/></xsl:variable>
  <xsl:variable name="file-copy" select="exsl:node-set($file-copy-rtf)"/>
  <xsl:variable name="n" select="count($S)"/>

  <xsl:template match="/">
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <html lang="vi">
      <head>
        <title>
          <xsl:if test="$illustrative">
            <xsl:value-of select="concat('[', $illustrative-words, '] ')"/>
          </xsl:if>
          <xsl:value-of select="concat('Kết quả kiểm tra số liệu báo cáo năm ', $year)"/>
        </title>
        <xsl:call-template name="css"/>
      </head>
      <body>
        <xsl:call-template name="banner"/>
        <table class="header">
          <tr>
            <td class="left">
              <div class="parent">
                <xsl:call-template name="setting"><xsl:with-param name="name" select="'parent-body'"/></xsl:call-template>
              </div>
              <div class="body">
                <xsl:call-template name="setting"><xsl:with-param name="name" select="'issuing-body'"/></xsl:call-template>
              </div>
              <span class="rule"></span>
            </td>
            <td class="right"></td>
          </tr>
        </table>
        <h1>KẾT QUẢ KIỂM TRA SỐ LIỆU BÁO CÁO NĂM <xsl:value-of select="$year"/></h1>
        <p class="to">
          <xsl:text>Đề án triển khai Chiến lược sở hữu trí tuệ đến năm 2030 trên địa bàn tỉnh Lạng Sơn – kỳ báo cáo từ ngày </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="d" select="$A/period/@from"/></xsl:call-template>
          <xsl:text> đến ngày </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="d" select="$A/period/@to"/></xsl:call-template>
        </p>
        <p class="deadline">
          <xsl:text>Đơn vị có tệp bị từ chối sửa theo «Việc cần làm» và gửi lại báo cáo trước ngày </xsl:text>
          <xsl:variable name="dl" select="normalize-space(/aggregate/report/setting[@name = 'resubmit-deadline'])"/>
          <xsl:choose>
            <xsl:when test="$dl != ''"><xsl:call-template name="date"><xsl:with-param name="d" select="$dl"/></xsl:call-template></xsl:when>
            <xsl:otherwise><xsl:value-of select="$blank"/></xsl:otherwise>
          </xsl:choose>
          <xsl:text>; liên hệ: </xsl:text>
          <xsl:call-template name="setting"><xsl:with-param name="name" select="'contact'"/></xsl:call-template>
          <xsl:text>.</xsl:text>
        </p>
        <xsl:call-template name="counts"/>
        <xsl:call-template name="rejected"/>
        <xsl:call-template name="missing"/>
        <xsl:choose>
          <xsl:when test="not($F)">
            <p>Không có lỗi, cảnh báo hay ghi chú nào.</p>
          </xsl:when>
          <xsl:otherwise>
            <xsl:call-template name="partition">
              <xsl:with-param name="level" select="'c'"/>
              <xsl:with-param name="marks" select="$M[@c = 1]"/>
              <xsl:with-param name="rows" select="$S"/>
            </xsl:call-template>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$A/plan-findings/finding">
          <h2>Mâu thuẫn trong số liệu của Đề án</h2>
          <p>Các mâu thuẫn của chính văn bản Đề án (dữ liệu templates/plan), không phải lỗi của đơn vị; số liệu giữ nguyên như văn bản.</p>
          <xsl:call-template name="table">
            <xsl:with-param name="set" select="$A/plan-findings/finding"/>
            <xsl:with-param name="with-file" select="true()"/>
          </xsl:call-template>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <!-- Errors, warnings, notes and their sum over $set, as cells. -->
  <xsl:template name="count-cells">
    <xsl:param name="set"/>
    <td><xsl:value-of select="format-number(count($set[@severity = 'error']), '#.##0', 'vi')"/></td>
    <td><xsl:value-of select="format-number(count($set[@severity = 'warning']), '#.##0', 'vi')"/></td>
    <td><xsl:value-of select="format-number(count($set[@severity = 'note']), '#.##0', 'vi')"/></td>
    <td><b><xsl:value-of select="format-number(count($set), '#.##0', 'vi')"/></b></td>
  </xsl:template>

  <!-- "2 lỗi, 1 cảnh báo" for $set (the severities it has). -->
  <xsl:template name="count-words">
    <xsl:param name="set"/>
    <xsl:variable name="e" select="count($set[@severity = 'error'])"/>
    <xsl:variable name="w" select="count($set[@severity = 'warning'])"/>
    <xsl:variable name="o" select="count($set[@severity = 'note'])"/>
    <xsl:if test="$e &gt; 0"><xsl:value-of select="concat($e, ' lỗi')"/></xsl:if>
    <xsl:if test="$w &gt; 0">
      <xsl:if test="$e &gt; 0">, </xsl:if>
      <xsl:value-of select="concat($w, ' cảnh báo')"/>
    </xsl:if>
    <xsl:if test="$o &gt; 0">
      <xsl:if test="$e + $w &gt; 0">, </xsl:if>
      <xsl:value-of select="concat($o, ' ghi chú')"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="cycle-name">
    <xsl:param name="c"/>
    <xsl:choose>
      <xsl:when test="string($c) = ''">không rõ năm</xsl:when>
      <xsl:when test="string($c) = string($year)"><xsl:value-of select="$c"/> (kỳ này)</xsl:when>
      <xsl:otherwise><xsl:value-of select="$c"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="counts">
    <xsl:variable name="s" select="$A/summary"/>
    <p>
      <xsl:text>Năm </xsl:text><xsl:value-of select="$year"/>
      <xsl:text>: đã kiểm tra </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@files"/></xsl:call-template>
      <xsl:text> tệp; </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@accepted"/></xsl:call-template>
      <xsl:text> tệp hợp lệ, </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@rejected"/></xsl:call-template>
      <xsl:text> tệp bị từ chối, </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@replaced"/></xsl:call-template>
      <xsl:text> tệp được thay thế. Từ năm </xsl:text>
      <xsl:value-of select="$A/plan/@start"/>
      <xsl:text> đã đọc </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@files-all"/></xsl:call-template>
      <xsl:text> tệp, </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@rejected-all"/></xsl:call-template>
      <xsl:text> tệp bị từ chối. Một lỗi làm tệp bị từ chối (tệp không được tổng hợp, cần gửi lại đơn vị sửa); cảnh báo và ghi chú không làm tệp bị từ chối.</xsl:text>
    </p>
    <table class="counts">
      <thead><tr><th>Năm báo cáo</th><th>Số tệp có phát hiện</th><th>Lỗi</th><th>Cảnh báo</th><th>Ghi chú</th><th>Cộng</th></tr></thead>
      <tbody>
        <xsl:for-each select="$M[@c = 1]">
          <xsl:variable name="kc" select="@kc"/>
          <tr>
            <td class="c"><xsl:call-template name="cycle-name"><xsl:with-param name="c" select="$kc"/></xsl:call-template></td>
            <td><xsl:value-of select="count($M[@kc = $kc])"/></td>
            <xsl:call-template name="count-cells">
              <xsl:with-param name="set" select="$S[@kc = $kc]"/>
            </xsl:call-template>
          </tr>
        </xsl:for-each>
        <tr class="total">
          <td class="c">Cộng</td>
          <td><xsl:value-of select="count($M)"/></td>
          <xsl:call-template name="count-cells"><xsl:with-param name="set" select="$S"/></xsl:call-template>
        </tr>
      </tbody>
    </table>
  </xsl:template>

  <!-- This year's rejected files: the ones to send back. -->
  <xsl:template name="rejected">
    <xsl:variable name="R" select="$A/submissions/file[@status = 'rejected']"/>
    <h2>Các tệp bị từ chối năm <xsl:value-of select="$year"/> (cần gửi lại đơn vị)</h2>
    <xsl:choose>
      <xsl:when test="not($R)"><p>Không có tệp nào bị từ chối.</p></xsl:when>
      <xsl:otherwise>
        <table class="records">
          <thead><tr><th>TT</th><th>Đơn vị</th><th>Tệp</th><th>Ngày báo cáo</th><th>Lỗi</th><th>Cảnh báo</th>
            <xsl:if test="$R/@can-sua"><th>Bản đánh dấu lỗi để gửi lại</th></xsl:if>
          </tr></thead>
          <tbody>
            <xsl:for-each select="$R">
              <tr>
                <td class="c"><xsl:value-of select="position()"/></td>
                <td>
                  <xsl:choose>
                    <xsl:when test="@unit-name and @unit-name != @unit"><xsl:value-of select="concat(@unit-name, ' (', @unit, ')')"/></xsl:when>
                    <xsl:when test="@unit"><xsl:value-of select="concat(@unit, ' (không có trong danh mục đơn vị)')"/></xsl:when>
                    <xsl:otherwise>chưa xác định được đơn vị</xsl:otherwise>
                  </xsl:choose>
                </td>
                <td><xsl:call-template name="path"><xsl:with-param name="p" select="@path"/></xsl:call-template></td>
                <td class="c"><xsl:call-template name="date"><xsl:with-param name="d" select="@date"/></xsl:call-template></td>
                <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@errors"/></xsl:call-template></td>
                <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@warnings"/></xsl:call-template></td>
                <!-- run with annotate-set: the marked-up copy in the same set,
                     a link relative to this report (can-sua/...) -->
                <xsl:if test="$R/@can-sua">
                  <td>
                    <xsl:choose>
                      <xsl:when test="@can-sua">
                        <a class="can-sua" href="{str:encode-uri(@can-sua, false())}"><xsl:value-of select="@can-sua"/></a>
                      </xsl:when>
                      <xsl:otherwise>tệp XML: không có bản đánh dấu, xem lỗi bên dưới</xsl:otherwise>
                    </xsl:choose>
                  </td>
                </xsl:if>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Splits $rows (a run of $S) into the groups of $level ('c' cycle,
       'u' unit, 'f' file) that start at $marks, in halves, so that each
       row is looked at about log2(groups) times, and calls group-head
       for each group; $k is the number of the first group in its parent;
       $files (level 'u'): the file marks of $rows, split along. -->
  <xsl:template name="partition">
    <xsl:param name="level"/>
    <xsl:param name="marks"/>
    <xsl:param name="rows"/>
    <xsl:param name="k" select="1"/>
    <xsl:param name="files" select="/.."/>
    <xsl:variable name="g" select="count($marks)"/>
    <xsl:choose>
      <xsl:when test="$g &lt;= 1">
        <xsl:call-template name="group-head">
          <xsl:with-param name="level" select="$level"/>
          <xsl:with-param name="rows" select="$rows"/>
          <xsl:with-param name="k" select="$k"/>
          <xsl:with-param name="files" select="$files"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="h" select="floor($g div 2)"/>
        <xsl:variable name="cut" select="number($marks[$h + 1]/@i)"/>
        <xsl:call-template name="partition">
          <xsl:with-param name="level" select="$level"/>
          <xsl:with-param name="marks" select="$marks[position() &lt;= $h]"/>
          <xsl:with-param name="rows" select="$rows[@i &lt; $cut]"/>
          <xsl:with-param name="k" select="$k"/>
          <xsl:with-param name="files" select="$files[@i &lt; $cut]"/>
        </xsl:call-template>
        <xsl:call-template name="partition">
          <xsl:with-param name="level" select="$level"/>
          <xsl:with-param name="marks" select="$marks[position() &gt; $h]"/>
          <xsl:with-param name="rows" select="$rows[@i &gt;= $cut]"/>
          <xsl:with-param name="k" select="$k + $h"/>
          <xsl:with-param name="files" select="$files[@i &gt;= $cut]"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One group of $level: its heading, then its sub-groups (or, for a
       file, its table); $files (level 'u'): its file marks. -->
  <xsl:template name="group-head">
    <xsl:param name="level"/>
    <xsl:param name="rows"/>
    <xsl:param name="k"/>
    <xsl:param name="files"/>
    <xsl:variable name="first" select="$rows[1]"/>
    <xsl:variable name="lo" select="number($first/@i)"/>
    <xsl:variable name="hi" select="$lo + count($rows) - 1"/>
    <xsl:choose>
      <xsl:when test="$level = 'c'">
        <!-- the file marks of the cycle (a cycle looks at every mark,
             but cycles are few: the years of the plan) -->
        <xsl:variable name="fm" select="$M[@i &gt;= $lo and @i &lt;= $hi]"/>
        <h2>
          <xsl:text>Năm báo cáo </xsl:text>
          <xsl:call-template name="cycle-name"><xsl:with-param name="c" select="$first/@kc"/></xsl:call-template>
        </h2>
        <p class="group">
          <xsl:call-template name="count-words"><xsl:with-param name="set" select="$rows"/></xsl:call-template>
          <xsl:value-of select="concat(' ở ', count($fm), ' tệp.')"/>
        </p>
        <xsl:call-template name="partition">
          <xsl:with-param name="level" select="'u'"/>
          <xsl:with-param name="marks" select="$fm[@u = 1]"/>
          <xsl:with-param name="rows" select="$rows"/>
          <xsl:with-param name="files" select="$fm"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$level = 'u'">
        <xsl:variable name="unknown" select="$first/@unit and (not($first/@unit-name) or $first/@unit-name = $first/@unit)"/>
        <h3>
          <xsl:choose>
            <xsl:when test="$first/@unit-name"><xsl:value-of select="$first/@unit-name"/></xsl:when>
            <xsl:when test="$first/@unit"><xsl:value-of select="$first/@unit"/></xsl:when>
            <xsl:otherwise>Chưa xác định được đơn vị</xsl:otherwise>
          </xsl:choose>
          <xsl:value-of select="concat(' – ', count($rows), ' mục')"/>
        </h3>
        <p class="group">
          <xsl:choose>
            <xsl:when test="$unknown">
              <xsl:value-of select="concat('Mã đơn vị «', $first/@unit, '» không có trong danh mục đơn vị của Đề án; ')"/>
            </xsl:when>
            <xsl:when test="$first/@unit">
              <xsl:value-of select="concat('Mã đơn vị ', $first/@unit, '; ')"/>
            </xsl:when>
          </xsl:choose>
          <xsl:call-template name="count-words"><xsl:with-param name="set" select="$rows"/></xsl:call-template>
          <xsl:text>.</xsl:text>
        </p>
        <xsl:call-template name="partition">
          <xsl:with-param name="level" select="'f'"/>
          <xsl:with-param name="marks" select="$files"/>
          <xsl:with-param name="rows" select="$rows"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <h4>
          <xsl:text>Tệp: </xsl:text>
          <xsl:choose>
            <xsl:when test="$first/@file"><xsl:value-of select="$first/@file"/></xsl:when>
            <xsl:otherwise>(không gắn với tệp)</xsl:otherwise>
          </xsl:choose>
        </h4>
        <xsl:if test="$first/@file">
          <p class="group">
            <xsl:text>Kết quả: </xsl:text>
            <!-- in the copy of the files, where key('kt-file') looks -->
            <xsl:for-each select="$file-copy">
              <xsl:variable name="sub" select="key('kt-file', $first/@file)[string($first/@kc) = string($year)]"/>
              <xsl:choose>
                <xsl:when test="$sub">
                  <xsl:call-template name="file-status"><xsl:with-param name="s" select="$sub/@status"/></xsl:call-template>
                  <xsl:if test="$sub/@replaced-by">
                    <xsl:value-of select="concat(' bởi ', $sub/@replaced-by)"/>
                  </xsl:if>
                  <xsl:if test="$sub/@date">
                    <xsl:text>; báo cáo ngày </xsl:text>
                    <xsl:call-template name="date"><xsl:with-param name="d" select="$sub/@date"/></xsl:call-template>
                  </xsl:if>
                </xsl:when>
                <xsl:when test="$rows[@severity = 'error']">tệp bị từ chối</xsl:when>
                <xsl:otherwise>không có lỗi, được tổng hợp</xsl:otherwise>
              </xsl:choose>
            </xsl:for-each>
            <xsl:text>.</xsl:text>
          </p>
        </xsl:if>
        <xsl:call-template name="table"><xsl:with-param name="set" select="$rows"/></xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What the clerk does about a finding, by its code (the codes:
       docs/findings.md); an unknown unit gets the nearest code of the
       list (one that begins the code found, or that the code found
       begins, the longest first).  Otherwise by severity. -->
  <xsl:template name="action-line">
    <xsl:param name="f"/>
    <xsl:variable name="c" select="string($f/@code)"/>
    <xsl:choose>
      <xsl:when test="$c = 'UNIT-UNKNOWN'">
        <xsl:variable name="near" select="$A/unit-work/unit[starts-with($f/@found, @code) or starts-with(@code, $f/@found)]"/>
        <xsl:text>Sửa mã đơn vị thành mã trong danh mục</xsl:text>
        <xsl:for-each select="$near">
          <xsl:sort select="string-length(@code)" data-type="number" order="descending"/>
          <xsl:if test="position() = 1">
            <xsl:value-of select="concat(' (có thể là ', @code, ' – ', @name, ')')"/>
          </xsl:if>
        </xsl:for-each>
        <xsl:text>, rồi gửi lại báo cáo.</xsl:text>
      </xsl:when>
      <xsl:when test="$c = 'BUDGET-OVER'">Đối chiếu chứng từ: số đã giải ngân không được lớn hơn số được giao của nhiệm vụ; sửa số sai rồi gửi lại báo cáo.</xsl:when>
      <xsl:when test="$c = 'DUP-APPNO'">Thống nhất với đơn vị cùng báo cáo số đơn này; số liệu đúng thì không cần gửi lại.</xsl:when>
      <xsl:when test="starts-with($c, 'PL1-')">Không cần sửa: Sở Khoa học và Công nghệ đối chiếu với Phụ lục 1 của Đề án.</xsl:when>
      <xsl:when test="$c = 'REPLACED' or $c = 'DUPLICATE'">Không cần làm gì.</xsl:when>
      <xsl:when test="starts-with($c, 'APPNO-')">Kiểm tra số đơn theo văn bản của Cục Sở hữu trí tuệ (dạng 4-2026-01234)<xsl:if test="$f/@severity = 'error'">, sửa rồi gửi lại báo cáo</xsl:if>.</xsl:when>
      <xsl:when test="starts-with($c, 'KIND-')">Chọn loại đối tượng trong danh sách của mẫu báo cáo<xsl:if test="$f/@severity = 'error'">, rồi gửi lại báo cáo</xsl:if>.</xsl:when>
      <xsl:when test="starts-with($c, 'DATE-')">Ghi ngày theo dạng ngày/tháng/năm, trong kỳ báo cáo<xsl:if test="$f/@severity = 'error'">, rồi gửi lại báo cáo</xsl:if>.</xsl:when>
      <xsl:when test="starts-with($c, 'PLAN-')">Không phải lỗi của đơn vị: Sở kiến nghị điều chỉnh Đề án.</xsl:when>
      <xsl:when test="$f/@severity = 'error'">Sửa theo «Giá trị cần», rồi gửi lại báo cáo.</xsl:when>
      <xsl:when test="$f/@severity = 'warning'">Kiểm tra lại; sửa nếu sai.</xsl:when>
      <xsl:otherwise>Không cần làm gì.</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The units that must report this year and have sent nothing (from
       unit-work, which the view never cuts). -->
  <xsl:template name="missing">
    <xsl:variable name="G" select="$A/unit-work/unit[@status = 'missing']"/>
    <h2>Các đơn vị chưa gửi báo cáo năm <xsl:value-of select="$year"/> (cần nhắc)</h2>
    <xsl:choose>
      <xsl:when test="not($G)"><p>Mọi đơn vị phải báo cáo đã gửi báo cáo.</p></xsl:when>
      <xsl:otherwise>
        <p>
          <xsl:value-of select="concat(count($G), ' đơn vị: ')"/>
          <xsl:for-each select="$G">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:value-of select="concat(@name, ' (', @code, ')')"/>
          </xsl:for-each>
          <xsl:text>.</xsl:text>
        </p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="table">
    <xsl:param name="set"/>
    <xsl:param name="with-file" select="false()"/>
    <table class="findings">
      <colgroup>
        <col style="width: 4%"/><col style="width: 13%"/><col style="width: 7%"/><col style="width: 11%"/>
        <col style="width: 24%"/><col style="width: 11%"/><col style="width: 11%"/><col style="width: 19%"/>
      </colgroup>
      <thead><tr><th>TT</th><th>Vị trí</th><th>Mức</th><th>Mã</th><th>Nội dung</th><th>Giá trị gặp</th><th>Giá trị cần</th><th>Việc cần làm</th></tr></thead>
      <tbody>
        <xsl:for-each select="$set">
          <tr>
            <td class="c"><xsl:value-of select="position()"/></td>
            <td>
              <xsl:if test="$with-file and @file">
                <xsl:call-template name="path"><xsl:with-param name="p" select="@file"/></xsl:call-template>
                <xsl:text>, </xsl:text>
              </xsl:if>
              <xsl:choose>
                <xsl:when test="@place"><xsl:call-template name="place"><xsl:with-param name="p" select="@place"/></xsl:call-template></xsl:when>
                <xsl:otherwise>cả tệp</xsl:otherwise>
              </xsl:choose>
            </td>
            <td class="sev-{@severity}"><xsl:call-template name="severity"><xsl:with-param name="f" select="."/></xsl:call-template></td>
            <td><xsl:value-of select="@code"/></td>
            <td><xsl:value-of select="@message"/></td>
            <td><xsl:value-of select="@found"/></td>
            <td><xsl:value-of select="@expected"/></td>
            <td class="action"><xsl:call-template name="action-line"><xsl:with-param name="f" select="."/></xsl:call-template></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>
</xsl:stylesheet>
