/* plural — which plural form a language uses for a count: the CLDR
 * cardinal plural rules for whole numbers, per language.
 *
 * A locale string that counts something ("{count} models") may give one
 * text per plural category instead of one text (locale.h); the category of
 * the count picks the text. Each language needs the categories its rules
 * can select, plus "other" (CLDR's form for fractions and the fallback):
 *
 *   ja, ko, zh, ...            other
 *   en, de, el, es, it, ...    one (1), other
 *   fr, pt (Brazil)            one (0 and 1), other
 *   pt-PT                      one (1), other
 *   ru, uk, be                 one (1, 21, 31, ...), few (2-4, 22-24, ...),
 *                              many (0, 5-20, 25-30, ...), other
 *   pl                         one (1), few, many, other
 *
 * Whole numbers only: lbgen counts models, boards and rows. CLDR's "many"
 * of French, Spanish, Italian and Portuguese, for exact millions written
 * with a compact exponent ("1 million de modèles"), is not used: such
 * counts take "other". Rules are looked up by the locale's BCP 47 tag: the
 * whole tag first ("pt-PT"), then its language subtag ("pt"). Adding a
 * language is one row in plural.c's table. */
#ifndef LBGEN_PLURAL_H
#define LBGEN_PLURAL_H

typedef enum {
    PLURAL_ZERO,
    PLURAL_ONE,
    PLURAL_TWO,
    PLURAL_FEW,
    PLURAL_MANY,
    PLURAL_OTHER,
    PLURAL_N
} PluralCategory;

typedef struct PluralRules PluralRules;

/* The rules of the language of BCP 47 `tag`, or NULL when plural.c does
 * not know the language. */
const PluralRules *plural_rules_for(const char *tag);

/* The category of the whole number `n` (the absolute value counts). */
PluralCategory plural_select(const PluralRules *rules, long long n);

/* 1 when the language needs a text for `category`. */
int plural_needs(const PluralRules *rules, PluralCategory category);

/* "one", "few", ...; and back: -1 for a name that is not a category. */
const char *plural_category_name(PluralCategory category);
int plural_category_parse(const char *name);

#endif
