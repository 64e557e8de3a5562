/* view_used_keys: exactly which locale keys the pages of a configuration
 * use, the definition `lbgen i18n check` reports unused keys by. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "fileio.h"
#include "locale.h"
#include "nameset.h"
#include "view.h"

static void write_file(const char *path, const char *text)
{
    LbError err = {0};
    assert_int_equal(file_write_atomic(path, text, strlen(text), &err), 0);
}

static int has(const NameSet *s, const char *key)
{
    size_t ignored;
    return nameset_find(s, key, &ignored);
}

static void the_keys_a_configuration_uses(void **state)
{
    (void)state;
    char dir[] = "/tmp/lbgen-viewkeys-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char config_path[128], locale_path[128];
    snprintf(config_path, sizeof config_path, "%s/c.json", dir);
    snprintf(locale_path, sizeof locale_path, "%s/zh.json", dir);
    write_file(config_path,
               "{\"site\": {\"title_key\": \"site.title\", \"tagline_key\": \"site.tagline\","
               " \"base_url\": \"https://example.org/\", \"default_locale\": \"zh\"},"
               " \"locales\": [\"zh\"],"
               " \"leaderboards\": [{\"id\": \"hard\", \"kind\": \"winrate\","
               " \"data\": \"d.json\", \"columns\": [\"rating\", \"ci\"],"
               " \"title_key\": \"b.title\", \"intro_key\": \"b.intro\","
               " \"description_key\": \"b.description\"}]}");
    write_file(locale_path,
               "{\"meta\": {\"name\": \"中文\", \"tag\": \"zh\", \"status\": \"source\","
               " \"decimal\": \".\", \"group\": \",\", \"date_format\": \"{year}\","
               " \"time_format\": \"{hour}\", \"time_zones\": [{\"id\": \"UTC\","
               " \"offset_minutes\": 0, \"label_key\": \"tz.utc\"}]},"
               " \"strings\": {\"col.rating\": \"分数\", \"col.rating.winrate\": \"胜率\","
               " \"col.rating.note\": \"n\", \"col.ci\": \"ci\", \"col.ci.note\": \"n\","
               " \"col.ci.winrate.note\": \"n\"}}");
    LbError err = {0};
    SiteConfig *config = config_load(config_path, &err);
    assert_non_null(config);
    Locale *zh = locale_load(locale_path, &err);
    assert_non_null(zh);

    NameSet templates = NAMESET_INIT, used = NAMESET_INIT;
    size_t ignored;
    nameset_add(&templates, "t.notes_title", 0, &ignored);
    nameset_add(&templates, "board.title", 1, &ignored);
    view_used_keys(config, &zh, 1, &templates, &used);
    /* the configuration's own keys */
    static const char *const named[] = {"site.title", "site.tagline", "b.title",
                                        "b.intro", "b.description", "tz.utc"};
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
        assert_true(has(&used, named[i]));
    /* columns: the kind's refinement where the source has one */
    assert_true(has(&used, "col.rating.winrate"));
    assert_false(has(&used, "col.rating"));
    assert_true(has(&used, "col.rating.note"));
    assert_true(has(&used, "col.ci.winrate.note"));
    assert_false(has(&used, "col.ci.note"));
    assert_true(has(&used, "col.ci"));
    /* keys the view code looks up by name */
    assert_true(has(&used, "footer.generated"));
    assert_true(has(&used, "chart.tooltip"));
    /* template strings: only those a template prints */
    assert_true(has(&used, "section.notes"));
    assert_false(has(&used, "section.chart"));
    nameset_free(&used);

    /* Without template names, every template string counts (the strict
     * build's check). */
    view_used_keys(config, &zh, 1, NULL, &used);
    assert_true(has(&used, "section.chart"));
    nameset_free(&used);
    nameset_free(&templates);
    locale_free(zh);
    config_free(config);
    assert_int_equal(remove_tree(dir, &err), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_keys_a_configuration_uses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
