/* plural: CLDR cardinal rules for whole numbers, and locale strings with
 * plural forms (locale.h): loading, choosing the form, their errors and
 * their source hash. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "locale.h"
#include "plural.h"

static PluralCategory cat(const char *tag, long long n)
{
    const PluralRules *r = plural_rules_for(tag);
    assert_non_null(r);
    return plural_select(r, n);
}

static void rules_per_language(void **state)
{
    (void)state;
    /* English, Greek, Spanish: only 1 is singular. */
    static const char *const one_is_one[] = {"en", "el", "es", "de"};
    for (size_t i = 0; i < 4; i++) {
        assert_int_equal(cat(one_is_one[i], 1), PLURAL_ONE);
        assert_int_equal(cat(one_is_one[i], 0), PLURAL_OTHER);
        assert_int_equal(cat(one_is_one[i], 2), PLURAL_OTHER);
        assert_int_equal(cat(one_is_one[i], 21), PLURAL_OTHER);
        assert_int_equal(cat(one_is_one[i], -1), PLURAL_ONE);
    }
    /* French and Brazilian Portuguese: 0 and 1. */
    assert_int_equal(cat("fr", 0), PLURAL_ONE);
    assert_int_equal(cat("fr", 1), PLURAL_ONE);
    assert_int_equal(cat("fr", 2), PLURAL_OTHER);
    assert_int_equal(cat("pt-BR", 0), PLURAL_ONE);
    assert_int_equal(cat("pt", 1), PLURAL_ONE);
    assert_int_equal(cat("pt", 1000000), PLURAL_OTHER);
    /* European Portuguese: only 1 (the whole tag wins). */
    assert_int_equal(cat("pt-PT", 0), PLURAL_OTHER);
    assert_int_equal(cat("pt-PT", 1), PLURAL_ONE);
    /* Russian. */
    static const struct {
        long long n;
        PluralCategory c;
    } ru[] = {
        {0, PLURAL_MANY},  {1, PLURAL_ONE},    {2, PLURAL_FEW},   {4, PLURAL_FEW},
        {5, PLURAL_MANY},  {11, PLURAL_MANY},  {12, PLURAL_MANY}, {14, PLURAL_MANY},
        {20, PLURAL_MANY}, {21, PLURAL_ONE},   {22, PLURAL_FEW},  {101, PLURAL_ONE},
        {111, PLURAL_MANY}, {112, PLURAL_MANY}, {293, PLURAL_FEW}, {1000, PLURAL_MANY},
    };
    for (size_t i = 0; i < sizeof ru / sizeof ru[0]; i++)
        if (cat("ru", ru[i].n) != ru[i].c)
            fail_msg("ru %lld: got %s", ru[i].n, plural_category_name(cat("ru", ru[i].n)));
    /* Polish: 21 is not singular. */
    assert_int_equal(cat("pl", 1), PLURAL_ONE);
    assert_int_equal(cat("pl", 21), PLURAL_MANY);
    assert_int_equal(cat("pl", 22), PLURAL_FEW);
    /* Japanese and Chinese, either script: one form. */
    assert_int_equal(cat("ja", 1), PLURAL_OTHER);
    assert_int_equal(cat("zh-Hans", 1), PLURAL_OTHER);
    assert_int_equal(cat("zh-Hant-TW", 1), PLURAL_OTHER);
    assert_null(plural_rules_for("tlh"));
    assert_null(plural_rules_for(""));
    /* What each language needs. */
    const PluralRules *ru_rules = plural_rules_for("ru");
    assert_true(plural_needs(ru_rules, PLURAL_FEW));
    assert_true(plural_needs(ru_rules, PLURAL_OTHER));
    assert_false(plural_needs(ru_rules, PLURAL_TWO));
    assert_false(plural_needs(plural_rules_for("en"), PLURAL_FEW));
    assert_false(plural_needs(plural_rules_for("ja"), PLURAL_ONE));
    assert_true(plural_needs(plural_rules_for("ja"), PLURAL_OTHER));
    assert_int_equal(plural_category_parse("few"), PLURAL_FEW);
    assert_int_equal(plural_category_parse("several"), -1);
    assert_string_equal(plural_category_name(PLURAL_MANY), "many");
}

#define META(tag, status)                                                     \
    "{\"meta\": {\"name\": \"N\", \"tag\": \"" tag "\", \"status\": \""       \
    status "\", \"decimal\": \",\", \"group\": \".\",\n"                     \
    "  \"date_format\": \"{day}\", \"time_format\": \"{hour}\",\n"            \
    "  \"time_zones\": [{\"id\": \"UTC\", \"offset_minutes\": 0, "           \
    "\"label_key\": \"tz.utc\"}]},\n"

static Locale *parse(const char *name, const char *text, LbError *err)
{
    return locale_parse(name, text, strlen(text), err);
}

static const char SOURCE[] = META("zh-Hans", "source")
    " \"strings\": {\"index.models\": \"{count} 个模型\", \"tz.utc\": \"UTC\"}}";

