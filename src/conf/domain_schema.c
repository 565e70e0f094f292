/* domain_schema.c: RelaxNG validation against the built-in grammar.
 *
 * libxml2 decides validity.  Its messages name the enclosing element of a
 * mistake ("Extra element devices in interleave"), so when a document is
 * invalid a second reading of the same grammar (util/dxrelaxng.c) points at
 * the innermost culprit: the unknown attribute, the bad value, the
 * missing element.  libxml2's own messages are kept only where that
 * reading has nothing to say about the element they concern, and are
 * flagged generic so a parser error inside that element replaces them
 * (src/domxml.c).
 */
#include "domain_schema.h"
#include "schemas_embedded.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxrelaxng.h"
#include "util/dxxml.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static xmlRelaxNGPtr dxSchema;
static dxRelaxNG *dxSchemaIndex;
static pthread_once_t dxSchemaOnce = PTHREAD_ONCE_INIT;

static const dxEmbeddedFile *
dxSchemaFind(const char *url)
{
    const char *base;
    size_t i;
    if (!url)
        return NULL;
    base = strrchr(url, '/');
    base = base ? base + 1 : url;
    for (i = 0; dxEmbeddedSchemas[i].name; i++) {
        if (strcmp(dxEmbeddedSchemas[i].name, base) == 0)
            return &dxEmbeddedSchemas[i];
    }
    return NULL;
}

static const char *
dxSchemaResolve(const char *url)
{
    const dxEmbeddedFile *f = dxSchemaFind(url);
    return f ? f->data : NULL;
}

static void
dxSchemaCompileErrors(void *opaque, xmlErrorPtr err)
{
    (void)opaque;
    if (err && err->level >= XML_ERR_ERROR)
        dxErrorReportAt(DX_ERR_INTERNAL, DX_SEVERITY_ERROR,
                        err->file ? err->file : "domain.rng",
                        err->line, 0, NULL, err->message ? err->message : "schema error");
}

static char *
dxSchemaHint(void *opaque, const xmlNode *element, bool isAttr, const char *name)
{
    (void)opaque;
    return dxSchemaIndex ? dxRelaxNGSuggest(dxSchemaIndex, element, isAttr, name) : NULL;
}

static void
dxSchemaCompile(void)
{
    const dxEmbeddedFile *top = dxSchemaFind("domain.rng");
    xmlRelaxNGParserCtxtPtr pctxt;

    if (!top)
        return;
    dxXMLInit();
    dxXMLSetThreadResolver(dxSchemaResolve);
    pctxt = xmlRelaxNGNewMemParserCtxt(top->data, (int)strlen(top->data));
    xmlRelaxNGSetParserStructuredErrors(pctxt, dxSchemaCompileErrors, NULL);
    dxSchema = xmlRelaxNGParse(pctxt);
    xmlRelaxNGFreeParserCtxt(pctxt);
    dxXMLSetThreadResolver(NULL);
    dxSchemaIndex = dxRelaxNGLoad("domain.rng", dxSchemaResolve);
    dxXMLSetNameHints(dxSchemaHint, NULL);
}

/* The hints need the grammar only when a name is unknown: compiling it
 * (about 10 ms) is most of the time of a command that reads one valid
 * file without the schema, so that waits for the first question. */
static char *
dxSchemaHintLazy(void *opaque, const xmlNode *element, bool isAttr, const char *name)
{
    pthread_once(&dxSchemaOnce, dxSchemaCompile);
    return dxSchemaHint(opaque, element, isAttr, name);
}

static pthread_once_t dxSchemaHintsOnce = PTHREAD_ONCE_INIT;

static void
dxSchemaInstallHints(void)
{
    dxXMLSetNameHints(dxSchemaHintLazy, NULL);
}

void
dxSchemaUseHints(void)
{
    pthread_once(&dxSchemaHintsOnce, dxSchemaInstallHints);
}

int
dxSchemaLoad(void)
{
    pthread_once(&dxSchemaOnce, dxSchemaCompile);
    if (!dxSchema || !dxSchemaIndex) {
        dxErrorReportAt(DX_ERR_INTERNAL, DX_SEVERITY_ERROR, NULL, 0, 0, NULL,
                        "the built-in RelaxNG schema failed to compile");
        return -1;
    }
    return 0;
}

