/* dxrelaxng.c: RelaxNG grammar as a name index, for precise diagnostics.
 *
 * Only the parts of RelaxNG our own schemas use are interpreted: element,
 * attribute, group, interleave, choice, optional, zeroOrMore, oneOrMore,
 * mixed, list, ref, define (combine treated as choice), include (with
 * overriding defines), div, name classes (name, anyName, nsName, choice,
 * except), value, data (XML Schema datatypes with facets), text, empty,
 * notAllowed.  Anything else is treated as "accepts anything", so the
 * reading stays on the safe side: it never calls valid input invalid.
 */
#include "dxrelaxng.h"
#include "dxalloc.h"
#include "dxbuf.h"
#include "dxenum.h"
#include "dxerror.h"

#include <libxml/hash.h>
#include <libxml/parser.h>
#include <libxml/xmlregexp.h>
#include <libxml/xmlschemastypes.h>
#include <stdlib.h>
#include <string.h>

#define DX_RELAXNG_NS "http://relaxng.org/ns/structure/1.0"
#define DX_XSD_NS "http://www.w3.org/2001/XMLSchema-datatypes"
#define DX_XSD_TYPES_NS "http://www.w3.org/2001/XMLSchema"
#define DX_RELAXNG_MAX_DEPTH 64

typedef struct {
    const xmlNode **bodies;     /* the <define> elements of one name */
    size_t nbodies;
} dxRelaxNGDefine;

struct _dxRelaxNG {
    xmlDocPtr *docs;
    size_t ndocs;
    xmlHashTablePtr defines;    /* name -> dxRelaxNGDefine */
    const xmlNode **starts;
    size_t nstarts;
    xmlHashTablePtr regexps;    /* pattern text -> xmlRegexpPtr */
};

/* ---- small sets ------------------------------------------------------ */

typedef struct {
    const xmlNode **v;
    size_t n;
} dxPatSet;

static void
dxPatSetAdd(dxPatSet *s, const xmlNode *p)
{
    size_t i;
    for (i = 0; i < s->n; i++) {
        if (s->v[i] == p)
            return;
    }
    DX_APPEND(s->v, s->n, p);
}

static void
dxPatSetClear(dxPatSet *s)
{
    free(s->v);
    s->v = NULL;
    s->n = 0;
}

typedef struct {
    char **v;
    size_t n;
} dxStrSet;

static bool
dxStrSetHas(const dxStrSet *s, const char *str)
{
    size_t i;
    for (i = 0; i < s->n; i++) {
        if (strcmp(s->v[i], str) == 0)
            return true;
    }
    return false;
}

static void
dxStrSetAdd(dxStrSet *s, const char *str)
{
    if (str && !dxStrSetHas(s, str))
        DX_APPEND(s->v, s->n, dxStrdup(str));
}

static void
dxStrSetClear(dxStrSet *s)
{
    size_t i;
    for (i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    s->v = NULL;
    s->n = 0;
}

/* Keep in A only what B has too. */
static void
dxStrSetIntersect(dxStrSet *a, const dxStrSet *b)
{
    size_t i = 0;
    while (i < a->n) {
        if (dxStrSetHas(b, a->v[i])) {
            i++;
            continue;
        }
        free(a->v[i]);
        a->v[i] = a->v[--a->n];
    }
}

/* ---- schema nodes ------------------------------------------------------ */

/* The namespaces declared in the grammar files are marked at load time
 * (xmlNs._private) with whether they are RelaxNG's: the diagnosis asks
 * this of every schema node it walks, and comparing the URI each time was
 * most of the cost of explaining an invalid document. */
static const char dxNsIsRNG = 'r', dxNsNotRNG = 'x';

static void
dxMarkNamespaces(xmlNodePtr n)
{
    for (; n; n = n->next) {
        xmlNsPtr ns;
        if (n->type != XML_ELEMENT_NODE)
            continue;
        for (ns = n->nsDef; ns; ns = ns->next)
            ns->_private = (void *)(xmlStrEqual(ns->href, (const xmlChar *)DX_RELAXNG_NS) ?
                                    &dxNsIsRNG : &dxNsNotRNG);
        dxMarkNamespaces(n->children);
    }
}

static bool
dxIsRNG(const xmlNode *n)
{
    if (!n || n->type != XML_ELEMENT_NODE || !n->ns)
        return false;
    if (n->ns->_private == &dxNsIsRNG)
        return true;
    if (n->ns->_private == &dxNsNotRNG)
        return false;
    return xmlStrEqual(n->ns->href, (const xmlChar *)DX_RELAXNG_NS);
}

static bool
dxIsRNGNamed(const xmlNode *n, const char *name)
{
    return dxIsRNG(n) && xmlStrEqual(n->name, (const xmlChar *)name);
}

static const xmlNode *
dxNextRNG(const xmlNode *n)
{
    for (n = n ? n->next : NULL; n && !dxIsRNG(n); n = n->next)
        ;
    return n;
}

static const xmlNode *
dxFirstRNG(const xmlNode *parent)
{
    const xmlNode *n = parent ? parent->children : NULL;
    while (n && !dxIsRNG(n))
        n = n->next;
    return n;
}

/* Attribute value of a schema node, not copied (NULL when absent). */
static const char *
dxRelaxNGProp(const xmlNode *n, const char *name)
{
    const xmlAttr *a;
    for (a = n->properties; a; a = a->next) {
        if (!a->ns && xmlStrEqual(a->name, (const xmlChar *)name))
            return a->children ? (const char *)a->children->content : "";
    }
    return NULL;
}

static const char *
dxRelaxNGInherited(const xmlNode *n, const char *name, const char *dflt)
{
    for (; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
        const char *v = dxRelaxNGProp(n, name);
        if (v)
            return v;
    }
    return dflt;
}

/* Text of a schema node with surrounding blanks removed; caller frees. */
static char *
dxRelaxNGTrimmedText(const xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    const char *s = c ? (const char *)c : "";
    size_t len;
    char *r;
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    len = strlen(s);
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
                       s[len - 1] == '\n' || s[len - 1] == '\r'))
        len--;
    r = dxStrndup(s, len);
    xmlFree(c);
    return r;
}

static const dxRelaxNGDefine *
dxRelaxNGLookup(const dxRelaxNG *rng, const xmlNode *ref)
{
    const char *name = dxRelaxNGProp(ref, "name");
    return name ? xmlHashLookup(rng->defines, (const xmlChar *)name) : NULL;
}

/* ---- loading ----------------------------------------------------------- */

static int dxRelaxNGLoadFile(dxRelaxNG *rng, const char *name, dxXMLResolver resolver,
                         int depth);

static void
dxRelaxNGAddDefine(dxRelaxNG *rng, const xmlNode *def, bool override)
{
    const char *name = dxRelaxNGProp(def, "name");
    dxRelaxNGDefine *d;
    if (!name)
        return;
    if (!(d = xmlHashLookup(rng->defines, (const xmlChar *)name))) {
        d = dxNew(dxRelaxNGDefine);
        xmlHashAddEntry(rng->defines, (const xmlChar *)name, d);
    } else if (override) {
        free(d->bodies);
        d->bodies = NULL;
        d->nbodies = 0;
    }
    DX_APPEND(d->bodies, d->nbodies, def);
}

