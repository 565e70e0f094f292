#include "dxxml.h"
#include "dxalloc.h"
#include "dxerror.h"
#include "dxuuid.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

/* A distinct address stored in node->_private to mean "read by domxml". */
static char dxUsedMarker;
#define DX_USED ((void *)&dxUsedMarker)

/* ------------------------------------------------------------------------
 * Parsing
 * ------------------------------------------------------------------------ */

typedef struct {
    const char *name;
    bool reported;
    unsigned int depth;                     /* of the element being parsed */
    /* child elements so far of the open element at each depth */
    unsigned int children[DX_XML_MAX_DEPTH + 2];
    /* libxml2's own handlers, which ours wrap */
    internalSubsetSAXFunc internalSubset;
    startElementNsSAX2Func startElementNs;
    endElementNsSAX2Func endElementNs;
    /* the last start tag's '<': where its line starts and its column, so
     * that the next one scans only the text in between (scanning back to
     * the start of the line each time made a document written on one line
     * quadratic).  Valid while libxml2's buffer stays where it was. */
    const xmlChar *lastBase;
    unsigned long lastConsumed;
    const xmlChar *lastTag;
    const xmlChar *lastLineStart;
    int lastCol;
} dxXMLParseState;

/* libxml2's wording for the encoding problems hostile inputs hit is
 * written for programmers ("indicate encoding !"); say what is wrong with
 * the input instead.  NULL: keep libxml2's message. */
static char *
dxXMLClearerMessage(const char *msg)
{
    const char *bytes;
    unsigned int ch;

    if (strncmp(msg, "Char 0x0 out of allowed range", 29) == 0)
        return dxStrdup("the input contains a NUL byte, which XML does not allow");
    if (sscanf(msg, "Char 0x%X out of allowed range", &ch) == 1 ||
        sscanf(msg, "PCDATA invalid Char value %u", &ch) == 1 ||
        sscanf(msg, "xmlParseCharRef: invalid xmlChar value %u", &ch) == 1)
        return dxAsprintf("character U+%04X is not allowed in XML", ch);
    if (strncmp(msg, "Input is not proper UTF-8", 25) == 0) {
        bytes = strstr(msg, "Bytes:");
        return dxAsprintf("the input is not valid UTF-8%s%s%s",
                          bytes ? " (" : "", bytes ? bytes + 7 : "", bytes ? ")" : "");
    }
    return NULL;
}

static void
dxXMLStructuredError(void *opaque, xmlErrorPtr err)
{
    dxXMLParseState *st = opaque;
    char *msg, *clearer, *p;
    size_t len;

    /* libxml2 cascades after the first fatal error; the first is the cause */
    if (!err || st->reported || err->level < XML_ERR_ERROR)
        return;
    st->reported = true;
    msg = dxStrdup(err->message ? err->message : "malformed XML");
    len = strlen(msg);
    while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
        msg[--len] = '\0';
    /* diagnostics are one line each */
    for (p = msg; *p; p++) {
        if (*p == '\n')
            *p = ' ';
    }
    if ((clearer = dxXMLClearerMessage(msg))) {
        free(msg);
        msg = clearer;
    }
    dxErrorReportAt(DX_ERR_XML, DX_SEVERITY_ERROR, st->name, err->line,
                    err->int2, NULL, msg);
    free(msg);
}

/* Only a thread compiling the built-in schema may load anything, and only
 * the files its resolver knows. */
static _Thread_local dxXMLResolver dxXMLThreadResolver;
static pthread_once_t dxXMLInitOnce = PTHREAD_ONCE_INIT;

void
dxXMLSetThreadResolver(dxXMLResolver resolver)
{
    dxXMLThreadResolver = resolver;
}

/* Refuse every external resource: domain XML never needs one. */
static xmlParserInputPtr
dxXMLExternalLoader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    const char *data;
    (void)id;
    if (dxXMLThreadResolver && (data = dxXMLThreadResolver(url)))
        return xmlNewStringInputStream(ctxt, (const xmlChar *)data);
    dxErrorReportAt(DX_ERR_XML, DX_SEVERITY_ERROR, NULL, 0, 0, NULL,
                    "external resources are never loaded");
    return NULL;
}

static void
dxXMLInitOnceFn(void)
{
    xmlInitParser();
    xmlSetExternalEntityLoader(dxXMLExternalLoader);
}

void
dxXMLInit(void)
{
    pthread_once(&dxXMLInitOnce, dxXMLInitOnceFn);
}

/* ------------------------------------------------------------------------
 * Source positions.  libxml2 keeps only the line where a start tag ENDS
 * and no column; we want "FILE:LINE:COL" at the '<' of the element and at
 * an attribute's name.  When libxml2 has just built an element, the input
 * still holds the whole start tag right before the cursor ('<' cannot
 * occur inside attribute values), so we find it there and record:
 *   element: node->line = line of '<', node->extra = its column;
 *   attribute: on the text node holding its value, line and extra.
 * dxXMLNodePosition() (dxerror.c) reads them back.
 * ------------------------------------------------------------------------ */

