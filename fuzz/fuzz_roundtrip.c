/* fuzz_roundtrip: parse -> format -> parse -> format.
 *
 * Properties: whatever the input, no crash, leak or undefined behaviour;
 * and when the input is accepted, our own output is accepted again in
 * strict mode (nothing we write is unknown to our parser) and formats to
 * exactly the same text (format is a fixed point). */
#include "fuzz_common.h"

#include "domxml/domxml.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    dxDomainDef *def, *again;
    char *xml, *first, *second;

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
    if (!(again = dxDomainDefParseString(first, "formatted.xml", DX_DOMAIN_PARSE_STRICT))) {
        dxFuzzPrintErrors("re-parse");
        dxFuzzFail("our own output was refused:\n%s", first);
    }
    dxErrorClear();
    second = dxDomainDefFormat(again, 0);
    if (strcmp(first, second) != 0)
        dxFuzzFailDiff("format(parse(format(x))) != format(x)", first, second);

    free(first);
    free(second);
    dxDomainDefFree(again);
    dxDomainDefFree(def);
    return 0;
}
