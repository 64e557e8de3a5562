/* Unit tests for locale: loading, lookup with fallback, placeholders,
 * hashes, and the errors a broken locale file gets. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fileio.h"
#include "hash.h"
#include "locale.h"

static char tmpdir[] = "/tmp/lbgen-locale-XXXXXX";

static int make_tmpdir(void **state)
{
    (void)state;
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    LbError err;
    return remove_tree(tmpdir, &err);
}

static const char *write_file(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    LbError err;
    assert_int_equal(file_write_atomic(path, text, strlen(text), &err), 0);
    return path;
}

#define META(status, decimal, group, date)                                    \
    "{\"meta\": {\"name\": \"N\", \"tag\": \"xx\", \"status\": \"" status      \
    "\", \"decimal\": \"" decimal "\", \"group\": \"" group "\",\n"          \
    "  \"date_format\": \"" date "\", \"time_format\": "                     \
    "\"{hour}:{minute}\",\n"                                                  \
    "  \"time_zones\": [{\"id\": \"UTC\", \"offset_minutes\": 0, "           \
    "\"label_key\": \"tz.utc\"}, {\"id\": \"CST\", \"offset_minutes\": 480, " \
    "\"label_key\": \"tz.beijing\"}]},\n"

static const char SOURCE[] =
    META("source", ".", ",", "{year}-{month}-{day}")
    " \"strings\": {\n"
    "  \"tz.utc\": \"UTC\",\n"
    "  \"tz.beijing\": \"北京时间\",\n"
    "  \"table.caption\": \"{title}：共 {count} 个模型\",\n"
    "  \"badge.preliminary\": \"初步\"\n"
    " }}\n";

static void fnv1a_matches_reference_values(void **state)
{
    (void)state;
    /* Reference values of 32-bit FNV-1a. */
    assert_int_equal(hash_fnv1a32("", 0), 0x811c9dc5u);
    assert_int_equal(hash_fnv1a32("a", 1), 0xe40c292cu);
    assert_int_equal(hash_fnv1a32("foobar", 6), 0xbf9cf968u);
    char hex[9];
    hash_fnv1a32_hex("a", hex);
    assert_string_equal(hex, "e40c292c");
    hash_fnv1a32_hex("", hex);
    assert_string_equal(hex, "811c9dc5");
}

static void loads_a_source_locale(void **state)
{
    (void)state;
    LbError err = {0};
    Locale *zh = locale_load(write_file("zh.json", SOURCE), &err);
    assert_non_null(zh);
    assert_string_equal(zh->code, "zh");
    assert_int_equal(zh->status, LOCALE_SOURCE);
    assert_string_equal(locale_status_name(zh->status), "source");
    assert_string_equal(zh->number.decimal, ".");
    assert_int_equal(zh->nzones, 2);
    assert_string_equal(zh->zones[1].id, "CST");
    assert_int_equal(zh->zones[1].offset_minutes, 480);
    assert_int_equal(zh->nstrings, 4);
    assert_string_equal(locale_find(zh, "badge.preliminary")->text, "初步");
    assert_null(locale_find(zh, "nope"));
    /* The key's position is kept for diagnostics: line 5, column 3. */
    int line, col;
    locale_position(zh, locale_find(zh, "tz.utc")->offset, &line, &col);
    assert_int_equal(line, 5);
    assert_int_equal(col, 3);
    locale_free(zh);
}

static void lookup_falls_back_to_the_source(void **state)
{
    (void)state;
    char fr_text[2048];
    char hash[9];
    hash_fnv1a32_hex("初步", hash);
    snprintf(fr_text, sizeof fr_text,
             META("machine", ",", "\\u202f", "{day}/{month}/{year}")
             " \"strings\": {\"badge.preliminary\": {\"text\": \"Préliminaire\","
             " \"source\": \"%s\"}}}\n", hash);
    LbError err = {0};
    Locale *zh = locale_load(write_file("zh.json", SOURCE), &err);
    Locale *fr = locale_load(write_file("fr.json", fr_text), &err);
    assert_non_null(zh);
    assert_non_null(fr);
    assert_int_equal(fr->status, LOCALE_MACHINE);
    assert_string_equal(fr->number.group, "\u202f");
    assert_string_equal(locale_find(fr, "badge.preliminary")->source_hash, hash);

    bool fell_back = true;
    assert_string_equal(locale_lookup(fr, zh, "badge.preliminary", &fell_back),
                        "Préliminaire");
    assert_false(fell_back);
    assert_string_equal(locale_lookup(fr, zh, "tz.beijing", &fell_back),
                        "北京时间");
    assert_true(fell_back);
    assert_null(locale_lookup(fr, zh, "no.such.key", &fell_back));
    assert_false(fell_back);
    /* The source locale never "falls back" to itself. */
    assert_string_equal(locale_lookup(zh, zh, "tz.utc", &fell_back), "UTC");
    assert_false(fell_back);
    locale_free(fr);
    locale_free(zh);
}