const dxRelaxNG *
dxSchemaGetIndex(void)
{
    return dxSchemaLoad() < 0 ? NULL : dxSchemaIndex;
}

/* ---- validation ---------------------------------------------------------- */

typedef struct {
    char *message;
    const xmlNode *node;
    int line;
} dxSchemaRawError;

typedef struct {
    const char *file;
    dxSchemaRawError *raw;          /* libxml2's messages */
    size_t nraw;
    const xmlNode **culprits;       /* elements the index blamed */
    size_t nculprits;
} dxSchemaRun;

static void
dxSchemaCollect(void *opaque, xmlErrorPtr err)
{
    dxSchemaRun *run = opaque;
    dxSchemaRawError raw;
    size_t len;

    if (!err || err->level < XML_ERR_ERROR)
        return;
    raw.message = dxStrdup(err->message ? err->message : "schema violation");
    len = strlen(raw.message);
    while (len > 0 && (raw.message[len - 1] == '\n' || raw.message[len - 1] == ' '))
        raw.message[--len] = '\0';
    raw.node = err->node;
    raw.line = err->line;
    DX_APPEND(run->raw, run->nraw, raw);
}

static void
dxSchemaCulprit(void *opaque, const xmlNode *where, const char *message)
{
    dxSchemaRun *run = opaque;
    const xmlNode *elem = where->type == XML_ATTRIBUTE_NODE ? where->parent : where;
    dxErrorReportFlags(DX_ERR_SCHEMA, DX_SEVERITY_ERROR, DX_ERROR_FLAG_GRAMMAR,
                       where, "%s", message);
    DX_APPEND(run->culprits, run->nculprits, elem);
}

static bool
dxNodeIsAncestorOrSelf(const xmlNode *anc, const xmlNode *n)
{
    for (; n; n = n->parent) {
        if (n == anc)
            return true;
    }
    return false;
}

/* A libxml2 message is explained when a culprit lies on the same branch. */
static bool
dxSchemaExplained(const dxSchemaRun *run, const xmlNode *node)
{
    size_t i;
    if (!node)
        return run->nculprits > 0;
    for (i = 0; i < run->nculprits; i++) {
        if (dxNodeIsAncestorOrSelf(node, run->culprits[i]) ||
            dxNodeIsAncestorOrSelf(run->culprits[i], node))
            return true;
    }
    return false;
}

/* libxml2's wording, made to read like our other messages. */
static char *
dxSchemaRewrite(const char *msg)
{
    char a[128], b[128];
    if (sscanf(msg, "Extra element %127s in interleave", a) == 1 ||
        sscanf(msg, "Did not expect element %127s there", a) == 1)
        return dxAsprintf("element <%s> is not allowed here by the schema", a);
    if (sscanf(msg, "Element %127s failed to validate content", a) == 1)
        return dxAsprintf("the content of <%s> does not match the schema", a);
    if (sscanf(msg, "Element %127s failed to validate attributes", a) == 1)
        return dxAsprintf("the attributes of <%s> do not match the schema", a);
    if (sscanf(msg, "Invalid attribute %127s for element %127s", a, b) == 2)
        return dxAsprintf("attribute '%s' is not allowed in <%s> by the schema", a, b);
    if (sscanf(msg, "Expecting element %127[^,], got %127s", a, b) == 2)
        return dxAsprintf("expected element <%s>, found <%s>", a, b);
    return dxAsprintf("schema: %s", msg);
}

/* ---- large <devices> in slices ------------------------------------------
 *
 * libxml2 checks each <zeroOrMore> of the <devices> interleave by keeping
 * every partial match and comparing each new one with all those before it:
 * quadratic in the number of devices of one kind (at 30,000 devices that
 * is most of the time of `validate`; docs/performance.md).  The children
 * of <devices> are independent of each other except for how often each
 * may appear, so a <devices> with more than DX_SCHEMA_SLICE children of
 * one name is checked in slices: every slice holds all the children of
 * the names that occur at most DX_SCHEMA_SLICE times (so "at most once"
 * still holds), and the next DX_SCHEMA_SLICE of the others (at least two
 * of a name, so a name that may not repeat is still refused).  The
 * sibling links are rewritten for each run and restored afterwards; nodes
 * keep their parent and line, so messages are unchanged. */
