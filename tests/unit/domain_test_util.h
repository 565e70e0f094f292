/* domain_test_util.h: helpers for unit tests of the domain-wide parts:
 * parse a small domain around a fragment, and look at its XML or argv. */
#pragma once

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domxml/domxml.h"
#include "util/dxalloc.h"

/* A kvm domain with 219136 KiB, x86_64 'pc' and FRAGMENT inside. */
static inline dxDomainDef *
dxtParse(const char *fragment)
{
    char *xml = dxAsprintf("<domain type='kvm'><name>t</name>"
                           "<uuid>c7a5fdbd-edaf-9455-926a-d65c16db1809</uuid>"
                           "<memory unit='KiB'>219136</memory>%s</domain>", fragment);
    dxDomainDef *def = dxDomainDefParseString(xml, "t.xml", DX_DOMAIN_PARSE_STRICT | DX_DOMAIN_PARSE_SCHEMA);
    free(xml);
    return def;
}

/* FRAGMENT must be refused; the first error mentions NEEDLE. */
static inline void
dxtParseFails(const char *fragment, const char *needle)
{
    dxDomainDef *def = dxtParse(fragment);
    size_t i;
    if (def) {
        /* some rules are the QEMU driver's */
        int rc = dxDomainDefExpand(def);
        dxDomainDefFree(def);
        assert_int_equal(rc, -1);
    }
    assert_true(dxErrorCount() > 0);
    for (i = 0; i < dxErrorCount(); i++) {
        if (strstr(dxErrorGet(i)->message, needle))
            break;
    }
    if (i == dxErrorCount())
        fail_msg("no error mentions '%s'; first: '%s'", needle, dxErrorGet(0)->message);
    dxErrorClear();
}

static inline char *
dxtFormat(const char *fragment, int expand)
{
    dxDomainDef *def = dxtParse(fragment);
    char *xml;
    if (!def)
        fail_msg("parse failed: %s", dxErrorCount() ? dxErrorGet(0)->message : "?");
    if (expand)
        assert_int_equal(dxDomainDefExpand(def), 0);
    xml = dxDomainDefFormat(def, 0);
    dxDomainDefFree(def);
    return xml;
}

/* Assert the formatted XML of FRAGMENT contains WANT (a whole snippet). */
static inline void
dxtFormatHas(const char *fragment, int expand, const char *want)
{
    char *xml = dxtFormat(fragment, expand);
    if (!strstr(xml, want))
        fail_msg("output lacks:\n%s\n--- got:\n%s", want, xml);
    free(xml);
}

static inline void
dxtFormatLacks(const char *fragment, int expand, const char *unwanted)
{
    char *xml = dxtFormat(fragment, expand);
    if (strstr(xml, unwanted))
        fail_msg("output has:\n%s\n--- got:\n%s", unwanted, xml);
    free(xml);
}

/* The argv of FRAGMENT, for dxtArgvValue(); caller frees with dxArgvListFree. */
static inline char **
dxtArgv(const char *fragment)
{
    dxDomainDef *def = dxtParse(fragment);
    dxArgvOptions opts = { "/run/t" };
    char **argv;
    if (!def)
        fail_msg("parse failed: %s", dxErrorCount() ? dxErrorGet(0)->message : "?");
    argv = dxDomainDefBuildArgv(def, &opts, NULL);
    dxDomainDefFree(def);
    if (!argv)
        fail_msg("no argv: %s", dxErrorCount() ? dxErrorGet(0)->message : "?");
    return argv;
}

/* The value of the Nth (0-based) occurrence of OPT, or NULL. */
static inline const char *
dxtArgvValue(char **argv, const char *opt, int nth)
{
    size_t i;
    for (i = 0; argv[i]; i++) {
        if (strcmp(argv[i], opt) == 0 && argv[i + 1] && nth-- == 0)
            return argv[i + 1];
    }
    return NULL;
}

/* Assert option OPT of FRAGMENT's argv has value WANT (first one). */
static inline void
dxtArgvIs(const char *fragment, const char *opt, const char *want)
{
    char **argv = dxtArgv(fragment);
    const char *got = dxtArgvValue(argv, opt, 0);
    if (!got || strcmp(got, want) != 0)
        fail_msg("%s: got '%s', want '%s'", opt, got ? got : "(none)", want);
    dxArgvListFree(argv);
}

/* Whether some argument of FRAGMENT's argv equals WANT. */
static inline int
dxtArgvHas(const char *fragment, const char *want)
{
    char **argv = dxtArgv(fragment);
    size_t i;
    int found = 0;
    for (i = 0; argv[i]; i++)
        found |= strcmp(argv[i], want) == 0;
    dxArgvListFree(argv);
    return found;
}

/* FRAGMENT parses but building its argv fails; an error mentions NEEDLE. */
static inline void
dxtArgvFails(const char *fragment, const char *needle)
{
    dxDomainDef *def = dxtParse(fragment);
    dxArgvOptions opts = { "/run/t" };
    char **argv;
    size_t i;
    if (!def)
        fail_msg("parse failed: %s", dxErrorCount() ? dxErrorGet(0)->message : "?");
    argv = dxDomainDefBuildArgv(def, &opts, NULL);
    dxDomainDefFree(def);
    if (argv) {
        dxArgvListFree(argv);
        fail_msg("argv built, expected an error mentioning '%s'", needle);
    }
    for (i = 0; i < dxErrorCount(); i++) {
        if (strstr(dxErrorGet(i)->message, needle))
            break;
    }
    if (i == dxErrorCount())
        fail_msg("no error mentions '%s'; first: '%s'", needle,
                 dxErrorCount() ? dxErrorGet(0)->message : "(none)");
    dxErrorClear();
}