static int
dxRelaxNGLoadGrammar(dxRelaxNG *rng, const xmlNode *grammar, bool override,
                 dxXMLResolver resolver, int depth)
{
    const xmlNode *n;
    for (n = dxFirstRNG(grammar); n; n = dxNextRNG(n)) {
        if (dxIsRNGNamed(n, "define")) {
            dxRelaxNGAddDefine(rng, n, override);
        } else if (dxIsRNGNamed(n, "start")) {
            if (override) {
                free(rng->starts);
                rng->starts = NULL;
                rng->nstarts = 0;
            }
            DX_APPEND(rng->starts, rng->nstarts, n);
        } else if (dxIsRNGNamed(n, "div")) {
            if (dxRelaxNGLoadGrammar(rng, n, override, resolver, depth) < 0)
                return -1;
        } else if (dxIsRNGNamed(n, "include")) {
            const char *href = dxRelaxNGProp(n, "href");
            if (!href || dxRelaxNGLoadFile(rng, href, resolver, depth + 1) < 0)
                return -1;
            /* what the <include> element itself defines replaces the
             * included file's definitions of the same name */
            if (dxRelaxNGLoadGrammar(rng, n, true, resolver, depth) < 0)
                return -1;
        }
    }
    return 0;
}

static void
dxRelaxNGCompilePatterns(dxRelaxNG *rng, const xmlNode *n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        if (dxIsRNGNamed(n, "param") && dxStrEq(dxRelaxNGProp(n, "name"), "pattern")) {
            xmlChar *raw = xmlNodeGetContent(n);
            if (raw && !xmlHashLookup(rng->regexps, raw)) {
                xmlRegexpPtr re = xmlRegexpCompile(raw);
                if (re)
                    xmlHashAddEntry(rng->regexps, raw, re);
            }
            xmlFree(raw);
        }
        dxRelaxNGCompilePatterns(rng, n->children);
    }
}

