/* agreement.c: the schema describes exactly what the parser accepts.
 *
 *   schema-agreement KNOWN_GAPS LABEL=DIR...
 *
 * Every *.xml with a <domain> root under each DIR (recursively; a DIR that
 * does not exist is skipped, so ../shared/corpus is optional) is checked
 * twice: against the built-in RelaxNG schema, and by the parser alone in
 * strict mode (the parse stage, before defaults and semantic rules).
 * They disagree when
 *   - the schema refuses a file the parser reads without any error
 *     (the grammar is too strict, or the parser misses a check), or
 *   - the schema accepts a file in which the parser finds a grammar error:
 *     an unknown element or attribute, a value outside its type, a missing
 *     required attribute (the grammar is too loose).
 * Semantic errors of the parser on schema-valid files are not grammar.
 *
 * KNOWN_GAPS lists "LABEL:RELPATH" lines (# comments) of disagreements
 * being worked on: only a disagreement not listed fails the test; a listed
 * file that agrees now is printed so the line can be removed.
 *
 * Device elements that only an "any element" pattern of the schema accepts
 * (the transitional deviceNotYetModelled rule domain.rng had while the
 * device families wrote their grammar) are counted apart; one the parser
 * reads is a family's missing grammar, and fails the test.
 */
#include "conf/domain_def.h"
#include "conf/domain_schema.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxrelaxng.h"
#include "util/dxxml.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct {
    char **v;
    size_t n;
} strlist;

typedef struct {
    char *name;
    size_t files;
    size_t parsed;      /* files where the parser read it */
} wildcardUse;

static strlist known;
static bool *knownSeen;
static wildcardUse *wild;
static size_t nwild;
static size_t nfiles, ndisagree, nunlisted;

static int
cmpstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
loadKnown(const char *path)
{
    FILE *fp = fopen(path, "r");
    char line[4096];
    if (!fp)
        return;
    while (fgets(line, sizeof(line), fp)) {
        char *p = line, *end;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '#' || *p == '\n' || !*p)
            continue;
        end = p + strcspn(p, " \t\n");
        *end = '\0';
        DX_APPEND(known.v, known.n, dxStrdup(p));
    }
    fclose(fp);
    knownSeen = dxNewN(bool, known.n + 1);
}

static ssize_t
knownIndex(const char *key)
{
    size_t i;
    for (i = 0; i < known.n; i++) {
        if (strcmp(known.v[i], key) == 0)
            return (ssize_t)i;
    }
    return -1;
}

static char *
firstMessage(unsigned int wantFlags)
{
    size_t i;
    for (i = 0; i < dxErrorCount(); i++) {
        const dxError *e = dxErrorGet(i);
        if (e->severity != DX_SEVERITY_ERROR)
            continue;
        if (wantFlags && !(dxErrorGetFlags(i) & wantFlags))
            continue;
        return dxAsprintf("%d:%d: %s%s%s%s", e->line, e->column, e->message,
                          e->path ? " [" : "", e->path ? e->path : "", e->path ? "]" : "");
    }
    return dxStrdup("(no message)");
}

