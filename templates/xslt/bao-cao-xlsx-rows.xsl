<?xml version="1.0" encoding="UTF-8"?>
<!--
  bao-cao-xlsx-rows.xsl - rows of the workbook's Chi tiết sheet for a chunk
  of records, when the aggregate lists more records than the templates'
  view holds (src/detail.h).  The input is a small aggregate document: the
  root's attributes, <kinds>, and <records first="K"> with the chunk's
  records, K being the position of the first in the whole list.  The
  output is a <rows> document (templates/schema/workbook.xsd) of the same
  rows bao-cao-xlsx.xsl writes for those records from a whole list: both
  call its template record-row.  A run does not use it: src/detail.c
  builds the same rows in C, several hundred times faster, and
  tests/unit/test_detail.c compares the two through this file, so that
  record-row stays the definition of the rows.
-->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="bao-cao-xlsx.xsl"/>

  <xsl:output method="xml" encoding="UTF-8" indent="yes"/>

  <xsl:template match="/">
    <xsl:variable name="first" select="number(/aggregate/records/@first)"/>
    <rows>
      <xsl:for-each select="/aggregate/records/record">
        <xsl:call-template name="record-row">
          <xsl:with-param name="pos" select="$first + position() - 1"/>
        </xsl:call-template>
      </xsl:for-each>
    </rows>
  </xsl:template>
</xsl:stylesheet>