static int
dxRelaxNGLoadFile(dxRelaxNG *rng, const char *name, dxXMLResolver resolver, int depth)
{
    const char *text;
    xmlDocPtr doc;
    xmlNodePtr root;

    if (depth > 16 || !(text = resolver(name)))
        return -1;
    doc = xmlReadMemory(text, (int)strlen(text), name, NULL,
                        XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
    if (!doc)
        return -1;
    DX_APPEND(rng->docs, rng->ndocs, doc);
    root = xmlDocGetRootElement(doc);
    dxMarkNamespaces(root);
    if (!dxIsRNGNamed(root, "grammar"))
        return -1;
    dxRelaxNGCompilePatterns(rng, root);
    return dxRelaxNGLoadGrammar(rng, root, false, resolver, depth);
}

dxRelaxNG *
dxRelaxNGLoad(const char *topName, dxXMLResolver resolver)
{
    dxRelaxNG *rng = dxNew(dxRelaxNG);
    xmlSchemaInitTypes();   /* once, before any thread uses the types */
    rng->defines = xmlHashCreate(64);
    rng->regexps = xmlHashCreate(64);
    if (dxRelaxNGLoadFile(rng, topName, resolver, 0) < 0 || rng->nstarts == 0) {
        dxRelaxNGFree(rng);
        return NULL;
    }
    return rng;
}

static void
dxRelaxNGFreeDefine(void *payload, const xmlChar *name)
{
    dxRelaxNGDefine *d = payload;
    (void)name;
    free(d->bodies);
    free(d);
}

static void
dxRelaxNGFreeRegexp(void *payload, const xmlChar *name)
{
    (void)name;
    xmlRegFreeRegexp(payload);
}

void
dxRelaxNGFree(dxRelaxNG *rng)
{
    size_t i;
    if (!rng)
        return;
    xmlHashFree(rng->defines, dxRelaxNGFreeDefine);
    xmlHashFree(rng->regexps, dxRelaxNGFreeRegexp);
    for (i = 0; i < rng->ndocs; i++)
        xmlFreeDoc(rng->docs[i]);
    free(rng->docs);
    free(rng->starts);
    free(rng);
}

/* ---- names ---------------------------------------------------------------- */

/* The content of an <element>/<attribute> pattern: its children after
 * the name class (when the name is not an attribute). */
static const xmlNode *
dxPatContent(const xmlNode *pat)
{
    const xmlNode *c = dxFirstRNG(pat);
    if (!dxRelaxNGProp(pat, "name") && c)
        c = dxNextRNG(c);
    return c;
}

static bool
dxNameClassMatch(const xmlNode *nc, const char *local, const char *ns)
{
    const xmlNode *c;
    if (dxIsRNGNamed(nc, "name")) {
        char *text = dxRelaxNGTrimmedText(nc);
        bool ok = strcmp(text, local) == 0 &&
                  strcmp(dxRelaxNGInherited(nc, "ns", ""), ns) == 0;
        free(text);
        return ok;
    }
    if (dxIsRNGNamed(nc, "anyName") || dxIsRNGNamed(nc, "nsName")) {
        if (dxIsRNGNamed(nc, "nsName") && strcmp(dxRelaxNGInherited(nc, "ns", ""), ns) != 0)
            return false;
        for (c = dxFirstRNG(nc); c; c = dxNextRNG(c)) {
            const xmlNode *e;
            if (!dxIsRNGNamed(c, "except"))
                continue;
            for (e = dxFirstRNG(c); e; e = dxNextRNG(e)) {
                if (dxNameClassMatch(e, local, ns))
                    return false;
            }
        }
        return true;
    }
    if (dxIsRNGNamed(nc, "choice")) {
        for (c = dxFirstRNG(nc); c; c = dxNextRNG(c)) {
            if (dxNameClassMatch(c, local, ns))
                return true;
        }
    }
    return false;
}

static bool
dxPatNameMatch(const xmlNode *pat, const char *local, const char *ns)
{
    const char *name = dxRelaxNGProp(pat, "name");
    if (name) {
        /* an attribute's name has no namespace unless it says so */
        const char *pns = dxIsRNGNamed(pat, "attribute") ?
                          (dxRelaxNGProp(pat, "ns") ? dxRelaxNGProp(pat, "ns") : "") :
                          dxRelaxNGInherited(pat, "ns", "");
        return strcmp(name, local) == 0 && strcmp(pns, ns) == 0;
    }
    return dxNameClassMatch(dxFirstRNG(pat), local, ns);
}

/* Explicit names of a pattern (none for wildcards). */
static void
dxNameClassNames(const xmlNode *nc, dxStrSet *out)
{
    const xmlNode *c;
    if (dxIsRNGNamed(nc, "name")) {
        char *text = dxRelaxNGTrimmedText(nc);
        dxStrSetAdd(out, text);
        free(text);
    } else if (dxIsRNGNamed(nc, "choice")) {
        for (c = dxFirstRNG(nc); c; c = dxNextRNG(c))
            dxNameClassNames(c, out);
    }
}

static void
dxPatNames(const xmlNode *pat, dxStrSet *out)
{
    const char *name = dxRelaxNGProp(pat, "name");
    if (name)
        dxStrSetAdd(out, name);
    else
        dxNameClassNames(dxFirstRNG(pat), out);
}

static bool
dxPatIsWildcard(const xmlNode *pat)
{
    const xmlNode *nc;
    if (dxRelaxNGProp(pat, "name"))
        return false;
    nc = dxFirstRNG(pat);
    return dxIsRNGNamed(nc, "anyName") || dxIsRNGNamed(nc, "nsName");
}

static const char *
dxInstanceNs(const xmlNode *n)
{
    return n->ns && n->ns->href ? (const char *)n->ns->href : "";
}

/* ---- walking patterns ----------------------------------------------------- */

typedef enum {
    DX_WANT_ELEMENTS,
    DX_WANT_ATTRIBUTES,
} dxWant;

static bool
dxIsContainer(const xmlNode *n)
{
    static const char *const names[] = {
        "group", "interleave", "choice", "optional", "zeroOrMore",
        "oneOrMore", "mixed", "list", "div",
    };
    size_t i;
    for (i = 0; i < DX_ARRAY_CARDINALITY(names); i++) {
        if (dxIsRNGNamed(n, names[i]))
            return true;
    }
    return false;
}

/* Narrowing: a choice whose alternatives are told apart by the value of
 * one required attribute (<interface type='bridge'> vs type='network')
 * is reduced to the alternatives the instance element's value selects,
 * so a <source network=> in a bridge interface can be called out.
 * NULL means "no instance: every alternative". */
typedef struct {
    const xmlNode *inst;        /* the instance element */
    dxStrSet *used;             /* "type='bridge'" for each choice narrowed */
} dxNarrow;

static size_t dxSelectAlternatives(const dxRelaxNG *rng, const xmlNode *choice,
                                   const dxNarrow *nw, const xmlNode ***out);

static void dxCollectOne(const dxRelaxNG *rng, const xmlNode *n, dxWant want, dxPatSet *out,
                         const dxNarrow *nw, int depth);

/* Element (or attribute) patterns directly in the content list FIRST. */
static void
dxCollect(const dxRelaxNG *rng, const xmlNode *first, dxWant want, dxPatSet *out,
          const dxNarrow *nw, int depth)
{
    const xmlNode *n;
    for (n = first; n; n = dxNextRNG(n))
        dxCollectOne(rng, n, want, out, nw, depth);
}

static void
dxCollectOne(const dxRelaxNG *rng, const xmlNode *n, dxWant want, dxPatSet *out,
             const dxNarrow *nw, int depth)
{
    if (depth > DX_RELAXNG_MAX_DEPTH)
        return;
    if (dxIsRNGNamed(n, "element")) {
        if (want == DX_WANT_ELEMENTS)
            dxPatSetAdd(out, n);
    } else if (dxIsRNGNamed(n, "attribute")) {
        if (want == DX_WANT_ATTRIBUTES)
            dxPatSetAdd(out, n);
    } else if (dxIsRNGNamed(n, "ref")) {
        const dxRelaxNGDefine *d = dxRelaxNGLookup(rng, n);
        size_t i;
        for (i = 0; d && i < d->nbodies; i++)
            dxCollect(rng, dxFirstRNG(d->bodies[i]), want, out, nw, depth + 1);
    } else if (nw && dxIsRNGNamed(n, "choice")) {
        const xmlNode **alts = NULL;
        size_t i, nalts = dxSelectAlternatives(rng, n, nw, &alts);
        for (i = 0; i < nalts; i++)
            dxCollectOne(rng, alts[i], want, out, nw, depth + 1);
        free(alts);
    } else if (dxIsContainer(n)) {
        dxCollect(rng, dxFirstRNG(n), want, out, nw, depth + 1);
    }
}

static void
dxChildPatterns(const dxRelaxNG *rng, const dxPatSet *parents, dxWant want, dxPatSet *out,
                const dxNarrow *nw)
{
    size_t i;
    for (i = 0; i < parents->n; i++)
        dxCollect(rng, dxPatContent(parents->v[i]), want, out, nw, 0);
}

static void
dxFilterByName(const dxPatSet *in, const char *local, const char *ns, dxPatSet *out)
{
    size_t i;
    for (i = 0; i < in->n; i++) {
        if (dxPatNameMatch(in->v[i], local, ns))
            dxPatSetAdd(out, in->v[i]);
    }
}

/* The element patterns that can match instance element ELEM, found by
 * following its ancestors from the document element. */
static void
dxCandidatesFor(const dxRelaxNG *rng, const xmlNode *elem, dxPatSet *out)
{
    const xmlNode *stack[DX_XML_MAX_DEPTH + 1];
    size_t depth = 0, i;
    dxPatSet cur = { NULL, 0 };

    for (; elem && elem->type == XML_ELEMENT_NODE && depth < DX_ARRAY_CARDINALITY(stack);
         elem = elem->parent)
        stack[depth++] = elem;
    for (i = 0; i < rng->nstarts; i++)
        dxCollect(rng, dxFirstRNG(rng->starts[i]), DX_WANT_ELEMENTS, &cur, NULL, 0);
    while (depth > 0) {
        const xmlNode *e = stack[--depth];
        dxPatSet next = { NULL, 0 };
        dxFilterByName(&cur, (const char *)e->name, dxInstanceNs(e), &next);
        dxPatSetClear(&cur);
        if (depth == 0 || next.n == 0) {
            *out = next;
            return;
        }
        dxChildPatterns(rng, &next, DX_WANT_ELEMENTS, &cur, NULL);
        dxPatSetClear(&next);
    }
    *out = cur;
}

/* ---- requirements and occurrences ------------------------------------------ */

static void dxRequired(const dxRelaxNG *rng, const xmlNode *first, bool single,
                       dxWant want, dxStrSet *out, const dxNarrow *nw, int depth);

/* What every alternative requires: the intersection. */
static void
dxRequiredChoice(const dxRelaxNG *rng, const xmlNode **alts, size_t nalts, bool eachIsList,
                 dxWant want, dxStrSet *out, const dxNarrow *nw, int depth)
{
    dxStrSet acc = { NULL, 0 };
    bool first = true;
    size_t i, j;
    for (i = 0; i < nalts; i++) {
        dxStrSet one = { NULL, 0 };
        if (!eachIsList && dxIsRNGNamed(alts[i], "notAllowed"))
            continue;   /* never taken */
        dxRequired(rng, alts[i], !eachIsList, want, &one, nw, depth + 1);
        if (first)
            acc = one;
        else {
            dxStrSetIntersect(&acc, &one);
            dxStrSetClear(&one);
        }
        first = false;
    }
    for (j = 0; j < acc.n; j++)
        dxStrSetAdd(out, acc.v[j]);
    dxStrSetClear(&acc);
}

/* Names of WANT that every match of the pattern list FIRST (or of FIRST
 * alone, when SINGLE) must contain. */
static void
dxRequired(const dxRelaxNG *rng, const xmlNode *first, bool single, dxWant want,
           dxStrSet *out, const dxNarrow *nw, int depth)
{
    const xmlNode *n;
    if (depth > DX_RELAXNG_MAX_DEPTH)
        return;
    for (n = first; n; n = single ? NULL : dxNextRNG(n)) {
        if (dxIsRNGNamed(n, "element") || dxIsRNGNamed(n, "attribute")) {
            bool isAttr = dxIsRNGNamed(n, "attribute");
            if ((want == DX_WANT_ATTRIBUTES) == isAttr && dxRelaxNGProp(n, "name"))
                dxStrSetAdd(out, dxRelaxNGProp(n, "name"));
        } else if (dxIsRNGNamed(n, "ref")) {
            const dxRelaxNGDefine *d = dxRelaxNGLookup(rng, n);
            const xmlNode **alts;
            size_t i;
            if (!d)
                continue;
            alts = dxNewN(const xmlNode *, d->nbodies);
            for (i = 0; i < d->nbodies; i++)
                alts[i] = dxFirstRNG(d->bodies[i]);
            dxRequiredChoice(rng, alts, d->nbodies, true, want, out, nw, depth);
            free(alts);
        } else if (dxIsRNGNamed(n, "choice")) {
            const xmlNode **alts = NULL;
            size_t nalts = dxSelectAlternatives(rng, n, nw, &alts);
            dxRequiredChoice(rng, alts, nalts, false, want, out, nw, depth);
            free(alts);
        } else if (dxIsRNGNamed(n, "group") || dxIsRNGNamed(n, "interleave") ||
                   dxIsRNGNamed(n, "oneOrMore") || dxIsRNGNamed(n, "mixed") ||
                   dxIsRNGNamed(n, "div")) {
            dxRequired(rng, dxFirstRNG(n), false, want, out, nw, depth + 1);
        }
        /* optional, zeroOrMore and leaf patterns require nothing */
    }
}

/* How often (0, 1, 2 = more than once) an element called LOCAL can occur
 * in one match of the pattern list FIRST (or FIRST alone). */
static int
dxOccurs(const dxRelaxNG *rng, const xmlNode *first, bool single,
         const char *local, const char *ns, int depth)
{
    const xmlNode *n;
    int total = 0;
    if (depth > DX_RELAXNG_MAX_DEPTH)
        return 2;
    for (n = first; n && total < 2; n = single ? NULL : dxNextRNG(n)) {
        int k = 0;
        if (dxIsRNGNamed(n, "element")) {
            k = dxPatNameMatch(n, local, ns) ? 1 : 0;
        } else if (dxIsRNGNamed(n, "ref")) {
            const dxRelaxNGDefine *d = dxRelaxNGLookup(rng, n);
            size_t i;
            for (i = 0; d && i < d->nbodies; i++) {
                int o = dxOccurs(rng, dxFirstRNG(d->bodies[i]), false, local, ns, depth + 1);
                k = o > k ? o : k;
            }
        } else if (dxIsRNGNamed(n, "choice")) {
            const xmlNode *c;
            for (c = dxFirstRNG(n); c; c = dxNextRNG(c)) {
                int o = dxOccurs(rng, c, true, local, ns, depth + 1);
                k = o > k ? o : k;
            }
        } else if (dxIsRNGNamed(n, "zeroOrMore") || dxIsRNGNamed(n, "oneOrMore")) {
            k = dxOccurs(rng, dxFirstRNG(n), false, local, ns, depth + 1) > 0 ? 2 : 0;
        } else if (dxIsContainer(n)) {
            k = dxOccurs(rng, dxFirstRNG(n), false, local, ns, depth + 1);
        }
        total += k;
    }
    return total > 2 ? 2 : total;
}

/* ---- telling alternatives apart ------------------------------------------------ */

static bool dxValueMatches(const dxRelaxNG *rng, const xmlNode *pat, const char *value,
                           int depth);

/* A pattern that only enumerates values (value, choice of values, a ref
 * to such a define). */
static bool
dxIsEnumeration(const dxRelaxNG *rng, const xmlNode *pat, int depth)
{
    const xmlNode *c;
    if (!pat || depth > DX_RELAXNG_MAX_DEPTH)
        return false;
    if (dxIsRNGNamed(pat, "value"))
        return true;
    if (dxIsRNGNamed(pat, "choice")) {
        for (c = dxFirstRNG(pat); c; c = dxNextRNG(c)) {
            if (!dxIsEnumeration(rng, c, depth + 1))
                return false;
        }
        return true;
    }
    if (dxIsRNGNamed(pat, "ref")) {
        const dxRelaxNGDefine *d = dxRelaxNGLookup(rng, pat);
        size_t i;
        for (i = 0; d && i < d->nbodies; i++) {
            const xmlNode *b = dxFirstRNG(d->bodies[i]);
            if (!b || dxNextRNG(b) || !dxIsEnumeration(rng, b, depth + 1))
                return false;
        }
        return d != NULL;
    }
    return false;
}

/* Attribute patterns called NAME within the alternative ALT. */
static void
dxAttrsNamed(const dxRelaxNG *rng, const xmlNode *alt, const char *name, dxPatSet *out)
{
    dxPatSet all = { NULL, 0 };
    size_t i;
    dxCollectOne(rng, alt, DX_WANT_ATTRIBUTES, &all, NULL, 0);
    for (i = 0; i < all.n; i++) {
        if (dxStrEq(dxRelaxNGProp(all.v[i], "name"), name))
            dxPatSetAdd(out, all.v[i]);
    }
    dxPatSetClear(&all);
}

/* Is the attribute NAME required by ALT with fixed sets of values (one
 * set per pattern of that name in ALT)? */
static bool
dxEnumeratesIn(const dxRelaxNG *rng, const xmlNode *alt, const char *name)
{
    dxPatSet named = { NULL, 0 };
    dxStrSet req = { NULL, 0 };
    bool yes;
    size_t i;
    dxRequired(rng, alt, true, DX_WANT_ATTRIBUTES, &req, NULL, 0);
    dxAttrsNamed(rng, alt, name, &named);
    yes = dxStrSetHas(&req, name) && named.n > 0;
    for (i = 0; i < named.n && yes; i++)
        yes = dxIsEnumeration(rng, dxPatContent(named.v[i]), 0);
    dxPatSetClear(&named);
    dxStrSetClear(&req);
    return yes;
}

/* Do all the attribute patterns NAMED take fixed sets of values? */
static bool
dxAllEnumerations(const dxRelaxNG *rng, const dxPatSet *named)
{
    size_t i;
    for (i = 0; i < named->n; i++) {
        if (!dxIsEnumeration(rng, dxPatContent(named->v[i]), 0))
            return false;
    }
    return named->n > 0;
}

static bool
dxMentions(const dxRelaxNG *rng, const xmlNode *alt, const char *name)
{
    dxPatSet named = { NULL, 0 };
    bool yes;
    dxAttrsNamed(rng, alt, name, &named);
    yes = named.n > 0;
    dxPatSetClear(&named);
    return yes;
}

/* Does ALT have an attribute NAME that, when present, takes fixed values
 * (a <filesystem> without type is a mount; with one, it says which)? */
static bool
dxEnumeratesOptionally(const dxRelaxNG *rng, const xmlNode *alt, const char *name)
{
    dxPatSet named = { NULL, 0 };
    bool yes;
    dxAttrsNamed(rng, alt, name, &named);
    yes = dxAllEnumerations(rng, &named);
    dxPatSetClear(&named);
    return yes;
}

/* The attribute whose fixed values tell the alternatives ALTS apart: two
 * of them require it with fixed values, or one does and another has no
 * such attribute at all (<serial> with a type, or without: a pty) or has it
 * only optionally, with fixed values (<filesystem> without type).  NULL
 * when there is none.  The name returned belongs to the schema document. */
static const char *
dxDiscriminator(const dxRelaxNG *rng, const xmlNode *const *alts, size_t nalts)
{
    const char *best = NULL;
    size_t bestScore = 1, i, j;
    for (i = 0; i < nalts; i++) {
        dxPatSet attrs = { NULL, 0 };
        size_t k;
        dxCollectOne(rng, alts[i], DX_WANT_ATTRIBUTES, &attrs, NULL, 0);
        for (k = 0; k < attrs.n; k++) {
            const char *name = dxRelaxNGProp(attrs.v[k], "name");
            size_t enumerating = 0, absent = 0;
            if (!name || (best && strcmp(best, name) == 0))
                continue;
            for (j = 0; j < nalts; j++) {
                if (dxEnumeratesIn(rng, alts[j], name))
                    enumerating++;
                else if ((!dxMentions(rng, alts[j], name) ||
                          dxEnumeratesOptionally(rng, alts[j], name)) &&
                         !dxIsRNGNamed(alts[j], "notAllowed"))
                    absent++;
            }
            if (enumerating >= 1 && enumerating + (absent ? 1 : 0) > bestScore) {
                bestScore = enumerating + (absent ? 1 : 0);
                best = name;
            }
        }
        dxPatSetClear(&attrs);
    }
    return best;
}

static size_t
dxSelectAlternatives(const dxRelaxNG *rng, const xmlNode *choice, const dxNarrow *nw,
                     const xmlNode ***out)
{
    const xmlNode **alts = NULL, **sel = NULL;
    size_t nalts = 0, nsel = 0, i;
    const xmlNode *c;
    const char *disc;
    xmlChar *value = NULL;

    for (c = dxFirstRNG(choice); c; c = dxNextRNG(c))
        DX_APPEND(alts, nalts, c);
    if (!nw || !nw->inst || !(disc = dxDiscriminator(rng, alts, nalts))) {
        *out = alts;
        return nalts;
    }
    value = xmlGetNoNsProp((xmlNodePtr)nw->inst, (const xmlChar *)disc);
    for (i = 0; i < nalts; i++) {
        dxPatSet named = { NULL, 0 };
        bool match;
        dxAttrsNamed(rng, alts[i], disc, &named);
        if (named.n == 0)
            match = value == NULL;      /* this kind has no such attribute */
        else if (!value)
            match = true;               /* cannot tell without the value */
        else if (dxEnumeratesIn(rng, alts[i], disc) || dxAllEnumerations(rng, &named)) {
            /* an optional attribute, when present, must still have one of
             * its values (<filesystem> without type is a mount, but one
             * with type='file' is not) */
            size_t k;
            match = false;
            for (k = 0; k < named.n && !match; k++)
                match = dxValueMatches(rng, dxPatContent(named.v[k]), (const char *)value, 0);
        } else {
            match = true;
        }
        if (match)
            DX_APPEND(sel, nsel, alts[i]);
        dxPatSetClear(&named);
    }
    if (nsel == 0 || nsel == nalts) {
        free(sel);      /* no value selects anything: judge them all */
        *out = alts;
        xmlFree(value);
        return nalts;
    }
    if (nw->used && value) {
        char *what = dxAsprintf("%s='%s'", disc, (const char *)value);
        dxStrSetAdd(nw->used, what);
        free(what);
    }
    free(alts);
    xmlFree(value);
    *out = sel;
    return nsel;
}

/* ---- values ------------------------------------------------------------------ */

static size_t
dxUTF8Length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static char *
dxCollapseBlanks(const char *s)
{
    dxBuf buf = DX_BUF_INIT;
    bool blank = false;
    for (; *s; s++) {
        if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
            blank = true;
            continue;
        }
        if (blank && !dxBufIsEmpty(&buf))
            dxBufAddChar(&buf, ' ');
        blank = false;
        dxBufAddChar(&buf, *s);
    }
    return dxBufSteal(&buf);
}