#define DX_SCHEMA_SLICE 256
#define DX_SCHEMA_SLICE_NAMES 64    /* more distinct names: invalid anyway */

typedef struct {
    xmlNodePtr parent;
    xmlNodePtr *kids;               /* the children, in document order */
    size_t nkids;
    bool *split;                    /* kids[i] goes into one slice only */
} dxSchemaSlices;

static void
dxSchemaLink(xmlNodePtr parent, xmlNodePtr *nodes, size_t n)
{
    size_t i;
    parent->children = n ? nodes[0] : NULL;
    parent->last = n ? nodes[n - 1] : NULL;
    for (i = 0; i < n; i++) {
        nodes[i]->prev = i ? nodes[i - 1] : NULL;
        nodes[i]->next = i + 1 < n ? nodes[i + 1] : NULL;
    }
}

/* Fill SL for the <devices> of DOC; false when slicing is not needed or
 * not applicable (then the document is checked whole). */
static bool
dxSchemaSlicesInit(dxSchemaSlices *sl, xmlDocPtr doc)
{
    const xmlChar *names[DX_SCHEMA_SLICE_NAMES];
    size_t counts[DX_SCHEMA_SLICE_NAMES] = { 0 };
    size_t nnames = 0, i, j;
    xmlNodePtr root = xmlDocGetRootElement(doc), cur;
    bool any = false;

    memset(sl, 0, sizeof(*sl));
    for (cur = root ? root->children : NULL; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && !cur->ns &&
            xmlStrEqual(cur->name, BAD_CAST "devices"))
            break;
    }
    if (!cur)
        return false;
    sl->parent = cur;
    for (cur = sl->parent->children; cur; cur = cur->next)
        sl->nkids++;
    if (sl->nkids <= DX_SCHEMA_SLICE)
        return false;
    sl->kids = dxNewN(xmlNodePtr, sl->nkids);
    sl->split = dxNewN(bool, sl->nkids);
    for (i = 0, cur = sl->parent->children; cur; cur = cur->next, i++) {
        sl->kids[i] = cur;
        if (cur->type != XML_ELEMENT_NODE)
            continue;
        for (j = 0; j < nnames && !xmlStrEqual(names[j], cur->name); j++)
            ;
        if (j == nnames) {
            if (nnames == DX_SCHEMA_SLICE_NAMES)
                goto whole;
            names[nnames++] = cur->name;
        }
        counts[j]++;
    }
    for (i = 0; i < sl->nkids; i++) {
        if (sl->kids[i]->type != XML_ELEMENT_NODE)
            continue;
        for (j = 0; !xmlStrEqual(names[j], sl->kids[i]->name); j++)
            ;
        sl->split[i] = counts[j] > DX_SCHEMA_SLICE;
        any |= sl->split[i];
    }
    if (any)
        return true;
 whole:
    free(sl->kids);
    free(sl->split);
    return false;
}

/* Validate DOC one slice of SL at a time; stops at the first invalid one. */
static int
dxSchemaValidateSlices(xmlRelaxNGValidCtxtPtr vctxt, xmlDocPtr doc, dxSchemaSlices *sl)
{
    xmlNodePtr *chain = dxNewN(xmlNodePtr, sl->nkids);
    size_t next = 0, i, n, taken;
    int rc = 0;

    while (rc == 0) {
        /* skip to the first child of this slice */
        while (next < sl->nkids && !sl->split[next])
            next++;
        if (next == sl->nkids)
            break;
        n = taken = 0;
        for (i = 0; i < sl->nkids; i++) {
            if (!sl->split[i]) {
                chain[n++] = sl->kids[i];
            } else if (i >= next && taken < DX_SCHEMA_SLICE) {
                chain[n++] = sl->kids[i];
                taken++;
                next = i + 1;
            }
        }
        dxSchemaLink(sl->parent, chain, n);
        rc = xmlRelaxNGValidateDoc(vctxt, doc);
    }
    dxSchemaLink(sl->parent, sl->kids, sl->nkids);
    free(chain);
    free(sl->kids);
    free(sl->split);
    return rc;
}

/* The content of <metadata> is any XML at all (the grammar's anyElement):
 * it cannot make a document invalid, and libxml2 checks a long list of
 * elements there in quadratic time too.  Its elements are left out of the
 * check (text, which the grammar refuses there, stays in). */
