/* ingest_xml.c - XML submission files, and the reader dispatcher.
 *
 * An XML submission is already the canonical document: reading it safely
 * (no network, no DTD, no entities) and checking the root is all there is.
 */
#include "ingest.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

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

/* The Vietnamese reason an input could not be opened, by errno. */
static const char *open_error_text(int err)
{
    switch (err) {
    case ENOENT:
        return "tệp không còn, hoặc là liên kết (symlink) trỏ tới tệp không có";
    case ELOOP:
        return "liên kết (symlink) vòng quanh, không trỏ tới tệp nào";
    case EACCES:
    case EPERM:
        return "không có quyền đọc tệp";
    case ENOMEM:
        return "không đủ bộ nhớ";
    case EBUSY: /* Windows: a sharing violation (src/win32/posix.c) */
        return "tệp đang mở trong chương trình khác (Excel?) không cho đọc; "
               "hãy đóng tệp rồi chạy lại";
    default:
        return "lỗi đọc tệp";
    }
}

/* The uncompressed bytes of the sheets and shared strings of the .xlsx on
 * fd (taken over: closed here) as its zip directory says, without
 * inflating anything; 0 when it is no zip (the reader then says why). */
static unsigned long long xlsx_sheet_bytes(int fd)
{
    int zerr = 0;
    zip_t *za = zip_fdopen(fd, ZIP_RDONLY, &zerr);
    if (!za) {
        close(fd);
        return 0;
    }
    unsigned long long total = 0;
    zip_int64_t n = zip_get_num_entries(za, 0);
    for (zip_int64_t i = 0; i < n; i++) {
        zip_stat_t zs;
        if (zip_stat_index(za, (zip_uint64_t)i, 0, &zs) != 0 ||
            !(zs.valid & ZIP_STAT_NAME) || !(zs.valid & ZIP_STAT_SIZE))
            continue;
        if (strncmp(zs.name, "xl/worksheets/", 14) == 0 ||
            strcmp(zs.name, "xl/sharedStrings.xml") == 0)
            total += zs.size;
    }
    zip_discard(za);
    return total;
}

/* Checks, before any reader opens it, that path is a regular file (opened
 * non-blocking, so a FIFO or a device named like a submission can never
 * hang the run, also when it appeared after the folder was listed) and
 * that a workbook is not too big to read in bounded memory.  BC_OK, or a
 * finding and BC_ERR_IO / BC_ERR_LIMIT / BC_ERR_NOMEM. */
static bc_status check_input(const char *path, const char *ext, bc_diag *d)
{
    bc_loc at = {path, 0, NULL};
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        int err = errno;
        diag_add(d, BC_SEV_ERROR, "FILE-READ", &at, NULL, NULL,
                 "không đọc được tệp (%s)", open_error_text(err));
        return err == ENOMEM ? BC_ERR_NOMEM : BC_ERR_IO;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        diag_add(d, BC_SEV_ERROR, "INPUT-NOT-FILE", &at, NULL,
                 "tệp báo cáo thông thường",
                 "không phải tệp thông thường (ống FIFO, thiết bị, socket hoặc "
                 "thư mục) dù mang tên tệp báo cáo; không đọc");
        return BC_ERR_IO;
    }
    unsigned long long size = (unsigned long long)sb.st_size, sheets = 0;
    int zip = strcmp(ext, "xlsx") == 0 || strcmp(ext, "xlsm") == 0;
    if (zip && size <= INGEST_MAX_WORKBOOK_BYTES)
        sheets = xlsx_sheet_bytes(fd); /* closes fd */
    else
        close(fd);
    if (!zip)
        return BC_OK; /* xmlio and xls_reader have their own limits */
    if (size > INGEST_MAX_WORKBOOK_BYTES ||
        sheets > INGEST_MAX_WORKBOOK_SHEET_BYTES) {
        char found[64], want[64];
        if (size > INGEST_MAX_WORKBOOK_BYTES) {
            snprintf(found, sizeof found, "tệp %llu MB", size >> 20);
            snprintf(want, sizeof want, "tệp tối đa %u MB",
                     (unsigned)(INGEST_MAX_WORKBOOK_BYTES >> 20));
        } else {
            snprintf(found, sizeof found, "dữ liệu trang tính %llu MB",
                     sheets >> 20);
            snprintf(want, sizeof want, "tối đa %u MB (khoảng %u hàng)",
                     (unsigned)(INGEST_MAX_WORKBOOK_SHEET_BYTES >> 20),
                     (unsigned)INGEST_ROWS_HINT);
        }
        diag_add(d, BC_SEV_ERROR, "INPUT-LIMIT", &at, found, want,
                 "bảng tính quá lớn để là một báo cáo; không đọc (hãy kiểm tra "
                 "lại tệp, hoặc chia thành nhiều tệp nhỏ hơn)");
        return BC_ERR_LIMIT;
    }
    return BC_OK;
}

bc_status ingest_file(const char *path, bc_diag *d, xmlDocPtr *out)
{
    char ext[16];
    *out = NULL;
    bc_file_ext(path, ext, sizeof ext);
    /* an .xlsm's macros never run: only its cells are read */
    int known = strcmp(ext, "xml") == 0 || strcmp(ext, "xlsx") == 0 ||
                strcmp(ext, "xlsm") == 0 || strcmp(ext, "xls") == 0;
    if (!known) {
        bc_loc at = {path, 0, NULL};
        diag_add(d, BC_SEV_ERROR, "INGEST-FORMAT", &at, ext[0] ? ext : NULL,
                 ".xml, .xlsx, .xlsm hoặc .xls", "chưa hỗ trợ loại tệp này");
        return BC_ERR_INVALID;
    }
    bc_status st = check_input(path, ext, d);
    if (st != BC_OK)
        return st;
    if (strcmp(ext, "xml") == 0)
        return ingest_xml(path, d, out);
    return ingest_xlsx(path, d, out);
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