static void placeholders_are_substituted(void **state)
{
    (void)state;
    LbError err = {0};
    Buf b = BUF_INIT;
    LocaleVar vars[] = {{"count", "293"}, {"title", "LLM Arena"}};
    assert_int_equal(locale_substitute(&b, "k", "{title}: {count} models",
                                       vars, 2, &err), 0);
    assert_string_equal(b.data, "LLM Arena: 293 models");
    buf_clear(&b);
    assert_int_equal(locale_substitute(&b, "k", "{{literal}} {count}", vars, 2,
                                       &err), 0);
    assert_string_equal(b.data, "{literal} 293");
    buf_clear(&b);

    buf_puts(&b, "kept");
    assert_int_equal(locale_substitute(&b, "table.caption", "{title} {nombre}",
                                       vars, 2, &err), -1);
    assert_string_equal(b.data, "kept");
    assert_string_equal(err.message, "table.caption: unknown placeholder "
                                     "{nombre} in \"{title} {nombre}\"");
    assert_int_equal(locale_substitute(&b, "k", "a { b", vars, 2, &err), -1);
    assert_non_null(strstr(err.message, "stray"));
    assert_int_equal(locale_substitute(&b, "k", "a } b", vars, 2, &err), -1);
    assert_int_equal(locale_substitute(&b, "k", "{}", vars, 2, &err), -1);
    assert_string_equal(b.data, "kept");
    buf_free(&b);
}

static void placeholder_names_are_listed(void **state)
{
    (void)state;
    LbError err = {0};
    char *names;
    assert_int_equal(locale_placeholders("k", "{utc} / {beijing} {utc}", &names,
                                         &err), 0);
    assert_string_equal(names, "beijing,utc");
    free(names);
    assert_int_equal(locale_placeholders("k", "no {{braces}}", &names, &err), 0);
    assert_string_equal(names, "");
    free(names);
    assert_int_equal(locale_placeholders("k", "bad {x", &names, &err), -1);
    assert_null(names);
}

/* Loads `text` as NAME and expects an error containing `needle`. */
static void expect_error(const char *name, const char *text, const char *needle)
{
    LbError err = {0};
    Locale *loc = locale_load(write_file(name, text), &err);
    if (loc)
        fail_msg("%s loaded, expected an error containing \"%s\"", name, needle);
    assert_int_equal(err.status, LB_EINPUT);
    if (!strstr(err.message, needle))
        fail_msg("error \"%s\" lacks \"%s\"", err.message, needle);
}

static void broken_files_are_reported(void **state)
{
    (void)state;
    expect_error("a.json", "{\"meta\": {}\n,,}", "a.json:2:");
    expect_error("b.json", "[]", "b.json:1:1: error: (top level): must be an object");
    expect_error("c.json", "{\"strings\": {}}", "c.json:1:1: error: meta: missing");
    expect_error("d.json",
                 META("draft", ".", ",", "{year}") " \"strings\": {}}",
                 "d.json:1:37: error: meta.status: must be \"source\", "
                 "\"machine\" or \"reviewed\"");
    expect_error("e.json",
                 META("source", "", ",", "{year}") " \"strings\": {}}",
                 "meta.decimal: must be a non-empty string");
    expect_error("f.json",
                 META("source", ".", ",", "{année}") " \"strings\": {}}",
                 "f.json:2:3: error: meta.date_format: only {year}");
    expect_error("g.json", META("source", ".", ",", "{year}") "\"strings\": []}",
                 "strings: must be an object");
    expect_error("h.json",
                 META("source", ".", ",", "{year}")
                 "\"strings\": {\"ok\": \"x\",\n \"Bad Key\": \"y\"}}",
                 "Bad Key: keys are made of");
    expect_error("i.json",
                 META("source", ".", ",", "{year}")
                 "\"strings\": {\"ok\": \"x\",\n \"n\": 3}}",
                 "i.json:5:2: error: n: a source-locale string must be a JSON string");
    expect_error("j.json",
                 META("machine", ".", ",", "{year}")
                 "\"strings\": {\"ok\": \"x\"}}",
                 "ok: a translation must be {\"text\"");
    expect_error("k.json",
                 META("machine", ".", ",", "{year}")
                 "\"strings\": {\"ok\": {\"text\": \"x\", \"source\": \"ABC\"}}}",
                 "ok: \"source\" must be 8 lowercase hex digits");
    expect_error("l.json",
                 META("source", ".", ",", "{year}")
                 "\"strings\": {\"ok\": \"x\", \"ok\": \"y\"}}",
                 "ok: duplicate key");
    expect_error("m.json",
                 "{\"meta\": {\"name\": \"N\", \"tag\": \"xx\", \"status\": "
                 "\"source\", \"decimal\": \".\", \"group\": \",\", "
                 "\"date_format\": \"{year}\", \"time_format\": \"{hour}\", "
                 "\"time_zones\": [{\"id\": \"X\", \"offset_minutes\": 9999, "
                 "\"label_key\": \"tz.x\"}]}, \"strings\": {}}",
                 "meta.time_zones[0]: needs");
    LbError err = {0};
    assert_null(locale_load("/nonexistent/zz.json", &err));
    assert_non_null(strstr(err.message, "/nonexistent/zz.json"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fnv1a_matches_reference_values),
        cmocka_unit_test(loads_a_source_locale),
        cmocka_unit_test(lookup_falls_back_to_the_source),
        cmocka_unit_test(placeholders_are_substituted),
        cmocka_unit_test(placeholder_names_are_listed),
        cmocka_unit_test(broken_files_are_reported),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