static bool
dxSchemaHideMetadata(dxSchemaSlices *hidden, xmlDocPtr doc)
{
    xmlNodePtr root = xmlDocGetRootElement(doc), cur;
    xmlNodePtr *kept;
    size_t nkept = 0, i = 0;

    memset(hidden, 0, sizeof(*hidden));
    for (cur = root ? root->children : NULL; cur; cur = cur->next) {
        if (cur->type == XML_ELEMENT_NODE && !cur->ns &&
            xmlStrEqual(cur->name, BAD_CAST "metadata"))
            break;
    }
    if (!cur || !cur->children)
        return false;
    hidden->parent = cur;
    for (cur = hidden->parent->children; cur; cur = cur->next)
        hidden->nkids++;
    hidden->kids = dxNewN(xmlNodePtr, hidden->nkids);
    kept = dxNewN(xmlNodePtr, hidden->nkids);
    for (cur = hidden->parent->children; cur; cur = cur->next) {
        hidden->kids[i++] = cur;
        if (cur->type != XML_ELEMENT_NODE)
            kept[nkept++] = cur;
    }
    dxSchemaLink(hidden->parent, kept, nkept);
    free(kept);
    return true;
}

static void
dxSchemaUnhide(dxSchemaSlices *hidden)
{
    dxSchemaLink(hidden->parent, hidden->kids, hidden->nkids);
    free(hidden->kids);
}

int
dxSchemaValidateDoc(xmlDocPtr doc)
{
    dxSchemaRun run = { (const char *)doc->URL, NULL, 0, NULL, 0 };
    dxSchemaSlices slices, metadata;
    bool metadataHidden;
    xmlRelaxNGValidCtxtPtr vctxt;
    size_t i, reported = 0;
    int rc;

    if (dxSchemaLoad() < 0)
        return -1;
    if (!(vctxt = xmlRelaxNGNewValidCtxt(dxSchema)))
        abort();
    xmlRelaxNGSetValidStructuredErrors(vctxt, dxSchemaCollect, &run);
    metadataHidden = dxSchemaHideMetadata(&metadata, doc);
    if (dxSchemaSlicesInit(&slices, doc))
        rc = dxSchemaValidateSlices(vctxt, doc, &slices);
    else
        rc = xmlRelaxNGValidateDoc(vctxt, doc);
    if (metadataHidden)
        dxSchemaUnhide(&metadata);
    xmlRelaxNGFreeValidCtxt(vctxt);
    if (rc != 0) {
        reported = dxRelaxNGDiagnose(dxSchemaIndex, xmlDocGetRootElement(doc),
                                 dxSchemaCulprit, &run);
        for (i = 0; i < run.nraw; i++) {
            const dxSchemaRawError *r = &run.raw[i];
            char *msg;
            if (dxSchemaExplained(&run, r->node))
                continue;
            msg = dxSchemaRewrite(r->message);
            if (r->node)
                dxErrorReportFlags(DX_ERR_SCHEMA, DX_SEVERITY_ERROR, DX_ERROR_FLAG_GENERIC,
                                   r->node, "%s", msg);
            else
                dxErrorReportAtFlags(DX_ERR_SCHEMA, DX_SEVERITY_ERROR, DX_ERROR_FLAG_GENERIC,
                                     run.file, r->line, 0, NULL, msg);
            free(msg);
            reported++;
        }
        if (reported == 0)
            dxErrorReportAtFlags(DX_ERR_SCHEMA, DX_SEVERITY_ERROR, DX_ERROR_FLAG_GENERIC,
                                 run.file, 0, 0, NULL,
                                 "document does not match the domain schema");
    }
    for (i = 0; i < run.nraw; i++)
        free(run.raw[i].message);
    free(run.raw);
    free(run.culprits);
    return rc == 0 ? 0 : -1;
}

/* ---- merging with the parser's diagnostics ------------------------------ */

static bool
dxPathWithin(const char *anc, const char *path)
{
    size_t n;
    if (!anc)
        return true;
    if (!path)
        return false;
    n = strlen(anc);
    return strncmp(anc, path, n) == 0 && (path[n] == '\0' || path[n] == '/');
}

static bool
dxSameSpot(const dxError *a, const dxError *b)
{
    return a->line > 0 && a->column > 0 && a->line == b->line &&
           a->column == b->column && dxStrEq(a->file, b->file);
}