static bool dxValueMatches(const dxRelaxNG *rng, const xmlNode *pat, const char *value,
                           int depth);

static bool
dxFacetOK(const dxRelaxNG *rng, const xmlNode *param, const char *value)
{
    const char *facet = dxRelaxNGProp(param, "name");
    char *limit;
    bool ok = true;

    if (!facet)
        return true;
    if (strcmp(facet, "pattern") == 0) {
        xmlChar *raw = xmlNodeGetContent(param);
        xmlRegexpPtr re = raw ? xmlHashLookup(rng->regexps, raw) : NULL;
        xmlFree(raw);
        return !re || xmlRegexpExec(re, (const xmlChar *)value) == 1;
    }
    limit = dxRelaxNGTrimmedText(param);
    if (strcmp(facet, "minInclusive") == 0)
        ok = strtold(value, NULL) >= strtold(limit, NULL);
    else if (strcmp(facet, "maxInclusive") == 0)
        ok = strtold(value, NULL) <= strtold(limit, NULL);
    else if (strcmp(facet, "minExclusive") == 0)
        ok = strtold(value, NULL) > strtold(limit, NULL);
    else if (strcmp(facet, "maxExclusive") == 0)
        ok = strtold(value, NULL) < strtold(limit, NULL);
    else if (strcmp(facet, "length") == 0)
        ok = dxUTF8Length(value) == strtoull(limit, NULL, 10);
    else if (strcmp(facet, "minLength") == 0)
        ok = dxUTF8Length(value) >= strtoull(limit, NULL, 10);
    else if (strcmp(facet, "maxLength") == 0)
        ok = dxUTF8Length(value) <= strtoull(limit, NULL, 10);
    free(limit);
    return ok;
}