static void forms_are_chosen_by_count(void **state)
{
    (void)state;
    LbError err = {0};
    Locale *src = parse("zh.json", SOURCE, &err);
    assert_non_null(src);
    Locale *ru = parse("ru.json", META("ru", "machine")
        " \"strings\": {\"index.models\": {\"text\": {\"one\": \"{count} модель\",\n"
        "   \"few\": \"{count} модели\", \"many\": \"{count} моделей\",\n"
        "   \"other\": \"{count} модели\"}, \"source\": \"00000000\"}}}", &err);
    if (!ru)
        fail_msg("%s", err.message);
    static const struct {
        long long n;
        const char *text;
    } cases[] = {{1, "{count} модель"}, {3, "{count} модели"}, {5, "{count} моделей"},
                 {21, "{count} модель"}, {293, "{count} модели"}, {0, "{count} моделей"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(locale_lookup_count(ru, src, "index.models", cases[i].n, NULL),
                            cases[i].text);
    /* Without a count, the "other" form. */
    assert_string_equal(locale_lookup(ru, src, "index.models", NULL), "{count} модели");
    /* A key the translation lacks falls back to the source, form-less. */
    bool fell_back = false;
    assert_string_equal(locale_lookup_count(ru, src, "tz.utc", 1, &fell_back), "UTC");
    assert_true(fell_back);
    locale_free(ru);
    locale_free(src);
}

static void broken_forms_are_named(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        const char *message;
    } cases[] = {
        {META("en", "machine") " \"strings\": {\"k\": {\"text\": {\"one\": \"a\"}, \"source\": \"00000000\"}}}",
         "en.json:4:14: error: k: en needs the plural form \"other\" too"},
        {META("ru", "machine") " \"strings\": {\"k\": {\"text\": {\"one\": \"a\", \"other\": \"b\"}, \"source\": \"00000000\"}}}",
         "k: ru needs the plural form \"few\" too"},
        {META("en", "machine") " \"strings\": {\"k\": {\"text\": {\"one\": \"a\", \"few\": \"c\", \"other\": \"b\"}, \"source\": \"00000000\"}}}",
         "k: en does not use the plural form \"few\""},
        {META("en", "machine") " \"strings\": {\"k\": {\"text\": {\"single\": \"a\", \"other\": \"b\"}, \"source\": \"00000000\"}}}",
         "k: \"single\" is not a plural category (zero, one, two, few, many, other)"},
        {META("en", "machine") " \"strings\": {\"k\": {\"text\": {\"one\": 1, \"other\": \"b\"}, \"source\": \"00000000\"}}}",
         "k: each plural form is one string"},
        {META("en", "machine") " \"strings\": {\"k\": {\"text\": {}, \"source\": \"00000000\"}}}",
         "k: a text is a string, or an object of plural forms"},
        {META("tlh", "machine") " \"strings\": {\"k\": {\"text\": {\"other\": \"b\"}, \"source\": \"00000000\"}}}",
         "k: plural forms, but plural.c has no rules for the language of meta.tag"},
        {META("zh-Hans", "source") " \"strings\": {\"k\": {\"text\": \"a\", \"source\": \"00000000\"}}}",
         "k: a source-locale string must be a JSON string (or an object of plural forms)"},
    };
    char name[32];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        LbError err = {0};
        snprintf(name, sizeof name, "%s.json", i == 0 ? "en" : "x");
        Locale *loc = parse(name, cases[i].text, &err);
        if (loc)
            fail_msg("case %zu loaded", i);
        if (!strstr(err.message, cases[i].message))
            fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err.message, cases[i].message);
        assert_int_equal(err.status, LB_EINPUT);
    }
}

static void source_hash_covers_every_form(void **state)
{
    (void)state;
    LbError err = {0};
    const char *a = META("en", "source") " \"strings\": {\"k\": {\"one\": \"{count} model\", \"other\": \"{count} models\"}}}";
    const char *b = META("en", "source") " \"strings\": {\"k\": {\"one\": \"{count} model\", \"other\": \"{count} items\"}}}";
    const char *c = META("en", "source") " \"strings\": {\"k\": \"{count} models\"}}";
    Locale *la = parse("a.json", a, &err), *lb = parse("b.json", b, &err),
           *lc = parse("c.json", c, &err);
    assert_non_null(la);
    assert_non_null(lb);
    assert_non_null(lc);
    char ha[9], hb[9], hc[9];
    locale_source_hash(locale_find(la, "k"), ha);
    locale_source_hash(locale_find(lb, "k"), hb);
    locale_source_hash(locale_find(lc, "k"), hc);
    assert_string_not_equal(ha, hb); /* a changed form makes translations stale */
    assert_string_not_equal(ha, hc);
    assert_true(locale_has_forms(locale_find(la, "k")));
    assert_false(locale_has_forms(locale_find(lc, "k")));
    locale_free(la);
    locale_free(lb);
    locale_free(lc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rules_per_language),
        cmocka_unit_test(forms_are_chosen_by_count),
        cmocka_unit_test(broken_forms_are_named),
        cmocka_unit_test(source_hash_covers_every_form),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