/* The column of P, FROM being on the same line at column COL. */
static int
dxXMLColumnFrom(const xmlChar *from, int col, const xmlChar *p)
{
    for (; from < p; from++) {
        if ((*from & 0xC0) != 0x80)         /* count characters, not bytes */
            col++;
    }
    return col;
}

static xmlAttrPtr
dxXMLFindAttrByQName(xmlNodePtr node, const xmlChar *qname, size_t len)
{
    const xmlChar *colon = memchr(qname, ':', len);
    xmlAttrPtr a;
    for (a = node->properties; a; a = a->next) {
        if (colon) {
            size_t plen = colon - qname;
            if (!a->ns || !a->ns->prefix ||
                xmlStrlen(a->ns->prefix) != (int)plen ||
                memcmp(a->ns->prefix, qname, plen) != 0 ||
                xmlStrlen(a->name) != (int)(len - plen - 1) ||
                memcmp(a->name, colon + 1, len - plen - 1) != 0)
                continue;
            return a;
        }
        if (!a->ns && xmlStrlen(a->name) == (int)len && memcmp(a->name, qname, len) == 0)
            return a;
    }
    return NULL;
}

static void
dxXMLSetPosition(xmlNodePtr holder, int line, int col)
{
    if (line <= 0 || line >= 65535)
        return;
    holder->line = (unsigned short)line;
    holder->extra = col > 0 && col < 65535 ? (unsigned short)col : 0;
}

/* Walk the start tag P..END: "<name attr='v' ...", tracking lines.  REF
 * is a point of the tag's current line whose column, REFCOL, is known
 * (when COLKNOWN); each column is counted on from the previous one. */
static void
dxXMLRecordAttrPositions(xmlNodePtr node, const xmlChar *p, const xmlChar *end,
                         int line, const xmlChar *ref, int refCol, bool colKnown)
{
#define DX_XML_NEWLINE_AT(q) \
    do { \
        if (*(q) == '\n') { \
            line++; \
            ref = (q) + 1; \
            refCol = 1; \
            colKnown = true; \
        } \
    } while (0)
    p++;   /* '<' */
    while (p < end && !IS_BLANK_CH(*p) && *p != '/' && *p != '>')
        p++;
    while (p < end) {
        const xmlChar *name;
        xmlAttrPtr attr;
        xmlChar quote;
        while (p < end && IS_BLANK_CH(*p)) {
            DX_XML_NEWLINE_AT(p);
            p++;
        }
        if (p >= end || *p == '/' || *p == '>')
            return;
        name = p;
        while (p < end && !IS_BLANK_CH(*p) && *p != '=')
            p++;
        attr = dxXMLFindAttrByQName(node, name, p - name);
        if (colKnown) {
            refCol = dxXMLColumnFrom(ref, refCol, name);
            ref = name;
        }
        if (attr && attr->children)
            dxXMLSetPosition(attr->children, line, colKnown ? refCol : 0);
        while (p < end && *p != '\'' && *p != '"') {
            DX_XML_NEWLINE_AT(p);
            p++;
        }
        if (p >= end)
            return;
        quote = *p++;
        while (p < end && *p != quote) {
            DX_XML_NEWLINE_AT(p);
            p++;
        }
        p++;
    }
#undef DX_XML_NEWLINE_AT
}

/* Line start and column of the '<' at P.  The previous start tag's are
 * reused when libxml2's buffer has not moved since: only the text between
 * the two tags is scanned. */
static void
dxXMLTagColumn(dxXMLParseState *st, xmlParserInputPtr in, const xmlChar *p,
               const xmlChar **lineStart, int *col)
{
    const xmlChar *q;

    if (st->lastTag && st->lastBase == in->base && st->lastConsumed == in->consumed &&
        st->lastTag <= p) {
        for (q = p; q > st->lastTag && q[-1] != '\n'; q--)
            ;
        if (q > st->lastTag) {            /* a newline in between */
            *lineStart = q;
            *col = dxXMLColumnFrom(q, 1, p);
        } else {
            *lineStart = st->lastLineStart;
            *col = st->lastCol ? dxXMLColumnFrom(st->lastTag, st->lastCol, p) : 0;
        }
    } else {
        for (q = p; q > in->base && q[-1] != '\n'; q--)
            ;
        *lineStart = q;
        /* the line may begin in input already discarded by libxml2 */
        *col = q == in->base && in->consumed > 0 ? 0 : dxXMLColumnFrom(q, 1, p);
    }
    st->lastBase = in->base;
    st->lastConsumed = in->consumed;
    st->lastTag = p;
    st->lastLineStart = *lineStart;
    st->lastCol = *col;
}