static bool
dxDataMatches(const dxRelaxNG *rng, const xmlNode *data, const char *value, int depth)
{
    const char *lib = dxRelaxNGInherited(data, "datatypeLibrary", "");
    const char *type = dxRelaxNGProp(data, "type");
    const xmlNode *c;

    if (type && strcmp(lib, DX_XSD_NS) == 0) {
        xmlSchemaTypePtr t = xmlSchemaGetPredefinedType((const xmlChar *)type,
                                                        (const xmlChar *)DX_XSD_TYPES_NS);
        xmlSchemaValPtr val = NULL;
        int rc;
        if (t) {
            rc = xmlSchemaValPredefTypeNode(t, (const xmlChar *)value, &val, NULL);
            if (val)
                xmlSchemaFreeValue(val);
            if (rc != 0)
                return false;
        }
    }
    for (c = dxFirstRNG(data); c; c = dxNextRNG(c)) {
        if (dxIsRNGNamed(c, "param") && !dxFacetOK(rng, c, value))
            return false;
        if (dxIsRNGNamed(c, "except")) {
            const xmlNode *e;
            for (e = dxFirstRNG(c); e; e = dxNextRNG(e)) {
                if (dxValueMatches(rng, e, value, depth + 1))
                    return false;
            }
        }
    }
    return true;
}

static bool
dxValueEquals(const xmlNode *pat, const char *value)
{
    const char *type = dxRelaxNGProp(pat, "type");
    char *want = (char *)xmlNodeGetContent(pat);
    bool ok;
    if (type && strcmp(type, "string") == 0) {
        ok = strcmp(want ? want : "", value) == 0;
    } else {
        char *a = dxCollapseBlanks(want ? want : "");
        char *b = dxCollapseBlanks(value);
        ok = strcmp(a, b) == 0;
        free(a);
        free(b);
    }
    xmlFree(want);
    return ok;
}

/* Does VALUE (an attribute value or element text) match the pattern PAT?
 * Patterns this reading does not interpret accept. */
