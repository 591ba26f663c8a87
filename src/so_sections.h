/* so_sections.h - the Sở KHCN's own sections of the annual report.
 *
 * The Sở's staff write them in a UTF-8 plain text file that any office
 * computer can edit (Notepad, gedit, ...): input/nhan-xet-<year>.txt,
 * beside the year folders (docs/so-sections.md).  The file is cut into
 * sections by heading lines "== N. words ==": N (1..SO_SECTIONS) says
 * which section, the words are for the writer only (the report prints
 * its own heading).  Within a section a blank line ends a paragraph; a
 * line that begins with "- ", "+ " or "* " is one item of a list.  Lines
 * that begin with "#" are notes to the writer and never printed.
 *
 * The sections (numbers of the heading lines):
 *   1 đánh giá chung, 2 tồn tại - hạn chế và nguyên nhân, 3 phương hướng
 *   nhiệm vụ năm tới, 4 đề xuất - kiến nghị với UBND tỉnh, 5 đề xuất -
 *   kiến nghị với Bộ KHCN.
 * The library never prints: problems become findings. */
#ifndef BC_SO_SECTIONS_H
#define BC_SO_SECTIONS_H

#include <libxml/tree.h>

#include "diag.h"
#include "status.h"

#define SO_SECTIONS 5

/* The file's name for a year, inside the input folder: "<input>/nhan-xet-
 * <year>.txt" (caller frees; NULL when out of memory). */
char *so_sections_path(const char *input, int year);

/* Adds under the root of agg one element
 *   <so-sections year="Y" present="true|false">
 *     <section no="1..5"> (<p>text</p> | <ul><li>text</li>...</ul>)* </section>
 *   ...</so-sections>
 * with every section 1..SO_SECTIONS, empty when the file has none (the
 * report then prints a placeholder).  A missing file is not an error
 * (present="false"); an unreadable one, a heading without a section
 * number, or text before the first heading is a warning (code
 * SO-SECTIONS) and that text is left out.  BC_OK, or BC_ERR_NOMEM. */
bc_status so_sections_attach(xmlDocPtr agg, const char *path, int year,
                             bc_diag *d);

/* Writes the blank file for year to path from the model text tmpl (the
 * file templates/text/nhan-xet.txt), with "{NAM}" replaced by year and
 * "{NAM_SAU}" by year + 1.  Never overwrites: BC_ERR_IO with *exists set
 * when path already exists. */
bc_status so_sections_blank(const char *tmpl, const char *path, int year,
                            int *exists);

#endif
