/* ingest_xml.c - XML submission files, and the reader dispatcher.
 *
 * An XML submission is already the canonical document: reading it safely
 * (no network, no DTD, no entities) and checking the root is all there is.
 */
#include "ingest.h"

#include <stdio.h>
#include <string.h>

#include "util.h"
#include "xmlio.h"

bc_status ingest_xml(const char *path, bc_diag *d, xmlDocPtr *out)
{
    bc_status st = BC_OK;
    *out = NULL;
    xmlDocPtr doc = xmlio_read_file(path, d, &st);
    if (!doc)
        goto done;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root || root->ns ||
        !xmlStrEqual(root->name, BAD_CAST "submission")) {
        char found[160];
        if (root && root->ns && root->ns->prefix)
            snprintf(found, sizeof found, "<%.60s:%.60s>",
                     (const char *)root->ns->prefix,
                     (const char *)root->name);
        else if (root && root->ns && root->ns->href)
            snprintf(found, sizeof found, "<%.60s xmlns=\"%.80s\">",
                     (const char *)root->name, (const char *)root->ns->href);
        else
            snprintf(found, sizeof found, "<%.60s>",
                     root ? (const char *)root->name : "");
        bc_loc at = {path, root ? xmlio_line(root) : 0, NULL};
        diag_add(d, BC_SEV_ERROR, "INGEST-ROOT", &at, found,
                 "<submission> (không có không gian tên)",
                 "tệp XML không phải báo cáo theo mẫu: phần tử gốc phải là "
                 "<submission>");
        xmlFreeDoc(doc);
        st = BC_ERR_INVALID;
        goto done;
    }
    *out = doc;
    st = BC_OK;
done:
    return st;
}

bc_status ingest_file(const char *path, bc_diag *d, xmlDocPtr *out)
{
    char ext[16];
    *out = NULL;
    bc_file_ext(path, ext, sizeof ext);
    if (strcmp(ext, "xml") == 0)
        return ingest_xml(path, d, out);
    if (strcmp(ext, "xlsx") == 0 || strcmp(ext, "xls") == 0 ||
        strcmp(ext, "xlsm") == 0) /* macros never run: only cells read */
        return ingest_xlsx(path, d, out);
    bc_loc at = {path, 0, NULL};
    diag_add(d, BC_SEV_ERROR, "INGEST-FORMAT", &at, ext[0] ? ext : NULL,
             ".xml, .xlsx hoặc .xls", "chưa hỗ trợ loại tệp này");
    return BC_ERR_INVALID;
}

int ingest_supported(const char *name)
{
    char ext[16];
    if (!name)
        return 0;
    bc_file_ext(name, ext, sizeof ext);
    return strcmp(ext, "xml") == 0 || strcmp(ext, "xlsx") == 0 ||
           strcmp(ext, "xls") == 0 || strcmp(ext, "xlsm") == 0;
}