/* "/domain/devices/disk[2]" for anything inside the second disk, and
 * "/domain/os" for anything inside <os>; caller frees. */
static char *
dxPathSection(const char *path)
{
    size_t parts = strncmp(path, "/domain/devices/", 16) == 0 ? 3 : 2;
    const char *p = path;
    while (*p && parts > 0) {
        p++;
        p += strcspn(p, "/");
        parts--;
    }
    return dxStrndup(path, p - path);
}

/* A parser that meets an error in an element may stop reading it: what it
 * left unread there is not unknown, so the parser's "unknown" records in
 * an element (device, or child of <domain>) with an error are dropped.
 * The schema, when it runs, still reports what is really unknown. */
static void
dxDropUnreadAfterErrors(size_t mark)
{
    size_t i, j;
    for (i = mark; i < dxErrorCount(); ) {
        const dxError *r = dxErrorGet(i);
        char *sec;
        bool drop = false;
        if (r->code != DX_ERR_UNKNOWN || !r->path) {
            i++;
            continue;
        }
        sec = dxPathSection(r->path);
        for (j = mark; j < dxErrorCount() && !drop; j++) {
            const dxError *e = dxErrorGet(j);
            drop = e->severity == DX_SEVERITY_ERROR && e->code != DX_ERR_UNKNOWN &&
                   e->code != DX_ERR_SCHEMA && dxPathWithin(sec, e->path);
        }
        free(sec);
        if (drop)
            dxErrorRemove(i);
        else
            i++;
    }
}

static void
dxPromoteWarnings(size_t mark, const char *path)
{
    size_t i;
    for (i = mark; i < dxErrorCount(); i++) {
        const dxError *w = dxErrorGet(i);
        if (w->severity == DX_SEVERITY_WARNING && (dxErrorGetFlags(i) & DX_ERROR_FLAG_GRAMMAR) &&
            dxPathWithin(path, w->path))
            dxErrorPromote(i, " is ignored");
    }
}

/* The schema and the parser often see the same mistake: keep one record
 * per spot.  A parser error wins (it knows the context and words it as
 * libvirt does); where the parser only warns that a name is unknown, the
 * schema's error wins (it refuses the name, with a hint).  libxml2's
 * generic messages are dropped when a precise record in the same element
 * explains them, and everything is ordered by position. */
void
dxDomainDiagnosticsMerge(size_t mark)
{
    size_t i, j;
    dxDropUnreadAfterErrors(mark);
    for (i = mark; i < dxErrorCount(); ) {
        const dxError *r = dxErrorGet(i);
        bool drop = false;
        for (j = mark; j < dxErrorCount() && !drop; j++) {
            const dxError *o = dxErrorGet(j);
            if (j == i || !dxSameSpot(o, r) || (r->code == DX_ERR_SCHEMA) == (o->code == DX_ERR_SCHEMA))
                continue;
            if (r->code == DX_ERR_SCHEMA)
                drop = o->severity == DX_SEVERITY_ERROR && o->code != DX_ERR_UNKNOWN;
            else
                drop = r->severity == DX_SEVERITY_WARNING || r->code == DX_ERR_UNKNOWN;
        }
        if (drop)
            dxErrorRemove(i);
        else
            i++;
    }
    for (i = mark; i < dxErrorCount(); ) {
        const dxError *g = dxErrorGet(i);
        bool byError = false, byWarning = false;
        if (dxErrorGetFlags(i) & DX_ERROR_FLAG_GENERIC) {
            for (j = mark; j < dxErrorCount() && !byError; j++) {
                const dxError *o = dxErrorGet(j);
                if (j == i || (dxErrorGetFlags(j) & DX_ERROR_FLAG_GENERIC) ||
                    !dxPathWithin(g->path, o->path))
                    continue;
                if (o->severity == DX_SEVERITY_ERROR)
                    byError = true;
                else if (dxErrorGetFlags(j) & DX_ERROR_FLAG_GRAMMAR)
                    byWarning = true;
            }
        }
        /* only the parser's "unknown, ignored" warnings explain why the
         * schema refused the element: they are errors then */
        if (!byError && byWarning)
            dxPromoteWarnings(mark, g->path);
        if (byError || byWarning)
            dxErrorRemove(i);
        else
            i++;
    }
    dxErrorSortFrom(mark);
}
