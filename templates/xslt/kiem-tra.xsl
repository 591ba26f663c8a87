<?xml version="1.0" encoding="UTF-8"?>
<!--
  kiem-tra.xsl - the validation report (output/<year>/kiem-tra-<year>.html)
  over the aggregate document (templates/schema/aggregate.xsd).

  Every finding of /aggregate/findings, grouped by reporting cycle (this
  year first, then the earlier cycles from the latest), then by unit, then
  by file, in the order the aggregate lists them inside a file.  Counts at
  the top.  One self-contained HTML5 file: inline CSS, no script.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="common.xsl"/>

  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:variable name="A" select="/aggregate"/>
  <xsl:variable name="year" select="/aggregate/@year"/>
  <xsl:variable name="F" select="/aggregate/findings/finding"/>

  <!-- Muenchian grouping: the first finding of each cycle, unit, file. -->
  <xsl:key name="by-cycle" match="/aggregate/findings/finding" use="string(@cycle)"/>
  <xsl:key name="by-unit" match="/aggregate/findings/finding"
           use="concat(@cycle, '|', @unit)"/>
  <xsl:key name="by-file" match="/aggregate/findings/finding"
           use="concat(@cycle, '|', @unit, '|', @file)"/>

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
        <h1>KẾT QUẢ KIỂM TRA SỐ LIỆU BÁO CÁO NĂM <xsl:value-of select="$year"/></h1>
        <p class="to">
          <xsl:text>Đề án triển khai Chiến lược sở hữu trí tuệ đến năm 2030 trên địa bàn tỉnh Lạng Sơn – kỳ báo cáo từ ngày </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="d" select="$A/period/@from"/></xsl:call-template>
          <xsl:text> đến ngày </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="d" select="$A/period/@to"/></xsl:call-template>
        </p>
        <xsl:call-template name="counts"/>
        <xsl:choose>
          <xsl:when test="not($F)">
            <p>Không có lỗi, cảnh báo hay ghi chú nào.</p>
          </xsl:when>
          <xsl:otherwise>
            <!-- this year's cycle, then the others from the latest -->
            <xsl:for-each select="$F[generate-id() = generate-id(key('by-cycle', string(@cycle))[1])]">
              <xsl:sort select="number(string(@cycle) = string($year))" data-type="number" order="descending"/>
              <xsl:sort select="@cycle" data-type="number" order="descending"/>
              <xsl:call-template name="cycle"/>
            </xsl:for-each>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="$A/plan-findings/finding">
          <h2>Mâu thuẫn trong số liệu của Đề án</h2>
          <xsl:call-template name="table">
            <xsl:with-param name="set" select="$A/plan-findings/finding"/>
          </xsl:call-template>
        </xsl:if>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="count-cells">
    <xsl:param name="set"/>
    <td><xsl:call-template name="int"><xsl:with-param name="v" select="count($set[@severity = 'error'])"/></xsl:call-template></td>
    <td><xsl:call-template name="int"><xsl:with-param name="v" select="count($set[@severity = 'warning'])"/></xsl:call-template></td>
    <td><xsl:call-template name="int"><xsl:with-param name="v" select="count($set[@severity = 'note'])"/></xsl:call-template></td>
    <td><b><xsl:call-template name="int"><xsl:with-param name="v" select="count($set)"/></xsl:call-template></b></td>
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
      <xsl:text> tệp được thay thế. Một lỗi làm tệp bị từ chối; cảnh báo và ghi chú không làm tệp bị từ chối.</xsl:text>
    </p>
    <table class="counts">
      <thead><tr><th>Năm báo cáo</th><th>Lỗi</th><th>Cảnh báo</th><th>Ghi chú</th><th>Cộng</th></tr></thead>
      <tbody>
        <xsl:for-each select="$F[generate-id() = generate-id(key('by-cycle', string(@cycle))[1])]">
          <xsl:sort select="number(string(@cycle) = string($year))" data-type="number" order="descending"/>
          <xsl:sort select="@cycle" data-type="number" order="descending"/>
          <tr>
            <td class="c"><xsl:call-template name="cycle-name"/></td>
            <xsl:call-template name="count-cells">
              <xsl:with-param name="set" select="key('by-cycle', string(@cycle))"/>
            </xsl:call-template>
          </tr>
        </xsl:for-each>
        <tr class="total">
          <td class="c">Cộng</td>
          <xsl:call-template name="count-cells"><xsl:with-param name="set" select="$F"/></xsl:call-template>
        </tr>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template name="cycle-name">
    <xsl:choose>
      <xsl:when test="string(@cycle) = ''">không rõ năm</xsl:when>
      <xsl:when test="string(@cycle) = string($year)"><xsl:value-of select="@cycle"/> (kỳ này)</xsl:when>
      <xsl:otherwise><xsl:value-of select="@cycle"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- context: the first finding of a cycle -->
  <xsl:template name="cycle">
    <xsl:variable name="in-cycle" select="key('by-cycle', string(@cycle))"/>
    <h2>
      <xsl:text>Năm báo cáo </xsl:text>
      <xsl:call-template name="cycle-name"/>
    </h2>
    <xsl:for-each select="$in-cycle[generate-id() = generate-id(key('by-unit', concat(@cycle, '|', @unit))[1])]">
      <xsl:variable name="in-unit" select="key('by-unit', concat(@cycle, '|', @unit))"/>
      <h3>
        <xsl:choose>
          <xsl:when test="@unit-name"><xsl:value-of select="@unit-name"/></xsl:when>
          <xsl:when test="@unit"><xsl:value-of select="@unit"/></xsl:when>
          <xsl:otherwise>Chưa xác định được đơn vị</xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="concat(' – ', count($in-unit), ' mục')"/>
      </h3>
      <xsl:for-each select="$in-unit[generate-id() = generate-id(key('by-file', concat(@cycle, '|', @unit, '|', @file))[1])]">
        <h4>
          <xsl:text>Tệp: </xsl:text>
          <xsl:choose>
            <xsl:when test="@file"><xsl:value-of select="@file"/></xsl:when>
            <xsl:otherwise>(không gắn với tệp)</xsl:otherwise>
          </xsl:choose>
        </h4>
        <xsl:call-template name="table">
          <xsl:with-param name="set" select="key('by-file', concat(@cycle, '|', @unit, '|', @file))"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="table">
    <xsl:param name="set"/>
    <table class="findings">
      <thead><tr><th>Vị trí</th><th>Mức</th><th>Mã</th><th>Nội dung</th><th>Giá trị gặp</th><th>Cần</th></tr></thead>
      <tbody>
        <xsl:for-each select="$set">
          <tr>
            <td><xsl:value-of select="@place"/></td>
            <td class="sev-{@severity}"><xsl:call-template name="severity"><xsl:with-param name="f" select="."/></xsl:call-template></td>
            <td><xsl:value-of select="@code"/></td>
            <td><xsl:value-of select="@message"/></td>
            <td><xsl:value-of select="@found"/></td>
            <td><xsl:value-of select="@expected"/></td>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>
</xsl:stylesheet>
