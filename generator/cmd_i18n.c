/* cmd_i18n — `lbgen i18n check` and `lbgen i18n hash`: keep the
 * translated locale files in step with the source locale, and the source
 * locale in step with the pages.
 *
 * check reports, as FILE[:LINE:COL]: KEY: problem, every key missing from
 * or unknown to a translation, placeholders that differ from the source
 * string, translations made from an older source text (their "source" hash
 * no longer matches), files that do not load (invalid JSON, bad meta), and
 * — with a configuration — source keys no page uses and keys the pages use
 * that the source lacks (view_used_keys in view.h says what "used" means).
 * hash prints the hash a translator records after (re)translating a key. */
#include <dirent.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "commands.h"
#include "config.h"
#include "locale.h"
#include "mem.h"
#include "nameset.h"
#include "site.h"
#include "view.h"

const char cmd_i18n_usage[] =
    "usage: lbgen i18n check [--config leaderboards.json] [--locales DIR]\n"
    "       lbgen i18n hash  [--config leaderboards.json] [--locales DIR] [KEY...]\n\n"
    "check  reports every key missing from or unknown to a translation,\n"
    "       placeholders that differ from the source string, stale\n"
    "       translations (their \"source\" hash no longer matches the\n"
    "       source text), files that do not load, and source keys that\n"
    "       no page uses, as FILE[:LINE:COL]: KEY: problem; exit 2 on any\n"
    "       problem. A key is used when the view code looks it up by name,\n"
    "       when it is a template string (t.NAME) that a template prints, or\n"
    "       when the configuration names it (titles, intros, descriptions,\n"
    "       col.<column>[.<kind>][.note] of the boards' columns, time-zone\n"
    "       labels).\n"
    "hash   prints \"HASH KEY\" for each KEY of the source locale (all\n"
    "       keys when none is given): the value a translator puts in a\n"
    "       translation's \"source\" after translating the current text.\n\n"
    "  --config FILE  the site configuration (default: leaderboards.json;\n"
    "                 without it, unused keys are not checked)\n"
    "  --locales DIR  the locale files (default: the configuration's\n"
    "                 paths.locales, else locales)\n";

typedef struct {
    Locale **items;
    size_t n;
    const Locale *source;
    int problems;
} LocaleSet;

static int compare_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.json files of `dir`, sorted so that reports are deterministic. */
static char **list_locale_files(const char *dir, size_t *count, LbError *err)
{
    *count = 0;
    DIR *d = opendir(dir);
    if (!d) {
        lb_fail(err, LB_EINPUT, "%s: cannot open the locales directory", dir);
        return NULL;
    }
    char **paths = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len <= 5 || e->d_name[0] == '.' ||
            strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        if (n == cap) {
            cap = grow_capacity(cap, n + 1);
            paths = xrealloc(paths, cap * sizeof *paths);
        }
        Buf p = BUF_INIT;
        buf_printf(&p, "%s/%s", dir, e->d_name);
        paths[n++] = buf_detach(&p);
    }
    closedir(d);
    if (n)
        qsort(paths, n, sizeof *paths, compare_paths);
    *count = n;
    return paths;
}

