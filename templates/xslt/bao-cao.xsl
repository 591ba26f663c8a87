<?xml version="1.0" encoding="UTF-8"?>
<!--
  bao-cao.xsl - the annual report (output/<year>/bao-cao-<year>.html) over
  the aggregate document (templates/schema/aggregate.xsd).

  One self-contained HTML5 file: inline CSS, no script, nothing fetched.
  Layout after Nghị định 30/2020/NĐ-CP, Phụ lục I (header, Quốc hiệu,
  number, place and date, title, Kính gửi, body, Nơi nhận, signature,
  appendices in Roman numerals).  Every figure comes from the aggregate;
  this template only formats it.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="common.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:variable name="A" select="/aggregate"/>
  <xsl:variable name="year" select="/aggregate/@year"/>
  <xsl:variable name="subject"
                select="concat('Kết quả thực hiện Đề án triển khai Chiến lược sở hữu trí tuệ đến năm 2030 trên địa bàn tỉnh Lạng Sơn năm ', $year)"/>
  <!-- Plan contradictions about money are shown with the budget; the
       others with the targets.  All of them are in Phụ lục IV. -->
  <xsl:variable name="budget-findings"
                select="/aggregate/plan-findings/finding[contains(@code, 'BUDGET')]"/>
  <xsl:variable name="other-plan-findings"
                select="/aggregate/plan-findings/finding[not(contains(@code, 'BUDGET'))]"/>

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
        <xsl:call-template name="part-summary"/>
        <xsl:call-template name="part-results"/>
        <xsl:call-template name="part-narratives"/>
        <xsl:call-template name="signature"/>
        <xsl:call-template name="appendix-records"/>
        <xsl:call-template name="appendix-duplicates"/>
        <xsl:call-template name="appendix-files"/>
        <xsl:call-template name="appendix-findings"/>
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
          <div><span class="rule"></span></div>
          <div class="number">
            <xsl:text>Số: </xsl:text>
            <xsl:call-template name="doc-number"/>
          </div>
        </td>
        <td class="right">
          <div class="nation">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</div>
          <div class="motto">Độc lập - Tự do - Hạnh phúc</div>
          <div><span class="rule wide"></span></div>
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
    </p>
  </xsl:template>

  <!-- ===== Phần I: the year's data ===================================== -->
  <xsl:template name="part-summary">
    <xsl:variable name="s" select="$A/summary"/>
    <h2>I. TÌNH HÌNH TỔNG HỢP SỐ LIỆU NĂM <xsl:value-of select="$year"/></h2>
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
      <xsl:text> tệp được thay thế bằng bản nộp sau. Còn </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-missing"/></xsl:call-template>
      <xsl:text> đơn vị chưa nộp báo cáo.</xsl:text>
    </p>
    <p>
      <xsl:text>Tổng hợp được </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@records"/></xsl:call-template>
      <xsl:text> hồ sơ sở hữu trí tuệ có phát sinh trong năm (</xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@records-all"/></xsl:call-template>
      <xsl:text> hồ sơ từ khi bắt đầu thực hiện Đề án); </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@duplicates"/></xsl:call-template>
      <xsl:text> số đơn được nhiều nguồn báo cáo trùng, chỉ tính một lần (Phụ lục II). Kiểm tra số liệu phát hiện </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@errors"/></xsl:call-template>
      <xsl:text> lỗi, </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@warnings"/></xsl:call-template>
      <xsl:text> cảnh báo và </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@notes"/></xsl:call-template>
      <xsl:text> ghi chú (Phụ lục IV). Từ năm </xsl:text>
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
  </xsl:template>

  <!-- ===== Phần II: results ============================================= -->
  <xsl:template name="part-results">
    <h2>II. KẾT QUẢ THỰC HIỆN</h2>
    <xsl:call-template name="targets"/>
    <xsl:call-template name="ip-series"/>
    <xsl:call-template name="new-records"/>
    <xsl:call-template name="activities"/>
    <xsl:call-template name="budget"/>
    <xsl:call-template name="units"/>
  </xsl:template>

  <xsl:template name="plan-finding-list">
    <xsl:param name="set"/>
    <xsl:if test="$set">
      <p class="note">Mâu thuẫn trong số liệu của Đề án (chưa được sửa, số liệu giữ nguyên như văn bản):</p>
      <ul class="note">
        <xsl:for-each select="$set">
          <li>
            <xsl:value-of select="@message"/>
            <xsl:if test="@found or @expected">
              <xsl:text>: ghi </xsl:text>
              <xsl:value-of select="@found"/>
              <xsl:text>; tính được </xsl:text>
              <xsl:value-of select="@expected"/>
            </xsl:if>
            <xsl:value-of select="concat(' [', @code, ']')"/>
          </li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>

  <xsl:template name="targets">
    <h3>1. Tiến độ thực hiện các mục tiêu của Đề án</h3>
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
      <xsl:text>.</xsl:text>
    </p>
    <table>
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
                <td class="n">
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
                <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@year-value"/></xsl:call-template></td>
                <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@cumulative"/></xsl:call-template></td>
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
            <td><xsl:value-of select="@status-text"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
    <xsl:call-template name="plan-finding-list">
      <xsl:with-param name="set" select="$other-plan-findings"/>
    </xsl:call-template>
    <xsl:if test="$A/supports/mark">
      <h4>Nhãn hiệu tập thể, nhãn hiệu chứng nhận được hỗ trợ phát triển</h4>
      <table>
        <thead><tr><th>TT</th><th>Tên</th><th>Loại</th><th>Hỗ trợ từ năm</th><th>Đơn vị báo cáo</th><th>Năm <xsl:value-of select="$year"/></th><th>Đối chiếu</th></tr></thead>
        <tbody>
          <xsl:for-each select="$A/supports/mark">
            <tr>
              <td class="c"><xsl:value-of select="position()"/></td>
              <td><xsl:value-of select="@name"/></td>
              <td><xsl:call-template name="kind-name"><xsl:with-param name="code" select="@kind"/></xsl:call-template></td>
              <td class="c"><xsl:value-of select="@first-year"/></td>
              <td><xsl:value-of select="@units"/></td>
              <td class="c"><xsl:if test="@this-year = 'true' or @this-year = '1'">có</xsl:if></td>
              <td><xsl:value-of select="@known-as"/></td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>

  <xsl:template name="ip-series">
    <xsl:variable name="kinds"
                  select="$A/kinds/kind[@code = $A/ip-series/year/kind/@code]"/>
    <h3>2. Số đơn đăng ký và văn bằng bảo hộ qua các năm</h3>
    <xsl:choose>
      <xsl:when test="not($A/ip-series/year)"><p>Chưa có số liệu.</p></xsl:when>
      <xsl:otherwise>
        <p>Các năm trước Đề án lấy theo Bảng 1 của Đề án; các năm từ <xsl:value-of select="$A/plan/@start"/> theo báo cáo của các đơn vị.</p>
        <table>
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
                    <xsl:when test="@source = 'baseline'">Đề án (Bảng 1)</xsl:when>
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

  <xsl:template name="counts-table">
    <xsl:param name="rows"/>
    <xsl:param name="label"/>
    <table>
      <thead><tr><th>TT</th><th><xsl:value-of select="$label"/></th><th>Nộp đơn</th><th>Được cấp văn bằng</th><th>Bị từ chối</th></tr></thead>
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
        <tr class="total">
          <td></td><td>Cộng</td>
          <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="sum($rows/@filed)"/></xsl:call-template></td>
          <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="sum($rows/@granted)"/></xsl:call-template></td>
          <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="sum($rows/@refused)"/></xsl:call-template></td>
        </tr>
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
        <xsl:call-template name="counts-table">
          <xsl:with-param name="rows" select="$A/new-records/unit"/>
          <xsl:with-param name="label" select="'Đơn vị'"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="activities">
    <h3>4. Hoạt động thực hiện các nhiệm vụ (Phụ lục 2 của Đề án)</h3>
    <xsl:choose>
      <xsl:when test="not($A/activities/task)"><p>Không có đơn vị báo cáo hoạt động thực hiện các nhiệm vụ.</p></xsl:when>
      <xsl:otherwise>
        <table>
          <thead>
            <tr><th>Nhiệm vụ</th><th>Nội dung</th><th>Cơ quan chủ trì</th><th>Số hoạt động</th>
              <th>Khối lượng năm <xsl:value-of select="$year"/></th><th>Yêu cầu hằng năm</th><th>Tỷ lệ</th><th>Số người tham gia</th></tr>
          </thead>
          <tbody>
            <xsl:for-each select="$A/activities/task">
              <tr>
                <td class="c"><xsl:value-of select="concat('Phần ', @part, ' – ', @id)"/></td>
                <td><xsl:value-of select="@title"/></td>
                <td>
                  <xsl:choose>
                    <xsl:when test="@host-name"><xsl:value-of select="@host-name"/></xsl:when>
                    <xsl:otherwise><xsl:value-of select="@host"/></xsl:otherwise>
                  </xsl:choose>
                </td>
                <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@activities"/></xsl:call-template></td>
                <td class="n">
                  <xsl:call-template name="int"><xsl:with-param name="v" select="@quantity"/></xsl:call-template>
                  <xsl:if test="@measure-label"><xsl:value-of select="concat(' ', @measure-label)"/></xsl:if>
                </td>
                <td class="n">
                  <xsl:choose>
                    <xsl:when test="@per-year"><xsl:call-template name="int"><xsl:with-param name="v" select="@per-year"/></xsl:call-template></xsl:when>
                    <xsl:otherwise>theo nhu cầu</xsl:otherwise>
                  </xsl:choose>
                </td>
                <td class="n"><xsl:call-template name="pct"><xsl:with-param name="r" select="@share"/></xsl:call-template></td>
                <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@participants"/></xsl:call-template></td>
              </tr>
            </xsl:for-each>
          </tbody>
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
    <h3>5. Kinh phí thực hiện các nhiệm vụ Phần B (Phụ lục 2 của Đề án)</h3>
    <xsl:if test="not($B/@year-approved = 'true' or $B/@year-approved = '1')">
      <p>
        <xsl:text>Năm </xsl:text><xsl:value-of select="$year"/>
        <xsl:text> chưa có dự toán kinh phí được phê duyệt cho các nhiệm vụ Phần B của Đề án</xsl:text>
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
      <xsl:text>: kinh phí được giao </xsl:text>
      <xsl:call-template name="num"><xsl:with-param name="v" select="$B/@allocated"/></xsl:call-template>
      <xsl:text> triệu đồng, đã giải ngân </xsl:text>
      <xsl:call-template name="num"><xsl:with-param name="v" select="$B/@disbursed"/></xsl:call-template>
      <xsl:text> triệu đồng</xsl:text>
      <xsl:if test="$B/@rate">
        <xsl:text> (đạt </xsl:text>
        <xsl:call-template name="pct"><xsl:with-param name="r" select="$B/@rate"/></xsl:call-template>
        <xsl:text>)</xsl:text>
      </xsl:if>
      <xsl:if test="$B/@plan">
        <xsl:text>; dự toán theo Đề án </xsl:text>
        <xsl:call-template name="num"><xsl:with-param name="v" select="$B/@plan"/></xsl:call-template>
        <xsl:text> triệu đồng</xsl:text>
      </xsl:if>
      <xsl:text>.</xsl:text>
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
            <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@stated-total"/></xsl:call-template></td>
            <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@computed-total"/></xsl:call-template></td>
            <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@difference"/></xsl:call-template></td>
            <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@allocated"/></xsl:call-template></td>
            <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@disbursed"/></xsl:call-template></td>
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
    <xsl:call-template name="plan-finding-list">
      <xsl:with-param name="set" select="$budget-findings"/>
    </xsl:call-template>

    <h4>b) Theo nhiệm vụ và năm</h4>
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
          <xsl:for-each select="year">
            <tr>
              <td class="c"><xsl:value-of select="@y"/></td>
              <td class="n">
                <xsl:choose>
                  <xsl:when test="@plan"><xsl:call-template name="num"><xsl:with-param name="v" select="@plan"/></xsl:call-template></xsl:when>
                  <!-- a year of an approved phase without an amount has no
                       estimate by the plan's own choice; a year of a phase
                       not yet approved has none yet -->
                  <xsl:when test="$A/budget/phase[@approved = 'true' and @from &lt;= current()/@y and @to &gt;= current()/@y]">—</xsl:when>
                  <xsl:otherwise>chưa có</xsl:otherwise>
                </xsl:choose>
              </td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@allocated"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@disbursed"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="pct"><xsl:with-param name="r" select="@rate"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="pct"><xsl:with-param name="r" select="@plan-rate"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
          <tr class="total">
            <td>Cộng</td>
            <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@computed-total"/></xsl:call-template></td>
            <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@allocated"/></xsl:call-template></td>
            <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@disbursed"/></xsl:call-template></td>
            <td class="n"><xsl:call-template name="pct"><xsl:with-param name="r" select="@rate"/></xsl:call-template></td>
            <td></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>

    <xsl:if test="$B/total">
      <h4>c) Tổng cộng theo năm</h4>
      <p class="unit">Đơn vị tính: triệu đồng</p>
      <table>
        <thead>
          <tr><th>Năm</th><th>Dự toán (cộng các dòng)</th><th>Dự toán ghi trong Đề án</th>
            <th>Được giao</th><th>Đã giải ngân</th><th>Tỷ lệ giải ngân/được giao</th></tr>
        </thead>
        <tbody>
          <xsl:for-each select="$B/total">
            <tr>
              <td class="c"><xsl:value-of select="@y"/></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@plan"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@plan-stated"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@allocated"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="@disbursed"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="pct"><xsl:with-param name="r" select="@rate"/></xsl:call-template></td>
            </tr>
          </xsl:for-each>
          <tr class="total">
            <td>Cộng</td>
            <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="sum($B/total/@plan)"/></xsl:call-template></td>
            <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="sum($B/total/@plan-stated)"/></xsl:call-template></td>
            <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="sum($B/total/@allocated)"/></xsl:call-template></td>
            <td class="n"><xsl:call-template name="num"><xsl:with-param name="v" select="sum($B/total/@disbursed)"/></xsl:call-template></td>
            <td class="n">
              <xsl:if test="sum($B/total/@allocated) &gt; 0">
                <xsl:call-template name="pct">
                  <xsl:with-param name="r" select="round(sum($B/total/@disbursed) div sum($B/total/@allocated) * 10000) div 10000"/>
                </xsl:call-template>
              </xsl:if>
            </td>
          </tr>
        </tbody>
      </table>
    </xsl:if>
  </xsl:template>

  <xsl:template name="units">
    <xsl:variable name="s" select="$A/summary"/>
    <h3>6. Tình hình gửi báo cáo của các đơn vị</h3>
    <p>
      <xsl:text>Số đơn vị phải báo cáo: </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-expected"/></xsl:call-template>
      <xsl:text>; đã gửi: </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-submitted"/></xsl:call-template>
      <xsl:text>; chưa gửi: </xsl:text>
      <xsl:call-template name="int"><xsl:with-param name="v" select="$s/@units-missing"/></xsl:call-template>
      <xsl:text>.</xsl:text>
    </p>
    <table>
      <thead>
        <tr><th>TT</th><th>Đơn vị</th><th>Cấp</th><th>Phải báo cáo</th><th>Số tệp</th>
          <th>Hợp lệ</th><th>Bị từ chối</th><th>Được thay thế</th><th>Tình trạng</th></tr>
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
            <td><xsl:value-of select="@status-text"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <!-- ===== Phần III: narratives ========================================== -->
  <xsl:template name="narrative-part">
    <xsl:param name="what"/>
    <xsl:param name="none"/>
    <xsl:variable name="units" select="$A/narratives/unit[*[local-name() = $what][normalize-space() != '']]"/>
    <xsl:choose>
      <xsl:when test="not($units)"><p><xsl:value-of select="$none"/></p></xsl:when>
      <xsl:otherwise>
        <xsl:for-each select="$units">
          <p><i><xsl:value-of select="concat(substring('abcdefghijklmnopqrstuvwxyz', position(), 1), ') ', @name, ':')"/></i></p>
          <xsl:call-template name="paragraphs">
            <xsl:with-param name="text" select="*[local-name() = $what]"/>
          </xsl:call-template>
        </xsl:for-each>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="part-narratives">
    <h2>III. KẾT QUẢ NỔI BẬT, KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT, KIẾN NGHỊ</h2>
    <h3>1. Kết quả nổi bật</h3>
    <xsl:call-template name="narrative-part">
      <xsl:with-param name="what" select="'results'"/>
      <xsl:with-param name="none" select="'Các đơn vị không nêu kết quả nổi bật.'"/>
    </xsl:call-template>
    <h3>2. Khó khăn, vướng mắc</h3>
    <xsl:call-template name="narrative-part">
      <xsl:with-param name="what" select="'difficulties'"/>
      <xsl:with-param name="none" select="'Các đơn vị không nêu khó khăn, vướng mắc.'"/>
    </xsl:call-template>
    <h3>3. Đề xuất, kiến nghị</h3>
    <xsl:call-template name="narrative-part">
      <xsl:with-param name="what" select="'proposals'"/>
      <xsl:with-param name="none" select="'Các đơn vị không có đề xuất, kiến nghị.'"/>
    </xsl:call-template>
  </xsl:template>

  <!-- ===== Nơi nhận and signature ========================================= -->
  <xsl:template name="signature">
    <xsl:variable name="dist" select="/aggregate/report/setting[@name = 'distribution']"/>
    <table class="sign">
      <tr>
        <td class="recv">
          <b>Nơi nhận:</b><br/>
          <xsl:choose>
            <xsl:when test="normalize-space($dist) != ''">
              <xsl:call-template name="lines">
                <xsl:with-param name="text" select="string($dist)"/>
                <xsl:with-param name="prefix" select="'- '"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise>- Như trên;<br/>- Lưu: VT.</xsl:otherwise>
          </xsl:choose>
        </td>
        <td class="who">
          <div class="authority">
            <xsl:call-template name="setting">
              <xsl:with-param name="name" select="'signer-authority'"/>
            </xsl:call-template>
          </div>
          <xsl:if test="normalize-space(/aggregate/report/setting[@name = 'signer-title']) != ''">
            <div class="authority">
              <xsl:value-of select="normalize-space(/aggregate/report/setting[@name = 'signer-title'])"/>
            </div>
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
    <h1>Phụ lục <xsl:value-of select="$no"/><br/><xsl:value-of select="$title"/></h1>
    <p class="ref">
      <xsl:text>(Kèm theo Báo cáo số </xsl:text>
      <xsl:call-template name="doc-number"/>
      <xsl:text> </xsl:text>
      <xsl:call-template name="date-words"/>
      <xsl:text> của </xsl:text>
      <xsl:call-template name="setting">
        <xsl:with-param name="name" select="'issuing-body'"/>
      </xsl:call-template>
      <xsl:text>)</xsl:text>
    </p>
  </xsl:template>

  <xsl:template name="appendix-records">
    <section class="appendix">
      <xsl:call-template name="appendix-head">
        <xsl:with-param name="no" select="'I'"/>
        <xsl:with-param name="title" select="concat('DANH SÁCH HỒ SƠ SỞ HỮU TRÍ TUỆ ĐƯỢC TỔNG HỢP ĐẾN NĂM ', $year)"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="not($A/records/record)"><p>Không có hồ sơ.</p></xsl:when>
        <xsl:otherwise>
          <table>
            <thead>
              <tr><th>TT</th><th>Số đơn</th><th>Loại</th><th>Tên, sản phẩm</th><th>Chủ sở hữu</th>
                <th>Ngày nộp đơn</th><th>Ngày cấp, số văn bằng</th><th>Tình trạng</th><th>Đơn vị báo cáo</th><th>Ghi chú</th></tr>
            </thead>
            <tbody>
              <xsl:for-each select="$A/records/record">
                <tr>
                  <td class="c"><xsl:value-of select="position()"/></td>
                  <td><xsl:value-of select="@application"/></td>
                  <td><xsl:call-template name="kind-name"><xsl:with-param name="code" select="@kind"/></xsl:call-template></td>
                  <td>
                    <xsl:value-of select="@name"/>
                    <xsl:if test="@product"><xsl:value-of select="concat(' (', @product, ')')"/></xsl:if>
                  </td>
                  <td><xsl:value-of select="@owner"/></td>
                  <td class="c"><xsl:call-template name="date"><xsl:with-param name="d" select="@filed"/></xsl:call-template></td>
                  <td class="c">
                    <xsl:call-template name="date"><xsl:with-param name="d" select="@granted"/></xsl:call-template>
                    <xsl:if test="@certificate"><xsl:value-of select="concat(' – số ', @certificate)"/></xsl:if>
                  </td>
                  <td><xsl:call-template name="record-status"><xsl:with-param name="s" select="@status"/></xsl:call-template></td>
                  <td><xsl:value-of select="@unit-name"/></td>
                  <td>
                    <xsl:if test="@this-year = 'true' or @this-year = '1'">năm <xsl:value-of select="$year"/>; </xsl:if>
                    <xsl:if test="@sources &gt; 1"><xsl:value-of select="concat(@sources, ' nguồn báo cáo; ')"/></xsl:if>
                    <xsl:if test="@pre-plan"><xsl:value-of select="concat('đã bảo hộ trước Đề án (', @pre-plan, '), không tính là mới; ')"/></xsl:if>
                    <xsl:if test="@task"><xsl:value-of select="concat('nhiệm vụ ', @task)"/></xsl:if>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="appendix-duplicates">
    <section class="appendix">
      <xsl:call-template name="appendix-head">
        <xsl:with-param name="no" select="'II'"/>
        <xsl:with-param name="title" select="'SỐ ĐƠN ĐƯỢC BÁO CÁO TRÙNG (CHỈ TÍNH MỘT LẦN)'"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="not($A/duplicates/duplicate)"><p>Không có số đơn nào được báo cáo trùng.</p></xsl:when>
        <xsl:otherwise>
          <table>
            <thead><tr><th>TT</th><th>Số đơn</th><th>Loại, tên</th><th>Đơn vị báo cáo</th><th>Tệp, vị trí</th><th>Năm báo cáo</th><th>Xử lý</th></tr></thead>
            <tbody>
              <xsl:for-each select="$A/duplicates/duplicate">
                <xsl:variable name="n" select="count(source)"/>
                <xsl:variable name="i" select="position()"/>
                <xsl:variable name="d" select="."/>
                <xsl:for-each select="source">
                  <tr>
                    <xsl:if test="position() = 1">
                      <td class="c" rowspan="{$n}"><xsl:value-of select="$i"/></td>
                      <td rowspan="{$n}"><xsl:value-of select="$d/@application"/></td>
                      <td rowspan="{$n}">
                        <xsl:call-template name="kind-name"><xsl:with-param name="code" select="$d/@kind"/></xsl:call-template>
                        <xsl:if test="$d/@name"><xsl:value-of select="concat(': ', $d/@name)"/></xsl:if>
                      </td>
                    </xsl:if>
                    <td><xsl:value-of select="@unit-name"/></td>
                    <td><xsl:value-of select="@file"/><xsl:if test="@place"><xsl:value-of select="concat(' (', @place, ')')"/></xsl:if></td>
                    <td class="c"><xsl:value-of select="@cycle"/></td>
                    <td><xsl:call-template name="source-status"><xsl:with-param name="s" select="@status"/></xsl:call-template></td>
                  </tr>
                </xsl:for-each>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="appendix-files">
    <section class="appendix">
      <xsl:call-template name="appendix-head">
        <xsl:with-param name="no" select="'III'"/>
        <xsl:with-param name="title" select="concat('CÁC TỆP BÁO CÁO ĐÃ TIẾP NHẬN NĂM ', $year)"/>
      </xsl:call-template>
      <table>
        <thead><tr><th>TT</th><th>Tệp</th><th>Đơn vị</th><th>Ngày báo cáo</th><th>Số hồ sơ</th><th>Lỗi</th><th>Cảnh báo</th><th>Kết quả</th></tr></thead>
        <tbody>
          <xsl:for-each select="$A/submissions/file">
            <tr>
              <td class="c"><xsl:value-of select="position()"/></td>
              <td><xsl:value-of select="@path"/></td>
              <td>
                <xsl:choose>
                  <xsl:when test="@unit-name"><xsl:value-of select="@unit-name"/></xsl:when>
                  <xsl:otherwise><xsl:value-of select="@unit"/></xsl:otherwise>
                </xsl:choose>
              </td>
              <td class="c"><xsl:call-template name="date"><xsl:with-param name="d" select="@date"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@records"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@errors"/></xsl:call-template></td>
              <td class="n"><xsl:call-template name="int"><xsl:with-param name="v" select="@warnings"/></xsl:call-template></td>
              <td>
                <xsl:call-template name="file-status"><xsl:with-param name="s" select="@status"/></xsl:call-template>
                <xsl:if test="@replaced-by"><xsl:value-of select="concat(' bởi ', @replaced-by)"/></xsl:if>
              </td>
            </tr>
          </xsl:for-each>
        </tbody>
      </table>
      <h3>Báo cáo được thay thế</h3>
      <xsl:choose>
        <xsl:when test="not($A/replacements/replacement)"><p>Không có báo cáo nào được thay thế.</p></xsl:when>
        <xsl:otherwise>
          <table>
            <thead><tr><th>TT</th><th>Đơn vị</th><th>Năm</th><th>Bản được dùng</th><th>Bản bị thay thế</th></tr></thead>
            <tbody>
              <xsl:for-each select="$A/replacements/replacement">
                <tr>
                  <td class="c"><xsl:value-of select="position()"/></td>
                  <td><xsl:value-of select="@unit-name"/></td>
                  <td class="c"><xsl:value-of select="@cycle"/></td>
                  <td>
                    <xsl:value-of select="@kept"/>
                    <xsl:if test="@kept-date">
                      <xsl:text> (</xsl:text>
                      <xsl:call-template name="date"><xsl:with-param name="d" select="@kept-date"/></xsl:call-template>
                      <xsl:text>)</xsl:text>
                    </xsl:if>
                  </td>
                  <td>
                    <xsl:value-of select="@replaced"/>
                    <xsl:if test="@replaced-date">
                      <xsl:text> (</xsl:text>
                      <xsl:call-template name="date"><xsl:with-param name="d" select="@replaced-date"/></xsl:call-template>
                      <xsl:text>)</xsl:text>
                    </xsl:if>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="finding-rows">
    <xsl:param name="set"/>
    <xsl:for-each select="$set">
      <tr>
        <td class="c"><xsl:value-of select="position()"/></td>
        <td>
          <xsl:value-of select="@file"/>
          <xsl:if test="@place"><xsl:value-of select="concat(':', @place)"/></xsl:if>
          <xsl:if test="@unit-name"><br/><span class="note"><xsl:value-of select="@unit-name"/></span></xsl:if>
        </td>
        <td class="sev-{@severity}"><xsl:call-template name="severity"><xsl:with-param name="f" select="."/></xsl:call-template></td>
        <td><xsl:value-of select="@code"/></td>
        <td><xsl:value-of select="@message"/></td>
        <td><xsl:value-of select="@found"/></td>
        <td><xsl:value-of select="@expected"/></td>
      </tr>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="appendix-findings">
    <section class="appendix">
      <xsl:call-template name="appendix-head">
        <xsl:with-param name="no" select="'IV'"/>
        <xsl:with-param name="title" select="'KẾT QUẢ KIỂM TRA SỐ LIỆU'"/>
      </xsl:call-template>
      <h3>1. Mâu thuẫn trong số liệu của Đề án</h3>
      <xsl:choose>
        <xsl:when test="not($A/plan-findings/finding)"><p>Không phát hiện mâu thuẫn.</p></xsl:when>
        <xsl:otherwise>
          <table class="findings">
            <thead><tr><th>TT</th><th>Vị trí</th><th>Mức</th><th>Mã</th><th>Nội dung</th><th>Ghi trong văn bản</th><th>Tính được / cần</th></tr></thead>
            <tbody>
              <xsl:call-template name="finding-rows"><xsl:with-param name="set" select="$A/plan-findings/finding"/></xsl:call-template>
            </tbody>
          </table>
        </xsl:otherwise>
      </xsl:choose>
      <h3>2. Kết quả kiểm tra các tệp báo cáo</h3>
      <xsl:choose>
        <xsl:when test="not($A/findings/finding)"><p>Không có lỗi, cảnh báo hay ghi chú nào.</p></xsl:when>
        <xsl:otherwise>
          <table class="findings">
            <thead><tr><th>TT</th><th>Vị trí</th><th>Mức</th><th>Mã</th><th>Nội dung</th><th>Giá trị gặp</th><th>Cần</th></tr></thead>
            <tbody>
              <xsl:call-template name="finding-rows"><xsl:with-param name="set" select="$A/findings/finding"/></xsl:call-template>
            </tbody>
          </table>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>
</xsl:stylesheet>
