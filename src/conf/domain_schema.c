#include "domain_schema.h"
#include "schemas_embedded.h"
#include "util/dxalloc.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <pthread.h>
#include <string.h>

static xmlRelaxNGPtr dxSchema;
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
        dxErrorReportAt(DX_ERR_INTERNAL, DX_SEVERITY_ERROR, "domain.rng",
                        err->line, 0, NULL, err->message ? err->message : "schema error");
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
}

typedef struct {
    const char *file;
    int count;
} dxSchemaRunState;

static void
dxSchemaValidityError(void *opaque, xmlErrorPtr err)
{
    dxSchemaRunState *st = opaque;
    char *msg, *path = NULL;
    size_t len;

    if (!err || err->level < XML_ERR_ERROR)
        return;
    msg = dxStrdup(err->message ? err->message : "schema violation");
    len = strlen(msg);
    while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == ' '))
        msg[--len] = '\0';
    if (err->node)
        path = dxXMLNodePath(err->node);
    dxErrorReportAt(DX_ERR_SCHEMA, DX_SEVERITY_ERROR,
                    err->file ? err->file : st->file,
                    err->node ? (int)xmlGetLineNo(err->node) : err->line,
                    0, path, msg);
    free(path);
    free(msg);
    st->count++;
}

int
dxSchemaValidateDoc(xmlDocPtr doc)
{
    dxSchemaRunState st = { (const char *)doc->URL, 0 };
    xmlRelaxNGValidCtxtPtr vctxt;
    int rc;

    pthread_once(&dxSchemaOnce, dxSchemaCompile);
    if (!dxSchema) {
        dxErrorReportAt(DX_ERR_INTERNAL, DX_SEVERITY_ERROR, st.file, 0, 0, NULL,
                        "the built-in RelaxNG schema failed to compile");
        return -1;
    }
    if (!(vctxt = xmlRelaxNGNewValidCtxt(dxSchema)))
        abort();
    xmlRelaxNGSetValidStructuredErrors(vctxt, dxSchemaValidityError, &st);
    rc = xmlRelaxNGValidateDoc(vctxt, doc);
    xmlRelaxNGFreeValidCtxt(vctxt);
    if (rc != 0 && st.count == 0)
        dxErrorReportAt(DX_ERR_SCHEMA, DX_SEVERITY_ERROR, st.file, 0, 0, NULL,
                        "document does not match the domain schema");
    return rc == 0 ? 0 : -1;
}