static void problem(LocaleSet *set, const Locale *loc, size_t offset,
                    int located, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void problem(LocaleSet *set, const Locale *loc, size_t offset,
                    int located, const char *key, const char *fmt, ...)
{
    Buf line = BUF_INIT;
    if (located) {
        int l, col;
        locale_position(loc, offset, &l, &col);
        buf_printf(&line, "%s:%d:%d: %s: ", loc->path, l, col, key);
    } else {
        buf_printf(&line, "%s: %s: ", loc->path, key);
    }
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(&line, fmt, ap);
    va_end(ap);
    lb_log("%s", line.data);
    buf_free(&line);
    set->problems++;
}

/* Loads every locale of `dir`; files that fail to load are reported and
 * counted. Exactly one locale must have status "source". */
static int load_set(const char *dir, LocaleSet *set)
{
    LbError err = {0};
    size_t npaths = 0;
    char **paths = list_locale_files(dir, &npaths, &err);
    if (!paths && err.status) {
        lb_log("lbgen i18n: %s\n", err.message);
        return -1;
    }
    set->items = xcalloc(npaths ? npaths : 1, sizeof *set->items);
    for (size_t i = 0; i < npaths; i++) {
        Locale *loc = locale_load(paths[i], &err);
        free(paths[i]);
        if (!loc) {
            lb_log("%s\n", err.message);
            set->problems++;
            continue;
        }
        set->items[set->n++] = loc;
        if (loc->status != LOCALE_SOURCE)
            continue;
        if (set->source) {
            problem(set, loc, 0, 0, "meta.status",
                    "\"source\", but %s is the source locale already; a "
                    "translation's status is \"machine\" or \"reviewed\"",
                    set->source->path);
            continue;
        }
        set->source = loc;
    }
    free(paths);
    if (!set->source && set->problems == 0) {
        lb_log("lbgen i18n: %s: no locale has status \"source\"\n",
                dir);
        set->problems++;
    }
    return 0;
}

static void free_set(LocaleSet *set)
{
    for (size_t i = 0; i < set->n; i++)
        locale_free(set->items[i]);
    free(set->items);
}

/* Problems that concern one locale file on its own. */
static void check_own(LocaleSet *set, const Locale *loc)
{
    for (const char *p = loc->tag; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
              (*p >= '0' && *p <= '9') || *p == '-')) {
            problem(set, loc, 0, 0, "meta.tag",
                    "\"%s\" is not a BCP 47 language tag", loc->tag);
            break;
        }
    if (!loc->plural)
        problem(set, loc, 0, 0, "meta.tag",
                "plural.c has no plural rules for the language of \"%s\" "
                "(add a row to its table)", loc->tag);
    for (size_t i = 0; i < loc->nzones; i++)
        if (!locale_find(set->source, loc->zones[i].label_key))
            problem(set, loc, 0, 0, "meta.time_zones",
                    "label_key \"%s\" is not a key of the source locale",
                    loc->zones[i].label_key);
    for (size_t i = 0; i < loc->nstrings; i++) {
        const LocaleString *s = &loc->strings[i];
        for (int c = -1; c < PLURAL_N; c++) {
            const char *text = c < 0 ? s->text : s->forms[c];
            LbError err;
            char *names;
            if (text && locale_placeholders(s->key, text, &names, &err) != 0) {
                problem(set, loc, s->offset, 1, s->key,
                        "stray '{' or '}' (write {{ or }} for a literal brace)");
                break;
            }
            if (text)
                free(names);
        }
    }
}

/* A string that counts ({count} in the source text) needs the plural forms
 * of each translation's language: a plain text will do only where the
 * language has one form. */
static void check_plural(LocaleSet *set, const Locale *loc,
                         const LocaleString *t, const LocaleString *s)
{
    if (!loc->plural || locale_has_forms(t) || !strstr(s->text, "{count}"))
        return;
    Buf needed = BUF_INIT;
    for (int c = 0; c < PLURAL_N; c++)
        if (plural_needs(loc->plural, (PluralCategory)c))
            buf_printf(&needed, "%s\"%s\"", needed.len ? ", " : "",
                       plural_category_name((PluralCategory)c));
    int forms = 0;
    for (int c = 0; c < PLURAL_N; c++)
        forms += plural_needs(loc->plural, (PluralCategory)c);
    if (forms > 1) /* with one form only, a plain text is that form */
        problem(set, loc, t->offset, 1, t->key,
                "counts {count}: give the plural forms %s of %s as "
                "{\"text\": {\"one\": \"...\", ...}}", needed.data, loc->tag);
    buf_free(&needed);
}

