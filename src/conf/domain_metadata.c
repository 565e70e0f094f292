/* domain_metadata.c: <metadata>, kept verbatim in a private document.
 *
 * As libvirt does, direct children without a namespace are dropped (they
 * cannot be told apart from one another) and only the first child per
 * namespace URI is kept, because applications own one element each.
 */
#include "domain_def.h"
#include "util/dxerror.h"
#include "util/dxxml.h"

#include <libxml/tree.h>

static void
dxMetadataSanitize(xmlNodePtr metadata)
{
    xmlNodePtr child = metadata->children;

    while (child) {
        xmlNodePtr next = child->next;
        if (child->type != XML_ELEMENT_NODE || !child->ns || !child->ns->href) {
            xmlUnlinkNode(child);
            xmlFreeNode(child);
        } else {
            xmlNodePtr other = next;
            while (other) {
                xmlNodePtr after = other->next;
                if (other->type == XML_ELEMENT_NODE && other->ns &&
                    xmlStrEqual(other->ns->href, child->ns->href)) {
                    if (other == next)
                        next = after;
                    xmlUnlinkNode(other);
                    xmlFreeNode(other);
                }
                other = after;
            }
        }
        child = next;
    }
}

/* What the sanitizing drops is said, with the line: nothing goes silently. */
static void
dxMetadataWarnDropped(xmlNodePtr metadata)
{
    DX_XML_FOREACH_CHILD(metadata, child) {
        xmlNodePtr prev;
        if (!child->ns || !child->ns->href) {
            dxWarningReport(DX_ERR_UNKNOWN, child,
                            "<%s> in <metadata> has no namespace and is dropped, as libvirt "
                            "drops it: put it in your application's namespace",
                            (const char *)child->name);
            continue;
        }
        for (prev = dxXMLFirstElement(metadata); prev && prev != child;
             prev = dxXMLNextElement(prev)) {
            if (prev->ns && xmlStrEqual(prev->ns->href, child->ns->href)) {
                dxWarningReport(DX_ERR_UNKNOWN, child,
                                "a second element of namespace '%s' in <metadata> is dropped, "
                                "as libvirt drops it: one element per namespace",
                                (const char *)child->ns->href);
                break;
            }
        }
    }
}

int
dxDomainMetadataParse(dxDomainDef *def, xmlNodePtr node)
{
    xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNodePtr copy = xmlDocCopyNode(node, doc, 1);

    if (!doc || !copy)
        abort();
    xmlDocSetRootElement(doc, copy);
    dxMetadataWarnDropped(node);
    dxMetadataSanitize(copy);
    dxXMLMarkSubtreeUsed(node);
    if (def->metadata)
        xmlFreeDoc(def->metadata);
    def->metadata = doc;
    return 0;
}

void
dxDomainMetadataFormat(dxBuf *buf, const dxDomainDef *def)
{
    xmlNodePtr root;
    xmlBufferPtr out;

    if (!def->metadata || !(root = xmlDocGetRootElement(def->metadata)))
        return;
    if (!(out = xmlBufferCreate()))
        abort();
    /* libxml2 indents nested levels itself; give it our depth */
    xmlNodeDump(out, def->metadata, root, buf->indent / 2, 1);
    dxBufAddVerbatim(buf, (const char *)xmlBufferContent(out));
    dxBufAddChar(buf, '\n');
    xmlBufferFree(out);
}