static bool
dxValueMatches(const dxRelaxNG *rng, const xmlNode *pat, const char *value, int depth)
{
    const xmlNode *c;
    if (depth > DX_RELAXNG_MAX_DEPTH)
        return true;
    if (dxIsRNGNamed(pat, "value"))
        return dxValueEquals(pat, value);
    if (dxIsRNGNamed(pat, "data"))
        return dxDataMatches(rng, pat, value, depth);
    if (dxIsRNGNamed(pat, "notAllowed"))
        return false;
    if (dxIsRNGNamed(pat, "empty")) {
        char *v = dxCollapseBlanks(value);
        bool ok = *v == '\0';
        free(v);
        return ok;
    }
    if (dxIsRNGNamed(pat, "choice")) {
        for (c = dxFirstRNG(pat); c; c = dxNextRNG(c)) {
            if (dxValueMatches(rng, c, value, depth + 1))
                return true;
        }
        return false;
    }
    if (dxIsRNGNamed(pat, "ref")) {
        const dxRelaxNGDefine *d = dxRelaxNGLookup(rng, pat);
        size_t i;
        if (!d)
            return true;
        for (i = 0; i < d->nbodies; i++) {
            const xmlNode *body = dxFirstRNG(d->bodies[i]);
            if (!body || dxNextRNG(body) ||     /* not a single pattern */
                dxValueMatches(rng, body, value, depth + 1))
                return true;
        }
        return false;
    }
    return true;    /* text, list, groups: not judged here */
}

/* Describe what PAT accepts: enumerated VALUES and TYPES in words. */
static void
dxDescribe(const dxRelaxNG *rng, const xmlNode *pat, dxStrSet *values, dxStrSet *types,
           int depth)
{
    const xmlNode *c;
    if (depth > DX_RELAXNG_MAX_DEPTH || !pat)
        return;
    if (dxIsRNGNamed(pat, "value")) {
        char *v = dxRelaxNGTrimmedText(pat);
        dxStrSetAdd(values, v);
        free(v);
    } else if (dxIsRNGNamed(pat, "data")) {
        const char *type = dxRelaxNGProp(pat, "type");
        const xmlNode *p;
        char *desc = NULL;
        for (p = dxFirstRNG(pat); p; p = dxNextRNG(p)) {
            if (dxIsRNGNamed(p, "param") && dxStrEq(dxRelaxNGProp(p, "name"), "pattern")) {
                char *re = dxRelaxNGTrimmedText(p);
                desc = dxAsprintf("text matching %s", re);
                free(re);
            }
        }
        if (!desc)
            desc = dxAsprintf("a value of type %s", type ? type : "string");
        dxStrSetAdd(types, desc);
        free(desc);
    } else if (dxIsRNGNamed(pat, "choice")) {
        for (c = dxFirstRNG(pat); c; c = dxNextRNG(c))
            dxDescribe(rng, c, values, types, depth + 1);
    } else if (dxIsRNGNamed(pat, "ref")) {
        const dxRelaxNGDefine *d = dxRelaxNGLookup(rng, pat);
        size_t i;
        for (i = 0; d && i < d->nbodies; i++)
            dxDescribe(rng, dxFirstRNG(d->bodies[i]), values, types, depth + 1);
    } else if (dxIsRNGNamed(pat, "empty")) {
        dxStrSetAdd(values, "");
    } else if (dxIsRNGNamed(pat, "text")) {
        dxStrSetAdd(types, "any text");
    }
}

static const char *
dxClosest(const dxStrSet *names, const char *str)
{
    dxEnumTable table = { "names", (const char *const *)names->v, names->n };
    return dxEnumSuggest(&table, str);
}

/* "'a', 'b', or a value of type unsignedInt" */
static char *
dxAllowedText(const dxStrSet *values, const dxStrSet *types)
{
    dxBuf buf = DX_BUF_INIT;
    size_t i;
    for (i = 0; i < values->n; i++)
        dxBufAddf(&buf, "%s'%s'", i ? ", " : "", values->v[i]);
    for (i = 0; i < types->n; i++)
        dxBufAddf(&buf, "%s%s", dxBufIsEmpty(&buf) ? "" : (i + 1 == types->n ? ", or " : ", "),
                  types->v[i]);
    return dxBufSteal(&buf);
}

/* ---- diagnosis ------------------------------------------------------------------ */

typedef struct {
    const dxRelaxNG *rng;
    dxRelaxNGReportFn report;
    void *opaque;
    size_t count;
} dxDiag;

static void
dxDiagReport(dxDiag *d, const xmlNode *where, char *message)
{
    d->report(d->opaque, where, message);
    d->count++;
    free(message);
}

/* ", allowed: a, b, c" when the list is short enough to help */
static char *
dxNamesHint(const dxStrSet *names, const char *str)
{
    const char *close = dxClosest(names, str);
    dxBuf buf = DX_BUF_INIT;
    size_t i;
    if (close)
        return dxAsprintf(" (did you mean '%s'?)", close);
    if (names->n == 0)
        return dxStrdup("; none are allowed there");
    if (names->n > 16)
        return dxStrdup("");
    dxBufAddStr(&buf, "; allowed: ");
    for (i = 0; i < names->n; i++)
        dxBufAddf(&buf, "%s%s", i ? ", " : "", names->v[i]);
    return dxBufSteal(&buf);
}

static void
dxDiagValue(dxDiag *d, const xmlNode *where, const dxPatSet *pats,
            const char *what, const char *value)
{
    dxStrSet values = { NULL, 0 }, types = { NULL, 0 };
    const char *close;
    char *allowed;
    size_t i;

    for (i = 0; i < pats->n; i++)
        dxDescribe(d->rng, pats->v[i], &values, &types, 0);
    allowed = dxAllowedText(&values, &types);
    close = dxClosest(&values, value);
    if (close)
        dxDiagReport(d, where, dxAsprintf("invalid value '%s' %s (did you mean '%s'?); allowed: %s",
                                          value, what, close, allowed));
    else
        dxDiagReport(d, where, dxAsprintf("invalid value '%s' %s; allowed: %s",
                                          value, what, allowed));
    free(allowed);
    dxStrSetClear(&values);
    dxStrSetClear(&types);
}

/* "with type='bridge'" when narrowing chose among kinds of ELEM, or
 * "in <interface type='bridge'>" when the parent's kind did; "" else. */
static char *
dxJoinUsed(const dxStrSet *used)
{
    dxBuf buf = DX_BUF_INIT;
    size_t i;
    for (i = 0; i < used->n; i++)
        dxBufAddf(&buf, "%s%s", i ? " " : "", used->v[i]);
    return dxBufSteal(&buf);
}

static char *
dxKindText(const dxStrSet *used, const char *parentKind)
{
    if (used->n) {
        char *all = dxJoinUsed(used);
        char *r = dxAsprintf(" with %s", all);
        free(all);
        return r;
    }
    if (parentKind)
        return dxAsprintf(" of %s", parentKind);
    return dxStrdup("");
}

/* Candidates: CANDS are the patterns ELEM may match given its parent's
 * kind, ALL those it may match whatever the kinds (to tell "unknown" from
 * "belongs to another kind"). */
typedef struct {
    const dxPatSet *cands;
    const dxPatSet *all;
    const char *parentKind;     /* "<interface type='bridge'>" or NULL */
    dxNarrow nw;                /* choices narrowed by ELEM's own attributes */
} dxDiagCtx;