/* Every form of a translation has the placeholders of the source text. */
static void check_placeholders(LocaleSet *set, const Locale *loc,
                               const LocaleString *t, const LocaleString *s)
{
    LbError err;
    char *want = NULL;
    if (locale_placeholders(s->key, s->text, &want, &err) != 0)
        return; /* reported with the source locale */
    for (int c = -1; c < PLURAL_N; c++) {
        const char *text = c < 0 ? t->text : t->forms[c];
        char *have = NULL;
        if (text && locale_placeholders(t->key, text, &have, &err) == 0
            && strcmp(want, have) != 0) {
            if (c < 0)
                problem(set, loc, t->offset, 1, t->key,
                        "placeholders {%s} differ from the source's {%s}",
                        have, want);
            else
                problem(set, loc, t->offset, 1, t->key,
                        "plural form \"%s\": placeholders {%s} differ from "
                        "the source's {%s}",
                        plural_category_name((PluralCategory)c), have, want);
            free(have);
            break;
        }
        free(have);
    }
    free(want);
}

static void check_translation(LocaleSet *set, const Locale *loc)
{
    const Locale *src = set->source;
    for (size_t i = 0; i < src->nstrings; i++)
        if (!locale_find(loc, src->strings[i].key))
            problem(set, loc, 0, 0, src->strings[i].key,
                    "missing (pages fall back to the source text)");
    for (size_t i = 0; i < loc->nstrings; i++) {
        const LocaleString *t = &loc->strings[i];
        const LocaleString *s = locale_find(src, t->key);
        if (!s) {
            problem(set, loc, t->offset, 1, t->key,
                    "not a key of the source locale %s", src->path);
            continue;
        }
        check_placeholders(set, loc, t, s);
        check_plural(set, loc, t, s);
        char hash[9];
        locale_source_hash(s, hash);
        if (strcmp(hash, t->source_hash) != 0)
            problem(set, loc, t->offset, 1, t->key,
                    "stale: translated from a source text with hash %s, the "
                    "source text now hashes to %s (re-translate it, then set "
                    "\"source\" to %s)",
                    t->source_hash, hash, hash);
    }
}

static int is_zone_label(const LocaleSet *set, const char *key)
{
    for (size_t i = 0; i < set->n; i++)
        for (size_t z = 0; z < set->items[i]->nzones; z++)
            if (strcmp(set->items[i]->zones[z].label_key, key) == 0)
                return 1;
    return 0;
}

/* The source locale against what the pages of `config` use. */
static void check_usage(LocaleSet *set, const SiteConfig *config)
{
    LbError err = {0};
    NameSet names = NAMESET_INIT, used = NAMESET_INIT;
    if (site_template_names(config, NULL, &names, &err) != 0) {
        lb_log("%s", err.message);
        set->problems++;
        nameset_free(&names);
        return;
    }
    /* view_used_keys wants the source first. */
    Locale **locales = xcalloc(set->n, sizeof *locales);
    locales[0] = (Locale *)set->source;
    for (size_t i = 0, n = 1; i < set->n; i++)
        if (set->items[i] != set->source)
            locales[n++] = set->items[i];
    view_used_keys(config, locales, set->n, &names, &used);
    const Locale *src = set->source;
    size_t ignored;
    for (size_t i = 0; i < src->nstrings; i++)
        if (!nameset_find(&used, src->strings[i].key, &ignored))
            problem(set, src, src->strings[i].offset, 1, src->strings[i].key,
                    "no page uses it (remove it, or use it: `lbgen help i18n`)");
    const char **keys = nameset_sorted(&used);
    for (size_t i = 0; i < used.n; i++)
        if (!locale_find(src, keys[i]) && !is_zone_label(set, keys[i]))
            problem(set, src, 0, 0, keys[i], "the pages use it, but the source "
                    "locale does not have it");
    free(keys);
    free(locales);
    nameset_free(&names);
    nameset_free(&used);
}

