/* fuzz_roundtrip: parse -> format -> parse -> format -> parse -> format.
 *
 * Properties: whatever the input, no crash, leak or undefined behaviour;
 * and when the input is accepted, our own output is accepted again in
 * strict mode (nothing we write is unknown to our parser), and formatting
 * reaches a fixed point.  Like libvirt's, the first re-parse may still
 * move things once (a console written after its serial gets its serial
 * twin and a new virtio port, exactly as libvirt 9.0 does), so the fixed
 * point is required from the second round on. */
#include "fuzz_common.h"

#include "domxml/domxml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static dxDomainDef *
dxFuzzReparse(const char *xml, const char *name)
{
    dxDomainDef *def = dxDomainDefParseString(xml, name, DX_DOMAIN_PARSE_STRICT);
    if (!def) {
        dxFuzzPrintErrors("re-parse");
        dxFuzzFail("our own output was refused:\n%s", xml);
    }
    dxErrorClear();
    return def;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dxDomainDef *def, *again, *third;
    char *xml, *first, *second, *last;

    if (size > DX_FUZZ_MAX_INPUT)
        return 0;
    xml = dxFuzzString(data, size);
    def = dxDomainDefParseString(xml, "input.xml", 0);
    dxErrorClear();
    free(xml);
    if (!def)
        return 0;

    first = dxDomainDefFormat(def, 0);
    if (!dxFuzzIsUTF8(first))
        dxFuzzFail("format wrote invalid UTF-8:\n%s", first);
    again = dxFuzzReparse(first, "formatted.xml");
    second = dxDomainDefFormat(again, 0);
    third = dxFuzzReparse(second, "formatted2.xml");
    last = dxDomainDefFormat(third, 0);
    if (strcmp(second, last) != 0)
        dxFuzzFailDiff("format(parse(x)) is not a fixed point from the second round on",
                       second, last);

    free(first);
    free(second);
    free(last);
    dxDomainDefFree(third);
    dxDomainDefFree(again);
    dxDomainDefFree(def);
    return 0;
}