static void
dxIntersectRequired(dxDiag *d, const dxDiagCtx *x, dxWant want, dxStrSet *req)
{
    size_t i;
    for (i = 0; i < x->cands->n; i++) {
        dxStrSet one = { NULL, 0 };
        dxRequired(d->rng, dxPatContent(x->cands->v[i]), false, want, &one, &x->nw, 0);
        if (i == 0)
            *req = one;
        else {
            dxStrSetIntersect(req, &one);
            dxStrSetClear(&one);
        }
    }
}

static void
dxDiagAttributeValue(dxDiag *d, const xmlNode *elem, const xmlAttr *a, const dxPatSet *match)
{
    dxPatSet content = { NULL, 0 };
    xmlChar *value = xmlNodeListGetString(elem->doc, a->children, 1);
    bool ok = false;
    size_t i;

    for (i = 0; i < match->n && !ok; i++) {
        const xmlNode *c = dxPatContent(match->v[i]);
        if (!c || dxNextRNG(c))
            ok = true;          /* text, or a group: not judged */
        else if (dxValueMatches(d->rng, c, value ? (const char *)value : "", 0))
            ok = true;
        else
            dxPatSetAdd(&content, c);
    }
    if (!ok) {
        char *what = dxAsprintf("for attribute '%s' in element '%s'",
                                (const char *)a->name, (const char *)elem->name);
        dxDiagValue(d, (const xmlNode *)a, &content, what, value ? (const char *)value : "");
        free(what);
    }
    xmlFree(value);
    dxPatSetClear(&content);
}

static void
dxDiagAttributes(dxDiag *d, const xmlNode *elem, dxDiagCtx *x)
{
    dxPatSet attrs = { NULL, 0 }, allAttrs = { NULL, 0 };
    dxStrSet names = { NULL, 0 }, req = { NULL, 0 };
    const xmlAttr *a;
    size_t i;

    dxChildPatterns(d->rng, x->cands, DX_WANT_ATTRIBUTES, &attrs, &x->nw);
    dxChildPatterns(d->rng, x->all, DX_WANT_ATTRIBUTES, &allAttrs, NULL);
    for (i = 0; i < attrs.n; i++)
        dxPatNames(attrs.v[i], &names);
    for (a = elem->properties; a; a = a->next) {
        dxPatSet match = { NULL, 0 }, elsewhere = { NULL, 0 };
        const char *local = (const char *)a->name;
        const char *ns = a->ns ? (const char *)a->ns->href : "";

        dxFilterByName(&attrs, local, ns, &match);
        if (match.n) {
            dxDiagAttributeValue(d, elem, a, &match);
        } else {
            dxFilterByName(&allAttrs, local, ns, &elsewhere);
            if (elsewhere.n) {
                char *kind = dxKindText(x->nw.used, x->parentKind);
                char *hint = dxNamesHint(&names, local);
                dxDiagReport(d, (const xmlNode *)a,
                             dxAsprintf("attribute '%s' is not allowed in <%s>%s%s",
                                        local, (const char *)elem->name, kind, hint));
                free(hint);
                free(kind);
            } else {
                char *hint = dxNamesHint(&names, local);
                dxDiagReport(d, (const xmlNode *)a,
                             dxAsprintf("unknown attribute '%s' in <%s>%s",
                                        local, (const char *)elem->name, hint));
                free(hint);
            }
        }
        dxPatSetClear(&match);
        dxPatSetClear(&elsewhere);
    }
    /* what every candidate requires and the element lacks */
    dxIntersectRequired(d, x, DX_WANT_ATTRIBUTES, &req);
    for (i = 0; i < req.n; i++) {
        if (!xmlHasProp((xmlNodePtr)elem, (const xmlChar *)req.v[i])) {
            char *kind = dxKindText(x->nw.used, NULL);
            dxDiagReport(d, elem, dxAsprintf("missing required attribute '%s' in element '%s'%s",
                                             req.v[i], (const char *)elem->name, kind));
            free(kind);
        }
    }
    dxStrSetClear(&req);
    dxStrSetClear(&names);
    dxPatSetClear(&attrs);
    dxPatSetClear(&allAttrs);
}

/* Textual patterns of an element's content (values, data, text), or
 * false when the content has parts this reading does not judge. */
static bool
dxTextPatterns(const dxRelaxNG *rng, const xmlNode *first, dxPatSet *out, bool *anyText,
               int depth)
{
    const xmlNode *n;
    if (depth > DX_RELAXNG_MAX_DEPTH)
        return false;
    for (n = first; n; n = dxNextRNG(n)) {
        if (dxIsRNGNamed(n, "attribute") || dxIsRNGNamed(n, "empty") ||
            dxIsRNGNamed(n, "notAllowed")) {
            continue;
        } else if (dxIsRNGNamed(n, "value") || dxIsRNGNamed(n, "data")) {
            dxPatSetAdd(out, n);
        } else if (dxIsRNGNamed(n, "text") || dxIsRNGNamed(n, "mixed") ||
                   dxIsRNGNamed(n, "list")) {
            *anyText = true;
        } else if (dxIsRNGNamed(n, "ref")) {
            const dxRelaxNGDefine *d = dxRelaxNGLookup(rng, n);
            size_t i;
            for (i = 0; d && i < d->nbodies; i++) {
                if (!dxTextPatterns(rng, dxFirstRNG(d->bodies[i]), out, anyText, depth + 1))
                    return false;
            }
        } else if (dxIsRNGNamed(n, "choice")) {
            /* a choice of values is one textual pattern; anything else in
             * it makes the content too complex to judge here */
            const xmlNode *c;
            for (c = dxFirstRNG(n); c; c = dxNextRNG(c)) {
                if (dxIsRNGNamed(c, "value") || dxIsRNGNamed(c, "data") ||
                    dxIsRNGNamed(c, "ref") || dxIsRNGNamed(c, "notAllowed"))
                    continue;
                if (dxIsRNGNamed(c, "text")) {
                    *anyText = true;
                    continue;
                }
                return false;
            }
            dxPatSetAdd(out, n);
        } else if (dxIsRNGNamed(n, "optional") || dxIsRNGNamed(n, "group") ||
                   dxIsRNGNamed(n, "interleave")) {
            if (!dxTextPatterns(rng, dxFirstRNG(n), out, anyText, depth + 1))
                return false;
        } else {
            return false;   /* child elements, repetition: complex content */
        }
    }
    return true;
}

static void
dxDiagText(dxDiag *d, const xmlNode *elem, const dxPatSet *cands)
{
    dxPatSet pats = { NULL, 0 };
    bool anyText = false;
    xmlChar *text;
    size_t i;

    DX_XML_FOREACH_CHILD((xmlNodePtr)elem, child) {
        (void)child;
        return;     /* element content: judged child by child */
    }
    for (i = 0; i < cands->n; i++) {
        if (!dxTextPatterns(d->rng, dxPatContent(cands->v[i]), &pats, &anyText, 0) ||
            dxPatIsWildcard(cands->v[i]))
            anyText = true;
    }
    if (anyText || pats.n == 0) {
        dxPatSetClear(&pats);
        return;
    }
    text = xmlNodeGetContent(elem);
    for (i = 0; i < pats.n; i++) {
        if (dxValueMatches(d->rng, pats.v[i], text ? (const char *)text : "", 0))
            break;
    }
    if (i == pats.n) {
        char *what = dxAsprintf("in element '%s'", (const char *)elem->name);
        char *shown = dxCollapseBlanks(text ? (const char *)text : "");
        dxDiagValue(d, elem, &pats, what, shown);
        free(shown);
        free(what);
    }
    xmlFree(text);
    dxPatSetClear(&pats);
}

