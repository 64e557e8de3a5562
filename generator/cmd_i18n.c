/* cmd_i18n — `lbgen i18n check` and `lbgen i18n hash`: keep the
 * translated locale files in step with the source locale.
 *
 * check reports, as FILE[:LINE:COL]: KEY: problem, every key missing from
 * or unknown to a translation, placeholders that differ from the source
 * string, translations made from an older source text (their "source" hash
 * no longer matches), and files that do not load (invalid JSON, bad meta).
 * hash prints the hash a translator records after (re)translating a key. */
#include <dirent.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "commands.h"
#include "locale.h"
#include "mem.h"

const char cmd_i18n_usage[] =
    "usage: lbgen i18n check [--locales DIR]\n"
    "       lbgen i18n hash  [--locales DIR] [KEY...]\n\n"
    "check  reports every key missing from or unknown to a translation,\n"
    "       placeholders that differ from the source string, stale\n"
    "       translations (their \"source\" hash no longer matches the\n"
    "       source text) and files that do not load, as\n"
    "       FILE[:LINE:COL]: KEY: problem; exit 2 on any problem.\n"
    "hash   prints \"HASH KEY\" for each KEY of the source locale (all\n"
    "       keys when none is given): the value a translator puts in a\n"
    "       translation's \"source\" after translating the current text.\n\n"
    "  --locales DIR  the locale files (default: locales)\n";

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
    for (size_t i = 0; i < loc->nzones; i++)
        if (!locale_find(set->source, loc->zones[i].label_key))
            problem(set, loc, 0, 0, "meta.time_zones",
                    "label_key \"%s\" is not a key of the source locale",
                    loc->zones[i].label_key);
    for (size_t i = 0; i < loc->nstrings; i++) {
        LbError err;
        char *names;
        if (locale_placeholders(loc->strings[i].key, loc->strings[i].text,
                                &names, &err) != 0)
            problem(set, loc, loc->strings[i].offset, 1, loc->strings[i].key,
                    "stray '{' or '}' (write {{ or }} for a literal brace)");
        free(names);
    }
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
        LbError err;
        char *want = NULL, *have = NULL;
        if (locale_placeholders(s->key, s->text, &want, &err) == 0 &&
            locale_placeholders(t->key, t->text, &have, &err) == 0 &&
            strcmp(want, have) != 0)
            problem(set, loc, t->offset, 1, t->key,
                    "placeholders {%s} differ from the source's {%s}", have,
                    want);
        free(want);
        free(have);
        char hash[9];
        fnv1a32_hex(s->text, hash);
        if (strcmp(hash, t->source_hash) != 0)
            problem(set, loc, t->offset, 1, t->key,
                    "stale: translated from a source text with hash %s, the "
                    "source text now hashes to %s (re-translate it, then set "
                    "\"source\" to %s)",
                    t->source_hash, hash, hash);
    }
}

static int run_check(const char *dir)
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
            fnv1a32_hex(set.source->strings[i].text, hash);
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
            fnv1a32_hex(s->text, hash);
            printf("%s %s\n", hash, s->key);
        }
    }
    free_set(&set);
    return rc;
}

int cmd_i18n(int argc, char **argv)
{
    static const struct option options[] = {
        {"locales", required_argument, NULL, 'l'},
        {NULL, 0, NULL, 0},
    };
    const char *dir = "locales";
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+l:", options, NULL)) != -1) {
        if (c == 'l')
            dir = optarg;
        else
            return command_usage_error("i18n", "unknown option '%s'", argv[optind - 1]);
    }
    if (optind >= argc)
        return command_usage_error("i18n", "missing subcommand (check or hash)");
    const char *sub = argv[optind++];
    /* Options may also follow the subcommand: `i18n check --locales DIR`. */
    while ((c = getopt_long(argc, argv, "l:", options, NULL)) != -1) {
        if (c == 'l')
            dir = optarg;
        else
            return command_usage_error("i18n", "unknown option '%s'", argv[optind - 1]);
    }
    if (strcmp(sub, "check") == 0) {
        if (optind < argc)
            return command_usage_error("i18n", "check takes no arguments, got '%s'",
                               argv[optind]);
        return run_check(dir);
    }
    if (strcmp(sub, "hash") == 0)
        return run_hash(dir, argc - optind, argv + optind);
    return command_usage_error("i18n", "unknown subcommand '%s'", sub);
}
