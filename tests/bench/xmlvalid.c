/* xmlvalid.c - the XML anchor of the benchmark (tools/bench.sh): libxml2's
 * own streaming schema validation, the schema compiled once.
 *
 *   xmlvalid SCHEMA.xsd --list LISTFILE     (one file path a line)
 *   xmlvalid SCHEMA.xsd FILE...
 *
 * Compiles SCHEMA once, then reads every file with an xmlTextReader
 * validating against it as it streams (xmlTextReaderSchemaValidateCtxt):
 * what a plain program that only checks the files against the schema
 * would do, on one thread.  Validation messages are counted, not printed.
 * Prints one line, the loop's own figures (schema compilation excluded):
 *
 *   xmlvalid files=F valid=V bytes=B compile_s=C wall_s=W cpu_s=U
 *
 * wall_s from the clock, cpu_s user + system time of the loop
 * (getrusage).  Exit status 0 when every file is valid, 1 when one is
 * not, 2 on a usage or schema error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double cpu_s(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
           (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
}

static void count_error(void *counter, xmlErrorPtr err)
{
    (void)err;
    ++*(unsigned long *)counter;
}

/* 1 when PATH streams through the reader valid against vctxt */
static int validate_file(xmlSchemaValidCtxtPtr vctxt, const char *path)
{
    xmlTextReaderPtr reader = xmlReaderForFile(path, NULL, 0);
    if (!reader)
        return 0;
    int ok = xmlTextReaderSchemaValidateCtxt(reader, vctxt, 0) == 0;
    int ret;
    while ((ret = xmlTextReaderRead(reader)) == 1)
        ;
    ok = ok && ret == 0 && xmlTextReaderIsValid(reader) == 1;
    xmlFreeTextReader(reader);
    return ok;
}

/* the file paths: the arguments, or the lines of a --list file */
static char **read_paths(int argc, char **argv, size_t *n)
{
    size_t cap = 64;
    char **v = malloc(cap * sizeof *v);
    *n = 0;
    if (argc == 2 && strcmp(argv[0], "--list") == 0) {
        FILE *f = fopen(argv[1], "r");
        if (!f) {
            perror(argv[1]);
            exit(2);
        }
        char line[4096];
        while (fgets(line, sizeof line, f)) {
            line[strcspn(line, "\n")] = '\0';
            if (!line[0])
                continue;
            if (*n == cap)
                v = realloc(v, (cap *= 2) * sizeof *v);
            v[(*n)++] = strdup(line);
        }
        fclose(f);
        return v;
    }
    for (int i = 0; i < argc; i++) {
        if (*n == cap)
            v = realloc(v, (cap *= 2) * sizeof *v);
        v[(*n)++] = strdup(argv[i]);
    }
    return v;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: xmlvalid SCHEMA.xsd (--list LISTFILE | FILE...)\n");
        return 2;
    }
    size_t n;
    char **paths = read_paths(argc - 2, argv + 2, &n);
    unsigned long errors = 0;
    xmlSetStructuredErrorFunc(&errors, count_error);

    double c0 = now_s();
    xmlSchemaParserCtxtPtr pctxt = xmlSchemaNewParserCtxt(argv[1]);
    xmlSchemaPtr schema = pctxt ? xmlSchemaParse(pctxt) : NULL;
    xmlSchemaFreeParserCtxt(pctxt);
    if (!schema) {
        fprintf(stderr, "xmlvalid: %s: schema not compiled\n", argv[1]);
        return 2;
    }
    xmlSchemaValidCtxtPtr vctxt = xmlSchemaNewValidCtxt(schema);
    xmlSchemaSetValidStructuredErrors(vctxt, count_error, &errors);
    double compile = now_s() - c0;

    unsigned long long bytes = 0;
    for (size_t i = 0; i < n; i++) {
        struct stat sb;
        if (stat(paths[i], &sb) == 0)
            bytes += (unsigned long long)sb.st_size;
    }
    size_t valid = 0;
    double t0 = now_s(), u0 = cpu_s();
    for (size_t i = 0; i < n; i++)
        valid += (size_t)validate_file(vctxt, paths[i]);
    double wall = now_s() - t0, cpu = cpu_s() - u0;

    printf("xmlvalid files=%zu valid=%zu bytes=%llu compile_s=%.3f wall_s=%.3f cpu_s=%.3f\n",
           n, valid, bytes, compile, wall, cpu);
    xmlSchemaFreeValidCtxt(vctxt);
    xmlSchemaFree(schema);
    for (size_t i = 0; i < n; i++)
        free(paths[i]);
    free(paths);
    xmlCleanupParser();
    return valid == n ? 0 : 1;
}
