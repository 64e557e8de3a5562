#include "plural.h"

#include <string.h>

struct PluralRules {
    unsigned needs; /* bit per PluralCategory */
    PluralCategory (*select)(unsigned long long n);
};

#define BIT(c) (1u << (c))

static PluralCategory only_other(unsigned long long n)
{
    (void)n;
    return PLURAL_OTHER;
}

static PluralCategory one_is_one(unsigned long long n)
{
    return n == 1 ? PLURAL_ONE : PLURAL_OTHER;
}

/* French and Brazilian Portuguese: i = 0..1. */
static PluralCategory zero_and_one_are_one(unsigned long long n)
{
    return n <= 1 ? PLURAL_ONE : PLURAL_OTHER;
}

/* Russian, Ukrainian, Belarusian (whole numbers: "other" is for fractions). */
static PluralCategory east_slavic(unsigned long long n)
{
    unsigned long long d = n % 10, h = n % 100;
    if (d == 1 && h != 11)
        return PLURAL_ONE;
    if (d >= 2 && d <= 4 && !(h >= 12 && h <= 14))
        return PLURAL_FEW;
    return PLURAL_MANY;
}

static PluralCategory polish(unsigned long long n)
{
    unsigned long long d = n % 10, h = n % 100;
    if (n == 1)
        return PLURAL_ONE;
    if (d >= 2 && d <= 4 && !(h >= 12 && h <= 14))
        return PLURAL_FEW;
    return PLURAL_MANY;
}

static const PluralRules OTHER = {BIT(PLURAL_OTHER), only_other};
static const PluralRules ONE = {BIT(PLURAL_ONE) | BIT(PLURAL_OTHER), one_is_one};
static const PluralRules ZERO_ONE = {BIT(PLURAL_ONE) | BIT(PLURAL_OTHER),
                                     zero_and_one_are_one};
static const PluralRules SLAVIC = {BIT(PLURAL_ONE) | BIT(PLURAL_FEW)
                                       | BIT(PLURAL_MANY) | BIT(PLURAL_OTHER),
                                   east_slavic};
static const PluralRules POLISH = {BIT(PLURAL_ONE) | BIT(PLURAL_FEW)
                                       | BIT(PLURAL_MANY) | BIT(PLURAL_OTHER),
                                   polish};

/* Language subtags (or whole tags, matched first) and their rules. */
static const struct {
    const char *tag;
    const PluralRules *rules;
} languages[] = {
    {"pt-PT", &ONE},
    {"zh", &OTHER}, {"ja", &OTHER}, {"ko", &OTHER}, {"vi", &OTHER},
    {"th", &OTHER}, {"id", &OTHER}, {"ms", &OTHER},
    {"en", &ONE}, {"de", &ONE}, {"nl", &ONE}, {"sv", &ONE}, {"da", &ONE},
    {"nb", &ONE}, {"nn", &ONE}, {"no", &ONE}, {"fi", &ONE}, {"et", &ONE},
    {"el", &ONE}, {"es", &ONE}, {"it", &ONE}, {"ca", &ONE}, {"bg", &ONE},
    {"hu", &ONE}, {"tr", &ONE},
    {"fr", &ZERO_ONE}, {"pt", &ZERO_ONE},
    {"ru", &SLAVIC}, {"uk", &SLAVIC}, {"be", &SLAVIC},
    {"pl", &POLISH},
};

const PluralRules *plural_rules_for(const char *tag)
{
    size_t lang = strcspn(tag, "-_");
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < sizeof languages / sizeof languages[0]; i++) {
            const char *t = languages[i].tag;
            int match = pass == 0 ? strcmp(t, tag) == 0
                                  : strlen(t) == lang && strncmp(t, tag, lang) == 0;
            if (match)
                return languages[i].rules;
        }
    return NULL;
}

PluralCategory plural_select(const PluralRules *rules, long long n)
{
    unsigned long long mag = n < 0 ? 0ULL - (unsigned long long)n
                                   : (unsigned long long)n;
    return rules->select(mag);
}

int plural_needs(const PluralRules *rules, PluralCategory category)
{
    return (rules->needs & BIT(category)) != 0;
}

static const char *const names[PLURAL_N] = {
    [PLURAL_ZERO] = "zero", [PLURAL_ONE] = "one", [PLURAL_TWO] = "two",
    [PLURAL_FEW] = "few",   [PLURAL_MANY] = "many", [PLURAL_OTHER] = "other",
};

const char *plural_category_name(PluralCategory category)
{
    return names[category];
}

int plural_category_parse(const char *name)
{
    for (int i = 0; i < PLURAL_N; i++)
        if (strcmp(names[i], name) == 0)
            return i;
    return -1;
}
