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

int
dxDomainMetadataParse(dxDomainDef *def, xmlNodePtr node)
{
    xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
    xmlNodePtr copy = xmlDocCopyNode(node, doc, 1);

    if (!doc || !copy)
        abort();
    xmlDocSetRootElement(doc, copy);
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