static int run_check(const char *dir, const SiteConfig *config)
{
    LocaleSet set = {0};
    if (load_set(dir, &set) != 0)
        return 2;
    if (set.source) {
        for (size_t i = 0; i < set.n; i++) {
            check_own(&set, set.items[i]);
            if (set.items[i] != set.source &&
                set.items[i]->status != LOCALE_SOURCE)
                check_translation(&set, set.items[i]);
        }
        if (config)
            check_usage(&set, config);
    }
    int rc = 0;
    if (set.problems) {
        lb_log("i18n check: %d problem%s in %s\n", set.problems,
                set.problems == 1 ? "" : "s", dir);
        rc = 2;
    } else {
        printf("i18n check: %zu locales, %zu keys, source %s: no problems\n",
               set.n, set.source->nstrings, set.source->code);
    }
    free_set(&set);
    return rc;
}

static int run_hash(const char *dir, int nkeys, char **keys)
{
    LocaleSet set = {0};
    if (load_set(dir, &set) != 0)
        return 2;
    int rc = 0;
    if (!set.source) {
        rc = 2;
    } else if (nkeys == 0) {
        for (size_t i = 0; i < set.source->nstrings; i++) {
            char hash[9];
            locale_source_hash(&set.source->strings[i], hash);
            printf("%s %s\n", hash, set.source->strings[i].key);
        }
    } else {
        for (int i = 0; i < nkeys; i++) {
            const LocaleString *s = locale_find(set.source, keys[i]);
            if (!s) {
                lb_log("lbgen i18n hash: %s: no key '%s'\n",
                        set.source->path, keys[i]);
                rc = 2;
                continue;
            }
            char hash[9];
            locale_source_hash(s, hash);
            printf("%s %s\n", hash, s->key);
        }
    }
    free_set(&set);
    return rc;
}

typedef struct {
    const char *dir;    /* --locales, or NULL */
    const char *config; /* --config, or NULL */
} I18nArgs;

/* Options before and after the subcommand: `i18n check --locales DIR`. */
static int parse_options(int argc, char **argv, const char *optstring,
                         I18nArgs *a)
{
    static const struct option options[] = {
        {"locales", required_argument, NULL, 'l'},
        {"config", required_argument, NULL, 'c'},
        {NULL, 0, NULL, 0},
    };
    int c;
    while ((c = getopt_long(argc, argv, optstring, options, NULL)) != -1) {
        if (c == 'l')
            a->dir = optarg;
        else if (c == 'c')
            a->config = optarg;
        else
            return command_usage_error("i18n", "unknown option '%s'",
                                       argv[optind - 1]);
    }
    return 0;
}

/* The configuration: --config, else leaderboards.json when there is one.
 * 0 with *out NULL when there is none to read. */
static int load_config(const I18nArgs *a, SiteConfig **out)
{
    *out = NULL;
    const char *path = a->config ? a->config : "leaderboards.json";
    if (!a->config && access(path, F_OK) != 0)
        return 0;
    LbError err = {0};
    *out = config_load(path, &err);
    if (!*out) {
        lb_log("lbgen i18n: %s", err.message);
        return -1;
    }
    return 0;
}

int cmd_i18n(int argc, char **argv)
{
    I18nArgs a = {NULL, NULL};
    optind = 1;
    opterr = 0;
    int rc = parse_options(argc, argv, "+l:c:", &a);
    if (rc)
        return rc;
    if (optind >= argc)
        return command_usage_error("i18n", "missing subcommand (check or hash)");
    const char *sub = argv[optind++];
    if ((rc = parse_options(argc, argv, "l:c:", &a)) != 0)
        return rc;
    int check = strcmp(sub, "check") == 0;
    if (!check && strcmp(sub, "hash") != 0)
        return command_usage_error("i18n", "unknown subcommand '%s'", sub);
    if (check && optind < argc)
        return command_usage_error("i18n", "check takes no arguments, got '%s'",
                                   argv[optind]);
    SiteConfig *config;
    if (load_config(&a, &config) != 0)
        return 2;
    char *dir = a.dir ? xstrdup(a.dir)
                : config ? config_path(config, config->locales_dir)
                         : xstrdup("locales");
    rc = check ? run_check(dir, config)
               : run_hash(dir, argc - optind, argv + optind);
    free(dir);
    config_free(config);
    return rc;
}