static void
dxXMLRecordPositions(xmlParserCtxtPtr ctxt, xmlNodePtr node)
{
    xmlParserInputPtr in = ctxt->input;
    const xmlChar *cur, *p, *q, *lineStart;
    int newlines = 0, line, col;

    if (!in || !in->base || !in->cur)
        return;
    cur = in->cur;
    for (p = cur; p > in->base && *p != '<'; p--)
        ;
    if (*p != '<')
        return;
    for (q = p; q < cur; q++)
        newlines += *q == '\n';
    line = in->line - newlines;
    dxXMLTagColumn(ctxt->_private, in, p, &lineStart, &col);
    if (line < 65535 && node->line < 65535)
        dxXMLSetPosition(node, line, col);
    dxXMLRecordAttrPositions(node, p, cur, line, p, col, col > 0);
}

static void
dxXMLStartElementHook(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                      const xmlChar *URI, int nbNamespaces, const xmlChar **namespaces,
                      int nbAttributes, int nbDefaulted, const xmlChar **attributes)
{
    xmlParserCtxtPtr ctxt = ctx;
    xmlNodePtr before = ctxt->node;
    xmlSAX2StartElementNs(ctx, localname, prefix, URI, nbNamespaces, namespaces,
                          nbAttributes, nbDefaulted, attributes);
    if (ctxt->node && ctxt->node != before && ctxt->node->type == XML_ELEMENT_NODE)
        dxXMLRecordPositions(ctxt, ctxt->node);
}

/* Stop at the declaration itself, before libxml2 resolves or expands
 * anything, and say why. */
static void
dxXMLRefuseDecl(xmlParserCtxtPtr ctxt, const char *before, const xmlChar *what,
                const char *after)
{
    dxXMLParseState *st = ctxt->_private;
    char *msg;

    if (!st->reported) {
        st->reported = true;
        msg = dxAsprintf("%s'%s'%s", before, what ? (const char *)what : "", after);
        dxErrorReportAt(DX_ERR_XML, DX_SEVERITY_ERROR, st->name,
                        ctxt->input ? ctxt->input->line : 0, 0, NULL, msg);
        free(msg);
    }
    xmlStopParser(ctxt);
}

static void
dxXMLInternalSubset(void *ctx, const xmlChar *name, const xmlChar *externalID,
                    const xmlChar *systemID)
{
    xmlParserCtxtPtr ctxt = ctx;
    dxXMLParseState *st = ctxt->_private;

    if (externalID || systemID) {
        dxXMLRefuseDecl(ctxt, "a DOCTYPE naming an external DTD (",
                        systemID ? systemID : externalID,
                        ") is not allowed in domain XML: external resources are "
                        "never loaded");
        return;
    }
    st->internalSubset(ctx, name, externalID, systemID);
}

static void
dxXMLEntityDecl(void *ctx, const xmlChar *name, int type, const xmlChar *publicId,
                const xmlChar *systemId, xmlChar *content)
{
    (void)type;
    (void)publicId;
    (void)systemId;
    (void)content;
    dxXMLRefuseDecl(ctx, "entity declarations are not allowed in domain XML (entity ",
                    name, ")");
}

/* A limit was passed: report MSG (taken) once, at the current line, and
 * stop reading. */
static void
dxXMLLimitStop(xmlParserCtxtPtr ctxt, dxXMLParseState *st, char *msg)
{
    if (!st->reported) {
        st->reported = true;
        dxErrorReportAt(DX_ERR_LIMIT, DX_SEVERITY_ERROR, st->name,
                        ctxt->input ? ctxt->input->line : 0, 0, NULL, msg);
    }
    free(msg);
    xmlStopParser(ctxt);
}

/* Our own depth limit: libxml2's (256, or 2048 with XML_PARSE_HUGE) and
 * its message are not ours to document. */
static void
dxXMLStartElementNs(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                    const xmlChar *URI, int nbNamespaces, const xmlChar **namespaces,
                    int nbAttributes, int nbDefaulted, const xmlChar **attributes)
{
    xmlParserCtxtPtr ctxt = ctx;
    dxXMLParseState *st = ctxt->_private;

    if (++st->depth > DX_XML_MAX_DEPTH) {
        dxXMLLimitStop(ctxt, st, dxAsprintf("elements are nested deeper than the limit of %d levels",
                                            DX_XML_MAX_DEPTH));
        return;
    }
    st->children[st->depth] = 0;
    if (++st->children[st->depth - 1] > DX_XML_MAX_CHILDREN) {
        xmlNodePtr parent = ctxt->node;
        const char *pfx = parent && parent->ns && parent->ns->prefix ?
                          (const char *)parent->ns->prefix : NULL;
        dxXMLLimitStop(ctxt, st,
                       dxAsprintf("element <%s%s%s> has more than the limit of %d child elements",
                                  pfx ? pfx : "", pfx ? ":" : "",
                                  parent ? (const char *)parent->name : "?",
                                  DX_XML_MAX_CHILDREN));
        return;
    }
    st->startElementNs(ctx, localname, prefix, URI, nbNamespaces, namespaces,
                       nbAttributes, nbDefaulted, attributes);
}

