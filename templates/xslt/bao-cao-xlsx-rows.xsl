<?xml version="1.0" encoding="UTF-8"?>
<!--
  bao-cao-xlsx-rows.xsl - rows of the workbook's long lists for a chunk of
  items, when the aggregate lists more of them than the templates' view
  holds (src/detail.h).  The input is a small aggregate document: the
  root's attributes, <kinds>, <report>, and any of

    <records first="K" first-row="R">      records   (record-row, Chi tiết)
    <units first="K" first-row="R">        units     (unit-row, Đơn vị)
    <submissions first="K" first-row="R">  files     (file-row, Đơn vị)

  holding the chunk's items, K being the position of the first in the
  whole list and R the sheet row of the list's first item (the
  <rows-from first-row>; default 5).  A list element without first is
  left out.  The output is a <rows> document (templates/schema/
  workbook.xsd) of the same rows bao-cao-xlsx.xsl writes for those items
  from a whole list, list after list in document order (units, files,
  records): both call the same row templates, so an edit of one of them
  (or of the word templates they call) reaches every row at any size.
  A run applies it to each chunk of 256 items of a cut list.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="bao-cao-xlsx.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/">
    <rows>
      <xsl:for-each select="/aggregate/records[@first] | /aggregate/units[@first]
                            | /aggregate/submissions[@first]">
        <xsl:variable name="first" select="number(@first)"/>
        <xsl:variable name="r">
          <xsl:choose>
            <xsl:when test="@first-row"><xsl:value-of select="@first-row"/></xsl:when>
            <xsl:otherwise>5</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:for-each select="record | unit | file">
          <xsl:variable name="pos" select="$first + position() - 1"/>
          <xsl:choose>
            <xsl:when test="self::record">
              <xsl:call-template name="record-row">
                <xsl:with-param name="pos" select="$pos"/>
                <xsl:with-param name="first-row" select="number($r)"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:when test="self::unit">
              <xsl:call-template name="unit-row">
                <xsl:with-param name="pos" select="$pos"/>
                <xsl:with-param name="first-row" select="number($r)"/>
              </xsl:call-template>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="file-row">
                <xsl:with-param name="pos" select="$pos"/>
                <xsl:with-param name="first-row" select="number($r)"/>
              </xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
      </xsl:for-each>
    </rows>
  </xsl:template>
</xsl:stylesheet>