static void dxDiagElement(dxDiag *d, const xmlNode *elem, const dxPatSet *cands,
                          const dxPatSet *all, const char *parentKind);

/* A second occurrence of CHILD where every candidate allows one. */
static bool
dxDiagRepeated(dxDiag *d, const xmlNode *elem, const xmlNode *child, const dxPatSet *cands)
{
    const char *ns = dxInstanceNs(child);
    const xmlNode *s;
    bool seen = false, once = true;
    size_t i;

    for (s = elem->children; s != child; s = s->next) {
        if (s->type == XML_ELEMENT_NODE && xmlStrEqual(s->name, child->name) &&
            strcmp(dxInstanceNs(s), ns) == 0)
            seen = true;
    }
    if (!seen)
        return false;
    for (i = 0; i < cands->n && once; i++)
        once = dxOccurs(d->rng, dxPatContent(cands->v[i]), false,
                        (const char *)child->name, ns, 0) == 1;
    if (once)
        dxDiagReport(d, child, dxAsprintf("element '%s' may appear only once in <%s>",
                                          (const char *)child->name, (const char *)elem->name));
    return once;
}

static void
dxDiagChildren(dxDiag *d, const xmlNode *elem, dxDiagCtx *x)
{
    dxPatSet kids = { NULL, 0 }, allKids = { NULL, 0 };
    dxStrSet names = { NULL, 0 }, req = { NULL, 0 };
    char *kind;
    size_t i;

    dxChildPatterns(d->rng, x->cands, DX_WANT_ELEMENTS, &kids, &x->nw);
    dxChildPatterns(d->rng, x->all, DX_WANT_ELEMENTS, &allKids, NULL);
    for (i = 0; i < kids.n; i++)
        dxPatNames(kids.v[i], &names);
    /* "<interface type='bridge'>": the kind the children are judged by */
    if (x->nw.used->n) {
        char *all = dxJoinUsed(x->nw.used);
        kind = dxAsprintf("<%s %s>", (const char *)elem->name, all);
        free(all);
    } else {
        kind = dxStrdup(x->parentKind);
    }
    DX_XML_FOREACH_CHILD((xmlNodePtr)elem, child) {
        dxPatSet match = { NULL, 0 }, allMatch = { NULL, 0 };
        const char *local = (const char *)child->name;
        const char *ns = dxInstanceNs(child);

        dxFilterByName(&kids, local, ns, &match);
        dxFilterByName(&allKids, local, ns, &allMatch);
        if (match.n == 0) {
            char *hint = dxNamesHint(&names, local);
            if (allMatch.n) {
                char *with = dxKindText(x->nw.used, x->parentKind);
                dxDiagReport(d, child, dxAsprintf("element '%s' is not allowed in <%s>%s%s",
                                                  local, (const char *)elem->name, with, hint));
                free(with);
            } else {
                dxDiagReport(d, child, dxAsprintf("unknown element '%s' in <%s>%s",
                                                  local, (const char *)elem->name, hint));
            }
            free(hint);
        } else if (!dxDiagRepeated(d, elem, child, x->cands)) {
            dxDiagElement(d, child, &match, &allMatch, kind);
        }
        dxPatSetClear(&match);
        dxPatSetClear(&allMatch);
    }
    dxIntersectRequired(d, x, DX_WANT_ELEMENTS, &req);
    for (i = 0; i < req.n; i++) {
        bool present = false;
        DX_XML_FOREACH_CHILD((xmlNodePtr)elem, child)
            present = present || (!child->ns && xmlStrEqual(child->name, (const xmlChar *)req.v[i]));
        if (!present) {
            char *with = dxKindText(x->nw.used, NULL);
            dxDiagReport(d, elem, dxAsprintf("missing required element <%s> in <%s>%s",
                                             req.v[i], (const char *)elem->name, with));
            free(with);
        }
    }
    free(kind);
    dxStrSetClear(&req);
    dxStrSetClear(&names);
    dxPatSetClear(&kids);
    dxPatSetClear(&allKids);
}

static void
dxDiagElement(dxDiag *d, const xmlNode *elem, const dxPatSet *cands, const dxPatSet *all,
              const char *parentKind)
{
    dxStrSet used = { NULL, 0 };
    dxDiagCtx x = { cands, all, parentKind, { elem, &used } };
    size_t i;

    for (i = 0; i < cands->n; i++) {
        if (dxPatIsWildcard(cands->v[i]))
            return;     /* "any element": nothing to say about its inside */
    }
    dxDiagAttributes(d, elem, &x);
    dxDiagChildren(d, elem, &x);
    dxDiagText(d, elem, cands);
    dxStrSetClear(&used);
}

size_t
dxRelaxNGDiagnose(const dxRelaxNG *rng, const xmlNode *root, dxRelaxNGReportFn report, void *opaque)
{
    dxDiag d = { rng, report, opaque, 0 };
    dxPatSet top = { NULL, 0 }, match = { NULL, 0 };
    dxStrSet names = { NULL, 0 };
    size_t i;

    for (i = 0; i < rng->nstarts; i++)
        dxCollect(rng, dxFirstRNG(rng->starts[i]), DX_WANT_ELEMENTS, &top, NULL, 0);
    dxFilterByName(&top, (const char *)root->name, dxInstanceNs(root), &match);
    if (match.n == 0) {
        for (i = 0; i < top.n; i++)
            dxPatNames(top.v[i], &names);
        report(opaque, root, "the document element is not one the schema describes");
        d.count++;
    } else {
        dxDiagElement(&d, root, &match, &match, NULL);
    }
    dxStrSetClear(&names);
    dxPatSetClear(&top);
    dxPatSetClear(&match);
    return d.count;
}

/* ---- hints ------------------------------------------------------------------------ */

char *
dxRelaxNGSuggest(const dxRelaxNG *rng, const xmlNode *element, bool isAttr, const char *name)
{
    dxPatSet cands = { NULL, 0 }, kids = { NULL, 0 };
    dxStrSet names = { NULL, 0 };
    const char *close = NULL;
    char *r = NULL;
    size_t i;

    if (element) {
        dxCandidatesFor(rng, element, &cands);
        dxChildPatterns(rng, &cands, isAttr ? DX_WANT_ATTRIBUTES : DX_WANT_ELEMENTS, &kids, NULL);
    } else {
        for (i = 0; i < rng->nstarts; i++)
            dxCollect(rng, dxFirstRNG(rng->starts[i]), DX_WANT_ELEMENTS, &kids, NULL, 0);
    }
    for (i = 0; i < kids.n; i++)
        dxPatNames(kids.v[i], &names);
    if (!dxStrSetHas(&names, name) && (close = dxClosest(&names, name)))
        r = dxStrdup(close);
    dxStrSetClear(&names);
    dxPatSetClear(&kids);
    dxPatSetClear(&cands);
    return r;
}

int
dxRelaxNGMatchedByWildcardOnly(const dxRelaxNG *rng, const xmlNode *element)
{
    dxPatSet cands = { NULL, 0 };
    size_t i;
    int rc;
    dxCandidatesFor(rng, element, &cands);
    rc = cands.n ? 1 : -1;
    for (i = 0; i < cands.n; i++) {
        if (!dxPatIsWildcard(cands.v[i]))
            rc = 0;
    }
    dxPatSetClear(&cands);
    return rc;
}