static void
dxXMLEndElementNs(void *ctx, const xmlChar *localname, const xmlChar *prefix,
                  const xmlChar *URI)
{
    xmlParserCtxtPtr ctxt = ctx;
    dxXMLParseState *st = ctxt->_private;

    st->depth--;
    st->endElementNs(ctx, localname, prefix, URI);
}

/* XML never contains NUL; libxml2 would call such a document "empty" or
 * stop at the NUL with a cryptic message.  UTF-16/32 input (a BOM, or NUL
 * next to the first '<') is left to libxml2's encoding detection. */
static bool
dxXMLCheckNul(const char *data, size_t len, const char *name)
{
    const char *nul;
    size_t line = 1, i;

    static const char *const wide[] = {
        "\xff\xfe", "\xfe\xff",                       /* UTF-16 BOMs */
        "\0<\0?", "<\0?\0", "\0\0\0<", "<\0\0\0",      /* UTF-16/UCS-4 "<?" */
    };
    size_t k;

    for (k = 0; k < sizeof(wide) / sizeof(wide[0]); k++) {
        size_t n = k < 2 ? 2 : 4;
        if (len >= n && memcmp(data, wide[k], n) == 0)
            return true;
    }
    if (!(nul = memchr(data, '\0', len)))
        return true;
    for (i = 0; data + i < nul; i++)
        line += data[i] == '\n';
    dxErrorReportAt(DX_ERR_XML, DX_SEVERITY_ERROR, name, line > INT_MAX ? 0 : (int)line,
                    0, NULL, "the input contains a NUL byte, which XML does not allow");
    return false;
}

/* Entities (general or parameter) and external DTDs are what XXE and
 * "billion laughs" need; domain XML never uses them. */
static const char *
dxXMLRefusedDTD(xmlDocPtr doc)
{
    xmlDtdPtr dtd = doc->intSubset;

    if ((dtd && (dtd->entities || dtd->pentities)) ||
        (doc->extSubset && (doc->extSubset->entities || doc->extSubset->pentities)))
        return "entity declarations are not allowed in domain XML";
    if (dtd && (dtd->ExternalID || dtd->SystemID))
        return "a DOCTYPE naming an external DTD is not allowed in domain XML "
               "(external resources are never loaded)";
    return NULL;
}

/* libxml2 keeps no line for the DTD node: find "<!DOCTYPE" ourselves. */
static int
dxXMLDoctypeLine(const char *data, size_t len)
{
    const char *end = data + len, *p;
    int line = 1;

    for (p = data; p + 9 <= end; p++) {
        if (*p == '\n')
            line++;
        else if (*p == '<' && memcmp(p, "<!DOCTYPE", 9) == 0)
            return line;
    }
    return 0;
}