static bool
pathWithin(const char *anc, const char *path)
{
    size_t n = strlen(anc);
    return path && strncmp(anc, path, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

/* Paths of device elements only a wildcard accepts: the parser not knowing
 * them is not a disagreement, it is counted on its own. */
static strlist wildPaths;

static bool
inWildcard(const char *path)
{
    size_t i;
    for (i = 0; i < wildPaths.n; i++) {
        if (pathWithin(wildPaths.v[i], path))
            return true;
    }
    return false;
}

static void
trackWildcards(xmlNodePtr root)
{
    const dxRelaxNG *rng = dxSchemaGetIndex();
    xmlNodePtr devices = NULL;
    DX_XML_FOREACH_CHILD(root, c) {
        if (dxXMLNameIs(c, "devices"))
            devices = c;
    }
    if (!rng || !devices)
        return;
    DX_XML_FOREACH_CHILD(devices, dev) {
        size_t i;
        if (dxRelaxNGMatchedByWildcardOnly(rng, dev) != 1)
            continue;
        for (i = 0; i < nwild; i++) {
            if (strcmp(wild[i].name, (const char *)dev->name) == 0)
                break;
        }
        if (i == nwild) {
            wildcardUse w = { dxStrdup((const char *)dev->name), 0, 0 };
            DX_APPEND(wild, nwild, w);
        }
        wild[i].files++;
        wild[i].parsed += dxXMLIsUsed(dev);
        DX_APPEND(wildPaths.v, wildPaths.n, dxXMLNodePath(dev));
    }
}

static void
checkFile(const char *label, const char *rel, const char *path)
{
    xmlDocPtr doc;
    xmlNodePtr root;
    dxDomainDef *def;
    bool schemaOK, grammarErr = false, anyErr = false;
    char *schemaMsg = NULL, *parserMsg = NULL, *key;
    size_t i;
    ssize_t k;

    dxErrorClear();
    if (!(doc = dxXMLParseFile(path))) {
        dxErrorClear();
        return;     /* not well-formed: nothing to compare */
    }
    root = xmlDocGetRootElement(doc);
    if (!root || !dxXMLNameIs(root, "domain")) {
        xmlFreeDoc(doc);
        return;
    }
    nfiles++;
    schemaOK = dxSchemaValidateDoc(doc) == 0;
    if (!schemaOK)
        schemaMsg = firstMessage(0);
    dxErrorClear();
    dxXMLRoot(doc, "domain");
    def = dxDomainDefParseNode(root, DX_PARSE_STRICT);
    dxXMLReportUnused(root, true);
    dxDomainDiagnosticsMerge(0);
    trackWildcards(root);
    for (i = 0; i < dxErrorCount(); ) {
        if (inWildcard(dxErrorGet(i)->path))
            dxErrorRemove(i);
        else
            i++;
    }
    for (i = 0; i < wildPaths.n; i++)
        free(wildPaths.v[i]);
    free(wildPaths.v);
    wildPaths.v = NULL;
    wildPaths.n = 0;
    for (i = 0; i < dxErrorCount(); i++) {
        if (dxErrorGet(i)->severity != DX_SEVERITY_ERROR)
            continue;
        anyErr = true;
        grammarErr = grammarErr || (dxErrorGetFlags(i) & DX_ERROR_FLAG_GRAMMAR);
    }
    parserMsg = firstMessage(grammarErr ? DX_ERROR_FLAG_GRAMMAR : 0);
    dxDomainDefFree(def);
    dxErrorClear();
    xmlFreeDoc(doc);

    key = dxAsprintf("%s:%s", label, rel);
    k = knownIndex(key);
    if ((!schemaOK && !anyErr) || (schemaOK && grammarErr)) {
        ndisagree++;
        if (k >= 0) {
            knownSeen[k] = true;
        } else {
            nunlisted++;
            if (!schemaOK)
                printf("DISAGREE %s: the schema refuses it, the parser accepts it\n"
                       "    schema: %s\n", key, schemaMsg);
            else
                printf("DISAGREE %s: the schema accepts it, the parser finds a grammar error\n"
                       "    parser: %s\n", key, parserMsg);
        }
    } else if (k >= 0) {
        knownSeen[k] = true;
        printf("AGREES NOW %s: remove it from the known gaps\n", key);
    }
    free(key);
    free(schemaMsg);
    free(parserMsg);
}

static bool
hasSuffix(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void
walk(const char *label, const char *root, const char *rel)
{
    char *dir = rel[0] ? dxAsprintf("%s/%s", root, rel) : dxStrdup(root);
    DIR *d = opendir(dir);
    struct dirent *e;
    strlist names = { NULL, 0 };
    size_t i;

    if (!d) {
        free(dir);
        return;
    }
    while ((e = readdir(d))) {
        if (e->d_name[0] != '.')
            DX_APPEND(names.v, names.n, dxStrdup(e->d_name));
    }
    closedir(d);
    if (names.n)
        qsort(names.v, names.n, sizeof(char *), cmpstr);
    for (i = 0; i < names.n; i++) {
        char *path = dxAsprintf("%s/%s", dir, names.v[i]);
        char *sub = rel[0] ? dxAsprintf("%s/%s", rel, names.v[i]) : dxStrdup(names.v[i]);
        struct stat sb;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode))
            walk(label, root, sub);
        else if (hasSuffix(names.v[i], ".xml"))
            checkFile(label, sub, path);
        free(sub);
        free(path);
        free(names.v[i]);
    }
    free(names.v);
    free(dir);
}

int
main(int argc, char **argv)
{
    size_t i, stale = 0;
    int a;

    if (argc < 3) {
        fprintf(stderr, "usage: schema-agreement KNOWN_GAPS LABEL=DIR...\n");
        return 2;
    }
    if (dxSchemaLoad() < 0) {
        fprintf(stderr, "the built-in schema does not compile: %s\n",
                dxErrorCount() ? dxErrorGet(0)->message : "?");
        return 1;
    }
    loadKnown(argv[1]);
    for (a = 2; a < argc; a++) {
        char *spec = dxStrdup(argv[a]);
        char *eq = strchr(spec, '=');
        struct stat sb;
        if (!eq) {
            fprintf(stderr, "bad argument '%s': use LABEL=DIR\n", argv[a]);
            return 2;
        }
        *eq = '\0';
        if (stat(eq + 1, &sb) == 0)
            walk(spec, eq + 1, "");
        else
            printf("# %s: %s not present, skipped\n", spec, eq + 1);
        free(spec);
    }
    for (i = 0; i < known.n; i++) {
        if (!knownSeen[i]) {
            printf("NOT FOUND %s: no such fixture; remove it from the known gaps\n", known.v[i]);
            stale++;
        }
    }
    for (i = 0; i < nwild; i++) {
        if (wild[i].parsed) {
            printf("NO GRAMMAR <%s>: parsed in %zu file(s) but only an any-element pattern "
                   "accepts it; its family's .rng must describe it\n",
                   wild[i].name, wild[i].parsed);
            nunlisted++;
        }
    }
    printf("# device elements accepted only by an any-element pattern: %zu%s",
           nwild, nwild ? ":" : "");
    for (i = 0; i < nwild; i++)
        printf(" %s(%zu)", wild[i].name, wild[i].files);
    printf("\n# %zu files, %zu disagreements (%zu known gaps, %zu new)\n",
           nfiles, ndisagree, ndisagree - nunlisted, nunlisted);
    (void)stale;
    return nunlisted ? 1 : 0;
}
