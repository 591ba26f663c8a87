<?xml version="1.0" encoding="UTF-8"?>
<!--
  bao-cao.xsl - the annual report (output/<year>/bao-cao-<year>.html) over
  the aggregate document (templates/schema/aggregate.xsd).

  One self-contained HTML5 file: inline CSS and inline SVG, no script,
  nothing fetched.  Layout after Nghị định 30/2020/NĐ-CP, Phụ lục I:
  header (parent and issuing body, Quốc hiệu, Tiêu ngữ, number, place and
  date), BÁO CÁO and subject, Kính gửi, body in "Phần I" / "I." / "1." /
  "a)", Nơi nhận and signature, then appendices "Phụ lục I, II, …" on new
  pages.  The print style is common.xsl's (template css).

  Every figure comes from the aggregate; this template only formats it and
  draws it.  Every figure printed from one node of the aggregate is marked
  (common.xsl, template fig), the figures written on the charts too (as
  <tspan data-x>), so that tests/e2e/figures.c proves each one.  Charts:
  one progress bar per target (svg.progress) and the applications and
  grants since the first baseline year (svg.chart), in black, white and
  greys with hatching so that they survive a black-and-white printer.
  No grouping here: the aggregate is already grouped.  The long lists of
  the view may be cut (units, submissions, narratives, new records by
  unit, records: aggregate.h): they are rendered as the view has them,
  with a note of how many there are and where the whole list is
  (template cut-note), and no figure is counted or summed over one.

  The signed document (issue 16): the body, to «Nơi nhận», prints on at
  most 15 A4 pages (tests/clients/html-pdf.sh) and holds no software
  artefact (finding codes, file paths, XML names, English words).  Phần I
  is the figures (summary, data received, targets, tasks, each unit
  against its Phần III duties); Phần II-IV are the Sở's own sections
  (so-sections, with a placeholder while empty), the units' words
  synthesised (themes) and the plan's contradictions as one kiến nghị.
  Appendices: I units, II targets in detail, III money by task and year,
  IV new CDĐL/NHTT/NHCN and the T8 marks, V method, VI the units' own
  words.  Records, duplicates, files and findings are in the XLSX and
  kiem-tra, not here.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="common.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <!-- the figures carry their paths (data-x, common.xsl) -->
  <xsl:param name="paths" select="true()"/>
  <xsl:variable name="A" select="/aggregate"/>
  <xsl:variable name="year" select="/aggregate/@year"/>
  <xsl:variable name="subject"
                select="concat('Kết quả thực hiện Đề án triển khai Chiến lược sở hữu trí tuệ đến năm 2030 trên địa bàn tỉnh Lạng Sơn năm ', $year)"/>
  <!-- One precision for money in every table column: the most decimals any
       amount of the budget has (0 to 6; amounts are exact to the đồng). -->
  <xsl:variable name="money-dec">
    <xsl:for-each select="$A/budget//@*[local-name() = 'allocated' or local-name() = 'disbursed' or local-name() = 'plan'
                          or local-name() = 'plan-stated' or local-name() = 'stated-total' or local-name() = 'computed-total'
                          or local-name() = 'allocated-a' or local-name() = 'disbursed-a' or local-name() = 'allocated-all'
                          or local-name() = 'disbursed-all']">
      <xsl:sort select="string-length(substring-after(., '.'))" data-type="number" order="descending"/>
      <xsl:if test="position() = 1">
        <xsl:variable name="d" select="string-length(substring-after(., '.'))"/>
        <xsl:value-of select="$d - number($d &gt; 6) * ($d - 6)"/>
      </xsl:if>
    </xsl:for-each>
  </xsl:variable>

  <!-- Progress bars: the minimum of a target is $bar-w user units wide;
       the drawing stops at $bar-clip times the minimum (an arrow says the
       figure goes further). -->
  <xsl:variable name="bar-w" select="300"/>
  <xsl:variable name="bar-clip" select="1.5"/>

  <xsl:template match="/">
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <html lang="vi">
      <head>
        <!-- the serialiser adds <meta http-equiv="Content-Type" ...
             charset=UTF-8>; a second charset declaration would be an
             HTML5 error -->
        <title>
          <xsl:if test="$illustrative">
            <xsl:value-of select="concat('[', $illustrative-words, '] ')"/>
          </xsl:if>
          <xsl:value-of select="concat('Báo cáo ', $subject)"/>
        </title>
        <xsl:call-template name="css"/>
      </head>
      <body>
        <xsl:call-template name="banner"/>
        <xsl:call-template name="header"/>
        <xsl:call-template name="intro"/>
        <h2 class="part">Phần I<br/>KẾT QUẢ THỰC HIỆN ĐỀ ÁN NĂM <xsl:value-of select="$year"/></h2>
        <xsl:call-template name="summary"/>
        <xsl:call-template name="data-status"/>
        <xsl:call-template name="part-targets"/>
        <xsl:call-template name="part-tasks"/>
        <xsl:call-template name="part-units"/>
        <xsl:call-template name="part-narratives"/>
        <xsl:call-template name="closing"/>
        <xsl:call-template name="signature"/>
        <xsl:call-template name="appendix-units"/>
        <xsl:call-template name="appendix-targets"/>
        <xsl:call-template name="appendix-budget"/>
        <xsl:call-template name="appendix-records-new"/>
        <xsl:call-template name="appendix-method"/>
        <xsl:call-template name="appendix-narratives"/>
      </body>
    </html>
  </xsl:template>

  <!-- ===== header, title, Kính gửi ===================================== -->
  <xsl:template name="header">
    <table class="header">
      <tr>
        <td class="left">
          <div class="parent">
            <xsl:call-template name="setting">
              <xsl:with-param name="name" select="'parent-body'"/>
            </xsl:call-template>
          </div>
          <div class="body">
            <xsl:call-template name="setting">
              <xsl:with-param name="name" select="'issuing-body'"/>
            </xsl:call-template>
          </div>
          <span class="rule"></span>
          <div class="number">
            <xsl:text>Số: </xsl:text>
            <xsl:call-template name="doc-number"/>
          </div>
        </td>
        <td class="right">
          <div class="nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
          <div class="motto"><span>Độc lập - Tự do - Hạnh phúc</span></div>
          <div class="date"><xsl:call-template name="place-date"/></div>
        </td>
      </tr>
    </table>
    <p class="title">BÁO CÁO</p>
    <p class="subject"><xsl:value-of select="$subject"/></p>
    <p class="to">
      <xsl:text>Kính gửi: </xsl:text>
      <xsl:call-template name="setting">
        <xsl:with-param name="name" select="'recipient'"/>
        <xsl:with-param name="default" select="'……………………………………'"/>
      </xsl:call-template>
      <xsl:text>.</xsl:text>
    </p>
  </xsl:template>

  <xsl:template name="intro">
    <p>
      <xsl:text>Thực hiện </xsl:text>
      <xsl:choose>
        <xsl:when test="normalize-space($A/plan/@decision) != ''">
          <xsl:value-of select="concat(normalize-space($A/plan/@decision), ' phê duyệt ')"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:text>Quyết định của Chủ tịch UBND tỉnh Lạng Sơn phê duyệt </xsl:text>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:value-of select="$A/plan/@title"/>
      <xsl:text> (sau đây gọi là Đề án), </xsl:text>
      <xsl:call-template name="issuing-name"/>
      <xsl:value-of select="concat(' tổng hợp báo cáo của các sở, ngành, địa phương và báo cáo kết quả thực hiện Đề án năm ', $year, ' như sau:')"/>
    </p>
  </xsl:template>

  <!-- The split of a count of applications and grants: "(3 đơn, 1 văn
       bằng)" under the figure; nothing when the target has no split. -->
  <xsl:template name="split">
    <xsl:param name="filed"/>
    <xsl:param name="granted"/>
    <xsl:if test="$filed">
      <br/>
      <span class="note">
        <xsl:text>(</xsl:text>
        <xsl:call-template name="int"><xsl:with-param name="v" select="$filed"/></xsl:call-template>
        <xsl:text> đơn, </xsl:text>
        <xsl:call-template name="int"><xsl:with-param name="v" select="$granted"/></xsl:call-template>
        <xsl:text> văn bằng)</xsl:text>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- This year's money by scope (reading h): Part B (the plan's khái
       toán), Part A (yearly dự toán) and both together, each named; the
       same attributes feed every table and sheet that shows them. -->
  <xsl:template name="money-scopes">
    <xsl:variable name="b" select="$A/budget"/>
    <xsl:text>các nhiệm vụ Phần B (theo khái toán của Đề án) được giao </xsl:text>
    <xsl:call-template name="num"><xsl:with-param name="v" select="$b/@allocated"/></xsl:call-template>
    <xsl:text> triệu đồng, đã giải ngân </xsl:text>
    <xsl:call-template name="num"><xsl:with-param name="v" select="$b/@disbursed"/></xsl:call-template>
    <xsl:text> triệu đồng</xsl:text>
    <xsl:if test="$b/@rate">
      <xsl:text> (</xsl:text>
      <xsl:call-template name="pct"><xsl:with-param name="r" select="$b/@rate"/></xsl:call-template>
      <xsl:text>)</xsl:text>
    </xsl:if>
    <xsl:text>; các nhiệm vụ Phần A (dự toán hằng năm) được giao </xsl:text>
    <xsl:call-template name="num"><xsl:with-param name="v" select="$b/@allocated-a"/></xsl:call-template>
    <xsl:text> triệu đồng, đã giải ngân </xsl:text>
    <xsl:call-template name="num"><xsl:with-param name="v" select="$b/@disbursed-a"/></xsl:call-template>
    <xsl:text> triệu đồng</xsl:text>
    <xsl:if test="$b/@rate-a">
      <xsl:text> (</xsl:text>
      <xsl:call-template name="pct"><xsl:with-param name="r" select="$b/@rate-a"/></xsl:call-template>
      <xsl:text>)</xsl:text>
    </xsl:if>
    <xsl:text>; cộng cả hai phần được giao </xsl:text>
    <xsl:call-template name="num"><xsl:with-param name="v" select="$b/@allocated-all"/></xsl:call-template>
    <xsl:text> triệu đồng, đã giải ngân </xsl:text>
    <xsl:call-template name="num"><xsl:with-param name="v" select="$b/@disbursed-all"/></xsl:call-template>
    <xsl:text> triệu đồng</xsl:text>
    <xsl:if test="$b/@rate-all">
      <xsl:text> (</xsl:text>
      <xsl:call-template name="pct"><xsl:with-param name="r" select="$b/@rate-all"/></xsl:call-template>
      <xsl:text>)</xsl:text>
    </xsl:if>
    <xsl:text>.</xsl:text>
    <xsl:choose>
      <xsl:when test="$b/@plan">
        <xsl:text> Khái toán của Đề án cho Phần B năm </xsl:text>
        <xsl:value-of select="$year"/>
        <xsl:text>: </xsl:text>
        <xsl:call-template name="num"><xsl:with-param name="v" select="$b/@plan"/></xsl:call-template>
        <xsl:text> triệu đồng.</xsl:text>
      </xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$b/phase[@current = 'true' or @current = '1']">
          <xsl:value-of select="concat(' Đề án chưa có khái toán kinh phí cho giai đoạn ', @from, '-', @to, '.')"/>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Phần I, I. the year in summary ============================== -->
  <xsl:template name="summary">
    <xsl:variable name="s" select="$A/summary"/>
    <xsl:variable name="T" select="$A/targets/target"/>
    <xsl:variable name="this" select="$A/ip-series/year[@y = $year]"/>
    <h2>I. TÓM TẮT KẾT QUẢ NĂM <xsl:value-of select="$year"/></h2>
    <p>
      <xsl:text>1. Số liệu: đã tiếp nhận </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@files"/></xsl:call-template>
      <xsl:text> tệp báo cáo của </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-submitted"/></xsl:call-template>
      <xsl:text>/</xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-expected"/></xsl:call-template>
      <xsl:text> đơn vị phải báo cáo: </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-valid"/></xsl:call-template>
      <xsl:text> đơn vị có số liệu hợp lệ, </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-rejected"/></xsl:call-template>
      <xsl:text> đơn vị đã gửi nhưng mọi tệp đều bị từ chối (chưa có số liệu hợp lệ), </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-missing"/></xsl:call-template>
      <xsl:text> đơn vị chưa gửi báo cáo (</xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@rejected"/></xsl:call-template>
      <xsl:text> tệp bị từ chối).</xsl:text>
    </p>
    <p>
      <xsl:text>2. Hồ sơ sở hữu trí tuệ: năm </xsl:text>
      <xsl:value-of select="$year"/>
      <xsl:text> có </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@records"/></xsl:call-template>
      <xsl:text> hồ sơ phát sinh</xsl:text>
      <xsl:if test="$this">
        <xsl:text>, gồm </xsl:text>
        <xsl:call-template name="int"><xsl:with-param name="v" select="$this/@filed"/></xsl:call-template>
        <xsl:text> đơn đăng ký được nộp và </xsl:text>
        <xsl:call-template name="int"><xsl:with-param name="v" select="$this/@granted"/></xsl:call-template>
        <xsl:text> văn bằng bảo hộ được cấp</xsl:text>
      </xsl:if>
      <xsl:text>; lũy kế từ năm </xsl:text>
      <xsl:value-of select="$A/plan/@start"/>
      <xsl:text> là </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@records-all"/></xsl:call-template>
      <xsl:text> hồ sơ.</xsl:text>
    </p>
    <p>
      <xsl:text>3. Mục tiêu của Đề án: trong </xsl:text>
      <xsl:value-of select="count($T)"/>
      <xsl:text> mục tiêu, </xsl:text>
      <xsl:value-of select="count($T[@status = 'reached'])"/>
      <xsl:text> mục tiêu đã đạt, </xsl:text>
      <xsl:value-of select="count($T[@status = 'on-track'])"/>
      <xsl:text> mục tiêu đúng tiến độ, </xsl:text>
      <xsl:value-of select="count($T[@status = 'behind'])"/>
      <xsl:text> mục tiêu chậm tiến độ</xsl:text>
      <xsl:if test="$T[@status = 'behind']">
        <xsl:text> (</xsl:text>
        <xsl:for-each select="$T[@status = 'behind']">
          <xsl:if test="position() &gt; 1">; </xsl:if>
          <xsl:value-of select="concat(@id, ': ', @measure)"/>
        </xsl:for-each>
        <xsl:text>)</xsl:text>
      </xsl:if>
      <xsl:text>.</xsl:text>
    </p>
    <p>
      <xsl:text>4. Kinh phí năm </xsl:text>
      <xsl:value-of select="$year"/>
      <xsl:text>: </xsl:text>
      <xsl:call-template name="money-scopes"/>
    </p>
  </xsl:template>

  <!-- ===== Phần I, II. the data received ================================ -->
  <xsl:template name="data-status">
    <xsl:variable name="s" select="$A/summary"/>
    <h2>II. TÌNH HÌNH TỔNG HỢP SỐ LIỆU</h2>
    <h3>1. Kỳ báo cáo và các tệp báo cáo đã tiếp nhận</h3>
    <p>
      <xsl:text>Kỳ báo cáo từ ngày </xsl:text>
      <xsl:call-template name="date"><xsl:with-param name="d" select="$A/period/@from"/></xsl:call-template>
      <xsl:text> đến ngày </xsl:text>
      <xsl:call-template name="date"><xsl:with-param name="d" select="$A/period/@to"/></xsl:call-template>
      <xsl:text> (Nghị định số 09/2019/NĐ-CP). Đã tiếp nhận </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@files"/></xsl:call-template>
      <xsl:text> tệp báo cáo của </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-submitted"/></xsl:call-template>
      <xsl:text>/</xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-expected"/></xsl:call-template>
      <xsl:text> đơn vị phải báo cáo; trong đó </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@accepted"/></xsl:call-template>
      <xsl:text> tệp hợp lệ, </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@rejected"/></xsl:call-template>
      <xsl:text> tệp bị từ chối, </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@replaced"/></xsl:call-template>
      <xsl:text> tệp được thay thế bằng bản nộp sau. </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-valid"/></xsl:call-template>
      <xsl:text> đơn vị có số liệu hợp lệ; </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-rejected"/></xsl:call-template>
      <xsl:text> đơn vị đã gửi nhưng chưa có số liệu hợp lệ (mọi tệp bị từ chối); còn </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-missing"/></xsl:call-template>
      <xsl:text> đơn vị chưa gửi báo cáo.</xsl:text>
    </p>
    <p>
      <xsl:text>Tổng hợp được </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@records"/></xsl:call-template>
      <xsl:text> hồ sơ sở hữu trí tuệ có phát sinh trong năm (</xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@records-all"/></xsl:call-template>
      <xsl:text> hồ sơ từ khi bắt đầu thực hiện Đề án); </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@duplicates"/></xsl:call-template>
      <xsl:text> số đơn được báo cáo từ nhiều nguồn (nhiều đơn vị, hoặc nhiều năm như khi nộp đơn rồi khi được cấp văn bằng), mỗi số đơn chỉ tính một lần. Kiểm tra số liệu phát hiện </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@errors"/></xsl:call-template>
      <xsl:text> lỗi, </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@warnings"/></xsl:call-template>
      <xsl:text> cảnh báo và </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@notes"/></xsl:call-template>
      <xsl:text> ghi chú; danh sách hồ sơ, các số đơn được báo cáo từ nhiều nguồn, các tệp và kết quả kiểm tra từng tệp ở bảng tính kèm theo và trong bản kết quả kiểm tra số liệu gửi các đơn vị. Từ năm </xsl:text>
      <xsl:value-of select="$A/plan/@start"/>
      <xsl:text> đến nay đã tiếp nhận </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@files-all"/></xsl:call-template>
      <xsl:text> tệp, trong đó </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@rejected-all"/></xsl:call-template>
      <xsl:text> tệp bị từ chối.</xsl:text>
    </p>
    <xsl:if test="$A/plan/@communes-complete = 'false' or $A/plan/@communes-complete = '0'">
      <p class="note">
        <xsl:text>Lưu ý: danh sách đơn vị cấp xã trong dữ liệu Đề án chưa đầy đủ (mới có </xsl:text>
        <xsl:call-template name="int"><xsl:with-param name="v" select="$A/plan/@communes-listed"/></xsl:call-template>
        <xsl:if test="$A/plan/@communes-expected">
          <xsl:text>/</xsl:text>
          <xsl:call-template name="int"><xsl:with-param name="v" select="$A/plan/@communes-expected"/></xsl:call-template>
        </xsl:if>
        <xsl:text> xã, phường); số đơn vị phải báo cáo có thể thiếu.</xsl:text>
      </p>
    </xsl:if>
    <xsl:call-template name="units"/>
  </xsl:template>

  <!-- Lists the view may cut (units, submissions, narratives, new-records
       by unit, records): when its element has @count the view holds only
       the first @listed items (aggregate.h), and what the HTML shows of
       the list is said by a note made here: "<lead>5 <noun> đầu tiên
       trong tổng số N <noun>; <where>." -->
  <xsl:template name="cut-note">
    <xsl:param name="lead"/>
    <xsl:param name="shown"/>
    <xsl:param name="total"/>
    <xsl:param name="noun"/>
    <xsl:param name="where"/>
    <p class="legend">
      <xsl:value-of select="concat($lead, format-number($shown, '#.##0', 'vi'), ' ', $noun,
                                   ' đầu tiên trong tổng số ', format-number($total, '#.##0', 'vi'), ' ', $noun,
                                   '; ', $where, '.')"/>
    </p>
  </xsl:template>
  <!-- where the whole lists are: the XLSX's Đơn vị sheet has every unit
       and every file; narratives and new records by unit are only in
       the saved aggregate (tong-hop-only: the caller closes the
       parenthesis with what the workbook lacks, "bảng này)") -->
  <xsl:variable name="units-sheet"
                select="concat('danh sách đầy đủ ở trang «Đơn vị» của bảng tính bao-cao-', $year,
                               '.xlsx và trong tệp tong-hop-', $year, '.xml')"/>
  <xsl:variable name="tong-hop-only"
                select="concat('trong tệp tong-hop-', $year, '.xml (bảng tính bao-cao-', $year, '.xlsx không có ')"/>
  <!-- A signed page is not a list: units named in one sentence (a theme's)
       at most $signed-names, units given a paragraph each (Phần I, mục V:
       departments, then communes) at most $signed-units of each kind;
       then how many others, and where they are.
       No province has so many units; a synthetic year of thousands
       would print megabytes. -->
  <xsl:variable name="signed-names" select="10"/>
  <xsl:variable name="signed-units" select="100"/>

  <xsl:template name="units">
    <xsl:variable name="s" select="$A/summary"/>
    <xsl:variable name="U" select="$A/units"/>
    <!-- the units not heard from among those the view lists: all of them
         unless the list is cut -->
    <xsl:variable name="gone" select="$U/unit[@status = 'missing']"/>
    <h3>2. Tình hình gửi báo cáo của các đơn vị</h3>
    <p>
      <xsl:text>Số đơn vị phải báo cáo: </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-expected"/></xsl:call-template>
      <xsl:text>; đã gửi: </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-submitted"/></xsl:call-template>
      <xsl:text> (số liệu hợp lệ: </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-valid"/></xsl:call-template>
      <xsl:text>; mọi tệp bị từ chối: </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-rejected"/></xsl:call-template>
      <xsl:text>); chưa gửi: </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-missing"/></xsl:call-template>
      <!-- departments and other units by name; communes (and districts)
           by number, their names in Phụ lục I, so that 61 communes do not
           fill the page -->
      <xsl:variable name="gone-c" select="$gone[@type = 'commune' or @type = 'district']"/>
      <xsl:variable name="gone-d" select="$gone[not(@type = 'commune' or @type = 'district')]"/>
      <xsl:if test="$gone">
        <xsl:text> (</xsl:text>
        <xsl:for-each select="$gone-d">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:value-of select="@name"/>
        </xsl:for-each>
        <xsl:if test="$gone-d and $gone-c">; </xsl:if>
        <xsl:choose>
          <!-- a cut list is never counted: its communes are named -->
          <xsl:when test="$U/@count">
            <xsl:for-each select="$gone-c">
              <xsl:if test="position() &gt; 1">, </xsl:if>
              <xsl:value-of select="@name"/>
            </xsl:for-each>
          </xsl:when>
          <xsl:when test="$gone-c">
            <xsl:value-of select="concat(count($gone-c), ' đơn vị cấp xã, danh sách ở Phụ lục I')"/>
          </xsl:when>
        </xsl:choose>
        <xsl:text>)</xsl:text>
      </xsl:if>
      <xsl:text>.</xsl:text>
    </p>
    <xsl:if test="$U/@count">
      <xsl:variable name="shown" select="count($U/unit)"/>
      <xsl:if test="$s/@units-missing &gt; 0">
        <p class="legend">
          <xsl:choose>
            <xsl:when test="$gone">
              <xsl:value-of select="concat('Các đơn vị chưa gửi báo cáo được nêu tên ở trên chỉ gồm những đơn vị có trong ',
                                           format-number($shown, '#.##0', 'vi'), ' đơn vị được liệt kê ở Phụ lục I (',
                                           format-number(count($gone), '#.##0', 'vi'), ' trong tổng số ')"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:value-of select="concat('Trong ', format-number($shown, '#.##0', 'vi'),
                                           ' đơn vị được liệt kê ở Phụ lục I không có đơn vị chưa gửi báo cáo; tổng số đơn vị chưa gửi báo cáo là ')"/>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-missing"/></xsl:call-template>
          <xsl:choose>
            <xsl:when test="$gone"><xsl:text> đơn vị chưa gửi báo cáo).</xsl:text></xsl:when>
            <xsl:otherwise><xsl:text>.</xsl:text></xsl:otherwise>
          </xsl:choose>
        </p>
      </xsl:if>
      <xsl:call-template name="cut-note">
        <xsl:with-param name="lead" select="'Phụ lục I liệt kê '"/>
        <xsl:with-param name="shown" select="$shown"/>
        <xsl:with-param name="total" select="$U/@count"/>
        <xsl:with-param name="noun" select="'đơn vị'"/>
        <xsl:with-param name="where" select="$units-sheet"/>
      </xsl:call-template>
    </xsl:if>
    <p>
      <xsl:text>Tình hình gửi báo cáo của từng đơn vị: Phụ lục I.</xsl:text>
    </p>
  </xsl:template>

  <!-- ===== Phần I, III. targets ========================================= -->
  <xsl:template name="part-targets">
    <h2>III. KẾT QUẢ THỰC HIỆN CÁC MỤC TIÊU CỦA ĐỀ ÁN</h2>
    <xsl:call-template name="targets"/>
    <xsl:call-template name="ip-series"/>
    <xsl:call-template name="new-records"/>
  </xsl:template>

  <!-- The plan's contradictions, once, as a kiến nghị to amend the plan:
       each as the plan check words it, then both sides as written (found:
       what one place of the plan says; expected: the other place, or the
       rows added up). -->
  <xsl:template name="plan-amend">
    <xsl:variable name="set" select="$A/plan-findings/finding"/>
    <xsl:if test="$set">
      <p>
        <xsl:text>Đề nghị Ủy ban nhân dân tỉnh xem xét điều chỉnh Đề án tại </xsl:text>
        <xsl:value-of select="count($set)"/>
        <xsl:text> chỗ văn bản Đề án chưa thống nhất (báo cáo này giữ nguyên số liệu như văn bản):</xsl:text>
      </p>
      <ul>
        <xsl:for-each select="$set">
          <li>
            <xsl:value-of select="@message"/>
            <xsl:if test="@found or @expected">
              <xsl:text> (một bên ghi «</xsl:text>
              <xsl:value-of select="@found"/>
              <xsl:text>», bên kia «</xsl:text>
              <xsl:value-of select="@expected"/>
              <xsl:text>»)</xsl:text>
            </xsl:if>
            <xsl:text>.</xsl:text>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <!-- The objects a target gained this year, by name: for a target of
       one kind of CDĐL/NHTT/NHCN the ones newly protected (granted this
       year, not already in Phụ lục 1 nor to be checked against it); for
       the supported-marks target (kinds NHTT NHCN) the marks first
       supported this year. -->
  <xsl:template name="target-objects">
    <xsl:param name="t"/>
    <xsl:variable name="k" select="normalize-space($t/@kinds)"/>
    <xsl:choose>
      <xsl:when test="$k = 'CDDL' or $k = 'NHTT' or $k = 'NHCN'">
        <xsl:variable name="new" select="$A/records/record[@granted-year = $year and @kind = $k
                                         and not(normalize-space(@pre-plan)) and not(normalize-space(@pl1-possible))]"/>
        <xsl:if test="$new">
          <xsl:value-of select="concat(' Được bảo hộ mới năm ', $year, ': ')"/>
          <xsl:for-each select="$new">
            <xsl:if test="position() &gt; 1">; </xsl:if>
            <xsl:value-of select="@name"/>
          </xsl:for-each>
          <xsl:text>.</xsl:text>
        </xsl:if>
      </xsl:when>
      <xsl:when test="$k = 'NHTT NHCN' and $A/supports/mark[@this-year = 'true' or @this-year = '1']">
        <xsl:value-of select="concat(' Được hỗ trợ phát triển năm ', $year, ': ')"/>
        <xsl:for-each select="$A/supports/mark[@this-year = 'true' or @this-year = '1']">
          <xsl:if test="position() &gt; 1">; </xsl:if>
          <xsl:value-of select="@name"/>
        </xsl:for-each>
        <xsl:text>.</xsl:text>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- For a target behind pace, the Phụ lục 2 tasks serving it (plan
       links) with their money: cumulative allocated and disbursed against
       the plan's estimate, and this year's allocation. -->
  <xsl:template name="target-tasks">
    <xsl:param name="t"/>
    <xsl:for-each select="$A/budget/task[contains(concat(' ', $t/@tasks, ' '), concat(' ', @id, ' '))]">
      <xsl:text> Nhiệm vụ phục vụ mục tiêu: </xsl:text>
      <xsl:call-template name="task-words"><xsl:with-param name="set" select="."/></xsl:call-template>
      <xsl:text> (chủ trì: </xsl:text>
      <xsl:value-of select="@host-name"/>
      <xsl:text>), lũy kế được giao </xsl:text>
      <xsl:call-template name="num"><xsl:with-param name="v" select="@allocated"/></xsl:call-template>
      <xsl:text> triệu đồng, đã giải ngân </xsl:text>
      <xsl:call-template name="num"><xsl:with-param name="v" select="@disbursed"/></xsl:call-template>
      <xsl:text> triệu đồng</xsl:text>
      <xsl:if test="@stated-total">
        <xsl:text> (khái toán </xsl:text>
        <xsl:call-template name="num"><xsl:with-param name="v" select="@stated-total"/></xsl:call-template>
        <xsl:text> triệu đồng)</xsl:text>
      </xsl:if>
      <xsl:for-each select="year[@y = $year]">
        <xsl:value-of select="concat('; năm ', $year, ' được giao ')"/>
        <xsl:call-template name="num"><xsl:with-param name="v" select="@allocated"/></xsl:call-template>
        <xsl:text> triệu đồng</xsl:text>
      </xsl:for-each>
      <xsl:text>.</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="targets">
    <h3>1. Tiến độ thực hiện các mục tiêu</h3>
    <p>
      <xsl:text>Đề án thực hiện từ năm </xsl:text>
      <xsl:value-of select="$A/plan/@start"/>
      <xsl:text> đến năm </xsl:text>
      <xsl:value-of select="$A/plan/@end"/>
      <xsl:text>; đã qua </xsl:text>
      <xsl:value-of select="$A/plan/@years-elapsed"/>
      <xsl:text> năm, còn </xsl:text>
      <xsl:value-of select="$A/plan/@years-remaining"/>
      <xsl:text> năm. Số lũy kế tính từ năm </xsl:text>
      <xsl:value-of select="$A/plan/@start"/>
      <xsl:text>; mức cần có đến nay là mức tối thiểu chia đều cho các năm của Đề án.</xsl:text>
    </p>
    <xsl:for-each select="$A/targets/target">
      <p>
        <xsl:value-of select="concat(@id, '. ', @name, ': ')"/>
        <xsl:choose>
          <xsl:when test="@type = 'rate'">
            <xsl:text>năm </xsl:text><xsl:value-of select="$year"/><xsl:text> có </xsl:text>
            <xsl:call-template name="int"><xsl:with-param name="v" select="@year-value"/></xsl:call-template>
            <xsl:text> đơn, cần ít nhất </xsl:text>
            <xsl:call-template name="int"><xsl:with-param name="v" select="@required-this-year"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <xsl:text>năm </xsl:text><xsl:value-of select="$year"/><xsl:text>: </xsl:text>
            <xsl:call-template name="int"><xsl:with-param name="v" select="@year-value"/></xsl:call-template>
            <xsl:text>; lũy kế </xsl:text>
            <xsl:call-template name="int"><xsl:with-param name="v" select="@cumulative"/></xsl:call-template>
            <xsl:text>/</xsl:text>
            <xsl:call-template name="int"><xsl:with-param name="v" select="@min"/></xsl:call-template>
            <xsl:text> (mức tối thiểu)</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:text>; </xsl:text>
        <xsl:call-template name="target-status-word"/>
        <xsl:text>.</xsl:text>
        <xsl:call-template name="target-objects"><xsl:with-param name="t" select="."/></xsl:call-template>
        <xsl:if test="@status = 'behind'">
          <xsl:call-template name="target-tasks"><xsl:with-param name="t" select="."/></xsl:call-template>
        </xsl:if>
      </p>
    </xsl:for-each>
    <p>
      <xsl:text>Bảng chi tiết các mục tiêu và số liệu các năm trước được điều chỉnh: Phụ lục II.</xsl:text>
    </p>
    <h4>b) Biểu đồ tiến độ</h4>
    <xsl:call-template name="progress-bars"/>
    <xsl:if test="$A/supports/mark">
      <p>
        <xsl:text>Nhãn hiệu tập thể, nhãn hiệu chứng nhận được hỗ trợ phát triển (chỉ tiêu T8): Phụ lục IV.</xsl:text>
      </p>
    </xsl:if>
  </xsl:template>

  <!-- ===== progress bars (one inline SVG per target) ===================== -->

  <!-- A user-unit coordinate as SVG wants it ("12.5"). -->
  <xsl:template name="xy">
    <xsl:param name="v"/>
    <xsl:value-of select="format-number($v, '0.##')"/>
  </xsl:template>

  <!-- $r clamped to 0 .. $bar-clip. -->
  <xsl:template name="clamp">
    <xsl:param name="r"/>
    <xsl:choose>
      <xsl:when test="not($r &gt; 0)">0</xsl:when>
      <xsl:when test="$r &gt; $bar-clip"><xsl:value-of select="$bar-clip"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$r"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A rectangle hatched with diagonal black strokes, as one <path>
       (drawn out stroke by stroke rather than with an SVG <pattern>, so
       that no url() reference is needed and nothing can be looked up
       outside the element): the strokes x + y = c for c every $s user
       units, each cut to the rectangle $x0,$y0 .. $x1,$y1; then the
       rectangle's thin outline. -->
  <xsl:template name="hatched-rect">
    <xsl:param name="x0"/>
    <xsl:param name="y0"/>
    <xsl:param name="x1"/>
    <xsl:param name="y1"/>
    <xsl:param name="s" select="5"/>
    <xsl:param name="outline" select="0.6"/>
    <xsl:if test="$x1 &gt; $x0 and $y1 &gt; $y0">
      <rect fill="#fff" stroke="#000" stroke-width="{$outline}">
        <xsl:attribute name="x"><xsl:call-template name="xy"><xsl:with-param name="v" select="$x0"/></xsl:call-template></xsl:attribute>
        <xsl:attribute name="y"><xsl:call-template name="xy"><xsl:with-param name="v" select="$y0"/></xsl:call-template></xsl:attribute>
        <xsl:attribute name="width"><xsl:call-template name="xy"><xsl:with-param name="v" select="$x1 - $x0"/></xsl:call-template></xsl:attribute>
        <xsl:attribute name="height"><xsl:call-template name="xy"><xsl:with-param name="v" select="$y1 - $y0"/></xsl:call-template></xsl:attribute>
      </rect>
      <path fill="none" stroke="#000" stroke-width="{$s * 0.32}">
        <xsl:attribute name="d">
          <xsl:call-template name="hatch-strokes">
            <xsl:with-param name="x0" select="$x0"/>
            <xsl:with-param name="y0" select="$y0"/>
            <xsl:with-param name="x1" select="$x1"/>
            <xsl:with-param name="y1" select="$y1"/>
            <xsl:with-param name="s" select="$s"/>
            <xsl:with-param name="c" select="$x0 + $y0 + $s div 2"/>
          </xsl:call-template>
        </xsl:attribute>
      </path>
    </xsl:if>
  </xsl:template>

  <!-- The path data of the strokes c, c + s, ... of hatched-rect. -->
  <xsl:template name="hatch-strokes">
    <xsl:param name="x0"/>
    <xsl:param name="y0"/>
    <xsl:param name="x1"/>
    <xsl:param name="y1"/>
    <xsl:param name="s"/>
    <xsl:param name="c"/>
    <xsl:if test="$c &lt; $x1 + $y1">
      <xsl:variable name="xa">
        <xsl:choose>
          <xsl:when test="$c - $y1 &gt; $x0"><xsl:value-of select="$c - $y1"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$x0"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:variable name="xb">
        <xsl:choose>
          <xsl:when test="$c - $y0 &lt; $x1"><xsl:value-of select="$c - $y0"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="$x1"/></xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:if test="number($xb) &gt; number($xa)">
        <xsl:value-of select="concat('M', format-number($xa, '0.##'), ',', format-number($c - $xa, '0.##'),
                                     'L', format-number($xb, '0.##'), ',', format-number($c - $xb, '0.##'))"/>
      </xsl:if>
      <xsl:call-template name="hatch-strokes">
        <xsl:with-param name="x0" select="$x0"/>
        <xsl:with-param name="y0" select="$y0"/>
        <xsl:with-param name="x1" select="$x1"/>
        <xsl:with-param name="y1" select="$y1"/>
        <xsl:with-param name="s" select="$s"/>
        <xsl:with-param name="c" select="$c + $s"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template name="progress-bars">
    <!-- split: may break between bars (each bar whole), so that a page
         is not left half empty before the chart -->
    <div class="figure split">
      <svg class="legend" width="160mm" height="11mm" viewBox="0 0 640 44" role="img"
           aria-label="Chú giải biểu đồ tiến độ">
        <xsl:call-template name="hatched-rect">
          <xsl:with-param name="x0" select="1"/>
          <xsl:with-param name="y0" select="3"/>
          <xsl:with-param name="x1" select="27"/>
          <xsl:with-param name="y1" select="15"/>
        </xsl:call-template>
        <text x="33" y="13" font-size="13">số đã đạt (lũy kế)</text>
        <rect x="161" y="3" width="26" height="12" fill="none" stroke="#000" stroke-width="1.5"/>
        <text x="193" y="13" font-size="13">mức tối thiểu (100%)</text>
        <path d="M331,3 H357 V15 H331" fill="none" stroke="#000" stroke-dasharray="5 3"/>
        <text x="363" y="13" font-size="13">đến mức tối đa</text>
        <line x1="483" y1="1" x2="483" y2="17" stroke="#000" stroke-width="2.5"/>
        <text x="491" y="13" font-size="13">mức cần có đến nay</text>
        <polygon points="1,23 13,31 1,39" fill="#000"/>
        <text x="19" y="35" font-size="13">
          <xsl:value-of select="concat('vượt quá ', format-number($bar-clip * 100, '#.##0', 'vi'), '% mức tối thiểu')"/>
        </text>
        <text x="193" y="35" font-size="13">bên phải: lũy kế / mức tối thiểu (tỷ lệ); T7: tốc độ tăng so với mục tiêu</text>
      </svg>
    </div>
    <xsl:for-each select="$A/targets/target">
      <xsl:call-template name="progress-bar"/>
    </xsl:for-each>
    <p class="caption">
      <xsl:value-of select="concat('Biểu đồ 1. Tiến độ thực hiện các mục tiêu đến năm ', $year, ' so với mức tối thiểu')"/>
    </p>
  </xsl:template>

  <!-- context: a target.  The frame is the minimum (for T7, the growth
       rate the plan asks for); the hatched bar what was achieved; the
       dashed frame runs on to the maximum; the tick is where a linear
       path to the minimum would be now. -->
  <xsl:template name="progress-bar">
    <xsl:variable name="W" select="$bar-w"/>
    <xsl:variable name="is-rate" select="@type = 'rate'"/>
    <xsl:variable name="r">
      <xsl:choose>
        <xsl:when test="$is-rate and number(@rate) &gt; 0 and @growth != ''">
          <xsl:value-of select="number(@growth) div number(@rate)"/>
        </xsl:when>
        <xsl:when test="$is-rate">0</xsl:when>
        <xsl:when test="@share-min != ''"><xsl:value-of select="number(@share-min)"/></xsl:when>
        <xsl:when test="number(@min) &gt; 0"><xsl:value-of select="number(@cumulative) div number(@min)"/></xsl:when>
        <xsl:otherwise>0</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="rc">
      <xsl:call-template name="clamp"><xsl:with-param name="r" select="number($r)"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="rmax">
      <xsl:choose>
        <xsl:when test="not($is-rate) and number(@min) &gt; 0 and number(@max) &gt; number(@min)">
          <xsl:call-template name="clamp"><xsl:with-param name="r" select="number(@max) div number(@min)"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>0</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="rtick">
      <xsl:choose>
        <xsl:when test="not($is-rate) and number(@min) &gt; 0 and @expected-by-now != ''">
          <xsl:call-template name="clamp"><xsl:with-param name="r" select="number(@expected-by-now) div number(@min)"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise>-1</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <div class="bar">
      <p class="label">
        <b><xsl:value-of select="concat(@id, '. ')"/></b>
        <xsl:value-of select="@name"/>
        <xsl:text> – </xsl:text>
        <i><xsl:call-template name="target-status-word"/></i>
      </p>
      <xsl:variable name="word"><xsl:call-template name="target-status-word"/></xsl:variable>
      <svg class="progress" data-target="{@id}" width="160mm" height="12mm" viewBox="0 0 640 48" role="img"
           aria-label="{concat(@id, ': ', $word)}">
        <xsl:call-template name="hatched-rect">
          <xsl:with-param name="x0" select="0"/>
          <xsl:with-param name="y0" select="8"/>
          <xsl:with-param name="x1" select="number($rc) * $W"/>
          <xsl:with-param name="y1" select="26"/>
        </xsl:call-template>
        <xsl:if test="number($rmax) &gt; 1">
          <xsl:variable name="xm"><xsl:call-template name="xy"><xsl:with-param name="v" select="number($rmax) * $W"/></xsl:call-template></xsl:variable>
          <path fill="none" stroke="#000" stroke-width="1" stroke-dasharray="5 3">
            <xsl:attribute name="d">
              <xsl:value-of select="concat('M', $W, ',8.5 H', $xm, ' M', $W, ',25.5 H', $xm)"/>
              <xsl:if test="number(@max) div number(@min) &lt;= $bar-clip"><xsl:value-of select="concat(' M', $xm, ',8.5 V25.5')"/></xsl:if>
            </xsl:attribute>
          </path>
        </xsl:if>
        <rect x="0.75" y="8" width="{$W - 0.75}" height="18" fill="none" stroke="#000" stroke-width="1.5"/>
        <xsl:if test="number($r) &gt; $bar-clip">
          <xsl:variable name="xc" select="$bar-clip * $W"/>
          <polygon fill="#000" points="{concat($xc, ',3 ', $xc + 12, ',17 ', $xc, ',31')}"/>
        </xsl:if>
        <xsl:if test="number($rtick) &gt;= 0">
          <xsl:variable name="xt"><xsl:call-template name="xy"><xsl:with-param name="v" select="number($rtick) * $W"/></xsl:call-template></xsl:variable>
          <line x1="{$xt}" y1="2" x2="{$xt}" y2="32" stroke="#fff" stroke-width="5"/>
          <line x1="{$xt}" y1="2" x2="{$xt}" y2="32" stroke="#000" stroke-width="2.5"/>
          <text y="45" font-size="12" x="{$xt}">
            <xsl:attribute name="text-anchor">
              <xsl:choose>
                <xsl:when test="number($xt) &lt; 14">start</xsl:when>
                <xsl:otherwise>middle</xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
            <xsl:call-template name="dec1">
              <xsl:with-param name="v" select="@expected-by-now"/>
              <xsl:with-param name="el" select="'tspan'"/>
            </xsl:call-template>
          </text>
        </xsl:if>
        <xsl:variable name="tx" select="$W * $bar-clip + 20"/>
        <xsl:choose>
          <xsl:when test="$is-rate">
            <text x="{$tx}" y="21" font-size="16">
              <xsl:choose>
                <xsl:when test="@growth != ''">
                  <tspan font-weight="bold">
                    <xsl:call-template name="pct-value">
                      <xsl:with-param name="v" select="@growth"/>
                      <xsl:with-param name="el" select="'tspan'"/>
                    </xsl:call-template>
                  </tspan>
                  <xsl:text> / </xsl:text>
                  <xsl:call-template name="pct-value">
                    <xsl:with-param name="v" select="@rate"/>
                    <xsl:with-param name="el" select="'tspan'"/>
                  </xsl:call-template>
                  <xsl:text> mỗi năm</xsl:text>
                </xsl:when>
                <xsl:otherwise>chưa có số liệu</xsl:otherwise>
              </xsl:choose>
            </text>
            <text x="{$tx}" y="41" font-size="12">
              <xsl:value-of select="concat('năm ', $year, ': ')"/>
              <xsl:call-template name="int">
                <xsl:with-param name="v" select="@year-value"/>
                <xsl:with-param name="el" select="'tspan'"/>
              </xsl:call-template>
              <xsl:if test="@required-this-year">
                <xsl:text>; cần </xsl:text>
                <xsl:call-template name="int">
                  <xsl:with-param name="v" select="@required-this-year"/>
                  <xsl:with-param name="el" select="'tspan'"/>
                </xsl:call-template>
              </xsl:if>
            </text>
          </xsl:when>
          <xsl:otherwise>
            <text x="{$tx}" y="21" font-size="16">
              <tspan font-weight="bold">
                <xsl:call-template name="int">
                  <xsl:with-param name="v" select="@cumulative"/>
                  <xsl:with-param name="el" select="'tspan'"/>
                </xsl:call-template>
              </tspan>
              <xsl:text> / </xsl:text>
              <xsl:call-template name="int">
                <xsl:with-param name="v" select="@min"/>
                <xsl:with-param name="el" select="'tspan'"/>
              </xsl:call-template>
              <xsl:if test="@share-min">
                <xsl:text> (</xsl:text>
                <xsl:call-template name="pct">
                  <xsl:with-param name="r" select="@share-min"/>
                  <xsl:with-param name="el" select="'tspan'"/>
                </xsl:call-template>
                <xsl:text>)</xsl:text>
              </xsl:if>
            </text>
            <text x="{$tx}" y="41" font-size="12">
              <xsl:text>mục tiêu </xsl:text>
              <xsl:call-template name="int">
                <xsl:with-param name="v" select="@min"/>
                <xsl:with-param name="el" select="'tspan'"/>
              </xsl:call-template>
              <xsl:if test="@max and @max != @min">
                <xsl:text>–</xsl:text>
                <xsl:call-template name="int">
                  <xsl:with-param name="v" select="@max"/>
                  <xsl:with-param name="el" select="'tspan'"/>
                </xsl:call-template>
              </xsl:if>
              <xsl:if test="number(@needed) &gt; 0 and @pace-needed">
                <xsl:text>; cần </xsl:text>
                <xsl:call-template name="dec1">
                  <xsl:with-param name="v" select="@pace-needed"/>
                  <xsl:with-param name="el" select="'tspan'"/>
                </xsl:call-template>
                <xsl:text>/năm</xsl:text>
              </xsl:if>
            </text>
          </xsl:otherwise>
        </xsl:choose>
      </svg>
    </div>
  </xsl:template>

  <!-- ===== applications and grants since the first baseline year ======== -->
  <xsl:template name="ip-series">
    <xsl:variable name="kinds"
                  select="$A/kinds/kind[@code = $A/ip-series/year/kind/@code]"/>
    <xsl:variable name="base" select="$A/ip-series/year[@source = 'baseline']"/>
    <h3>2. Đơn đăng ký và văn bằng bảo hộ qua các năm</h3>
    <xsl:choose>
      <xsl:when test="not($A/ip-series/year)"><p>Chưa có số liệu.</p></xsl:when>
      <xsl:otherwise>
        <p>
          <xsl:if test="$base">
            <xsl:value-of select="concat('Các năm ', $base[1]/@y, '-', $base[last()]/@y, ' lấy theo Bảng 1 của Đề án, gồm ')"/>
            <xsl:for-each select="$A/kinds/kind[@code = $base/kind/@code]">
              <xsl:if test="position() &gt; 1">, </xsl:if>
              <xsl:value-of select="@name"/>
            </xsl:for-each>
            <xsl:text>; </xsl:text>
          </xsl:if>
          <xsl:value-of select="concat('các năm từ ', $A/plan/@start, ' theo báo cáo của các đơn vị, gồm mọi loại đối tượng (số đơn nộp và số văn bằng được cấp trong năm, mỗi số đơn chỉ tính một lần).')"/>
        </p>
        <xsl:call-template name="ip-chart"/>
        <table class="compact">
          <thead>
            <tr>
              <th rowspan="2">Năm</th><th rowspan="2">Nguồn</th>
              <xsl:for-each select="$kinds">
                <th colspan="2"><xsl:value-of select="@name"/></th>
              </xsl:for-each>
              <th colspan="2">Cộng</th>
            </tr>
            <tr>
              <xsl:for-each select="$kinds"><th>Đơn</th><th>Bằng</th></xsl:for-each>
              <th>Đơn</th><th>Bằng</th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="$A/ip-series/year">
              <xsl:variable name="y" select="."/>
              <tr>
                <td class="c"><xsl:value-of select="@y"/></td>
                <td>
                  <xsl:choose>
                    <xsl:when test="@source = 'baseline'">Bảng 1</xsl:when>
                    <xsl:otherwise>báo cáo</xsl:otherwise>
                  </xsl:choose>
                </td>
                <xsl:for-each select="$kinds">
                  <xsl:variable name="k" select="$y/kind[@code = current()/@code]"/>
                  <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="$k/@filed"/></xsl:call-template></td>
                  <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="$k/@granted"/></xsl:call-template></td>
                </xsl:for-each>
                <td class="n"><b><xsl:call-template name="int"><xsl:with-param name="v" select="@filed"/></xsl:call-template></b></td>
                <td class="n"><b><xsl:call-template name="int"><xsl:with-param name="v" select="@granted"/></xsl:call-template></b></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The smallest of 1, 2, 5, 10, 20, 50, … with at most 5 steps up to $m. -->
  <xsl:template name="nice-step">
    <xsl:param name="m"/>
    <xsl:param name="s" select="1"/>
    <xsl:choose>
      <xsl:when test="$m div $s &lt;= 5 or $s &gt; 1000000000"><xsl:value-of select="$s"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="nice-step">
          <xsl:with-param name="m" select="$m"/>
          <xsl:with-param name="s">
            <xsl:choose>
              <xsl:when test="substring(string($s), 1, 1) = '2'"><xsl:value-of select="$s * 2.5"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$s * 2"/></xsl:otherwise>
            </xsl:choose>
          </xsl:with-param>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Horizontal grid lines and value labels of a chart, k = 0 .. $kmax. -->
  <xsl:template name="chart-grid">
    <xsl:param name="k" select="0"/>
    <xsl:param name="kmax"/>
    <xsl:param name="step"/>
    <xsl:param name="x0"/>
    <xsl:param name="x1"/>
    <xsl:param name="ybot"/>
    <xsl:param name="h"/>
    <xsl:variable name="y">
      <xsl:call-template name="xy"><xsl:with-param name="v" select="$ybot - $k div $kmax * $h"/></xsl:call-template>
    </xsl:variable>
    <xsl:if test="$k &gt; 0">
      <line x1="{$x0}" y1="{$y}" x2="{$x1}" y2="{$y}" stroke="#808080" stroke-width="0.6" stroke-dasharray="3 3"/>
    </xsl:if>
    <text x="{$x0 - 6}" y="{$y + 4}" font-size="12" text-anchor="end">
      <xsl:value-of select="format-number($k * $step, '#.##0', 'vi')"/>
    </text>
    <xsl:if test="$k &lt; $kmax">
      <xsl:call-template name="chart-grid">
        <xsl:with-param name="k" select="$k + 1"/>
        <xsl:with-param name="kmax" select="$kmax"/>
        <xsl:with-param name="step" select="$step"/>
        <xsl:with-param name="x0" select="$x0"/>
        <xsl:with-param name="x1" select="$x1"/>
        <xsl:with-param name="ybot" select="$ybot"/>
        <xsl:with-param name="h" select="$h"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Grouped bars per year: applications (hatched) and grants (dark
       grey), the baseline years on a light band, a gap where a year has
       no figures. -->
  <xsl:template name="ip-chart">
    <xsl:variable name="Y" select="$A/ip-series/year"/>
    <xsl:variable name="y0">
      <xsl:for-each select="$Y"><xsl:sort select="@y" data-type="number"/>
        <xsl:if test="position() = 1"><xsl:value-of select="@y"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="y1">
      <xsl:for-each select="$Y"><xsl:sort select="@y" data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="@y"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="maxf">
      <xsl:for-each select="$Y"><xsl:sort select="@filed" data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="@filed"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="maxg">
      <xsl:for-each select="$Y"><xsl:sort select="@granted" data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="@granted"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="M">
      <xsl:choose>
        <xsl:when test="number($maxg) &gt; number($maxf)"><xsl:value-of select="$maxg"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$maxf"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="step">
      <xsl:call-template name="nice-step"><xsl:with-param name="m" select="number($M)"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="kmax">
      <xsl:choose>
        <xsl:when test="number($M) &gt; 0"><xsl:value-of select="ceiling(number($M) div number($step))"/></xsl:when>
        <xsl:otherwise>1</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="top" select="number($kmax) * number($step)"/>
    <xsl:variable name="n" select="number($y1) - number($y0) + 1"/>
    <xsl:variable name="X0" select="64"/>
    <xsl:variable name="X1" select="632"/>
    <xsl:variable name="T" select="44"/>
    <xsl:variable name="B" select="254"/>
    <xsl:variable name="H" select="$B - $T"/>
    <xsl:variable name="slot" select="($X1 - $X0) div $n"/>
    <xsl:variable name="bw">
      <xsl:choose>
        <xsl:when test="$slot * 0.36 &gt; 28">28</xsl:when>
        <xsl:otherwise><xsl:value-of select="$slot * 0.36"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="fs">
      <xsl:choose>
        <xsl:when test="$bw &lt; 13">8</xsl:when>
        <xsl:otherwise>10</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <div class="figure">
      <svg class="chart" id="chart-ip-series" width="160mm" height="82mm" viewBox="0 0 640 328" role="img"
           aria-label="{concat('Số đơn đăng ký và văn bằng bảo hộ các năm ', $y0, '-', $y1)}">
        <!-- where the figures come from -->
        <xsl:for-each select="$Y[@source = 'baseline'][1]">
          <xsl:variable name="b1" select="$Y[@source = 'baseline'][last()]/@y"/>
          <xsl:variable name="bx0" select="$X0 + (@y - $y0) * $slot"/>
          <xsl:variable name="bx1" select="$X0 + ($b1 - $y0 + 1) * $slot"/>
          <rect y="{$T}" height="{$H}" fill="#e6e6e6">
            <xsl:attribute name="x"><xsl:call-template name="xy"><xsl:with-param name="v" select="$bx0"/></xsl:call-template></xsl:attribute>
            <xsl:attribute name="width"><xsl:call-template name="xy"><xsl:with-param name="v" select="$bx1 - $bx0"/></xsl:call-template></xsl:attribute>
          </rect>
          <text y="{$T - 10}" font-size="12" font-style="italic" text-anchor="middle">
            <xsl:attribute name="x"><xsl:call-template name="xy"><xsl:with-param name="v" select="($bx0 + $bx1) div 2"/></xsl:call-template></xsl:attribute>
            <xsl:text>Bảng 1 của Đề án</xsl:text>
          </text>
        </xsl:for-each>
        <xsl:for-each select="$Y[@source = 'reported'][1]">
          <xsl:variable name="r1" select="$Y[@source = 'reported'][last()]/@y"/>
          <text y="{$T - 10}" font-size="12" font-style="italic" text-anchor="middle">
            <xsl:attribute name="x"><xsl:call-template name="xy"><xsl:with-param name="v" select="$X0 + ((@y + $r1 + 1) div 2 - $y0) * $slot"/></xsl:call-template></xsl:attribute>
            <xsl:text>Báo cáo của các đơn vị</xsl:text>
          </text>
        </xsl:for-each>
        <xsl:call-template name="chart-grid">
          <xsl:with-param name="kmax" select="number($kmax)"/>
          <xsl:with-param name="step" select="number($step)"/>
          <xsl:with-param name="x0" select="$X0"/>
          <xsl:with-param name="x1" select="$X1"/>
          <xsl:with-param name="ybot" select="$B"/>
          <xsl:with-param name="h" select="$H"/>
        </xsl:call-template>
        <xsl:for-each select="$Y">
          <xsl:variable name="cx" select="$X0 + (@y - $y0 + 0.5) * $slot"/>
          <xsl:variable name="hf" select="@filed div $top * $H"/>
          <xsl:variable name="hg" select="@granted div $top * $H"/>
          <xsl:call-template name="hatched-rect">
            <xsl:with-param name="x0" select="$cx - $bw - 1"/>
            <xsl:with-param name="y0" select="$B - $hf"/>
            <xsl:with-param name="x1" select="$cx - 1"/>
            <xsl:with-param name="y1" select="$B"/>
            <xsl:with-param name="s" select="4"/>
            <xsl:with-param name="outline" select="0.75"/>
          </xsl:call-template>
          <rect fill="#404040" stroke="#000" stroke-width="0.75">
            <xsl:attribute name="x"><xsl:call-template name="xy"><xsl:with-param name="v" select="$cx + 1"/></xsl:call-template></xsl:attribute>
            <xsl:attribute name="y"><xsl:call-template name="xy"><xsl:with-param name="v" select="$B - $hg"/></xsl:call-template></xsl:attribute>
            <xsl:attribute name="width"><xsl:call-template name="xy"><xsl:with-param name="v" select="$bw"/></xsl:call-template></xsl:attribute>
            <xsl:attribute name="height"><xsl:call-template name="xy"><xsl:with-param name="v" select="$hg"/></xsl:call-template></xsl:attribute>
          </rect>
          <text font-size="{$fs}" text-anchor="middle">
            <xsl:attribute name="x"><xsl:call-template name="xy"><xsl:with-param name="v" select="$cx - $bw div 2 - 1"/></xsl:call-template></xsl:attribute>
            <xsl:attribute name="y"><xsl:call-template name="xy"><xsl:with-param name="v" select="$B - $hf - 3"/></xsl:call-template></xsl:attribute>
            <xsl:call-template name="int">
              <xsl:with-param name="v" select="@filed"/>
              <xsl:with-param name="el" select="'tspan'"/>
            </xsl:call-template>
          </text>
          <text font-size="{$fs}" text-anchor="middle">
            <xsl:attribute name="x"><xsl:call-template name="xy"><xsl:with-param name="v" select="$cx + $bw div 2 + 1"/></xsl:call-template></xsl:attribute>
            <xsl:attribute name="y"><xsl:call-template name="xy"><xsl:with-param name="v" select="$B - $hg - 3"/></xsl:call-template></xsl:attribute>
            <xsl:call-template name="int">
              <xsl:with-param name="v" select="@granted"/>
              <xsl:with-param name="el" select="'tspan'"/>
            </xsl:call-template>
          </text>
          <text y="{$B + 16}" font-size="12" text-anchor="middle">
            <xsl:attribute name="x"><xsl:call-template name="xy"><xsl:with-param name="v" select="$cx"/></xsl:call-template></xsl:attribute>
            <xsl:value-of select="@y"/>
          </text>
          <!-- years between this one and the next without figures -->
          <xsl:variable name="next" select="following-sibling::year[1]/@y"/>
          <xsl:if test="$next and $next &gt; @y + 1">
            <xsl:variable name="gx">
              <xsl:call-template name="xy"><xsl:with-param name="v" select="$X0 + (($next + @y + 1) div 2 - $y0) * $slot"/></xsl:call-template>
            </xsl:variable>
            <xsl:variable name="gy" select="$T + $H div 2"/>
            <text x="{$gx}" y="{$gy}" font-size="12" font-style="italic" text-anchor="middle"
                  transform="{concat('rotate(-90 ', $gx, ' ', $gy, ')')}">không có số liệu</text>
          </xsl:if>
        </xsl:for-each>
        <line x1="{$X0}" y1="{$T}" x2="{$X0}" y2="{$B}" stroke="#000" stroke-width="1"/>
        <line x1="{$X0}" y1="{$B}" x2="{$X1}" y2="{$B}" stroke="#000" stroke-width="1"/>
        <text x="14" y="{$T + $H div 2}" font-size="13" text-anchor="middle"
              transform="{concat('rotate(-90 14 ', $T + $H div 2, ')')}">Số đơn, số văn bằng</text>
        <text x="{($X0 + $X1) div 2}" y="{$B + 36}" font-size="13" text-anchor="middle">Năm</text>
        <xsl:call-template name="hatched-rect">
          <xsl:with-param name="x0" select="160"/>
          <xsl:with-param name="y0" select="302"/>
          <xsl:with-param name="x1" select="186"/>
          <xsl:with-param name="y1" select="316"/>
          <xsl:with-param name="s" select="4"/>
          <xsl:with-param name="outline" select="0.75"/>
        </xsl:call-template>
        <text x="192" y="314" font-size="13">Đơn đăng ký được nộp</text>
        <rect x="360" y="302" width="26" height="14" fill="#404040" stroke="#000" stroke-width="0.75"/>
        <text x="392" y="314" font-size="13">Văn bằng bảo hộ được cấp</text>
      </svg>
      <p class="caption">
        <xsl:value-of select="concat('Biểu đồ 2. Số đơn đăng ký và văn bằng bảo hộ các năm ', $y0, '-', $y1)"/>
      </p>
    </div>
  </xsl:template>

  <!-- $total: with the "Cộng" row (summed over $rows, so only for a
       list the view holds whole) -->
  <xsl:template name="counts-table">
    <xsl:param name="rows"/>
    <xsl:param name="label"/>
    <xsl:param name="total" select="true()"/>
    <table>
      <thead><tr><th>TT</th><th><xsl:value-of select="$label"/></th><th>Nộp đơn</th><th>Được cấp văn bằng</th><th>Đơn bị Cục SHTT từ chối (báo cáo trong kỳ)</th></tr></thead>
      <tbody>
        <xsl:for-each select="$rows">
          <tr>
            <td class="c"><xsl:value-of select="position()"/></td>
            <td><xsl:value-of select="@name"/></td>
            <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@filed"/></xsl:call-template></td>
            <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@granted"/></xsl:call-template></td>
            <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@refused"/></xsl:call-template></td>
          </tr>
        </xsl:for-each>
        <xsl:if test="$total">
          <tr class="total">
            <td></td><td>Cộng</td>
            <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="sum($rows/@filed)"/></xsl:call-template></td>
            <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="sum($rows/@granted)"/></xsl:call-template></td>
            <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="sum($rows/@refused)"/></xsl:call-template></td>
          </tr>
        </xsl:if>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template name="new-records">
    <h3>3. Hồ sơ sở hữu trí tuệ phát sinh trong năm <xsl:value-of select="$year"/></h3>
    <xsl:choose>
      <xsl:when test="not($A/new-records/kind) and not($A/new-records/unit)">
        <p>Không có hồ sơ mới được báo cáo trong năm.</p>
      </xsl:when>
      <xsl:otherwise>
        <h4>a) Theo loại đối tượng</h4>
        <xsl:call-template name="counts-table">
          <xsl:with-param name="rows" select="$A/new-records/kind"/>
          <xsl:with-param name="label" select="'Loại đối tượng'"/>
        </xsl:call-template>
        <h4>b) Theo đơn vị báo cáo</h4>
        <!-- a cut list has no total row: no figure of the aggregate sums
             every unit's -->
        <xsl:if test="$A/new-records/@count">
          <xsl:call-template name="cut-note">
            <xsl:with-param name="lead" select="'Bảng dưới đây liệt kê '"/>
            <xsl:with-param name="shown" select="count($A/new-records/unit)"/>
            <xsl:with-param name="total" select="$A/new-records/@count"/>
            <xsl:with-param name="noun" select="'đơn vị'"/>
            <xsl:with-param name="where"
                            select="concat('danh sách đầy đủ ', $tong-hop-only,
                                           'bảng này); vì vậy bảng không có dòng cộng (xem số cộng theo loại đối tượng ở mục a)')"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:call-template name="counts-table">
          <xsl:with-param name="rows" select="$A/new-records/unit"/>
          <xsl:with-param name="label" select="'Đơn vị'"/>
          <xsl:with-param name="total" select="not($A/new-records/@count)"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== Phần I, IV. the tasks of Phụ lục 2 ============================ -->
  <xsl:template name="part-tasks">
    <h2>IV. KẾT QUẢ THỰC HIỆN CÁC NHIỆM VỤ (PHỤ LỤC 2 CỦA ĐỀ ÁN)</h2>
    <xsl:call-template name="activities"/>
    <xsl:call-template name="budget"/>
  </xsl:template>

  <!-- One value of a task row for year $y: the task's year element, or
       for this year the task's own figures when it has no year elements. -->
  <xsl:template name="task-year-value">
    <xsl:param name="task"/>
    <xsl:param name="y"/>
    <xsl:param name="what"/>
    <xsl:variable name="e" select="$task/year[@y = $y]"/>
    <xsl:choose>
      <xsl:when test="$e">
        <xsl:call-template name="int"><xsl:with-param name="v" select="$e/@*[name() = $what]"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="$y = $year">
        <xsl:call-template name="int"><xsl:with-param name="v" select="$task/@*[name() = $what]"/></xsl:call-template>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="activities">
    <!-- the years shown: those of the task with the most year elements -->
    <xsl:variable name="yrs-task">
      <xsl:for-each select="$A/activities/task">
        <xsl:sort select="count(year)" data-type="number" order="descending"/>
        <xsl:if test="position() = 1"><xsl:value-of select="count(preceding-sibling::task) + 1"/></xsl:if>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="yrs" select="$A/activities/task[number($yrs-task)]/year"/>
    <xsl:variable name="cols" select="count($yrs) + 2"/>
    <h3>1. Hoạt động thực hiện các nhiệm vụ so với khối lượng hằng năm</h3>
    <xsl:choose>
      <xsl:when test="not($A/activities/task)"><p>Không có đơn vị báo cáo hoạt động thực hiện các nhiệm vụ.</p></xsl:when>
      <xsl:otherwise>
        <p>
          <xsl:text>Khối lượng tính theo đơn vị của từng nhiệm vụ (lớp, nhiệm vụ, …); tỷ lệ là khối lượng năm </xsl:text>
          <xsl:value-of select="$year"/>
          <xsl:text> so với khối lượng hằng năm Đề án yêu cầu. Các nhiệm vụ Phần A được bố trí kinh phí hằng năm theo nhu cầu; nhiệm vụ Phần B được nêu khi có hoạt động được báo cáo.</xsl:text>
        </p>
        <table>
          <thead>
            <tr>
              <th>Nội dung</th>
              <xsl:for-each select="$yrs"><th><xsl:value-of select="@y"/></th></xsl:for-each>
              <th>Tỷ lệ năm <xsl:value-of select="$year"/> so với yêu cầu</th>
            </tr>
          </thead>
          <xsl:for-each select="$A/activities/task">
            <xsl:variable name="t" select="."/>
            <tbody class="keep">
              <tr class="task">
                <td colspan="{$cols}">
                  <b><xsl:value-of select="concat('Phần ', @part, ' – ', @id, '. ')"/></b>
                  <xsl:call-template name="lines"><xsl:with-param name="text" select="string(@title)"/></xsl:call-template>
                  <br/>
                  <i>
                    <xsl:if test="@host-name or @host">
                      <xsl:text>Chủ trì: </xsl:text>
                      <xsl:choose>
                        <xsl:when test="@host-name"><xsl:value-of select="@host-name"/></xsl:when>
                        <xsl:otherwise><xsl:value-of select="@host"/></xsl:otherwise>
                      </xsl:choose>
                      <xsl:text>; </xsl:text>
                    </xsl:if>
                    <xsl:choose>
                      <xsl:when test="@per-year">
                        <xsl:text>yêu cầu hằng năm: </xsl:text>
                        <xsl:call-template name="int"><xsl:with-param name="v" select="@per-year"/></xsl:call-template>
                        <xsl:if test="@measure-label"><xsl:value-of select="concat(' ', @measure-label)"/></xsl:if>
                        <xsl:text>.</xsl:text>
                      </xsl:when>
                      <xsl:otherwise>Đề án không quy định khối lượng hằng năm.</xsl:otherwise>
                    </xsl:choose>
                  </i>
                </td>
              </tr>
              <tr>
                <td>
                  <xsl:text>Khối lượng</xsl:text>
                  <xsl:if test="@measure-label"><xsl:value-of select="concat(' (', @measure-label, ')')"/></xsl:if>
                </td>
                <xsl:for-each select="$yrs">
                  <td class="n">
                    <xsl:call-template name="task-year-value">
                      <xsl:with-param name="task" select="$t"/>
                      <xsl:with-param name="y" select="@y"/>
                      <xsl:with-param name="what" select="'quantity'"/>
                    </xsl:call-template>
                  </td>
                </xsl:for-each>
                <td class="n"><xsl:call-template name="pct"><xsl:with-param name="r" select="@share"/></xsl:call-template></td>
              </tr>
              <tr>
                <td>Số hoạt động</td>
                <xsl:for-each select="$yrs">
                  <td class="n">
                    <xsl:call-template name="task-year-value">
                      <xsl:with-param name="task" select="$t"/>
                      <xsl:with-param name="y" select="@y"/>
                      <xsl:with-param name="what" select="'activities'"/>
                    </xsl:call-template>
                  </td>
                </xsl:for-each>
                <td></td>
              </tr>
              <tr>
                <td>Số người tham gia</td>
                <xsl:for-each select="$yrs">
                  <td class="n">
                    <xsl:call-template name="task-year-value">
                      <xsl:with-param name="task" select="$t"/>
                      <xsl:with-param name="y" select="@y"/>
                      <xsl:with-param name="what" select="'participants'"/>
                    </xsl:call-template>
                  </td>
                </xsl:for-each>
                <td></td>
              </tr>
            </tbody>
          </xsl:for-each>
        </table>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== budget (Part B) =============================================== -->
  <xsl:template name="phase-words">
    <xsl:param name="p"/>
    <xsl:choose>
      <xsl:when test="$p/@approved = 'true' or $p/@approved = '1'">đã được phê duyệt dự toán</xsl:when>
      <xsl:otherwise>chưa được phê duyệt dự toán</xsl:otherwise>
    </xsl:choose>
    <xsl:choose>
      <xsl:when test="$p/@closed = 'true' or $p/@closed = '1'">; đã kết thúc</xsl:when>
      <xsl:when test="$p/@current = 'true' or $p/@current = '1'">; đang thực hiện</xsl:when>
      <xsl:otherwise>; chưa bắt đầu</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="budget">
    <xsl:variable name="B" select="$A/budget"/>
    <h3>2. Kinh phí thực hiện các nhiệm vụ</h3>
    <xsl:if test="not($B/@year-approved = 'true' or $B/@year-approved = '1')">
      <p>
        <xsl:text>Năm </xsl:text><xsl:value-of select="$year"/>
        <xsl:text>: Đề án chưa có khái toán kinh phí cho các nhiệm vụ Phần B</xsl:text>
        <xsl:for-each select="$B/phase[@closed = 'true' or @closed = '1'][last()]">
          <xsl:value-of select="concat('; giai đoạn ', @from, '-', @to, ' đã kết thúc')"/>
        </xsl:for-each>
        <xsl:text>.</xsl:text>
        <xsl:for-each select="$B/phase[(@current = 'true' or @current = '1') and @note]">
          <xsl:value-of select="concat(' ', @note)"/>
        <xsl:if test="substring(@note, string-length(@note)) != '.'">.</xsl:if>
        </xsl:for-each>
      </p>
    </xsl:if>
    <p>
      <xsl:text>Năm </xsl:text><xsl:value-of select="$year"/>
      <xsl:text>: </xsl:text>
      <xsl:call-template name="money-scopes"/>
    </p>

    <h4>a) Theo giai đoạn</h4>
    <p class="unit">Đơn vị tính: triệu đồng</p>
    <table>
      <thead>
        <tr><th>Giai đoạn</th><th>Tình trạng</th><th>Tổng ghi trong Đề án</th><th>Cộng các dòng</th>
          <th>Chênh lệch</th><th>Được giao</th><th>Đã giải ngân</th></tr>
      </thead>
      <tbody>
        <xsl:for-each select="$B/phase">
          <tr>
            <td class="c"><xsl:value-of select="concat(@from, '-', @to)"/></td>
            <td><xsl:call-template name="phase-words"><xsl:with-param name="p" select="."/></xsl:call-template></td>
            <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@stated-total"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
            <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@computed-total"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
            <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@difference"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
            <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@allocated"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
            <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@disbursed"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <xsl:for-each select="$B/phase[@difference and @stated-total and @computed-total]">
      <p class="note">
        <xsl:value-of select="concat('Giai đoạn ', @from, '-', @to, ': ')"/>
        <xsl:text>Tổng kinh phí ghi trong Đề án là </xsl:text>
        <xsl:call-template name="num"><xsl:with-param name="v" select="@stated-total"/></xsl:call-template>
        <xsl:text> triệu đồng, cộng các dòng được </xsl:text>
        <xsl:call-template name="num"><xsl:with-param name="v" select="@computed-total"/></xsl:call-template>
        <xsl:text> triệu đồng (số ghi </xsl:text>
        <xsl:choose>
          <xsl:when test="@difference &lt; 0">thấp hơn </xsl:when>
          <xsl:otherwise>cao hơn </xsl:otherwise>
        </xsl:choose>
        <xsl:call-template name="num">
          <xsl:with-param name="v" select="translate(@difference, '-', '')"/>
        </xsl:call-template>
        <xsl:text> triệu đồng). Báo cáo giữ nguyên cả hai số, không tự điều chỉnh.</xsl:text>
      </p>
    </xsl:for-each>

    <p>
      <xsl:text>Kinh phí theo từng nhiệm vụ và từng năm: Phụ lục III.</xsl:text>
    </p>

    <xsl:if test="$B/total">
      <h4>c) Phần B (theo khái toán của Đề án): tổng cộng theo năm</h4>
      <p class="unit">Đơn vị tính: triệu đồng</p>
      <table>
        <thead>
          <tr><th>Năm</th><th>Khái toán (cộng các dòng)</th><th>Khái toán ghi trong Đề án</th>
            <th>Được giao</th><th>Đã giải ngân</th><th>Tỷ lệ giải ngân/được giao</th></tr>
        </thead>
        <tbody>
          <xsl:for-each select="$B/phase[number(@from) &lt;= $year]">
            <xsl:variable name="ph" select="."/>
            <xsl:for-each select="$B/total[@y &gt;= $ph/@from and @y &lt;= $ph/@to]">
              <tr>
                <td class="c"><xsl:value-of select="@y"/></td>
                <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@plan"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
                <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@plan-stated"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
                <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@allocated"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
                <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@disbursed"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
                <td class="n"><xsl:call-template name="pct"><xsl:with-param name="r" select="@rate"/></xsl:call-template></td>
              </tr>
            </xsl:for-each>
            <!-- the phase's subtotal: its own years only (reading h) -->
            <tr class="total">
              <td><xsl:value-of select="concat('Cộng ', @from, '-', @to)"/></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@computed-total"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@stated-total"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@allocated"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@disbursed"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
              <td class="n">
                <xsl:if test="number(@allocated) &gt; 0">
                  <!-- rounded once, by pct, from the exact sums -->
                  <xsl:call-template name="pct">
                    <xsl:with-param name="r" select="number(@disbursed) div number(@allocated)"/>
                    <xsl:with-param name="mark" select="false()"/>
                  </xsl:call-template>
                </xsl:if>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      <h4>d) Phần A (dự toán hằng năm) và cộng cả hai phần theo năm</h4>
      <p class="unit">Đơn vị tính: triệu đồng</p>
      <table>
        <thead>
          <tr><th rowspan="2">Năm</th><th colspan="2">Phần A</th><th colspan="2">Phần B</th><th colspan="2">Cộng cả hai phần</th></tr>
          <tr><th>Được giao</th><th>Đã giải ngân</th><th>Được giao</th><th>Đã giải ngân</th><th>Được giao</th><th>Đã giải ngân</th></tr>
        </thead>
        <tbody>
          <xsl:for-each select="$B/total">
            <tr>
              <td class="c"><xsl:value-of select="@y"/></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@allocated-a"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@disbursed-a"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@allocated"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@disbursed"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@allocated-all"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@disbursed-all"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>

  <!-- The units of the year by code (a scan of both lists per name, their
       union merged each time, took minutes at 2,000 units). -->
  <xsl:key name="unit-by-code" match="unit-work/unit | units/unit" use="@code"/>

  <!-- Unit codes (separated by spaces) as the units' names, "; " between;
       a code not among the year's units stays as it is. -->
  <xsl:template name="unit-names">
    <xsl:param name="codes"/>
    <xsl:if test="$codes != ''">
      <xsl:variable name="c" select="substring-before(concat($codes, ' '), ' ')"/>
      <xsl:variable name="u" select="key('unit-by-code', $c)[1]"/>
      <xsl:choose>
        <xsl:when test="$u"><xsl:value-of select="$u/@name"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$c"/></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="contains($codes, ' ')">
        <xsl:text>; </xsl:text>
        <xsl:call-template name="unit-names">
          <xsl:with-param name="codes" select="substring-after($codes, ' ')"/>
        </xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- ===== Phần I, V. each unit against its Phần III duties ============ -->
  <!-- The plan's tasks: part A (activities) then part B (budget). -->
  <xsl:variable name="all-tasks" select="$A/activities/task[@part = 'A'] | $A/budget/task[@part = 'B']"/>

  <!-- The tasks of Phụ lục 2 as the plan numbers them: "khoản 1, 2 Phần A". -->
  <xsl:template name="task-words">
    <xsl:param name="set"/>
    <xsl:for-each select="$set[@part = 'A']">
      <xsl:if test="position() = 1">khoản </xsl:if>
      <xsl:if test="position() &gt; 1">, </xsl:if>
      <xsl:value-of select="translate(@id, 'AB', '')"/>
      <xsl:if test="position() = last()"> Phần A</xsl:if>
    </xsl:for-each>
    <xsl:if test="$set[@part = 'A'] and $set[@part = 'B']">; </xsl:if>
    <xsl:for-each select="$set[@part = 'B']">
      <xsl:if test="position() = 1">khoản </xsl:if>
      <xsl:if test="position() &gt; 1">, </xsl:if>
      <xsl:value-of select="translate(@id, 'AB', '')"/>
      <xsl:if test="position() = last()"> Phần B</xsl:if>
    </xsl:for-each>
  </xsl:template>

  <!-- One unit: its Phần III sections, whether it reported, what it
       reported for the year (activities and their tasks, money, records),
       and the Phụ lục 2 tasks its duties concern that it reported nothing
       on. -->
  <xsl:template name="unit-against-duties">
    <xsl:param name="u"/>
    <xsl:variable name="mine" select="$A/unit-work/duties/duty[contains(concat(' ', $u/@duties, ' '), concat(' ', @id, ' '))]"/>
    <xsl:variable name="duty-tasks">
      <xsl:for-each select="$mine"><xsl:value-of select="concat(' ', @tasks, ' ')"/></xsl:for-each>
    </xsl:variable>
    <xsl:variable name="owed" select="$all-tasks[contains($duty-tasks, concat(' ', @id, ' '))]"/>
    <xsl:variable name="done" select="$all-tasks[contains(concat(' ', $u/@tasks, ' '), concat(' ', @id, ' '))]"/>
    <xsl:variable name="undone" select="$owed[not(contains(concat(' ', $u/@tasks, ' '), concat(' ', @id, ' ')))]"/>
    <i><xsl:value-of select="$u/@name"/></i>
    <xsl:if test="$mine">
      <xsl:text> (Phần III, mục </xsl:text>
      <xsl:for-each select="$mine[not(@section = preceding-sibling::duty[contains(concat(' ', $u/@duties, ' '), concat(' ', @id, ' '))]/@section)]">
        <xsl:if test="position() &gt; 1">, </xsl:if>
        <xsl:value-of select="@section"/>
      </xsl:for-each>
      <xsl:text>)</xsl:text>
    </xsl:if>
    <xsl:text>: </xsl:text>
    <xsl:choose>
      <xsl:when test="$u/@status = 'missing'">chưa gửi báo cáo.</xsl:when>
      <xsl:when test="$u/@status = 'rejected'">đã gửi báo cáo nhưng chưa có số liệu hợp lệ (mọi tệp gửi đều bị từ chối).</xsl:when>
      <xsl:otherwise>
        <xsl:choose>
          <xsl:when test="$u/@activities &gt; 0">
            <xsl:call-template name="int"><xsl:with-param name="v" select="$u/@activities"/></xsl:call-template>
            <xsl:text> hoạt động</xsl:text>
          </xsl:when>
          <xsl:otherwise>không báo cáo hoạt động nào</xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$done">
          <xsl:text> (</xsl:text>
          <xsl:call-template name="task-words"><xsl:with-param name="set" select="$done"/></xsl:call-template>
          <xsl:text>)</xsl:text>
        </xsl:if>
        <xsl:if test="$u/@allocated">
          <xsl:text>; kinh phí được giao </xsl:text>
          <xsl:call-template name="num"><xsl:with-param name="v" select="$u/@allocated"/></xsl:call-template>
          <xsl:text> triệu đồng, đã giải ngân </xsl:text>
          <xsl:call-template name="num"><xsl:with-param name="v" select="$u/@disbursed"/></xsl:call-template>
          <xsl:text> triệu đồng</xsl:text>
        </xsl:if>
        <xsl:if test="$u/@filed &gt; 0 or $u/@granted &gt; 0">
          <xsl:text>; </xsl:text>
          <xsl:call-template name="int"><xsl:with-param name="v" select="$u/@filed"/></xsl:call-template>
          <xsl:text> đơn đăng ký, </xsl:text>
          <xsl:call-template name="int"><xsl:with-param name="v" select="$u/@granted"/></xsl:call-template>
          <xsl:text> văn bằng bảo hộ</xsl:text>
        </xsl:if>
        <xsl:text>.</xsl:text>
        <xsl:if test="$undone">
          <xsl:text> Chưa báo cáo hoạt động, kinh phí đối với nhiệm vụ được giao tại </xsl:text>
          <xsl:call-template name="task-words"><xsl:with-param name="set" select="$undone"/></xsl:call-template>
          <xsl:text>.</xsl:text>
        </xsl:if>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="part-units">
    <xsl:variable name="W" select="$A/unit-work/unit"/>
    <xsl:variable name="C" select="$W[@type = 'commune' or @type = 'district']"/>
    <h2>V. KẾT QUẢ THỰC HIỆN NHIỆM VỤ CỦA CÁC SỞ, NGÀNH, ĐỊA PHƯƠNG</h2>
    <p>Theo nhiệm vụ được giao tại Phần III (Tổ chức thực hiện) của Đề án và số liệu các đơn vị báo cáo trong năm; nhiệm vụ không gắn với khoản nào của Phụ lục 2 được các đơn vị nêu bằng lời (Phụ lục VI).</p>
    <h3>1. Các sở, ban, ngành và đơn vị khác</h3>
    <xsl:variable name="D" select="$W[not(@type = 'commune' or @type = 'district')]"/>
    <xsl:for-each select="$D[position() &lt;= $signed-units]">
      <p>
        <xsl:number value="position()" format="a"/>
        <xsl:text>) </xsl:text>
        <xsl:call-template name="unit-against-duties"><xsl:with-param name="u" select="."/></xsl:call-template>
      </p>
    </xsl:for-each>
    <xsl:if test="count($D) &gt; $signed-units">
      <p>
        <xsl:text>Và </xsl:text>
        <xsl:call-template name="int"><xsl:with-param name="v" select="count($D) - $signed-units"/></xsl:call-template>
        <xsl:value-of select="concat(' đơn vị khác; kết quả của từng đơn vị ', $tong-hop-only, 'phần này).')"/>
      </p>
    </xsl:if>
    <xsl:if test="$C">
      <h3>2. Ủy ban nhân dân cấp xã</h3>
      <p>
        <xsl:value-of select="concat(count($C), ' đơn vị')"/>
        <xsl:if test="$C[1]/@duties">
          <xsl:text> (Phần III, mục </xsl:text>
          <xsl:value-of select="$A/unit-work/duties/duty[contains(concat(' ', $C[1]/@duties, ' '), concat(' ', @id, ' '))][1]/@section"/>
          <xsl:text>)</xsl:text>
        </xsl:if>
        <xsl:value-of select="concat(': ', count($C[@status = 'accepted']), ' đơn vị có số liệu hợp lệ, ',
                                     count($C[@status = 'rejected']), ' đơn vị chưa có số liệu hợp lệ, ',
                                     count($C[@status = 'missing']), ' đơn vị chưa gửi báo cáo (danh sách: Phụ lục I).')"/>
      </p>
      <!-- those that reported something, one line each; the others named
           together, so that 65 communes stay a short section -->
      <xsl:variable name="some" select="$C[@status = 'accepted' and (@activities &gt; 0 or @filed &gt; 0 or @granted &gt; 0 or @allocated)]"/>
      <xsl:variable name="none" select="$C[@status = 'accepted' and not(@activities &gt; 0 or @filed &gt; 0 or @granted &gt; 0 or @allocated)]"/>
      <xsl:for-each select="$some[position() &lt;= $signed-units]">
        <p>
          <xsl:text>- </xsl:text>
          <xsl:call-template name="unit-against-duties"><xsl:with-param name="u" select="."/></xsl:call-template>
        </p>
      </xsl:for-each>
      <xsl:if test="count($some) &gt; $signed-units">
        <p>
          <xsl:text>- Và </xsl:text>
          <xsl:call-template name="int"><xsl:with-param name="v" select="count($some) - $signed-units"/></xsl:call-template>
          <xsl:value-of select="concat(' đơn vị khác có hoạt động, kinh phí hoặc hồ sơ trong năm; kết quả của từng đơn vị ',
                                       $tong-hop-only, 'phần này).')"/>
        </p>
      </xsl:if>
      <xsl:if test="$none">
        <p>
          <xsl:value-of select="concat('- ', count($none), ' đơn vị báo cáo nhưng không có hoạt động, kinh phí hay hồ sơ nào trong năm: ')"/>
          <xsl:call-template name="some-names"><xsl:with-param name="set" select="$none"/></xsl:call-template>
          <xsl:text>.</xsl:text>
        </p>
      </xsl:if>
      <xsl:if test="$C[@status = 'rejected']">
        <p>
          <xsl:value-of select="concat('- ', count($C[@status = 'rejected']), ' đơn vị đã gửi báo cáo nhưng chưa có số liệu hợp lệ: ')"/>
          <xsl:call-template name="some-names"><xsl:with-param name="set" select="$C[@status = 'rejected']"/></xsl:call-template>
          <xsl:text>.</xsl:text>
        </p>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- The names of the units $set, ", " between, at most $signed-units of
       them, then "và K đơn vị khác" (the whole list: the workbook's Đơn vị
       sheet). -->
  <xsl:template name="some-names">
    <xsl:param name="set"/>
    <xsl:for-each select="$set[position() &lt;= $signed-units]">
      <xsl:if test="position() &gt; 1">, </xsl:if>
      <xsl:value-of select="@name"/>
    </xsl:for-each>
    <xsl:if test="count($set) &gt; $signed-units">
      <xsl:text> và </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="count($set) - $signed-units"/></xsl:call-template>
      <xsl:text> đơn vị khác (danh sách đầy đủ ở trang «Đơn vị» của bảng tính)</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- ===== Phần II: results, difficulties, proposals by unit ============= -->
  <!-- $none: what no unit did ("nêu kết quả nổi bật"); said of every
       unit, or, when the list is cut, of the units the view holds -->
  <xsl:template name="narrative-part">
    <xsl:param name="what"/>
    <xsl:param name="none"/>
    <xsl:variable name="N" select="$A/narratives"/>
    <xsl:variable name="units" select="$N/unit[*[local-name() = $what][normalize-space() != '']]"/>
    <xsl:choose>
      <xsl:when test="not($units) and $N/@count">
        <p>
          <xsl:value-of select="concat('Trong ', format-number(count($N/unit), '#.##0', 'vi'),
                                       ' đơn vị được nêu ở Phần này, không đơn vị nào ', $none, '.')"/>
        </p>
      </xsl:when>
      <xsl:when test="not($units)"><p><xsl:value-of select="concat('Các đơn vị không ', $none, '.')"/></p></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$units">
          <xsl:variable name="text" select="string(*[local-name() = $what])"/>
          <xsl:variable name="first"
                        select="normalize-space(substring-before(concat($text, $nl), $nl))"/>
          <p>
            <xsl:value-of select="concat(position(), '. ')"/>
            <i><xsl:value-of select="concat(@name, ': ')"/></i>
            <xsl:value-of select="$first"/>
          </p>
          <xsl:if test="contains($text, $nl)">
            <xsl:call-template name="paragraphs">
              <xsl:with-param name="text" select="substring-after($text, $nl)"/>
            </xsl:call-template>
          </xsl:if>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- One of the Sở's own sections (so-sections/section[@no]): its
       paragraphs and lists, or a visible placeholder while it is empty. -->
  <xsl:template name="so-section">
    <xsl:param name="no"/>
    <xsl:variable name="sec" select="$A/so-sections/section[@no = $no]"/>
    <xsl:choose>
      <xsl:when test="$sec/p or $sec/ul">
        <xsl:for-each select="$sec/p | $sec/ul">
          <xsl:choose>
            <xsl:when test="self::p"><p><xsl:value-of select="."/></p></xsl:when>
            <xsl:otherwise>
              <ul class="so">
                <xsl:for-each select="li"><li><xsl:value-of select="."/></li></xsl:for-each>
              </ul>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <p class="placeholder">(Sở Khoa học và Công nghệ chưa viết nội dung mục này.)</p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The units' difficulties or proposals, each said once: its first
       wording, then how many units and which (themes, aggregate.c). -->
  <xsl:template name="theme-list">
    <xsl:param name="set"/>
    <ul>
      <xsl:for-each select="$set">
        <li>
          <xsl:value-of select="text"/>
          <xsl:text> (</xsl:text>
          <xsl:choose>
            <xsl:when test="@units &gt; 1">
              <xsl:value-of select="concat(@units, ' đơn vị: ')"/>
            </xsl:when>
          </xsl:choose>
          <!-- at most $signed-names; the view itself may list fewer than
               @units (@count) -->
          <xsl:variable name="named" select="unit[position() &lt;= $signed-names]"/>
          <xsl:for-each select="$named">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:value-of select="@name"/>
          </xsl:for-each>
          <xsl:if test="@units &gt; count($named)">
            <xsl:text> và </xsl:text>
            <xsl:call-template name="int"><xsl:with-param name="v" select="@units - count($named)"/></xsl:call-template>
            <xsl:text> đơn vị khác</xsl:text>
          </xsl:if>
          <xsl:text>).</xsl:text>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <xsl:template name="part-narratives">
    <xsl:variable name="D" select="$A/themes/theme[@part = 'difficulties']"/>
    <xsl:variable name="P" select="$A/themes/theme[@part = 'proposals']"/>
    <h2 class="part">Phần II<br/>ĐÁNH GIÁ CHUNG</h2>
    <h2>I. ĐÁNH GIÁ CHUNG</h2>
    <xsl:call-template name="so-section"><xsl:with-param name="no" select="1"/></xsl:call-template>
    <h2>II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN</h2>
    <xsl:call-template name="so-section"><xsl:with-param name="no" select="2"/></xsl:call-template>
    <xsl:if test="$D">
      <p>Khó khăn, vướng mắc các đơn vị nêu trong báo cáo năm <xsl:value-of select="$year"/> (mỗi ý nêu một lần, kèm các đơn vị cùng nêu):</p>
      <xsl:call-template name="theme-list"><xsl:with-param name="set" select="$D"/></xsl:call-template>
    </xsl:if>
    <h2 class="part">Phần III<br/>PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM <xsl:value-of select="$year + 1"/></h2>
    <xsl:call-template name="so-section"><xsl:with-param name="no" select="3"/></xsl:call-template>
    <h2 class="part">Phần IV<br/>ĐỀ XUẤT, KIẾN NGHỊ</h2>
    <h2>I. ĐỐI VỚI ỦY BAN NHÂN DÂN TỈNH</h2>
    <xsl:call-template name="so-section"><xsl:with-param name="no" select="4"/></xsl:call-template>
    <xsl:call-template name="plan-amend"/>
    <h2>II. ĐỐI VỚI BỘ KHOA HỌC VÀ CÔNG NGHỆ</h2>
    <xsl:call-template name="so-section"><xsl:with-param name="no" select="5"/></xsl:call-template>
    <xsl:if test="$P">
      <h2>III. ĐỀ XUẤT, KIẾN NGHỊ CỦA CÁC ĐƠN VỊ</h2>
      <p>
        <xsl:text>Tổng hợp từ báo cáo hợp lệ của các đơn vị năm </xsl:text>
        <xsl:value-of select="$year"/>
        <xsl:text>; mỗi ý nêu một lần, kèm các đơn vị cùng nêu; nguyên văn ý kiến của từng đơn vị: Phụ lục VI.</xsl:text>
      </p>
      <xsl:if test="$P[@to = 'so']">
        <p class="group">Gửi Sở Khoa học và Công nghệ:</p>
        <xsl:call-template name="theme-list"><xsl:with-param name="set" select="$P[@to = 'so']"/></xsl:call-template>
      </xsl:if>
      <xsl:if test="$P[@to = 'ubnd' or @to = 'any']">
        <p class="group">Gửi Ủy ban nhân dân tỉnh và các cơ quan có liên quan:</p>
        <xsl:call-template name="theme-list"><xsl:with-param name="set" select="$P[@to = 'ubnd' or @to = 'any']"/></xsl:call-template>
      </xsl:if>
      <xsl:if test="$P[@to = 'bo']">
        <p class="group">Gửi Bộ Khoa học và Công nghệ, Cục Sở hữu trí tuệ:</p>
        <xsl:call-template name="theme-list"><xsl:with-param name="set" select="$P[@to = 'bo']"/></xsl:call-template>
      </xsl:if>
    </xsl:if>
  </xsl:template>

  <!-- Phụ lục VI: the units' own words, verbatim, unit by unit. -->
  <xsl:template name="appendix-narratives">
    <section class="appendix">
      <xsl:call-template name="appendix-head">
        <xsl:with-param name="no" select="'VI'"/>
        <xsl:with-param name="title" select="concat('KẾT QUẢ NỔI BẬT, KHÓ KHĂN VÀ ĐỀ XUẤT DO CÁC ĐƠN VỊ BÁO CÁO NĂM ', $year)"/>
      </xsl:call-template>
      <xsl:if test="$A/narratives/@count">
        <xsl:call-template name="cut-note">
          <xsl:with-param name="lead" select="'Phụ lục này ghi nội dung của '"/>
          <xsl:with-param name="shown" select="count($A/narratives/unit)"/>
          <xsl:with-param name="total" select="$A/narratives/@count"/>
          <xsl:with-param name="noun" select="'đơn vị'"/>
          <xsl:with-param name="where" select="concat('nội dung của mọi đơn vị ', $tong-hop-only, 'phần này)')"/>
        </xsl:call-template>
      </xsl:if>
      <h3>1. Kết quả nổi bật</h3>
      <xsl:call-template name="narrative-part">
        <xsl:with-param name="what" select="'results'"/>
        <xsl:with-param name="none" select="'nêu kết quả nổi bật'"/>
      </xsl:call-template>
      <h3>2. Khó khăn, vướng mắc</h3>
      <xsl:call-template name="narrative-part">
        <xsl:with-param name="what" select="'difficulties'"/>
        <xsl:with-param name="none" select="'nêu khó khăn, vướng mắc'"/>
      </xsl:call-template>
      <h3>3. Đề xuất, kiến nghị</h3>
      <xsl:call-template name="narrative-part">
        <xsl:with-param name="what" select="'proposals'"/>
        <xsl:with-param name="none" select="'có đề xuất, kiến nghị'"/>
      </xsl:call-template>
    </section>
  </xsl:template>

  <xsl:template name="closing">
    <p>
      <xsl:value-of select="concat('Trên đây là báo cáo kết quả thực hiện Đề án năm ', $year, ', ')"/>
      <xsl:call-template name="issuing-name"/>
      <xsl:text> kính báo cáo </xsl:text>
      <xsl:call-template name="setting">
        <xsl:with-param name="name" select="'recipient'"/>
        <xsl:with-param name="default" select="'……………………'"/>
      </xsl:call-template>
      <xsl:text>./.</xsl:text>
    </p>
  </xsl:template>

  <!-- ===== Nơi nhận and signature ========================================= -->
  <!-- Authority line: signer-authority ("KT. GIÁM ĐỐC") over signer-title
       ("PHÓ GIÁM ĐỐC"); a head signing in person has only the title. -->
  <xsl:template name="signature">
    <xsl:variable name="dist" select="/aggregate/report/setting[@name = 'distribution']"/>
    <xsl:variable name="auth" select="normalize-space(/aggregate/report/setting[@name = 'signer-authority'])"/>
    <xsl:variable name="title" select="normalize-space(/aggregate/report/setting[@name = 'signer-title'])"/>
    <table class="sign">
      <tr>
        <td class="recv">
          <span class="head">Nơi nhận:</span><br/>
          <xsl:choose>
            <xsl:when test="normalize-space($dist) != ''">
              <xsl:call-template name="lines">
                <xsl:with-param name="text" select="string($dist)"/>
                <xsl:with-param name="prefix" select="'- '"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise>- Như trên;<br/>- Lưu: VT, <xsl:value-of select="$blank"/>.</xsl:otherwise>
          </xsl:choose>
        </td>
        <td class="who">
          <xsl:if test="$auth != ''">
            <div class="authority"><xsl:value-of select="$auth"/></div>
          </xsl:if>
          <xsl:if test="$title != ''">
            <div class="authority"><xsl:value-of select="$title"/></div>
          </xsl:if>
          <xsl:if test="$auth = '' and $title = ''">
            <div class="authority"><xsl:value-of select="$blank"/></div>
          </xsl:if>
          <div class="name">
            <xsl:call-template name="setting">
              <xsl:with-param name="name" select="'signer-name'"/>
              <xsl:with-param name="default" select="'……………………'"/>
            </xsl:call-template>
          </div>
        </td>
      </tr>
    </table>
  </xsl:template>

  <!-- ===== appendices ===================================================== -->
  <xsl:template name="appendix-head">
    <xsl:param name="no"/>
    <xsl:param name="title"/>
    <p class="no">Phụ lục <xsl:value-of select="$no"/></p>
    <h1><xsl:value-of select="$title"/></h1>
    <p class="ref">
      <xsl:text>(Kèm theo Báo cáo số </xsl:text>
      <xsl:call-template name="doc-number"/>
      <xsl:text> </xsl:text>
      <xsl:call-template name="date-words"/>
      <xsl:text> của </xsl:text>
      <xsl:call-template name="issuing-name"/>
      <xsl:text>)</xsl:text>
    </p>
  </xsl:template>

  <xsl:template name="appendix-units">
    <section class="appendix">
      <xsl:call-template name="appendix-head">
        <xsl:with-param name="no" select="'I'"/>
        <xsl:with-param name="title" select="concat('TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ NĂM ', $year)"/>
      </xsl:call-template>
      <table>
        <thead>
          <tr><th>TT</th><th>Đơn vị</th><th>Cấp</th><th>Phải báo cáo</th><th>Số tệp</th>
            <th>Hợp lệ</th><th>Tệp bị từ chối</th><th>Được thay thế</th><th>Tình trạng</th></tr>
        </thead>
        <tbody>
          <xsl:for-each select="$A/units/unit">
            <tr>
              <td class="c"><xsl:value-of select="position()"/></td>
              <td>
                <xsl:value-of select="@name"/>
                <xsl:if test="@valid-to or @successor">
                  <span class="note">
                    <xsl:if test="@valid-to">
                      <xsl:text> (đến </xsl:text>
                      <xsl:call-template name="date"><xsl:with-param name="d" select="@valid-to"/></xsl:call-template>
                      <xsl:text>)</xsl:text>
                    </xsl:if>
                    <xsl:if test="@successor"><xsl:value-of select="concat('; kế thừa: ', @successor)"/></xsl:if>
                  </span>
                </xsl:if>
              </td>
              <td><xsl:call-template name="unit-type"><xsl:with-param name="t" select="@type"/></xsl:call-template></td>
              <td class="c">
                <xsl:choose>
                  <xsl:when test="@expected = 'true' or @expected = '1'">có</xsl:when>
                  <xsl:otherwise>không</xsl:otherwise>
                </xsl:choose>
              </td>
              <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@files"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@accepted"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@rejected"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@replaced"/></xsl:call-template></td>
              <td><xsl:call-template name="unit-status-word"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </section>
  </xsl:template>

  <xsl:template name="appendix-targets">
    <section class="appendix">
      <xsl:call-template name="appendix-head">
        <xsl:with-param name="no" select="'II'"/>
        <xsl:with-param name="title" select="concat('CHI TIẾT CÁC MỤC TIÊU CỦA ĐỀ ÁN ĐẾN NĂM ', $year)"/>
      </xsl:call-template>
    <table class="targets">
      <colgroup>
        <col style="width: 6%"/><col style="width: 28%"/><col style="width: 12%"/><col style="width: 7%"/>
        <col style="width: 10%"/><col style="width: 8%"/><col style="width: 9%"/><col style="width: 9%"/>
        <col style="width: 11%"/>
      </colgroup>
      <thead>
        <tr>
          <th>TT</th><th>Chỉ tiêu</th><th>Mục tiêu đến năm <xsl:value-of select="$A/plan/@end"/></th>
          <th>Năm <xsl:value-of select="$year"/></th><th>Lũy kế</th>
          <th>Mức cần có đến nay</th><th>Tỷ lệ so với mức tối thiểu</th>
          <th>Cần đạt mỗi năm còn lại</th><th>Đánh giá</th>
        </tr>
      </thead>
      <tbody>
        <xsl:for-each select="$A/targets/target">
          <tr>
            <td class="c"><xsl:value-of select="@id"/></td>
            <td><xsl:value-of select="@name"/> <span class="note"> (<xsl:value-of select="@measure"/>)</span></td>
            <xsl:choose>
              <xsl:when test="@type = 'rate'">
                <td>
                  <xsl:text>tăng bình quân </xsl:text>
                  <xsl:call-template name="pct-value"><xsl:with-param name="v" select="@rate"/></xsl:call-template>
                  <xsl:text>/năm so với năm </xsl:text>
                  <xsl:value-of select="@baseline-year"/>
                  <xsl:text> (</xsl:text>
                  <xsl:call-template name="int"><xsl:with-param name="v" select="@baseline"/></xsl:call-template>
                  <xsl:text>)</xsl:text>
                </td>
                <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@year-value"/></xsl:call-template></td>
                <td class="c">
                  <xsl:if test="@growth">
                    <xsl:text>bình quân </xsl:text>
                    <xsl:call-template name="pct-value"><xsl:with-param name="v" select="@growth"/></xsl:call-template>
                    <xsl:text>/năm</xsl:text>
                  </xsl:if>
                </td>
                <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@required-this-year"/></xsl:call-template></td>
                <td class="n"></td>
                <td>
                  <xsl:if test="@required-at-end">
                    <xsl:text>năm </xsl:text>
                    <xsl:value-of select="$A/plan/@end"/>
                    <xsl:text> cần ít nhất </xsl:text>
                    <xsl:call-template name="int"><xsl:with-param name="v" select="@required-at-end"/></xsl:call-template>
                  </xsl:if>
                </td>
              </xsl:when>
              <xsl:otherwise>
                <td class="c">
                  <xsl:call-template name="int"><xsl:with-param name="v" select="@min"/></xsl:call-template>
                  <xsl:if test="@max and @max != @min">
                    <xsl:text>–</xsl:text>
                    <xsl:call-template name="int"><xsl:with-param name="v" select="@max"/></xsl:call-template>
                  </xsl:if>
                </td>
                <td class="n">
                  <xsl:call-template name="int"><xsl:with-param name="v" select="@year-value"/></xsl:call-template>
                  <xsl:call-template name="split">
                    <xsl:with-param name="filed" select="@year-filed"/>
                    <xsl:with-param name="granted" select="@year-granted"/>
                  </xsl:call-template>
                </td>
                <td class="n">
                  <xsl:call-template name="int"><xsl:with-param name="v" select="@cumulative"/></xsl:call-template>
                  <xsl:call-template name="split">
                    <xsl:with-param name="filed" select="@cumulative-filed"/>
                    <xsl:with-param name="granted" select="@cumulative-granted"/>
                  </xsl:call-template>
                </td>
                <td class="n"><xsl:call-template name="dec1"><xsl:with-param name="v" select="@expected-by-now"/></xsl:call-template></td>
                <td class="n"><xsl:call-template name="pct"><xsl:with-param name="r" select="@share-min"/></xsl:call-template></td>
                <td class="n">
                  <xsl:choose>
                    <xsl:when test="@needed = 0">—</xsl:when>
                    <xsl:otherwise>
                      <xsl:call-template name="dec1"><xsl:with-param name="v" select="@pace-needed"/></xsl:call-template>
                    </xsl:otherwise>
                  </xsl:choose>
                </td>
              </xsl:otherwise>
            </xsl:choose>
            <td><xsl:call-template name="target-status-word"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <xsl:for-each select="$A/targets/target[@year-filed]">
      <p class="note">
        <xsl:value-of select="@id"/>
        <xsl:text> là tổng số đơn đăng ký và văn bằng bảo hộ (theo cách ghi của Đề án), không phải số đối tượng: một đối tượng được tính khi nộp đơn và tính lần nữa khi được cấp văn bằng. Năm </xsl:text>
        <xsl:value-of select="$year"/>
        <xsl:text> có </xsl:text>
        <xsl:call-template name="int"><xsl:with-param name="v" select="@year-filed"/></xsl:call-template>
        <xsl:text> đơn và </xsl:text>
        <xsl:call-template name="int"><xsl:with-param name="v" select="@year-granted"/></xsl:call-template>
        <xsl:text> văn bằng; lũy kế </xsl:text>
        <xsl:call-template name="int"><xsl:with-param name="v" select="@cumulative-filed"/></xsl:call-template>
        <xsl:text> đơn và </xsl:text>
        <xsl:call-template name="int"><xsl:with-param name="v" select="@cumulative-granted"/></xsl:call-template>
        <xsl:text> văn bằng.</xsl:text>
      </p>
    </xsl:for-each>
    <xsl:for-each select="$A/targets/target[@type = 'rate']">
      <p class="note">
        <xsl:text>Cách đánh giá </xsl:text>
        <xsl:value-of select="@id"/>
        <xsl:text>: tốc độ tăng bình quân hằng năm (tăng trưởng kép) của số đơn so với năm </xsl:text>
        <xsl:value-of select="@baseline-year"/>
        <xsl:text> (</xsl:text>
        <xsl:call-template name="int"><xsl:with-param name="v" select="@baseline"/></xsl:call-template>
        <xsl:text> đơn). Để đạt mức tăng </xsl:text>
        <xsl:call-template name="pct-value"><xsl:with-param name="v" select="@rate"/></xsl:call-template>
        <xsl:text>/năm, năm </xsl:text>
        <xsl:value-of select="$year"/>
        <xsl:text> cần ít nhất </xsl:text>
        <xsl:call-template name="int"><xsl:with-param name="v" select="@baseline"/></xsl:call-template>
        <xsl:text> × (1 + </xsl:text>
        <xsl:call-template name="pct-value"><xsl:with-param name="v" select="@rate"/></xsl:call-template>
        <xsl:text>)</xsl:text>
        <sup><xsl:value-of select="$year - @baseline-year"/></sup>
        <xsl:text> = </xsl:text>
        <xsl:call-template name="int"><xsl:with-param name="v" select="@required-this-year"/></xsl:call-template>
        <xsl:text> đơn (làm tròn lên); đã đạt </xsl:text>
        <xsl:call-template name="int"><xsl:with-param name="v" select="@year-value"/></xsl:call-template>
        <xsl:text> đơn.</xsl:text>
      </p>
    </xsl:for-each>
    <xsl:variable name="revision-names" select="10"/>
    <xsl:if test="$A/revisions/revision">
      <p class="note">Số liệu các năm trước được điều chỉnh so với báo cáo của chính năm đó (do đơn vị báo cáo muộn hoặc báo cáo văn bằng được cấp sau):</p>
      <table>
        <thead><tr><th>Năm</th><th>Chỉ tiêu</th><th>Số đã báo cáo năm đó</th><th>Số hiện nay</th><th>Do báo cáo của</th></tr></thead>
        <tbody>
          <xsl:for-each select="$A/revisions/revision">
            <tr>
              <td class="c"><xsl:value-of select="@year"/></td>
              <td><xsl:value-of select="@target"/>. <xsl:value-of select="@name"/></td>
              <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@old"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@new"/></xsl:call-template></td>
              <!-- at most $revision-names reports by name: a signed page,
                   not a list (every one is in tong-hop); @count: the view
                   lists only the first files -->
              <xsl:variable name="files">
                <xsl:choose>
                  <xsl:when test="@count"><xsl:value-of select="@count"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="count(file)"/></xsl:otherwise>
                </xsl:choose>
              </xsl:variable>
              <xsl:variable name="named" select="file[position() &lt;= $revision-names]"/>
              <td>
                <xsl:for-each select="$named">
                  <xsl:if test="position() &gt; 1">; </xsl:if>
                  <xsl:value-of select="concat(@unit-name, ' (báo cáo năm ', @cycle, ')')"/>
                </xsl:for-each>
                <xsl:if test="$files &gt; count($named)">
                  <xsl:text> và </xsl:text>
                  <xsl:call-template name="int"><xsl:with-param name="v" select="$files - count($named)"/></xsl:call-template>
                  <xsl:text> báo cáo khác</xsl:text>
                </xsl:if>
                <xsl:if test="not(file)">các báo cáo sau năm <xsl:value-of select="@year"/></xsl:if>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
    </section>
  </xsl:template>

  <!-- The objects newly protected this year (geographical indications,
       collective and certification marks granted this year, not in the
       plan's Phụ lục 1), then the T8 marks. -->
  <xsl:template name="appendix-records-new">
    <xsl:variable name="new" select="$A/records/record[@granted-year = $year and (@kind = 'CDDL' or @kind = 'NHTT' or @kind = 'NHCN')
                                     and not(normalize-space(@pre-plan)) and not(normalize-space(@pl1-possible))]"/>
    <section class="appendix">
      <xsl:call-template name="appendix-head">
        <xsl:with-param name="no" select="'IV'"/>
        <xsl:with-param name="title" select="concat('CHỈ DẪN ĐỊA LÝ, NHÃN HIỆU TẬP THỂ, NHÃN HIỆU CHỨNG NHẬN NĂM ', $year)"/>
      </xsl:call-template>
      <h3>1. Được cấp văn bằng bảo hộ mới trong năm</h3>
      <xsl:choose>
        <xsl:when test="not($new)"><p>Không có.</p></xsl:when>
        <xsl:otherwise>
          <table>
            <thead><tr><th>TT</th><th>Tên</th><th>Loại</th><th>Sản phẩm</th><th>Chủ sở hữu</th><th>Ngày cấp</th><th>Đơn vị báo cáo</th></tr></thead>
            <tbody>
              <xsl:for-each select="$new">
                <tr>
                  <td class="c"><xsl:value-of select="position()"/></td>
                  <td><xsl:value-of select="@name"/></td>
                  <td><xsl:call-template name="kind-name"><xsl:with-param name="code" select="@kind"/></xsl:call-template></td>
                  <td><xsl:value-of select="@product"/></td>
                  <td><xsl:value-of select="@owner"/></td>
                  <td class="c"><xsl:call-template name="date"><xsl:with-param name="d" select="@granted"/></xsl:call-template></td>
                  <td><xsl:value-of select="@unit-name"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$A/supports/mark">
        <h3>2. Nhãn hiệu tập thể, nhãn hiệu chứng nhận được hỗ trợ phát triển (chỉ tiêu T8)</h3>
        <table>
          <thead><tr><th>TT</th><th>Tên</th><th>Loại</th><th>Hỗ trợ từ năm</th><th>Đơn vị báo cáo</th><th>Năm <xsl:value-of select="$year"/></th><th>Đối chiếu</th></tr></thead>
          <tbody>
            <xsl:for-each select="$A/supports/mark">
              <tr>
                <td class="c"><xsl:value-of select="position()"/></td>
                <td><xsl:value-of select="@name"/></td>
                <td><xsl:call-template name="kind-name"><xsl:with-param name="code" select="@kind"/></xsl:call-template></td>
                <td class="c"><xsl:value-of select="@first-year"/></td>
                <td><xsl:call-template name="unit-names"><xsl:with-param name="codes" select="normalize-space(translate(@units, ',', ' '))"/></xsl:call-template></td>
                <td class="c"><xsl:if test="@this-year = 'true' or @this-year = '1'">có</xsl:if></td>
                <td><xsl:call-template name="mark-known-as"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>
    </section>
  </xsl:template>

  <xsl:template name="appendix-budget">
    <xsl:variable name="B" select="$A/budget"/>
    <section class="appendix">
      <xsl:call-template name="appendix-head">
        <xsl:with-param name="no" select="'III'"/>
        <xsl:with-param name="title" select="'KINH PHÍ THỰC HIỆN CÁC NHIỆM VỤ THEO NHIỆM VỤ VÀ NĂM'"/>
      </xsl:call-template>
    
    <p class="unit">Đơn vị tính: triệu đồng</p>
    <table>
      <thead>
        <tr><th>Năm</th><th>Dự toán theo Đề án</th><th>Được giao</th><th>Đã giải ngân</th>
          <th>Tỷ lệ giải ngân/được giao</th><th>Tỷ lệ giải ngân/dự toán</th></tr>
      </thead>
      <tbody>
        <!-- part B tasks (with estimates) first, then part A tasks that
             units reported money for -->
        <xsl:for-each select="$B/task">
          <xsl:sort select="@part" order="descending"/>
          <tr class="sub">
            <td colspan="6">
              <b>
                <xsl:if test="@part = 'A'">Phần A – </xsl:if>
                <xsl:value-of select="concat(@no, '. ', @title)"/>
              </b>
              <xsl:if test="@host-name or @host">
                <xsl:text> – chủ trì: </xsl:text>
                <xsl:choose>
                  <xsl:when test="@host-name"><xsl:value-of select="@host-name"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="@host"/></xsl:otherwise>
                </xsl:choose>
              </xsl:if>
              <xsl:choose>
                <xsl:when test="not(@stated-total)">
                  <xsl:text>. Không có dự toán trong Đề án (bố trí hằng năm theo nhu cầu)</xsl:text>
                </xsl:when>
                <xsl:otherwise>
                  <xsl:text>. Tổng ghi trong Đề án: </xsl:text>
                  <xsl:call-template name="num"><xsl:with-param name="v" select="@stated-total"/></xsl:call-template>
                </xsl:otherwise>
              </xsl:choose>
              <xsl:if test="@stated-total and @computed-total and number(@stated-total) != number(@computed-total)">
                <xsl:text>; cộng các năm: </xsl:text>
                <xsl:call-template name="num"><xsl:with-param name="v" select="@computed-total"/></xsl:call-template>
              </xsl:if>
            </td>
          </tr>
          <!-- the years of each phase, then that phase's subtotal: no row
               adds a later phase's money to an earlier phase's estimate
               (reading h) -->
          <xsl:variable name="t" select="."/>
          <xsl:for-each select="subtotal">
            <xsl:for-each select="$t/year[@y &gt;= current()/@from and @y &lt;= current()/@to]">
              <tr>
                <td class="c"><xsl:value-of select="@y"/></td>
                <td class="n">
                  <xsl:choose>
                    <xsl:when test="@plan"><xsl:call-template name="num"><xsl:with-param name="v" select="@plan"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></xsl:when>
                    <!-- a year of an approved phase without an amount has no
                         estimate by the plan's own choice; a year of a phase
                         not yet approved has none yet -->
                    <xsl:when test="$A/budget/phase[@approved = 'true' and @from &lt;= current()/@y and @to &gt;= current()/@y]">—</xsl:when>
                    <xsl:otherwise>chưa có</xsl:otherwise>
                  </xsl:choose>
                </td>
                <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@allocated"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
                <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@disbursed"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
                <td class="n"><xsl:call-template name="pct"><xsl:with-param name="r" select="@rate"/></xsl:call-template></td>
                <td class="n"><xsl:call-template name="pct"><xsl:with-param name="r" select="@plan-rate"/></xsl:call-template></td>
              </tr>
            </xsl:for-each>
            <tr class="total">
              <td>
                <xsl:choose>
                  <xsl:when test="@from = @to"><xsl:value-of select="concat('Cộng năm ', @from)"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="concat('Cộng ', @from, '-', @to)"/></xsl:otherwise>
                </xsl:choose>
              </td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@plan"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@allocated"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@disbursed"/><xsl:with-param name="dec" select="$money-dec"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="pct"><xsl:with-param name="r" select="@rate"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="pct"><xsl:with-param name="r" select="@plan-rate"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
        </xsl:for-each>
      </tbody>
    </table>

    </section>
  </xsl:template>

  <xsl:template name="appendix-method">
    <section class="appendix">
      <xsl:call-template name="appendix-head">
        <xsl:with-param name="no" select="'V'"/>
        <xsl:with-param name="title" select="'PHƯƠNG PHÁP TỔNG HỢP SỐ LIỆU'"/>
      </xsl:call-template>
      <ol class="method">
        <li>Tệp báo cáo hợp lệ là tệp không có lỗi; tệp có lỗi bị từ chối và không được tính, đơn vị gửi tệp đó được ghi là «đã nộp, bị từ chối» (chưa có số liệu hợp lệ). Nếu một đơn vị gửi nhiều tệp hợp lệ trong cùng một năm, chỉ tính tệp có ngày báo cáo muộn nhất.</li>
        <li>Kỳ báo cáo năm Y từ ngày 15/12 năm Y-1 đến ngày 14/12 năm Y (Nghị định số 09/2019/NĐ-CP). Mỗi sự kiện (nộp đơn, cấp văn bằng, hoạt động, hỗ trợ) được tính vào năm chứa ngày của sự kiện, một lần; sự kiện được báo cáo muộn (ở kỳ sau) được tính vào năm của nó và làm thay đổi số liệu năm đó so với báo cáo của chính năm đó: các thay đổi này được liệt kê ở Phụ lục II, dưới bảng chi tiết các mục tiêu. Ngày sau cuối kỳ báo cáo là lỗi.</li>
        <li>Một số đơn là một hồ sơ, dù được nhiều đơn vị hoặc nhiều năm báo cáo; số đơn ghi hai lần trong một tệp cũng chỉ tính một lần. Tình trạng của hồ sơ lấy theo báo cáo mới nhất nhưng không lùi lại: đơn đã được cấp văn bằng thì vẫn là đã cấp dù báo cáo sau còn ghi «đã nộp đơn».</li>
        <li>Đối tượng đã được bảo hộ trước Đề án (Phụ lục 1 của Đề án): so tên không phân biệt chữ hoa, dấu, khoảng trắng và ký tự ẩn; so sản phẩm theo từ chính (từ đầu tiên không phải từ chung như «quả», «sản phẩm» và không phải địa danh). Cùng loại, cùng tên, sản phẩm trùng hoặc không ghi: không tính là bảo hộ mới. Cùng tên nhưng sản phẩm khác hẳn: tính là mới. Tên khác nhưng sản phẩm trùng, hoặc tên là tên trong Phụ lục 1 ghép với từ chỉ sản phẩm: chưa tính là mới, Sở Khoa học và Công nghệ xác minh (danh sách dưới đây).</li>
        <li>Chỉ tiêu T1-T3 đếm văn bằng bảo hộ mới được cấp trong năm; T4, T5 đếm cả đơn đăng ký và văn bằng theo cách ghi của Đề án (báo cáo ghi riêng số đơn và số văn bằng); T6 đếm đơn đăng ký bảo hộ giống cây trồng; T7 là tốc độ tăng bình quân hằng năm (tăng trưởng kép) của số đơn đăng ký nhãn hiệu so với năm 2019 (75 đơn).</li>
        <li>T8 đếm nhãn hiệu đã được bảo hộ (có trong Phụ lục 1 hoặc đã được cấp văn bằng) được hỗ trợ phát triển, mỗi nhãn hiệu một lần, vào năm được hỗ trợ lần đầu; nhãn hiệu chưa xác định được là đã bảo hộ thì chỉ liệt kê, không tính.</li>
        <li>Mức cần có đến nay của chỉ tiêu có khoảng là mức tối thiểu chia đều cho các năm của Đề án; «đạt» khi lũy kế không thấp hơn mức tối thiểu, «đúng tiến độ» khi không thấp hơn mức cần có đến nay, còn lại là «chậm tiến độ».</li>
        <li>Kinh phí được cộng chính xác đến đồng. Phần B (theo khái toán của Đề án) và Phần A (dự toán hằng năm) được ghi riêng và cộng chung; không dòng cộng nào cộng kinh phí năm sau giai đoạn 2021-2025 với khái toán của giai đoạn đó. Tỷ lệ phần trăm được làm tròn một lần, đến số thập phân được in.</li>
        <li>«Đơn bị Cục SHTT từ chối» là đơn có tình trạng bị từ chối được báo cáo trong kỳ báo cáo của năm; «tệp bị từ chối» là tệp báo cáo không hợp lệ.</li>
      </ol>
      <xsl:if test="$A/pl1-check/record">
        <h3>Đối tượng cần xác minh với Phụ lục 1 của Đề án (chưa tính là bảo hộ mới)</h3>
        <table>
          <thead><tr><th>TT</th><th>Tên</th><th>Loại</th><th>Sản phẩm</th><th>Năm cấp</th><th>Có thể là</th><th>Đơn vị báo cáo</th></tr></thead>
          <tbody>
            <xsl:for-each select="$A/pl1-check/record">
              <tr>
                <td class="c"><xsl:value-of select="position()"/></td>
                <td><xsl:value-of select="@name"/></td>
                <td><xsl:call-template name="kind-name"><xsl:with-param name="code" select="@kind"/></xsl:call-template></td>
                <td><xsl:value-of select="@product"/></td>
                <td class="c"><xsl:value-of select="@granted-year"/></td>
                <td><xsl:value-of select="@pl1-possible"/></td>
                <td><xsl:value-of select="@unit-name"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>
    </section>
  </xsl:template>

</xsl:stylesheet>
