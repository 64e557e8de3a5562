/* view_internal — what the view's files share (view.c: the frame every
 * page has, strings, numbers, the board pages; view_model.c,
 * view_overview.c, view_feed.c: the pages across boards). Not for use
 * outside the view.
 *
 * Ownership as in view.h: functions returning char * return a new string
 * the caller frees; add_owned() takes ownership of its value. */
#ifndef LBGEN_VIEW_INTERNAL_H
#define LBGEN_VIEW_INTERNAL_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "locale.h"
#include "rankchange.h"
#include "route.h"
#include "view.h"

/* One page being built: which locale, and what went wrong. `fell_back`
 * records that some string came from the source locale, so the page can
 * say it is partly untranslated. */
typedef struct {
    const SiteModel *site;
    size_t locale;
    const Locale *loc;
    const Locale *src;
    int fell_back;
    int failed;
    LbError *err;
    const BoardHistory *history; /* of the board on this page, if any */
    RankChange *changes;         /* per model, when history has a previous */
    double *trend; /* [model * n_snapshots + snapshot]: rating, or NAN */
    size_t view;   /* the board's view in the model index (modelindex.h) */
    Route self;    /* the page being built, where links start */
    size_t board;  /* the board on this page, if any */
    const CategoryConfig *category; /* its category, or NULL */
} Page;

/* A placeholder's value: plain text, or a link when href is set (md_href is
 * the same target seen from the Markdown page). */
typedef struct {
    const char *name;
    const char *text;
    const char *href;
    const char *md_href;
} RichVar;

Page page_for(const SiteModel *site, size_t locale, LbError *err);
void page_fail(Page *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The page: v, or NULL (v deleted) when something failed. */
cJSON *finish(Page *p, cJSON *v);

/* Strings: the text of a key (strict mode: only declared keys), with its
 * {name} placeholders filled, as a field of obj. */
const char *tr(Page *p, const char *key);
char *trf(Page *p, const char *key, const LocaleVar *vars, size_t n);
/* trf() of a string that counts: the plural form for `count` first. */
char *trf_count(Page *p, const char *key, long long count,
                const LocaleVar *vars, size_t n);
void add_text(cJSON *obj, const char *field, Page *p, const char *key);
void add_owned(cJSON *obj, const char *field, char *value);
/* A sentence split at its placeholders into text and link segments. */
cJSON *rich(Page *p, const char *key, const RichVar *vars, size_t n);
/* `key` with {count} as a number in the page's style. */
char *count_text(Page *p, const char *key, size_t n);
char *markdown_url(const char *url);

/* Pages and links (route.h). */
const char *code_of(const SiteModel *s, size_t locale);
const char *slug_of(const SiteModel *s, size_t board);
Route board_page(const SiteModel *s, size_t locale, size_t board);
Route index_page(const SiteModel *s, size_t locale);
char *href(const SiteModel *s, Route from, Route to);
void add_url(cJSON *obj, const char *field, const SiteModel *s, Route r);

/* What every page has around its content, and its translation notice
 * (added last: it reports strings that fell back to the source). */
cJSON *frame(Page *p, Route self);
void add_notice(Page *p, cJSON *v, Route self);
void set_page_meta(cJSON *v, const char *title, const char *description);

/* Numbers and dates in the page's style. */
int decimals_for(LbKind kind);
char *fmt_decimal(const Locale *loc, double v, int decimals);
char *fmt_integer(const Locale *loc, long long v);
char *fmt_interval(const Locale *loc, const LbModel *m, int decimals);
char *fmt_update_date(Page *p, const char *iso);
/* A context window as the Arena prints it: "128K", "1.1M". */
char *view_context_text(const Locale *loc, long long tokens);
/* "ranks 1 to 2" in the page's language. */
char *rank_spread_words(Page *p, const int spread[2]);

/* The "open licenses only" filter's rule. */
int license_is_open(const char *license);

#endif