static xmlDocPtr
dxXMLParseMemory(const char *data, size_t len, const char *name)
{
    dxXMLParseState st = { .name = name };
    xmlParserCtxtPtr ctxt;
    xmlDocPtr doc;
    const char *refused;
    /* HUGE lifts libxml2's own 10 MB and depth caps, which depend on how
     * the input is buffered; ours (size, depth, no entities at all) are
     * enforced here instead, so amplification stays impossible. */
    int opts = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOWARNING |
               XML_PARSE_HUGE | XML_PARSE_COMPACT | XML_PARSE_NOBLANKS;

    if (len > DX_XML_MAX_INPUT_BYTES) {
        char *msg = dxAsprintf("input is %zu bytes, larger than the %u byte limit",
                               len, DX_XML_MAX_INPUT_BYTES);
        dxErrorReportAt(DX_ERR_LIMIT, DX_SEVERITY_ERROR, name, 0, 0, NULL, msg);
        free(msg);
        return NULL;
    }
    if (!dxXMLCheckNul(data, len, name))
        return NULL;
    dxXMLNodePathReset();
    dxXMLInit();
    if (!(ctxt = xmlNewParserCtxt()))
        abort();
    ctxt->_private = &st;
    st.internalSubset = ctxt->sax->internalSubset;
    ctxt->sax->internalSubset = dxXMLInternalSubset;
    ctxt->sax->entityDecl = dxXMLEntityDecl;
    /* depth check first, then the position-recording hook */
    st.startElementNs = dxXMLStartElementHook;
    ctxt->sax->startElementNs = dxXMLStartElementNs;
    st.endElementNs = ctxt->sax->endElementNs;
    ctxt->sax->endElementNs = dxXMLEndElementNs;
    xmlSetStructuredErrorFunc(&st, dxXMLStructuredError);
    doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, NULL, opts);
    xmlSetStructuredErrorFunc(NULL, NULL);
    /* an error libxml2 recovers from (an undefined entity, a namespace
     * problem) still means the document is not what its author meant */
    if (doc && (!ctxt->wellFormed || st.reported)) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    xmlFreeParserCtxt(ctxt);
    if (!doc) {
        if (!st.reported)
            dxErrorReportAt(DX_ERR_XML, DX_SEVERITY_ERROR, name, 0, 0, NULL,
                            "malformed XML");
        return NULL;
    }
    if ((refused = dxXMLRefusedDTD(doc))) {
        dxErrorReportAt(DX_ERR_XML, DX_SEVERITY_ERROR, name,
                        dxXMLDoctypeLine(data, len), 0, NULL, refused);
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

xmlDocPtr
dxXMLParseString(const char *xml, const char *name)
{
    return dxXMLParseMemory(xml, strlen(xml), name);
}

/* Read FP whole, but at most one byte past the limit so that pipes are
 * bounded too.  The buffer starts at the file's size (SIZE, 0 when
 * unknown) and grows geometrically: a small file must not cost a 16 MiB
 * allocation. */
static char *
dxXMLReadBounded(FILE *fp, size_t size, size_t *got)
{
    size_t cap = size ? size + 1 : 64 * 1024;
    char *data;

    if (cap > DX_XML_MAX_INPUT_BYTES + 1)
        cap = DX_XML_MAX_INPUT_BYTES + 1;
    data = dxReallocArray(NULL, cap, 1);
    *got = 0;
    for (;;) {
        size_t n = fread(data + *got, 1, cap - *got, fp);
        *got += n;
        if (*got < cap || cap == DX_XML_MAX_INPUT_BYTES + 1)
            break;      /* end of file, an error, or past the limit */
        cap = cap > (DX_XML_MAX_INPUT_BYTES + 1) / 2 ? DX_XML_MAX_INPUT_BYTES + 1 : cap * 2;
        data = dxReallocArray(data, cap, 1);
    }
    return data;
}

xmlDocPtr
dxXMLParseFile(const char *path)
{
    FILE *fp;
    struct stat sb;
    char *data;
    size_t got;
    xmlDocPtr doc;

    if (!(fp = fopen(path, "rb"))) {
        char *msg = dxAsprintf("cannot open: %s", strerror(errno));
        dxErrorReportAt(DX_ERR_IO, DX_SEVERITY_ERROR, path, 0, 0, NULL, msg);
        free(msg);
        return NULL;
    }
    if (fstat(fileno(fp), &sb) == 0 && S_ISREG(sb.st_mode) &&
        (unsigned long long)sb.st_size > DX_XML_MAX_INPUT_BYTES) {
        char *msg = dxAsprintf("file is %lld bytes, larger than the %u byte limit",
                               (long long)sb.st_size, DX_XML_MAX_INPUT_BYTES);
        dxErrorReportAt(DX_ERR_LIMIT, DX_SEVERITY_ERROR, path, 0, 0, NULL, msg);
        free(msg);
        fclose(fp);
        return NULL;
    }
    data = dxXMLReadBounded(fp, S_ISREG(sb.st_mode) ? (size_t)sb.st_size : 0, &got);
    if (ferror(fp)) {
        char *msg = dxAsprintf("cannot read: %s", strerror(errno));
        dxErrorReportAt(DX_ERR_IO, DX_SEVERITY_ERROR, path, 0, 0, NULL, msg);
        free(msg);
        free(data);
        fclose(fp);
        return NULL;
    }
    fclose(fp);
    if (got > DX_XML_MAX_INPUT_BYTES) {
        char *msg = dxAsprintf("input is larger than the %u byte limit",
                               DX_XML_MAX_INPUT_BYTES);
        dxErrorReportAt(DX_ERR_LIMIT, DX_SEVERITY_ERROR, path, 0, 0, NULL, msg);
        free(msg);
        free(data);
        return NULL;
    }
    doc = dxXMLParseMemory(data, got, path);
    free(data);
    return doc;
}

xmlNodePtr
dxXMLRoot(xmlDocPtr doc, const char *rootName)
{
    xmlNodePtr root = xmlDocGetRootElement(doc);
    if (!root) {
        dxErrorReportAt(DX_ERR_XML, DX_SEVERITY_ERROR, (const char *)doc->URL,
                        0, 0, NULL, "document has no root element");
        return NULL;
    }
    if (!dxXMLNameIs(root, rootName)) {
        dxErrorReport(DX_ERR_INVALID, root,
                      "expected root element <%s>, found <%s>",
                      rootName, (const char *)root->name);
        return NULL;
    }
    dxXMLMarkUsed(root);
    return root;
}

/* ------------------------------------------------------------------------
 * Use tracking
 * ------------------------------------------------------------------------ */

/* Errors of the readers are grammar errors: the schema describes them. */
#define dxXMLGrammarError(node, ...) \
    dxErrorReportFlags(DX_ERR_INVALID, DX_SEVERITY_ERROR, DX_ERROR_FLAG_GRAMMAR, \
                       (const dxXMLNode *)(node), __VA_ARGS__)

void
dxXMLMarkUsed(xmlNodePtr node)
{
    if (node)
        node->_private = DX_USED;
}

void
dxXMLMarkSubtreeUsed(xmlNodePtr node)
{
    xmlAttrPtr a;
    xmlNodePtr c;
    if (!node || node->type != XML_ELEMENT_NODE)
        return;
    node->_private = DX_USED;
    for (a = node->properties; a; a = a->next)
        a->_private = DX_USED;
    for (c = node->children; c; c = c->next)
        dxXMLMarkSubtreeUsed(c);
}

bool
dxXMLIsUsed(const xmlNode *node)
{
    return node && node->_private == DX_USED;
}

static dxXMLNameHints dxXMLHints;
static void *dxXMLHintsOpaque;

void
dxXMLSetNameHints(dxXMLNameHints hints, void *opaque)
{
    dxXMLHints = hints;
    dxXMLHintsOpaque = opaque;
}

static void
dxXMLReportOne(bool strict, xmlNodePtr where, const xmlNode *element,
               bool isAttr, const char *what, const char *parent)
{
    const char *kind = isAttr ? "attribute" : "element";
    char *hint = NULL;
    char *suffix;

    if (dxXMLHints)
        hint = dxXMLHints(dxXMLHintsOpaque, element, isAttr, what);
    suffix = hint ? dxAsprintf(" (did you mean '%s'?)", hint) : dxStrdup("");
    if (strict)
        dxErrorReportFlags(DX_ERR_UNKNOWN, DX_SEVERITY_ERROR, DX_ERROR_FLAG_GRAMMAR,
                           where, "unknown %s '%s' in <%s>%s",
                           kind, what, parent, suffix);
    else
        dxErrorReportFlags(DX_ERR_UNKNOWN, DX_SEVERITY_WARNING, DX_ERROR_FLAG_GRAMMAR,
                           where, "unknown %s '%s' in <%s>%s is ignored",
                           kind, what, parent, suffix);
    free(suffix);
    free(hint);
}

size_t
dxXMLReportUnused(xmlNodePtr node, bool strict)
{
    size_t n = 0;
    xmlAttrPtr a;

    if (!node || node->type != XML_ELEMENT_NODE)
        return 0;
    if (!dxXMLIsUsed(node)) {
        const xmlNode *parent = node->parent && node->parent->type == XML_ELEMENT_NODE ?
                                node->parent : NULL;
        dxXMLReportOne(strict, node, parent, false, (const char *)node->name,
                       parent ? (const char *)parent->name : "document");
        return 1;   /* its children are unknown too: one message is enough */
    }
    for (a = node->properties; a; a = a->next) {
        if (a->_private == DX_USED)
            continue;
        dxXMLReportOne(strict, (xmlNodePtr)a, node, true, (const char *)a->name,
                       (const char *)node->name);
        n++;
    }
    DX_XML_FOREACH_CHILD(node, child)
        n += dxXMLReportUnused(child, strict);
    return n;
}

/* ------------------------------------------------------------------------
 * Navigation
 * ------------------------------------------------------------------------ */

static xmlNodePtr
dxXMLSkipToElement(xmlNodePtr n)
{
    while (n && n->type != XML_ELEMENT_NODE)
        n = n->next;
    return n;
}

xmlNodePtr
dxXMLFirstElement(xmlNodePtr parent)
{
    return parent ? dxXMLSkipToElement(parent->children) : NULL;
}

xmlNodePtr
dxXMLNextElement(xmlNodePtr node)
{
    return node ? dxXMLSkipToElement(node->next) : NULL;
}

bool
dxXMLNameIs(const xmlNode *node, const char *name)
{
    return node && node->type == XML_ELEMENT_NODE &&
           xmlStrEqual(node->name, (const xmlChar *)name);
}

xmlNodePtr
dxXMLChild(xmlNodePtr parent, const char *name)
{
    DX_XML_FOREACH_CHILD(parent, child) {
        if (dxXMLNameIs(child, name) && !child->ns) {
            dxXMLMarkUsed(child);
            return child;
        }
    }
    return NULL;
}

size_t
dxXMLChildCount(xmlNodePtr parent, const char *name)
{
    size_t n = 0;
    DX_XML_FOREACH_CHILD(parent, child)
        n += dxXMLNameIs(child, name) && !child->ns;
    return n;
}

/* ------------------------------------------------------------------------
 * Attributes
 * ------------------------------------------------------------------------ */

static xmlAttrPtr
dxXMLFindProp(xmlNodePtr node, const char *name)
{
    xmlAttrPtr a;
    if (!node)
        return NULL;
    for (a = node->properties; a; a = a->next) {
        if (!a->ns && xmlStrEqual(a->name, (const xmlChar *)name))
            return a;
    }
    return NULL;
}

bool
dxXMLHasProp(xmlNodePtr node, const char *name)
{
    return dxXMLFindProp(node, name) != NULL;
}

char *
dxXMLPropString(xmlNodePtr node, const char *name)
{
    xmlAttrPtr a = dxXMLFindProp(node, name);
    xmlChar *v;
    char *r;
    if (!a)
        return NULL;
    a->_private = DX_USED;
    v = xmlNodeListGetString(node->doc, a->children, 1);
    r = dxStrdup(v ? (const char *)v : "");
    xmlFree(v);
    return r;
}

static int
dxXMLPropMissing(xmlNodePtr node, const char *name, unsigned int flags)
{
    if (flags & DX_PROP_REQUIRED) {
        dxXMLGrammarError(node, "missing required attribute '%s' in element '%s'",
                          name, (const char *)node->name);
        return -1;
    }
    return 0;
}

int
dxXMLPropStringRequired(xmlNodePtr node, const char *name, char **out)
{
    char *v = dxXMLPropString(node, name);
    if (!v)
        return dxXMLPropMissing(node, name, DX_PROP_REQUIRED);
    *out = v;
    return 1;
}

int
dxXMLPropEnum(xmlNodePtr node, const char *name, const dxEnumTable *table,
              unsigned int flags, int *out)
{
    char *v = dxXMLPropString(node, name);
    int val;
    if (!v)
        return dxXMLPropMissing(node, name, flags);
    val = dxEnumFromString(table, v);
    if (val < 0 || (val == 0 && (flags & DX_PROP_NONZERO))) {
        char *allowed = dxEnumAllowedList(table);
        const char *hint = dxEnumSuggest(table, v);
        xmlAttrPtr attr = dxXMLFindProp(node, name);
        if (hint && val != 0)
            dxXMLGrammarError(attr, "invalid value '%s' for attribute '%s' in element '%s' "
                              "(did you mean '%s'?); allowed: %s",
                              v, name, (const char *)node->name, hint, allowed);
        else
            dxXMLGrammarError(attr, "invalid value '%s' for attribute '%s' in element '%s'; "
                              "allowed: %s", v, name, (const char *)node->name, allowed);
        free(allowed);
        free(v);
        return -1;
    }
    free(v);
    *out = val;
    return 1;
}

static int
dxXMLPropNumberError(xmlNodePtr node, const char *name, const char *v,
                     const char *what)
{
    dxXMLGrammarError(dxXMLFindProp(node, name),
                      "invalid value '%s' for attribute '%s' in element '%s': expected %s",
                      v, name, (const char *)node->name, what);
    return -1;
}

int
dxXMLPropULongLong(xmlNodePtr node, const char *name, int base,
                   unsigned int flags, unsigned long long *out)
{
    char *v = dxXMLPropString(node, name);
    unsigned long long val;
    int rc = 1;
    if (!v)
        return dxXMLPropMissing(node, name, flags);
    if (dxStrToULongLong(v, base, &val) < 0 ||
        ((flags & DX_PROP_NONZERO) && val == 0))
        rc = dxXMLPropNumberError(node, name, v,
                                  (flags & DX_PROP_NONZERO) ?
                                  "a positive integer" : "a non-negative integer");
    else
        *out = val;
    free(v);
    return rc;
}

int
dxXMLPropUInt(xmlNodePtr node, const char *name, int base,
              unsigned int flags, unsigned int *out)
{
    char *v = dxXMLPropString(node, name);
    unsigned int val;
    int rc = 1;
    if (!v)
        return dxXMLPropMissing(node, name, flags);
    if (dxStrToUInt(v, base, &val) < 0 || ((flags & DX_PROP_NONZERO) && val == 0))
        rc = dxXMLPropNumberError(node, name, v,
                                  (flags & DX_PROP_NONZERO) ?
                                  "a positive integer up to 4294967295" :
                                  "a non-negative integer up to 4294967295");
    else
        *out = val;
    free(v);
    return rc;
}

int
dxXMLPropLongLong(xmlNodePtr node, const char *name, int base,
                  unsigned int flags, long long *out)
{
    char *v = dxXMLPropString(node, name);
    long long val;
    int rc = 1;
    if (!v)
        return dxXMLPropMissing(node, name, flags);
    if (dxStrToLongLong(v, base, &val) < 0 || ((flags & DX_PROP_NONZERO) && val == 0))
        rc = dxXMLPropNumberError(node, name, v, "an integer");
    else
        *out = val;
    free(v);
    return rc;
}

int
dxXMLPropInt(xmlNodePtr node, const char *name, int base,
             unsigned int flags, int *out)
{
    char *v = dxXMLPropString(node, name);
    int val;
    int rc = 1;
    if (!v)
        return dxXMLPropMissing(node, name, flags);
    if (dxStrToInt(v, base, &val) < 0 || ((flags & DX_PROP_NONZERO) && val == 0))
        rc = dxXMLPropNumberError(node, name, v, "an integer");
    else
        *out = val;
    free(v);
    return rc;
}

int
dxXMLPropTristateBool(xmlNodePtr node, const char *name, unsigned int flags,
                      dxTristateBool *out)
{
    int v;
    int rc = dxXMLPropEnum(node, name, &dxTristateBoolTable,
                           flags | DX_PROP_NONZERO, &v);
    if (rc == 1)
        *out = v;
    return rc;
}

int
dxXMLPropTristateSwitch(xmlNodePtr node, const char *name, unsigned int flags,
                        dxTristateSwitch *out)
{
    int v;
    int rc = dxXMLPropEnum(node, name, &dxTristateSwitchTable,
                           flags | DX_PROP_NONZERO, &v);
    if (rc == 1)
        *out = v;
    return rc;
}

int
dxXMLPropUUID(xmlNodePtr node, const char *name, unsigned int flags,
              unsigned char uuid[16])
{
    char *v = dxXMLPropString(node, name);
    int rc = 1;
    if (!v)
        return dxXMLPropMissing(node, name, flags);
    if (dxUUIDParse(v, uuid) < 0) {
        dxXMLGrammarError(dxXMLFindProp(node, name),
                          "malformed UUID '%s' in attribute '%s' of element '%s'",
                          v, name, (const char *)node->name);
        rc = -1;
    }
    free(v);
    return rc;
}

/* ------------------------------------------------------------------------
 * Content
 * ------------------------------------------------------------------------ */

char *
dxXMLContent(xmlNodePtr node)
{
    xmlChar *v = xmlNodeGetContent(node);
    char *r = dxStrdup(v ? (const char *)v : "");
    xmlFree(v);
    dxXMLMarkUsed(node);
    return r;
}

char *
dxXMLChildContent(xmlNodePtr parent, const char *name)
{
    xmlNodePtr c = dxXMLChild(parent, name);
    return c ? dxXMLContent(c) : NULL;
}

static int
dxXMLContentNumberError(xmlNodePtr node, const char *v, const char *what)
{
    dxXMLGrammarError(node, "invalid value '%s' in element '%s': expected %s",
                      v, (const char *)node->name, what);
    return -1;
}

int
dxXMLContentULongLong(xmlNodePtr node, unsigned long long *out)
{
    char *v = dxXMLContent(node);
    int rc = 1;
    if (dxStrToULongLong(v, 10, out) < 0)
        rc = dxXMLContentNumberError(node, v, "a non-negative integer");
    free(v);
    return rc;
}

int
dxXMLContentUInt(xmlNodePtr node, unsigned int *out)
{
    char *v = dxXMLContent(node);
    int rc = 1;
    if (dxStrToUInt(v, 10, out) < 0)
        rc = dxXMLContentNumberError(node, v, "a non-negative integer up to 4294967295");
    free(v);
    return rc;
}

int
dxXMLContentInt(xmlNodePtr node, int *out)
{
    char *v = dxXMLContent(node);
    int rc = 1;
    if (dxStrToInt(v, 10, out) < 0)
        rc = dxXMLContentNumberError(node, v, "an integer");
    free(v);
    return rc;
}

int
dxXMLContentEnum(xmlNodePtr node, const dxEnumTable *table, int *out)
{
    char *v = dxXMLContent(node);
    int val = dxEnumFromString(table, v);

    if (val < 0) {
        char *allowed = dxEnumAllowedList(table);
        const char *hint = dxEnumSuggest(table, v);
        if (hint)
            dxXMLGrammarError(node, "invalid value '%s' in element '%s' (did you mean '%s'?); "
                              "allowed: %s", v, (const char *)node->name, hint, allowed);
        else
            dxXMLGrammarError(node, "invalid value '%s' in element '%s'; allowed: %s",
                              v, (const char *)node->name, allowed);
        free(allowed);
        free(v);
        return -1;
    }
    free(v);
    *out = val;
    return 0;
}

/* ------------------------------------------------------------------------
 * Numbers: the whole string must be a number, surrounding blanks allowed
 * (XML attribute values are often written with them).
 * ------------------------------------------------------------------------ */

static bool
dxStrTailIsBlank(const char *end)
{
    while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
        end++;
    return *end == '\0';
}

int
dxStrToULongLong(const char *s, int base, unsigned long long *out)
{
    char *end;
    unsigned long long v;
    const char *p = s;
    if (!s)
        return -1;
    while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
        p++;
    if (*p == '-' || *p == '+' || *p == '\0')
        return -1;
    errno = 0;
    v = strtoull(p, &end, base);
    if (errno || end == p || !dxStrTailIsBlank(end))
        return -1;
    *out = v;
    return 0;
}

int
dxStrToLongLong(const char *s, int base, long long *out)
{
    char *end;
    long long v;
    if (!s || !*s)
        return -1;
    errno = 0;
    v = strtoll(s, &end, base);
    if (errno || end == s || !dxStrTailIsBlank(end))
        return -1;
    *out = v;
    return 0;
}

int
dxStrToUInt(const char *s, int base, unsigned int *out)
{
    unsigned long long v;
    if (dxStrToULongLong(s, base, &v) < 0 || v > 0xFFFFFFFFULL)
        return -1;
    *out = (unsigned int)v;
    return 0;
}

int
dxStrToInt(const char *s, int base, int *out)
{
    long long v;
    if (dxStrToLongLong(s, base, &v) < 0 || v < -2147483648LL || v > 2147483647LL)
        return -1;
    *out = (int)v;
    return 0;
}
