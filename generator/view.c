#include "view.h"
#include "view_internal.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "chart.h"
#include "format.h"
#include "mem.h"
#include "nameset.h"
#include "quantity.h"
#include "rankchange.h"
#include "route.h"
#include "text.h"

/* ---- looking up strings -------------------------------------------------- */

Page page_for(const SiteModel *site, size_t locale, LbError *err)
{
    Page p = {.site = site, .locale = locale, .loc = site->locales[locale],
              .src = site->locales[0], .err = err};
    return p;
}

void page_fail(Page *p, const char *fmt, ...)
{
    if (!p->failed && p->err) {
        va_list ap;
        va_start(ap, fmt);
        p->err->status = LB_EINPUT;
        vsnprintf(p->err->message, sizeof p->err->message, fmt, ap);
        va_end(ap);
    }
    p->failed = 1;
}

/* The text of `key` in the page's locale; with `count`, the plural form
 * for *count when the string has plural forms (locale.h). */
static const char *lookup(Page *p, const char *key, const long long *count)
{
    size_t ignored;
    if (p->site->declared_keys && !nameset_find(p->site->declared_keys, key, &ignored)) {
        page_fail(p, "view.c looks up the locale key \"%s\", which view_used_keys() "
                  "does not declare (add it to fixed_keys in view.c)", key);
        return "";
    }
    bool fell_back = false;
    const char *text = count ? locale_lookup_count(p->loc, p->src, key, *count,
                                                   &fell_back)
                             : locale_lookup(p->loc, p->src, key, &fell_back);
    if (!text) {
        page_fail(p, "%s: missing string \"%s\"", p->src->path, key);
        return "";
    }
    p->fell_back |= fell_back;
    return text;
}

const char *tr(Page *p, const char *key)
{
    return lookup(p, key, NULL);
}

/* ---- which locale keys pages use ------------------------------------------ */

/* Every key the view code looks up by name. With the template strings
 * below and the keys the configuration names, these are the keys
 * `lbgen i18n check` counts as used (view_used_keys); in strict mode tr()
 * refuses any other, so this list cannot fall behind the code. */
static const char *const fixed_keys[] = {
    "footer.generated", "notice.machine", "notice.partial",
    "notice.source_page", "notice.source_page_link", "update.sentence",
    "update.unknown", "update.time_in_zone", "update.separator",
    "update.frequency", "table.caption", "badge.new", "badge.new.note",
    "badge.preliminary", "badge.preliminary.note", "chart.title",
    "chart.caption", "chart.legend", "chart.tooltip", "punct.sentence_gap",
    "source.sentence", "source.reported", "source.method.bradley_terry",
    "source.method.bradley_terry_sandwich",
    "source.method.winrate", "disclaimer.text", "download.sentence",
    "download.json", "download.csv", "index.intro", "index.models",
    "index.updated", "404.title", "404.text", "a11y.rank_spread",
    "feed.title", "col.organization", "col.license", "col.size",
    "model.price", "model.price.value", "model.context", "model.description",
    "model.history.point", "model.history.summary", "model.link.own",
    "model.link.source", "overview.title",
    "overview.intro", "overview.value.point", "overview.value.title",
    "overview.value.caption", "feed.subtitle", "feed.leader", "feed.new",
    "feed.top_enter", "feed.top_leave", "feed.top_gone", "feed.up", "feed.down",
    "index.updated", "404.title", "404.text", "update.static",
    "source.fetched_from", "note.style_control", "category.page_title",
    "category.intro", "category.overall", "format.price", "format.price_pair",
    "format.context_k", "format.context_m", "format.percent",
    "format.metric", "group.categories", "table.caption_top",
};

/* Labels the templates place as they are, as t.NAME: name -> locale key.
 * Counted as used only when some template prints t.NAME. */
static const char *const template_strings[][2] = {
    {"skip_to_content", "nav.skip"},
    {"language_switcher", "lang.switch"},
    {"leaderboards", "nav.leaderboards"},
    {"ranking_title", "section.leaderboard"},
    {"chart_title", "section.chart"},
    {"notes_title", "section.notes"},
    {"source_title", "section.source"},
    {"disclaimer_title", "section.disclaimer"},
    {"downloads_title", "section.downloads"},
    {"sort_hint", "table.sort_hint"},
    {"index_title", "index.title"},
    {"choose_language", "index.choose_language"},
    {"not_found_title", "404.title"},
    {"not_found_text", "404.text"},
    {"colon", "punct.colon"},
    {"sentence_gap", "punct.sentence_gap"},
    {"list_separator", "punct.list_separator"},
    {"search_label", "filter.search"},
    {"filter_open", "filter.open"},
    {"filter_hide_preliminary", "filter.hide_preliminary"},
    {"filter_count", "filter.count"},
    {"filter_none", "filter.none"},
    {"site_nav", "nav.site"},
    {"overview", "nav.overview"},
    {"feed", "nav.feed"},
    {"col_model", "col.model"},
    {"col_rank", "col.rank"},
    {"col_rank_spread", "col.rank_spread"},
    {"col_rating", "col.rating"},
    {"col_ci", "col.ci"},
    {"col_votes", "col.votes"},
    {"model_board", "model.board"},
    {"model_standings", "model.standings"},
    {"model_history", "model.history"},
    {"model_history_note", "model.history.note"},
    {"model_no_history", "model.history.none"},
    {"model_links", "model.links"},
    {"model_id", "model.id"},
    {"overview_leaders", "overview.leaders"},
    {"overview_matrix", "overview.matrix"},
    {"overview_matrix_note", "overview.matrix.note"},
    {"overview_value", "overview.value"},
    {"overview_picks", "overview.picks"},
    {"overview_behind", "overview.behind"},
    {"value_price", "overview.value.price"},
    {"categories", "nav.categories"},
};

/* The first of col.<id>.<board><suffix>, col.<id>.<kind><suffix> the
 * source locale has, else col.<id><suffix>. */
static char *column_key(const Locale *src, const char *id, const char *board,
                        const char *kind, const char *suffix)
{
    const char *refine[] = {board, kind};
    for (int i = 0; i < 2; i++) {
        char *key = str_printf("col.%s.%s%s", id, refine[i], suffix);
        if (locale_find(src, key))
            return key;
        free(key);
    }
    return str_printf("col.%s%s", id, suffix);
}

/* A column's label and note keys: col.<id>.<board>[.note] when the source
 * locale has it (a note true only of that board, e.g. the agent board's
 * rank), else col.<id>.<kind>[.note] (a board kind refining the generic
 * string, e.g. col.rating.winrate), else col.<id>[.note]. The caller frees
 * both. */
static void column_keys(const Locale *src, const char *id, LbKind kind,
                        const char *board, char **label, char **note)
{
    const char *k = lb_kind_name(kind);
    *label = column_key(src, id, board, k, "");
    *note = column_key(src, id, board, k, ".note");
}

static void add_key(NameSet *out, const char *key)
{
    size_t ignored;
    nameset_add(out, key, out->n, &ignored);
}

void view_used_keys(const SiteConfig *config, Locale *const *locales,
                    size_t n_locales, const NameSet *template_names,
                    NameSet *out)
{
    size_t ignored;
    for (size_t i = 0; i < sizeof fixed_keys / sizeof fixed_keys[0]; i++)
        add_key(out, fixed_keys[i]);
    for (size_t i = 0; i < sizeof template_strings / sizeof template_strings[0]; i++) {
        char *name = str_printf("t.%s", template_strings[i][0]);
        if (!template_names || nameset_find(template_names, name, &ignored))
            add_key(out, template_strings[i][1]);
        free(name);
    }
    add_key(out, config->title_key);
    add_key(out, config->tagline_key);
    for (size_t b = 0; b < config->n_boards; b++) {
        const BoardConfig *bc = &config->boards[b];
        add_key(out, bc->title_key);
        add_key(out, bc->intro_key);
        add_key(out, bc->description_key);
        if (bc->short_title_key)
            add_key(out, bc->short_title_key);
        char *group = str_printf("group.%s", config_board_group(bc));
        add_key(out, group);
        free(group);
        for (size_t c = 0; c < bc->n_categories; c++)
            add_key(out, bc->categories[c].title_key);
        for (size_t c = 0; c < bc->n_columns; c++) {
            char *label, *note;
            column_keys(locales[0], bc->columns[c], bc->kind, bc->id, &label,
                        &note);
            add_key(out, label);
            add_key(out, note);
            free(label);
            free(note);
        }
    }
    for (size_t l = 0; l < n_locales; l++)
        for (size_t z = 0; z < locales[l]->nzones; z++)
            add_key(out, locales[l]->zones[z].label_key);
}

/* `text` (the string `key`) with its {name} placeholders filled; the
 * caller frees the result. */
static char *fill(Page *p, const char *key, const char *text,
                  const LocaleVar *vars, size_t n)
{
    Buf out = BUF_INIT;
    if (locale_substitute(&out, key, text, vars, n, p->err) != 0) {
        p->failed = 1;
        buf_free(&out);
        return xstrdup("");
    }
    return buf_detach(&out);
}

char *trf(Page *p, const char *key, const LocaleVar *vars, size_t n)
{
    return fill(p, key, tr(p, key), vars, n);
}

/* trf() of a string that counts: the plural form for `count` first. */
char *trf_count(Page *p, const char *key, long long count,
                const LocaleVar *vars, size_t n)
{
    return fill(p, key, lookup(p, key, &count), vars, n);
}

/* The view is built and thrown away once per page, hundreds of times a
 * build, so its nodes avoid needless copies: member names are the string
 * literals written here (cJSON's *CS calls keep a pointer to them), locale
 * strings are referenced (the locales outlive every view; cJSON_Duplicate
 * copies references), and a string the view made is handed over. */
#define put_item(obj, field, item) cJSON_AddItemToObjectCS((obj), "" field, (item))
#define put_str(obj, field, value) put_item(obj, field, cJSON_CreateString(value))
#define put_bool(obj, field, value) put_item(obj, field, cJSON_CreateBool(value))
#define put_array(obj, field) add_node(obj, "" field, cJSON_CreateArray())
#define put_object(obj, field) add_node(obj, "" field, cJSON_CreateObject())

static cJSON *add_node(cJSON *obj, const char *literal, cJSON *node)
{
    cJSON_AddItemToObjectCS(obj, literal, node);
    return node;
}

static cJSON *owned_string(char *value)
{
    cJSON *node = cJSON_CreateStringReference("");
    node->type = cJSON_String; /* no longer a reference: Delete frees it */
    node->valuestring = value;
    return node;
}

/* `field` is a literal or a static table's string: it is not copied. */
void add_text(cJSON *obj, const char *field, Page *p, const char *key)
{
    cJSON_AddItemToObjectCS(obj, field, cJSON_CreateStringReference(tr(p, key)));
}

void add_owned(cJSON *obj, const char *field, char *value)
{
    cJSON_AddItemToObjectCS(obj, field, owned_string(value));
}

/* ---- sentences with links in them ------------------------------------------ */

/* A URL as a Markdown link destination: everything outside the URL-safe
 * ASCII set is percent-encoded, so parentheses, spaces, '<', '>' and '|'
 * can neither end the link early nor split a table row. */
char *markdown_url(const char *url)
{
    return percent_encode_keeping(url, ":/?#@!$&'*+,;=%");
}


static void add_segment(cJSON *list, Buf *text, const RichVar *link)
{
    if (text->len == 0 && !link)
        return;
    cJSON *seg = cJSON_CreateObject();
    put_str(seg, "text", link ? link->text : text->data);
    if (link) {
        put_str(seg, "href", link->href);
        add_owned(seg, "md_href", markdown_url(link->md_href));
    }
    cJSON_AddItemToArray(list, seg);
    buf_clear(text);
}

static const RichVar *find_var(const RichVar *vars, size_t n, const char *name,
                               size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(vars[i].name) == len && strncmp(vars[i].name, name, len) == 0)
            return &vars[i];
    return NULL;
}

/* Splits a translated sentence at its placeholders into segments the
 * templates render as text or as links, so a sentence keeps its word order
 * in every language and still carries a real link in HTML and Markdown. */
cJSON *rich(Page *p, const char *key, const RichVar *vars, size_t n)
{
    const char *text = tr(p, key);
    cJSON *segments = cJSON_CreateArray();
    Buf cur = BUF_INIT;
    const char *at = text;
    TextPiece piece;
    int more;
    while ((more = text_next_piece(&at, &piece)) > 0) {
        const RichVar *v = piece.is_name ? find_var(vars, n, piece.text, piece.len)
                                         : NULL;
        if (!piece.is_name) {
            buf_append(&cur, piece.text, piece.len);
        } else if (!v) {
            page_fail(p, "%s: %s: unknown placeholder {%.*s} in \"%s\"",
                      p->loc->path, key, (int)piece.len, piece.text, text);
            break;
        } else if (v->href) {
            add_segment(segments, &cur, NULL);
            add_segment(segments, &cur, v);
        } else {
            buf_puts(&cur, v->text);
        }
    }
    if (more < 0)
        page_fail(p, "%s: %s: stray '{' or '}' in \"%s\"", p->loc->path, key,
                  text);
    add_segment(segments, &cur, NULL);
    buf_free(&cur);
    cJSON *o = cJSON_CreateObject();
    put_item(o, "segments", segments);
    return o;
}

/* ---- where pages live (route.h) ------------------------------------------ */

const char *code_of(const SiteModel *s, size_t locale)
{
    return s->locales[locale]->code;
}

const char *slug_of(const SiteModel *s, size_t board)
{
    return s->config->boards[board].id;
}

Route board_page(const SiteModel *s, size_t locale, size_t board)
{
    return route_board(ROUTE_BOARD_HTML, code_of(s, locale), slug_of(s, board));
}

Route index_page(const SiteModel *s, size_t locale)
{
    return route_locale(ROUTE_LOCALE_INDEX, code_of(s, locale));
}

char *href(const SiteModel *s, Route from, Route to)
{
    return route_href(&s->router, from, to);
}

void add_url(cJSON *obj, const char *field, const SiteModel *s, Route r)
{
    char *url = route_url(&s->router, r);
    if (url)
        add_owned(obj, field, url);
}

/* ---- the frame every page shares ------------------------------------------ */

/* The same page in every locale: board, model and overview pages have one
 * per locale, the other pages offer the locale indexes. `self` is the page
 * being built. */
static cJSON *alternates(Page *p, Route self)
{
    const SiteModel *s = p->site;
    int own = self.kind == ROUTE_BOARD_HTML || self.kind == ROUTE_CATEGORY_HTML
              || self.kind == ROUTE_MODEL_HTML || self.kind == ROUTE_OVERVIEW_HTML;
    Route target = own ? self : index_page(s, p->locale);
    Route md_self = route_markdown_twin(route_in_locale(target, code_of(s, p->locale)));
    cJSON *list = cJSON_CreateArray();
    for (size_t l = 0; l < s->n_locales; l++) {
        Route there = route_in_locale(target, code_of(s, l));
        cJSON *a = cJSON_CreateObject();
        put_str(a, "code", code_of(s, l));
        put_str(a, "tag", s->locales[l]->tag);
        put_str(a, "name", s->locales[l]->name);
        add_owned(a, "href", href(s, self, there));
        add_url(a, "abs_href", s, there);
        add_owned(a, "md_href", href(s, md_self, route_markdown_twin(there)));
        put_bool(a, "current", l == p->locale && self.kind == target.kind);
        put_bool(a, "first", l == 0);
        cJSON_AddItemToArray(list, a);
    }
    return list;
}

/* The template strings, as t.NAME. */
static cJSON *strings_for_templates(Page *p)
{
    cJSON *t = cJSON_CreateObject();
    for (size_t i = 0; i < sizeof template_strings / sizeof template_strings[0]; i++)
        add_text(t, template_strings[i][0], p, template_strings[i][1]);
    return t;
}

cJSON *frame(Page *p, Route self)
{
    const SiteModel *s = p->site;
    cJSON *v = cJSON_CreateObject();
    put_str(v, "lang", code_of(s, p->locale));
    put_str(v, "tag", p->loc->tag);
    add_owned(v, "style_href", href(s, self, route_asset("style.css")));
    add_owned(v, "script_href", href(s, self, route_asset("sort.js")));
    add_text(v, "site_title", p, s->config->title_key);
    add_text(v, "site_tagline", p, s->config->tagline_key);
    const LocaleVar generator[] = {{"generator", "lbgen"}};
    add_owned(v, "footer", trf(p, "footer.generated", generator, 1));
    add_owned(v, "home_href", href(s, self, index_page(s, p->locale)));
    if (route_is_public_html(self))
        add_url(v, "canonical", s, self);
    put_item(v, "alternates", alternates(p, self));
    put_bool(v, "has_alternates", s->n_locales > 1);
    add_url(v, "x_default", s, route_site(ROUTE_ROOT));
    put_item(v, "t", strings_for_templates(p));
    /* Every page offers the overview and its language's feed of changes
     * (<link rel="alternate" type="application/atom+xml">). */
    const char *code = code_of(s, p->locale);
    add_owned(v, "overview_href", href(s, self, route_locale(ROUTE_OVERVIEW_HTML, code)));
    add_owned(v, "feed_href", href(s, self, route_locale(ROUTE_FEED, code)));
    const LocaleVar site[] = {{"site", tr(p, s->config->title_key)}};
    add_owned(v, "feed_title", trf(p, "feed.title", site, 1));
    return v;
}

/* The translation notice, in the page's own language; added last because
 * it also reports strings that fell back to the source language. */
void add_notice(Page *p, cJSON *v, Route self)
{
    const SiteModel *s = p->site;
    int reviewed = p->loc->status == LOCALE_REVIEWED;
    if (p->locale == 0 || (reviewed && !p->fell_back))
        return;
    cJSON *n = cJSON_CreateObject();
    if (!reviewed)
        add_text(n, "text", p, "notice.machine");
    Route source = route_in_locale(self, code_of(s, 0));
    char *html = href(s, self, source);
    char *md = href(s, route_markdown_twin(self), route_markdown_twin(source));
    const RichVar link[] = {{"source_link", tr(p, "notice.source_page_link"),
                             html, md}};
    put_item(n, "source", rich(p, "notice.source_page", link, 1));
    put_str(n, "source_tag", p->src->tag);
    free(html);
    free(md);
    if (p->fell_back)
        add_text(n, "partial", p, "notice.partial");
    int github = s->config->markdown_flavor == MD_FLAVOR_GITHUB;
    put_bool(n, "github", github);
    put_bool(n, "gitbook", !github);
    put_item(v, "notice", n);
}

/* ---- numbers and dates ----------------------------------------------------- */

int decimals_for(LbKind kind)
{
    return kind == LB_KIND_ARENA ? 0 : 1;
}

char *fmt_decimal(const Locale *loc, double v, int decimals)
{
    Buf b = BUF_INIT;
    fmt_fixed(&b, v, decimals, &loc->number);
    return buf_detach(&b);
}

char *fmt_integer(const Locale *loc, long long v)
{
    Buf b = BUF_INIT;
    fmt_int(&b, v, &loc->number);
    return buf_detach(&b);
}

/* printf's "%lld" (fmt_plain_fixed, no printf); the caller frees it. */
static char *integer_text(long long v)
{
    Buf b = BUF_INIT;
    fmt_plain_fixed(&b, (double)v, 0);
    return buf_detach(&b);
}

/* "2◄─►8". */
static char *spread_text(int lo, int hi)
{
    Buf b = BUF_INIT;
    fmt_plain_fixed(&b, lo, 0);
    buf_puts(&b, "◄─►");
    fmt_plain_fixed(&b, hi, 0);
    return buf_detach(&b);
}

/* printf's "%.*f", faster (fmt_plain_fixed); the caller frees it. */
static char *plain_fixed(double v, int decimals)
{
    Buf b = BUF_INIT;
    fmt_plain_fixed(&b, v, decimals);
    return buf_detach(&b);
}

char *fmt_interval(const Locale *loc, const LbModel *m, int decimals)
{
    Buf b = BUF_INIT;
    fmt_ci(&b, m->rating, m->ci_lower, m->ci_upper, decimals, &loc->number);
    return buf_detach(&b);
}

static char *fmt_pattern(Page *p, int64_t epoch, int offset, const char *pattern)
{
    Buf b = BUF_INIT;
    if (fmt_datetime(&b, epoch, offset, pattern, p->err) != 0)
        p->failed = 1;
    return buf_detach(&b);
}

static int parse_epoch(Page *p, const char *iso, int64_t *epoch)
{
    if (fmt_parse_utc(iso, epoch, "updated_at", p->err) == 0)
        return 0;
    p->failed = 1;
    return -1;
}

/* "2026-01-02 08:08:37（UTC） / 2026-01-02 16:08:37（北京时间）": the time in
 * every zone the locale lists. */
static char *fmt_update_times(Page *p, const char *iso)
{
    int64_t epoch;
    if (parse_epoch(p, iso, &epoch) != 0)
        return xstrdup("");
    Buf out = BUF_INIT;
    for (size_t z = 0; z < p->loc->nzones; z++) {
        const LocaleTimeZone *zone = &p->loc->zones[z];
        char *date = fmt_pattern(p, epoch, zone->offset_minutes, p->loc->date_format);
        char *time = fmt_pattern(p, epoch, zone->offset_minutes, p->loc->time_format);
        const LocaleVar vars[] = {{"date", date}, {"time", time},
                                  {"zone", tr(p, zone->label_key)}};
        char *one = trf(p, "update.time_in_zone", vars, 3);
        if (z)
            buf_puts(&out, tr(p, "update.separator"));
        buf_puts(&out, one);
        free(one);
        free(date);
        free(time);
    }
    return buf_detach(&out);
}

char *fmt_update_date(Page *p, const char *iso)
{
    int64_t epoch;
    if (parse_epoch(p, iso, &epoch) != 0)
        return xstrdup("");
    return fmt_pattern(p, epoch, 0, p->loc->date_format);
}

/* ---- the table --------------------------------------------------------------- */

typedef enum {
    COL_RANK, COL_RANK_UB, COL_RANK_SPREAD, COL_MODEL, COL_RATING, COL_CI,
    COL_VOTES, COL_ORGANIZATION, COL_LICENSE, COL_STYLE_RATING,
    COL_AVG_TOKENS, COL_CHANGE, COL_TREND, COL_PLAIN_RATING, COL_PRICE,
    COL_CONTEXT, COL_SESSIONS, COL_METRIC, COL_OTHER
} ColumnKind;

static const struct {
    const char *id;
    ColumnKind kind;
    int numeric;
    const char *first; /* direction of the first click */
} known_columns[] = {
    {"rank", COL_RANK, 1, "asc"},
    {"rank_ub", COL_RANK_UB, 1, "asc"},
    {"rank_spread", COL_RANK_SPREAD, 1, "asc"},
    {"model", COL_MODEL, 0, "asc"},
    {"rating", COL_RATING, 1, "desc"},
    {"ci", COL_CI, 1, "asc"},
    {"votes", COL_VOTES, 1, "desc"},
    {"organization", COL_ORGANIZATION, 0, "asc"},
    {"license", COL_LICENSE, 0, "asc"},
    {"style_rating", COL_STYLE_RATING, 1, "desc"},
    {"avg_tokens", COL_AVG_TOKENS, 1, "desc"},
    {"change", COL_CHANGE, 1, "desc"},
    {"trend", COL_TREND, 0, "asc"},
    {"plain_rating", COL_PLAIN_RATING, 1, "desc"},
    {"price", COL_PRICE, 1, "asc"},
    {"context", COL_CONTEXT, 1, "desc"},
    {"sessions", COL_SESSIONS, 1, "desc"},
};

/* Column ids "metric.<key>" name a metric (the agent board's "Net
 * Improvement" is metric.net_improvement): its name in lower case, every
 * run of other characters one '_'. */
#define METRIC_PREFIX "metric."

static int metric_matches(const char *name, const char *key)
{
    const char *k = key;
    int gap = 0;
    for (const char *p = name; *p; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            if (gap && k != key && *k++ != '_')
                return 0;
            gap = 0;
            if (*k++ != c)
                return 0;
        } else {
            gap = 1;
        }
    }
    return *k == '\0';
}

static const LbMetric *metric_of(const LbModel *m, const char *key)
{
    for (size_t i = 0; i < m->n_metrics; i++)
        if (metric_matches(m->metrics[i].name, key))
            return &m->metrics[i];
    return NULL;
}

static double score_of(const LbModel *m, const char *name)
{
    for (size_t i = 0; i < m->n_scores; i++)
        if (strcmp(m->scores[i].name, name) == 0)
            return m->scores[i].value;
    return NAN;
}

static const char *extra_of(const LbModel *m, const char *name)
{
    for (size_t i = 0; i < m->n_extra; i++)
        if (strcmp(m->extra[i].name, name) == 0)
            return m->extra[i].value;
    return NULL;
}

/* Any other column id names a benchmark score, or failing that a text
 * column an adapter kept in `extra`. */
typedef struct {
    const char *id;
    ColumnKind kind;
    int numeric;
    int is_score;
    int hidden; /* "change"/"trend" on a board without enough history, a
                   column no row shown has a value in */
    int magnitude; /* an extra column of sizes ("109B"): sorted by value */
    const char *first;
    double lo, hi; /* a score column's range, for the heat classes */
} Column;

/* Ratings need two points to draw a line (snapshots whose ratings compare
 * with the board's, and the board itself when it is newer than the last
 * snapshot), changes need an earlier snapshot (BoardHistory.previous). */
static int history_shows(const Page *p, const Leaderboard *lb, ColumnKind kind)
{
    if (kind == COL_CHANGE)
        return p->history && p->history->previous;
    if (kind != COL_TREND)
        return 1;
    if (!p->history || p->history->n_snapshots == 0)
        return 0;
    size_t points = 0;
    LbVariant v = lb_headline_variant(lb);
    for (size_t i = 0; i < p->history->n_snapshots; i++)
        points += lb_has_variant(p->history->snapshots[i], v);
    const Leaderboard *last = p->history->snapshots[p->history->n_snapshots - 1];
    if (!last->updated_at || !lb->updated_at
        || strcmp(last->updated_at, lb->updated_at) != 0)
        points++;
    return points >= 2;
}

static void score_range(const Leaderboard *lb, const char *score, double *lo,
                        double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t i = 0; i < lb->n_models; i++) {
        double s = score_of(&lb->models[i], score);
        if (!isnan(s)) {
            *lo = fmin(*lo, s);
            *hi = fmax(*hi, s);
        }
    }
}

/* An extra column every value of which is a size such as "109B" (and at
 * least one is): numeric, sorted by the number it shows. */
static int extra_is_magnitude(const Leaderboard *lb, const char *id)
{
    int any = 0;
    for (size_t i = 0; i < lb->n_models; i++) {
        const char *text = extra_of(&lb->models[i], id);
        double v;
        int rc = text ? quantity_magnitude(text, &v) : 0;
        if (rc < 0)
            return 0;
        any |= rc == 1;
    }
    return any;
}

static int resolve_column(Page *p, const Leaderboard *lb, const char *id,
                          Column *c)
{
    *c = (Column){id, COL_OTHER, 0, 0, 0, 0, "asc", NAN, NAN};
    if (strncmp(id, METRIC_PREFIX, strlen(METRIC_PREFIX)) == 0) {
        c->kind = COL_METRIC;
        c->numeric = 1;
        c->first = "desc";
        return 0;
    }
    for (size_t i = 0; i < sizeof known_columns / sizeof known_columns[0]; i++) {
        if (strcmp(known_columns[i].id, id) == 0) {
            c->kind = known_columns[i].kind;
            c->numeric = known_columns[i].numeric;
            c->first = known_columns[i].first;
            c->hidden = !history_shows(p, lb, c->kind);
            return 0;
        }
    }
    for (size_t i = 0; i < lb->n_models; i++) {
        if (!isnan(score_of(&lb->models[i], id))) {
            c->numeric = c->is_score = 1;
            c->first = "desc";
            /* Once per column: per cell it made big boards quadratic. */
            score_range(lb, id, &c->lo, &c->hi);
            return 0;
        }
        if (extra_of(&lb->models[i], id)) {
            c->magnitude = c->numeric = extra_is_magnitude(lb, id);
            c->first = c->numeric ? "desc" : "asc";
            return 0;
        }
    }
    page_fail(p, "leaderboard %s: column \"%s\" is neither a known column "
              "nor a score or extra field of any model", lb->id, id);
    return -1;
}

static cJSON *column_header(Page *p, const Leaderboard *lb, const Column *c,
                            size_t index, cJSON *notes)
{
    char *label_key, *note_key;
    column_keys(p->src, c->id, lb->kind, slug_of(p->site, p->board),
                &label_key, &note_key);
    const char *label = tr(p, label_key);
    const LocaleVar vars[] = {{"baseline", lb->source.baseline ? lb->source.baseline : ""}};
    char *note = trf(p, note_key, vars, 1);
    cJSON *h = cJSON_CreateObject();
    put_str(h, "id", c->id);
    put_str(h, "label", label);
    put_str(h, "explanation", note);
    put_str(h, "class", c->kind == COL_MODEL ? "text model"
                        : c->numeric         ? "num"
                                             : "text");
    put_str(h, "sort_type", c->numeric ? "num" : "text");
    put_str(h, "sort_first", c->first);
    put_str(h, "md_align", c->numeric ? "---:" : ":---");
    /* The header is described by its note (aria-describedby): ids by
     * position, since column ids are whatever the configuration says. */
    char *note_id = str_printf("note-%zu", index);
    put_str(h, "note_id", note_id);
    cJSON *n = cJSON_CreateObject();
    add_owned(n, "id", note_id);
    put_str(n, "term", label);
    add_owned(n, "definition", note);
    cJSON_AddItemToArray(notes, n);
    free(label_key);
    free(note_key);
    return h;
}

/* Score cells are shaded by where they sit between the column's lowest and
 * highest value: ten classes, so the stylesheet needs no inline styles. */
static int heat_class(double lo, double hi, double v)
{
    if (!(hi > lo))
        return 5;
    int k = (int)(chart_fraction(v, lo, hi) * 10);
    return k > 9 ? 9 : k < 0 ? 0 : k;
}

static void set_number_cell(cJSON *cell, Page *p, double v, int decimals)
{
    if (isnan(v))
        return;
    add_owned(cell, "text", fmt_decimal(p->loc, v, decimals));
    add_owned(cell, "sort", plain_fixed(v, decimals + 2));
}

static void set_integer_cell(cJSON *cell, Page *p, long long v)
{
    add_owned(cell, "text", fmt_integer(p->loc, v));
    add_owned(cell, "sort", integer_text(v));
}

static void set_text_cell(cJSON *cell, const char *text)
{
    if (text)
        put_str(cell, "text", text);
}

/* The model's name links to its page (HTML), and in Markdown to that page
 * on the published site when the base URL is known, else to the source's
 * link for it. */
static void fill_model_cell(cJSON *cell, Page *p, const Leaderboard *lb,
                            const LbModel *m)
{
    put_str(cell, "text", m->model);
    put_bool(cell, "is_model", 1);
    const SiteModel *s = p->site;
    const IndexedModel *im = NULL;
    if (s->models && p->category) /* a category page: the model by name */
        im = modelindex_find(s->models, m->model);
    else if (s->models && p->view < s->models->n_views)
        im = modelindex_row(s->models, p->view, (size_t)(m - lb->models));
    const char *slug = im && im->has_page ? im->slug : NULL;
    if (slug) {
        Route page = route_model(code_of(s, p->locale), slug);
        add_owned(cell, "href", href(s, p->self, page));
        char *url = route_url(&s->router, page);
        if (url)
            add_owned(cell, "md_url", markdown_url(url));
        free(url);
    }
    if (m->url && lb_url_is_http(m->url)) {
        put_str(cell, "url", m->url);
        if (!cJSON_HasObjectItem(cell, "md_url"))
            add_owned(cell, "md_url", markdown_url(m->url));
    }
    /* The badges go with the name, never beside a score (scores stay
     * aligned on their decimal point). */
    if (m->preliminary == 1)
        add_text(cell, "badge", p, "badge.preliminary");
    if (m->is_new == 1)
        add_text(cell, "new_badge", p, "badge.new");
}

/* "ranks 1 to 2": what a screen reader says instead of "1◄─►2". */
char *rank_spread_words(Page *p, const int spread[2])
{
    char *lo = fmt_integer(p->loc, spread[0]), *hi = fmt_integer(p->loc, spread[1]);
    const LocaleVar vars[] = {{"lo", lo}, {"hi", hi}};
    char *s = trf(p, "a11y.rank_spread", vars, 2);
    free(lo);
    free(hi);
    return s;
}

static void fill_change_cell(cJSON *cell, Page *p, size_t index)
{
    /* A change column is shown only when there is a previous snapshot
     * (history_shows), and then view_board computed the changes. */
    assert(p->changes);
    RankChange ch = p->changes[index];
    if (ch.move == RANK_NEW) {
        add_text(cell, "text", p, "badge.new");
        add_owned(cell, "sort", xstrdup("1000000"));
        put_str(cell, "class", "num change new");
        return;
    }
    char buf[32];
    add_owned(cell, "text", xstrdup(rank_change_text(ch, buf, sizeof buf)));
    int signed_places = ch.move == RANK_UP ? ch.places
                        : ch.move == RANK_DOWN ? -ch.places : 0;
    add_owned(cell, "sort", integer_text(signed_places));
    put_str(cell, "class", ch.move == RANK_UP     ? "num change up"
                                           : ch.move == RANK_DOWN ? "num change down"
                                                                  : "num change");
}

/* Every model's rating in every snapshot, found by name once per page
 * (a search per cell made big boards quadratic). */
static double *trend_ratings(const Leaderboard *lb, const BoardHistory *h)
{
    size_t ns = h->n_snapshots;
    double *t = xmalloc((lb->n_models ? lb->n_models : 1) * (ns ? ns : 1)
                        * sizeof *t);
    for (size_t i = 0; i < lb->n_models * ns; i++)
        t[i] = NAN;
    NameSet index = NAMESET_INIT;
    size_t first;
    LbVariant variant = lb_headline_variant(lb);
    for (size_t i = 0; i < lb->n_models; i++)
        nameset_add(&index, lb->models[i].model, i, &first);
    for (size_t s = 0; s < ns; s++) {
        const Leaderboard *snap = h->snapshots[s];
        for (size_t i = 0; i < snap->n_models; i++) {
            double rating;
            int rank;
            /* Like with like: the snapshot's rating in this board's
             * variant (with or without style control), or none. */
            if (nameset_find(&index, snap->models[i].model, &first)
                && lb_variant_value(snap, &snap->models[i], variant, &rating,
                                    &rank))
                t[first * ns + s] = rating;
        }
    }
    nameset_free(&index);
    return t;
}

/* The model's rating in each snapshot (and now, when the data is newer than
 * the last snapshot), drawn as an SVG polyline for HTML and as block
 * characters for Markdown. */
static void fill_trend_cell(cJSON *cell, Page *p, const Leaderboard *lb,
                            const LbModel *m)
{
    const BoardHistory *h = p->history;
    /* Shown only with two points or more (history_shows). */
    assert(p->trend && h->n_snapshots >= 1 && h->n_snapshots <= HISTORY_POINTS);
    double values[HISTORY_POINTS + 1];
    size_t n = 0;
    const double *row = p->trend + (size_t)(m - lb->models) * h->n_snapshots;
    for (size_t i = 0; i < h->n_snapshots; i++)
        if (!isnan(row[i]))
            values[n++] = row[i];
    const Leaderboard *last = h->snapshots[h->n_snapshots - 1];
    if (!isnan(m->rating) && (!last->updated_at || !lb->updated_at
                              || strcmp(last->updated_at, lb->updated_at) != 0))
        values[n++] = m->rating;
    if (n < 2)
        return;
    double lo = values[0], hi = values[0];
    for (size_t i = 1; i < n; i++) {
        lo = fmin(lo, values[i]);
        hi = fmax(hi, values[i]);
    }
    static const char *const blocks[] = {"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    Buf points = BUF_INIT, text = BUF_INIT;
    for (size_t i = 0; i < n; i++) {
        double t = chart_fraction(values[i], lo, hi);
        if (i)
            buf_putc(&points, ' ');
        fmt_plain_fixed(&points, 60.0 * i / (n - 1), 1);
        buf_putc(&points, ',');
        fmt_plain_fixed(&points, 15.0 - 14.0 * t, 1);
        buf_puts(&text, blocks[(int)lround(t * 7)]);
    }
    add_owned(cell, "spark_points", buf_detach(&points));
    add_owned(cell, "text", buf_detach(&text));
    int decimals = decimals_for(lb->kind);
    char *from = fmt_decimal(p->loc, values[0], decimals);
    char *to = fmt_decimal(p->loc, values[n - 1], decimals);
    add_owned(cell, "spark_label", str_printf("%s → %s", from, to));
    free(from);
    free(to);
}

/* ---- prices, context sizes, percentages ------------------------------------- */

/* A price in USD per million tokens as the Arena writes it: whole dollars
 * without decimals ("$5"), else at least two decimals and as many more as
 * the value has, up to four ("$2.50", "$0.075"); the locale places the
 * amount ("${amount}", "{amount} $") and its decimal mark. */
static char *fmt_price(Page *p, double v)
{
    int decimals = 0;
    if (v != floor(v)) {
        decimals = 2;
        while (decimals < 4
               && fabs(v * pow(10, decimals) - round(v * pow(10, decimals))) > 1e-6)
            decimals++;
    }
    char *amount = fmt_decimal(p->loc, v, decimals);
    const LocaleVar vars[] = {{"amount", amount}};
    char *s = trf(p, "format.price", vars, 1);
    free(amount);
    return s;
}

static void set_price_cell(cJSON *cell, Page *p, const LbModel *m)
{
    if (isnan(m->price_input) && isnan(m->price_output))
        return;
    char *in = isnan(m->price_input) ? xstrdup("–") : fmt_price(p, m->price_input);
    char *out = isnan(m->price_output) ? xstrdup("–") : fmt_price(p, m->price_output);
    const LocaleVar vars[] = {{"input", in}, {"output", out}};
    add_owned(cell, "text", trf(p, "format.price_pair", vars, 2));
    free(in);
    free(out);
    double key = isnan(m->price_input) ? m->price_output : m->price_input;
    add_owned(cell, "sort", plain_fixed(key, 6));
}

/* A context window as the Arena abbreviates it: 1M, 1.1M, 128K (K = 1,000,
 * M = 1,000,000), one decimal at most, in the locale's style. */
static void set_context_cell(cJSON *cell, Page *p, long long tokens)
{
    if (tokens <= 0)
        return;
    const char *key = NULL;
    double v = (double)tokens;
    if (tokens >= 1000000) {
        key = "format.context_m";
        v /= 1e6;
    } else if (tokens >= 1000) {
        key = "format.context_k";
        v /= 1e3;
    }
    if (!key) {
        set_integer_cell(cell, p, tokens);
        return;
    }
    double tenths = round(v * 10);
    char *n = fmt_decimal(p->loc, tenths / 10, fmod(tenths, 10) != 0);
    const LocaleVar vars[] = {{"n", n}};
    add_owned(cell, "text", trf(p, key, vars, 1));
    free(n);
    add_owned(cell, "sort", integer_text(tokens));
}

static char *fmt_percent(Page *p, const char *number)
{
    const LocaleVar vars[] = {{"n", number}};
    return trf(p, "format.percent", vars, 1);
}

/* "12.47% ±1.54%", "12.47% +1.60/-1.48%": a metric as the agent board
 * publishes it, two decimals, in the locale's style. */
static void set_metric_cell(cJSON *cell, Page *p, const LbMetric *x)
{
    if (!x)
        return;
    char *value = fmt_decimal(p->loc, x->value, 2);
    char *shown = fmt_percent(p, value);
    if (!isnan(x->ci_lower)) {
        Buf ci = BUF_INIT;
        fmt_ci(&ci, x->value, x->ci_lower, x->ci_upper, 2, &p->loc->number);
        char *half = fmt_percent(p, ci.data + (strncmp(ci.data, "±", 2) == 0 ? 2 : 0));
        char *with_sign = strncmp(ci.data, "±", 2) == 0 ? str_printf("±%s", half)
                                                         : xstrdup(half);
        const LocaleVar vars[] = {{"value", shown}, {"ci", with_sign}};
        char *both = trf(p, "format.metric", vars, 2);
        free(shown);
        shown = both;
        free(half);
        free(with_sign);
        buf_free(&ci);
    }
    add_owned(cell, "text", shown);
    add_owned(cell, "sort", plain_fixed(x->value, 4));
    free(value);
}

/* 1 when some row shown has a value in column `c`; columns that depend on
 * history are decided by history_shows, score and text columns always
 * show. */
static int column_has_values(const Leaderboard *lb, size_t shown,
                             const Column *c)
{
    for (size_t i = 0; i < shown; i++) {
        const LbModel *m = &lb->models[i];
        switch (c->kind) {
        case COL_RANK_SPREAD:
            if (m->rank_spread[0])
                return 1;
            break;
        case COL_RATING:
        case COL_CI:
            if (!isnan(m->rating))
                return 1;
            break;
        case COL_VOTES:
            if (m->votes >= 0)
                return 1;
            break;
        case COL_STYLE_RATING:
            if (!isnan(m->style_rating))
                return 1;
            break;
        case COL_PLAIN_RATING:
            if (!isnan(m->plain_rating))
                return 1;
            break;
        case COL_PRICE:
            if (!isnan(m->price_input) || !isnan(m->price_output))
                return 1;
            break;
        case COL_CONTEXT:
            if (m->context > 0)
                return 1;
            break;
        case COL_SESSIONS:
            if (m->sessions >= 0)
                return 1;
            break;
        case COL_METRIC:
            if (metric_of(m, c->id + strlen(METRIC_PREFIX)))
                return 1;
            break;
        case COL_AVG_TOKENS:
            if (!isnan(m->avg_tokens))
                return 1;
            break;
        default:
            return 1;
        }
    }
    return 0;
}

static void fill_cell(cJSON *cell, Page *p, const Leaderboard *lb,
                      const LbModel *m, const Column *c)
{
    int decimals = decimals_for(lb->kind);
    switch (c->kind) {
    case COL_RANK:
        if (m->rank)
            set_integer_cell(cell, p, m->rank);
        break;
    case COL_RANK_UB:
        if (m->rank_ub)
            set_integer_cell(cell, p, m->rank_ub);
        break;
    case COL_RANK_SPREAD:
        if (m->rank_spread[0]) {
            add_owned(cell, "text", spread_text(m->rank_spread[0],
                                                 m->rank_spread[1]));
            add_owned(cell, "sort", integer_text(m->rank_spread[0]));
            add_owned(cell, "spoken", rank_spread_words(p, m->rank_spread));
        }
        break;
    case COL_MODEL:
        fill_model_cell(cell, p, lb, m);
        break;
    case COL_RATING:
        set_number_cell(cell, p, m->rating, decimals);
        break;
    case COL_CI:
        if (!isnan(m->ci_lower) && !isnan(m->rating)) {
            add_owned(cell, "text", fmt_interval(p->loc, m, decimals));
            add_owned(cell, "sort", plain_fixed(m->ci_upper - m->ci_lower, 4));
        }
        break;
    case COL_VOTES:
        if (m->votes >= 0)
            set_integer_cell(cell, p, m->votes);
        break;
    case COL_ORGANIZATION:
        set_text_cell(cell, m->organization);
        break;
    case COL_LICENSE:
        set_text_cell(cell, m->license);
        break;
    case COL_STYLE_RATING:
        set_number_cell(cell, p, m->style_rating, decimals);
        break;
    case COL_AVG_TOKENS:
        if (!isnan(m->avg_tokens))
            set_integer_cell(cell, p, llround(m->avg_tokens));
        break;
    case COL_PLAIN_RATING:
        set_number_cell(cell, p, m->plain_rating, decimals);
        break;
    case COL_PRICE:
        set_price_cell(cell, p, m);
        break;
    case COL_CONTEXT:
        set_context_cell(cell, p, m->context);
        break;
    case COL_SESSIONS:
        if (m->sessions >= 0)
            set_integer_cell(cell, p, m->sessions);
        break;
    case COL_METRIC:
        set_metric_cell(cell, p, metric_of(m, c->id + strlen(METRIC_PREFIX)));
        /* "12.47% ±1.54%" may wrap at its space (style.css): the agent
         * board's six metrics then fit at 1280 px. */
        put_str(cell, "class", "num metric");
        break;
    case COL_CHANGE:
        fill_change_cell(cell, p, (size_t)(m - lb->models));
        break;
    case COL_TREND:
        fill_trend_cell(cell, p, lb, m);
        break;
    case COL_OTHER:
        if (c->is_score) {
            double v = score_of(m, c->id);
            set_number_cell(cell, p, v, 1);
            if (!isnan(v))
                add_owned(cell, "class", str_printf("num heat-%d",
                                                      heat_class(c->lo, c->hi, v)));
        } else {
            const char *text = extra_of(m, c->id);
            double v;
            set_text_cell(cell, text);
            if (c->magnitude && text && quantity_magnitude(text, &v) == 1)
                add_owned(cell, "sort", str_printf("%.17g", v));
        }
        break;
    }
}

/* What the search box matches a row against: the model's names, its
 * organization and its license, whether or not the board shows them. */
static char *search_text(const LbModel *m)
{
    Buf b = BUF_INIT;
    const char *parts[] = {m->model, m->display_name, m->organization, m->license};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (parts[i])
            buf_printf(&b, "%s%s", b.len ? "\n" : "", parts[i]);
    return buf_detach(&b);
}

/* The "open licenses only" filter: a license is open unless it is the
 * sources' word for closed models ("Proprietary"). An absent license is
 * not known to be open. */
int license_is_open(const char *license)
{
    return license && strcasecmp(license, "proprietary") != 0
           && strcmp(license, "专有") != 0;
}

static cJSON *table_row(Page *p, const Leaderboard *lb, const LbModel *m,
                        const Column *columns, size_t n_columns)
{
    cJSON *cells = cJSON_CreateArray();
    for (size_t c = 0; c < n_columns; c++) {
        if (columns[c].hidden)
            continue;
        cJSON *cell = cJSON_CreateObject();
        fill_cell(cell, p, lb, m, &columns[c]);
        if (!cJSON_HasObjectItem(cell, "text"))
            put_str(cell, "text", "");
        if (!cJSON_HasObjectItem(cell, "class"))
            put_str(cell, "class", columns[c].numeric ? "num" : "text");
        cJSON_AddItemToArray(cells, cell);
    }
    cJSON *row = cJSON_CreateObject();
    put_item(row, "cells", cells);
    /* What a cell may lack, as false here: the templates' lookups of a
     * name a cell does not have stop at its row instead of searching the
     * whole page (a large share of the build on big boards). Sections see
     * false as they saw "missing". */
    static const char *const absent[] = {"is_model", "url", "md_url", "badge",
                                         "new_badge", "sort", "spark_points",
                                         "href", "spoken"};
    for (size_t i = 0; i < sizeof absent / sizeof absent[0]; i++)
        cJSON_AddItemToObjectCS(row, absent[i], cJSON_CreateFalse());
    add_owned(row, "search", search_text(m));
    put_bool(row, "open", license_is_open(m->license));
    put_bool(row, "preliminary", m->preliminary == 1);
    return row;
}

static size_t rows_shown(const Page *p, const BoardConfig *bc,
                         const Leaderboard *lb)
{
    int top = p->category ? bc->category_top_n : bc->top_n;
    return top && (size_t)top < lb->n_models ? (size_t)top : lb->n_models;
}

/* Notes on the badges, shown only when some row carries one. */
static void add_badge_notes(cJSON *b, Page *p, const Leaderboard *lb)
{
    int preliminary = 0, fresh = 0;
    for (size_t i = 0; i < lb->n_models; i++) {
        preliminary |= lb->models[i].preliminary == 1;
        fresh |= lb->models[i].is_new == 1;
    }
    cJSON *list = put_array(b, "badge_notes");
    if (preliminary)
        cJSON_AddItemToArray(list, cJSON_CreateString(tr(p, "badge.preliminary.note")));
    if (fresh)
        cJSON_AddItemToArray(list, cJSON_CreateString(tr(p, "badge.new.note")));
}

/* The filters worth offering on this board: "open licenses only" when
 * models have licenses and some are open, some not; "hide preliminary"
 * when some are preliminary. */
static void add_filters(cJSON *b, const Leaderboard *lb)
{
    int open = 0, closed = 0, preliminary = 0;
    for (size_t i = 0; i < lb->n_models; i++) {
        const LbModel *m = &lb->models[i];
        if (license_is_open(m->license))
            open = 1;
        else
            closed = 1;
        preliminary |= m->preliminary == 1;
    }
    cJSON_AddBoolToObject(b, "filter_open", open && closed);
    cJSON_AddBoolToObject(b, "filter_preliminary", preliminary);
}

static void add_table(cJSON *b, Page *p, const BoardConfig *bc,
                      const Leaderboard *lb)
{
    Column *columns = xcalloc(bc->n_columns, sizeof *columns);
    cJSON *headers = put_array(b, "columns");
    cJSON *notes = put_array(b, "notes");
    size_t shown = rows_shown(p, bc, lb);
    for (size_t c = 0; c < bc->n_columns && !p->failed; c++) {
        if (resolve_column(p, lb, bc->columns[c], &columns[c]) != 0)
            break;
        columns[c].hidden |= !column_has_values(lb, shown, &columns[c]);
        if (!columns[c].hidden)
            cJSON_AddItemToArray(headers, column_header(p, lb, &columns[c], c, notes));
    }
    cJSON *rows = put_array(b, "rows");
    if (p->failed)
        shown = 0;
    for (size_t i = 0; i < shown; i++)
        cJSON_AddItemToArray(rows, table_row(p, lb, &lb->models[i], columns,
                                             bc->n_columns));
    free(columns);
    add_badge_notes(b, p, lb);
    add_filters(b, lb);
}

/* ---- the chart ------------------------------------------------------------- */

static char *num(double v)
{
    return plain_fixed(v, 1);
}

/* Model names longer than this are cut in the chart (the tooltip and the
 * table keep them whole). Counted in characters, never splitting UTF-8. */
enum { CHART_LABEL_CHARS = 34 };

static char *chart_label(const char *name)
{
    size_t chars = 0, i = 0;
    for (; name[i]; i++) {
        if (((unsigned char)name[i] & 0xC0) != 0x80 && ++chars > CHART_LABEL_CHARS)
            break;
    }
    if (!name[i])
        return xstrdup(name);
    return str_printf("%.*s…", (int)i, name);
}

static cJSON *chart_rows(Page *p, const Leaderboard *lb, const ForestChart *fc)
{
    cJSON *rows = cJSON_CreateArray();
    int decimals = decimals_for(lb->kind);
    for (size_t i = 0; i < fc->n_rows; i++) {
        const ChartRow *r = &fc->rows[i];
        const LbModel *m = &lb->models[r->model];
        cJSON *o = cJSON_CreateObject();
        add_owned(o, "label", chart_label(m->model));
        char *value = fmt_decimal(p->loc, m->rating, decimals);
        char *ci = isnan(m->ci_lower) ? xstrdup("") : fmt_interval(p->loc, m, decimals);
        const LocaleVar vars[] = {{"model", m->model}, {"rating", value}, {"ci", ci}};
        add_owned(o, "tooltip", trf(p, "chart.tooltip", vars, 3));
        free(value);
        free(ci);
        add_owned(o, "label_x", num(fc->label_right));
        add_owned(o, "y", num(r->y));
        add_owned(o, "text_y", num(r->y + 4));
        add_owned(o, "x", num(r->x));
        add_owned(o, "x_lo", num(r->x_lo));
        add_owned(o, "x_hi", num(r->x_hi));
        put_bool(o, "preliminary", m->preliminary == 1);
        cJSON_AddItemToArray(rows, o);
    }
    return rows;
}

static cJSON *chart_ticks(Page *p, const ForestChart *fc)
{
    cJSON *ticks = cJSON_CreateArray();
    int decimals = fc->n_ticks > 1 && fc->ticks[1].value - fc->ticks[0].value < 1;
    for (size_t i = 0; i < fc->n_ticks; i++) {
        cJSON *t = cJSON_CreateObject();
        add_owned(t, "x", num(fc->ticks[i].x));
        add_owned(t, "top", num(fc->plot_top));
        add_owned(t, "bottom", num(fc->plot_bottom));
        add_owned(t, "label_y", num(fc->plot_top - 10));
        add_owned(t, "label", fmt_decimal(p->loc, fc->ticks[i].value, decimals));
        cJSON_AddItemToArray(ticks, t);
    }
    return ticks;
}

/* The page being built: the board page, or its category's. */
static Route self_page(const Page *p, RouteKind board_kind)
{
    Route r = route_board(board_kind, code_of(p->site, p->locale),
                          slug_of(p->site, p->board));
    return route_with_category(r, p->category ? p->category->id : NULL);
}

static void add_chart(cJSON *b, Page *p, const Leaderboard *lb)
{
    const BoardConfig *bc = &p->site->config->boards[p->board];
    if (lb->kind == LB_KIND_BENCHMARK || bc->chart_top_n == 0)
        return; /* benchmark boards shade their score cells instead */
    ForestChart *fc = forest_chart_layout(lb, (size_t)bc->chart_top_n);
    if (!fc)
        return;
    cJSON *c = cJSON_CreateObject();
    char *count = fmt_integer(p->loc, (long long)fc->n_rows);
    const LocaleVar vars[] = {{"count", count}};
    add_text(c, "title", p, "chart.title");
    char *caption = trf_count(p, "chart.caption", (long long)fc->n_rows, vars, 1);
    int preliminary = 0;
    for (size_t i = 0; i < fc->n_rows; i++)
        preliminary |= lb->models[fc->rows[i].model].preliminary == 1;
    if (preliminary) { /* hollow dots need a word of explanation */
        char *with_legend = str_printf("%s%s%s", caption, tr(p, "punct.sentence_gap"),
                                       tr(p, "chart.legend"));
        free(caption);
        caption = with_legend;
    }
    add_owned(c, "caption", caption);
    free(count);
    add_owned(c, "id", str_printf("chart-%s", slug_of(p->site, p->board)));
    add_owned(c, "width", num(fc->width));
    add_owned(c, "height", num(fc->height));
    Route md = self_page(p, ROUTE_BOARD_MD);
    Route svg = self_page(p, ROUTE_BOARD_CHART);
    add_owned(c, "md_href", href(p->site, md, svg));
    put_item(c, "rows", chart_rows(p, lb, fc));
    put_item(c, "ticks", chart_ticks(p, fc));
    put_item(b, "chart", c);
    forest_chart_free(fc);
}

/* ---- the text around the table ------------------------------------------------ */

/* A link's text: its host, and its path when it has one ("arena.ai/
 * leaderboard/text"), so a reader sees where it goes. */
static char *link_text(const char *url)
{
    const char *host = strstr(url, "://") + 3;
    size_t n = strcspn(host, "?#");
    while (n > 0 && host[n - 1] == '/')
        n--;
    return xstrndup(host, n);
}

/* Where the numbers come from, as a real link: the board's own page at
 * its publisher (the configuration's `link`, e.g. arena.ai), else the
 * data's source; when the data was read from somewhere else (the
 * Arena's JSON on GitHub, a dataset), that too; then how they were
 * computed and how often the board is refreshed. */
static void add_source(cJSON *b, Page *p, const Leaderboard *lb)
{
    const BoardConfig *bc = &p->site->config->boards[p->board];
    const char *data_url = lb->source.url && lb_url_is_http(lb->source.url)
                               ? lb->source.url : NULL;
    const char *url = bc->link ? bc->link : data_url;
    if (url) {
        char *text = link_text(url);
        const RichVar link[] = {{"source_link", text, url, url}};
        put_item(b, "source", rich(p, "source.sentence", link, 1));
        free(text);
    }
    if (url && data_url && strcmp(url, data_url) != 0) {
        char *text = link_text(data_url);
        const RichVar link[] = {{"data_link", text, data_url, data_url}};
        put_item(b, "fetched_from", rich(p, "source.fetched_from", link, 1));
        free(text);
    }
    const LocaleVar vars[] = {{"baseline", lb->source.baseline ? lb->source.baseline : ""}};
    const char *method = lb->source.method ? lb->source.method : "";
    cJSON *notes = put_array(b, "method_notes");
    int sandwich = lb->source.ci && strcmp(lb->source.ci, "sandwich") == 0;
    if (strcmp(method, "bradley-terry") == 0)
        cJSON_AddItemToArray(notes, cJSON_CreateString(tr(p, sandwich ? "source.method.bradley_terry_sandwich"
                                                                      : "source.method.bradley_terry")));
    else if (strcmp(method, "winrate") == 0) {
        char *s = trf(p, "source.method.winrate", vars, 1);
        cJSON_AddItemToArray(notes, cJSON_CreateString(s));
        free(s);
    }
    /* Numbers lbgen did not compute itself are published as reported. */
    if (lb->source.bootstrap_rounds == 0 && !lb->source.ci)
        cJSON_AddItemToArray(notes, cJSON_CreateString(tr(p, "source.reported")));
    /* "Updated daily" only where --fetch refreshes the page's data. */
    size_t live = p->category ? p->category->n_sources : bc->n_sources;
    add_text(b, "frequency", p, live ? "update.frequency" : "update.static");
}

static void add_downloads(cJSON *b, Page *p)
{
    const SiteModel *s = p->site;
    Route html = self_page(p, ROUTE_BOARD_HTML);
    Route md = route_markdown_twin(html);
    const char *category = p->category ? p->category->id : NULL;
    Route json = route_with_category(route_data(ROUTE_DATA_JSON, slug_of(s, p->board)),
                                     category);
    Route csv = route_with_category(route_data(ROUTE_DATA_CSV, slug_of(s, p->board)),
                                    category);
    char *hrefs[4] = {href(s, html, json), href(s, md, json),
                      href(s, html, csv), href(s, md, csv)};
    /* A docs tree holds no data files: it links the published site's, and
     * has no downloads without the base URL (route_href). */
    if (!hrefs[1] || !hrefs[3]) {
        for (int i = 0; i < 4; i++)
            free(hrefs[i]);
        return;
    }
    const RichVar links[] = {
        {"json_link", tr(p, "download.json"), hrefs[0], hrefs[1]},
        {"csv_link", tr(p, "download.csv"), hrefs[2], hrefs[3]},
    };
    put_item(b, "downloads", rich(p, "download.sentence", links, 2));
    for (int i = 0; i < 4; i++)
        free(hrefs[i]);
}

static cJSON *updated_sentence(Page *p, const Leaderboard *lb)
{
    if (!lb->updated_at)
        return rich(p, "update.unknown", NULL, 0);
    char *times = fmt_update_times(p, lb->updated_at);
    const RichVar vars[] = {{"times", times, NULL, NULL}};
    cJSON *o = rich(p, "update.sentence", vars, 1);
    free(times);
    return o;
}

/* ---- pages --------------------------------------------------------------------- */

char *count_text(Page *p, const char *key, size_t n)
{
    char *count = fmt_integer(p->loc, (long long)n);
    const LocaleVar vars[] = {{"count", count}};
    char *s = trf_count(p, key, (long long)n, vars, 1);
    free(count);
    return s;
}

static const Leaderboard *category_data(const SiteModel *s, size_t board,
                                        size_t category)
{
    return s->categories ? s->categories[board].boards[category] : NULL;
}

static int same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static int same_page(Route a, Route b)
{
    return a.kind == b.kind && same_text(a.locale, b.locale)
           && same_text(a.board, b.board) && same_text(a.category, b.category);
}

/* One entry of a list of pages: title and links from `self` (HTML and its
 * Markdown twin) to `page`, and whether it is the page itself. */
static cJSON *page_link(Page *p, Route self, Route page, const char *title)
{
    const SiteModel *s = p->site;
    cJSON *o = cJSON_CreateObject();
    put_str(o, "title", title);
    add_owned(o, "href", href(s, self, page));
    add_owned(o, "md_href", href(s, route_markdown_twin(self),
                                 route_markdown_twin(page)));
    put_bool(o, "current", same_page(self, page));
    return o;
}

static void add_counts(cJSON *o, Page *p, const Leaderboard *lb)
{
    add_owned(o, "count", count_text(p, "index.models", lb->n_models));
    if (lb->updated_at) {
        char *date = fmt_update_date(p, lb->updated_at);
        const LocaleVar vars[] = {{"date", date}};
        add_owned(o, "updated", trf(p, "index.updated", vars, 1));
        free(date);
    }
}

/* Marks the first entry of a list ("first": true), for separators. */
static void mark_first(cJSON *list)
{
    const cJSON *item;
    int first = 1;
    cJSON_ArrayForEach(item, list) {
        cJSON_DeleteItemFromObjectCaseSensitive((cJSON *)item, "first");
        put_bool((cJSON *)item, "first", first);
        first = 0;
    }
}

/* The board's category pages from `self`, the board's own page first
 * ("overall") when `with_board`; an empty list for a board without
 * categories. */
static cJSON *category_links(Page *p, Route self, size_t board, int with_board,
                             int with_counts)
{
    const SiteModel *s = p->site;
    const BoardConfig *bc = &s->config->boards[board];
    cJSON *list = cJSON_CreateArray();
    if (bc->n_categories == 0 || !s->categories || !s->boards[board])
        return list;
    Route page = board_page(s, p->locale, board);
    if (with_board)
        cJSON_AddItemToArray(list, page_link(p, self, page,
                                             tr(p, "category.overall")));
    for (size_t c = 0; c < bc->n_categories; c++) {
        const Leaderboard *data = category_data(s, board, c);
        if (!data)
            continue; /* its board failed, with no earlier page (site.h) */
        Route cat = route_with_category(page, bc->categories[c].id);
        cJSON *o = page_link(p, self, cat, tr(p, bc->categories[c].title_key));
        if (with_counts)
            add_counts(o, p, data);
        cJSON_AddItemToArray(list, o);
    }
    mark_first(list);
    return list;
}

/* The boards grouped as the configuration groups them (group.<id>, in the
 * order groups first appear); after the first group holding a board with
 * categories, a group of those boards' categories. */
static cJSON *board_groups(Page *p, Route self)
{
    const SiteModel *s = p->site;
    const SiteConfig *cfg = s->config;
    cJSON *groups = cJSON_CreateArray();
    int categories_placed = 0;
    for (size_t b = 0; b < cfg->n_boards; b++) {
        const char *g = config_board_group(&cfg->boards[b]);
        int seen = 0;
        for (size_t k = 0; k < b && !seen; k++)
            seen = strcmp(config_board_group(&cfg->boards[k]), g) == 0;
        if (seen)
            continue;
        cJSON *group = cJSON_CreateObject();
        char *key = str_printf("group.%s", g);
        add_text(group, "title", p, key);
        free(key);
        cJSON *boards = put_array(group, "boards");
        int has_categories = 0;
        for (size_t k = b; k < cfg->n_boards; k++) {
            const BoardConfig *bc = &cfg->boards[k];
            if (strcmp(config_board_group(bc), g) != 0 || !s->boards[k])
                continue; /* another group's, or failed with no pages */
            cJSON *o = page_link(p, self, board_page(s, p->locale, k),
                                 tr(p, bc->title_key));
            add_text(o, "short_title", p, bc->short_title_key ? bc->short_title_key
                                                               : bc->title_key);
            /* On a category page, its board is where the reader is. */
            put_bool(o, "active", self.board
                                  && strcmp(self.board, bc->id) == 0);
            add_text(o, "description", p, bc->description_key);
            add_counts(o, p, s->boards[k]);
            put_item(o, "categories", category_links(p, self, k, 0, 0));
            cJSON_AddItemToArray(boards, o);
            has_categories |= bc->n_categories > 0 && s->categories != NULL;
        }
        if (cJSON_GetArraySize(boards) > 0)
            cJSON_AddItemToArray(groups, group);
        else
            cJSON_Delete(group);
        if (!has_categories || categories_placed)
            continue;
        categories_placed = 1;
        cJSON *cats = cJSON_CreateObject();
        add_text(cats, "title", p, "group.categories");
        put_bool(cats, "is_categories", 1);
        cJSON *of = put_array(cats, "category_boards");
        for (size_t k = 0; k < cfg->n_boards; k++) {
            if (cfg->boards[k].n_categories == 0 || !s->boards[k])
                continue;
            cJSON *o = cJSON_CreateObject();
            add_text(o, "title", p, cfg->boards[k].title_key);
            put_item(o, "categories", category_links(p, self, k, 0, 1));
            cJSON_AddItemToArray(of, o);
        }
        cJSON_AddItemToArray(groups, cats);
    }
    return groups;
}

cJSON *finish(Page *p, cJSON *v)
{
    if (p->failed) {
        cJSON_Delete(v);
        return NULL;
    }
    return v;
}

void set_page_meta(cJSON *v, const char *title, const char *description)
{
    put_str(v, "page_title", title);
    put_str(v, "page_description", description);
}

/* The notes that are about the whole table rather than one column. */
static void add_board_notes(cJSON *b, Page *p, const Leaderboard *lb)
{
    cJSON *list = cJSON_GetObjectItem(b, "badge_notes");
    if (lb->style_control == 1 && !isnan(lb->n_models ? lb->models[0].rating : NAN))
        cJSON_InsertItemInArray(list, 0, cJSON_CreateString(tr(p, "note.style_control")));
}

/* The board page, or (category set) one of its category pages. */
static cJSON *board_view(const SiteModel *s, size_t locale, size_t board,
                         const CategoryConfig *category,
                         const Leaderboard *lb, const BoardHistory *history,
                         LbError *err)
{
    Page p = page_for(s, locale, err);
    p.board = board;
    p.category = category;
    const BoardConfig *bc = &s->config->boards[board];
    p.history = history;
    if (p.history && p.history->previous) {
        p.changes = xcalloc(lb->n_models ? lb->n_models : 1, sizeof *p.changes);
        rank_changes(p.history->previous, lb, p.changes);
    }
    if (p.history && p.history->n_snapshots)
        p.trend = trend_ratings(lb, p.history);
    Route self = self_page(&p, ROUTE_BOARD_HTML);
    p.self = self;
    /* A category page finds its models by name (modelindex_find). */
    p.view = s->models ? modelindex_view_of(s->models, board,
                                            MODELINDEX_NO_CATEGORY)
                       : 0;
    cJSON *v = frame(&p, self);
    /* Tables use the whole width of the window (style.css). */
    put_str(v, "page_class", "wide");
    /* The filter's count ("12 of 293") is written by the script, grouped
     * as the page's other numbers are. */
    put_str(v, "number_group", p.loc->number.group);
    cJSON *b = put_object(v, "board");
    const char *board_title = tr(&p, bc->title_key);
    char *title;
    if (category) {
        const LocaleVar vars[] = {{"board", board_title},
                                  {"category", tr(&p, category->title_key)}};
        title = trf(&p, "category.page_title", vars, 2);
        add_owned(b, "intro", trf(&p, "category.intro", vars, 2));
    } else {
        title = xstrdup(board_title);
        add_text(b, "intro", &p, bc->intro_key);
    }
    put_str(b, "title", title);
    put_item(b, "updated", updated_sentence(&p, lb));
    char *count = fmt_integer(p.loc, (long long)lb->n_models);
    size_t n_shown = rows_shown(&p, bc, lb);
    char *shown = fmt_integer(p.loc, (long long)n_shown);
    const LocaleVar vars[] = {{"title", title}, {"count", count}, {"shown", shown}};
    /* A page that shows the top rows says so; the downloads hold them all. */
    add_owned(b, "caption", trf_count(&p, n_shown < lb->n_models
                                              ? "table.caption_top"
                                              : "table.caption",
                                      (long long)lb->n_models, vars, 3));
    free(count);
    free(shown);
    cJSON *categories = category_links(&p, self, board, 1, 0);
    put_bool(b, "has_categories", cJSON_GetArraySize(categories) > 0);
    put_item(b, "categories", categories);
    add_table(b, &p, bc, lb);
    add_board_notes(b, &p, lb);
    add_chart(b, &p, lb);
    add_source(b, &p, lb);
    add_text(b, "disclaimer", &p, "disclaimer.text");
    add_downloads(b, &p);
    put_item(v, "groups", board_groups(&p, self));
    set_page_meta(v, title, tr(&p, bc->description_key));
    free(title);
    add_notice(&p, v, self);
    free(p.changes);
    free(p.trend);
    return finish(&p, v);
}

cJSON *view_board(const SiteModel *s, size_t locale, size_t board,
                  LbError *err)
{
    assert(locale < s->n_locales && board < s->config->n_boards);
    return board_view(s, locale, board, NULL, s->boards[board],
                      s->history ? &s->history[board] : NULL, err);
}

cJSON *view_category(const SiteModel *s, size_t locale, size_t board,
                     size_t category, LbError *err)
{
    assert(locale < s->n_locales && board < s->config->n_boards);
    assert(s->categories && category < s->config->boards[board].n_categories);
    const BoardCategories *bc = &s->categories[board];
    return board_view(s, locale, board,
                      &s->config->boards[board].categories[category],
                      bc->boards[category],
                      bc->history ? &bc->history[category] : NULL, err);
}

cJSON *view_locale_index(const SiteModel *s, size_t locale, LbError *err)
{
    Page p = page_for(s, locale, err);
    Route self = index_page(s, locale);
    cJSON *v = frame(&p, self);
    put_item(v, "groups", board_groups(&p, self));
    add_owned(v, "readme_href",
              href(s, route_locale(ROUTE_LOCALE_SUMMARY, code_of(s, locale)),
                   route_markdown_twin(self)));
    size_t shown = 0;
    for (size_t b = 0; b < s->config->n_boards; b++)
        shown += s->boards[b] != NULL;
    add_owned(v, "intro", count_text(&p, "index.intro", shown));
    /* README.md and SUMMARY.md sit side by side: one link for both. */
    Route readme = route_markdown_twin(self);
    add_owned(v, "overview_md_href",
              href(s, readme, route_locale(ROUTE_OVERVIEW_MD, code_of(s, locale))));
    set_page_meta(v, tr(&p, s->config->title_key), tr(&p, s->config->tagline_key));
    add_notice(&p, v, self);
    return finish(&p, v);
}

/* The language chooser: every locale's name and tagline in its own words. */
static cJSON *languages(const SiteModel *s, Route self, LbError *err,
                        int *failed)
{
    cJSON *list = cJSON_CreateArray();
    for (size_t l = 0; l < s->n_locales; l++) {
        Page p = page_for(s, l, err);
        cJSON *o = cJSON_CreateObject();
        put_str(o, "tag", s->locales[l]->tag);
        put_str(o, "name", s->locales[l]->name);
        add_text(o, "tagline", &p, s->config->tagline_key);
        add_text(o, "not_found_text", &p, "404.text");
        add_owned(o, "href", href(s, self, index_page(s, l)));
        cJSON_AddItemToArray(list, o);
        *failed |= p.failed;
    }
    return list;
}

static cJSON *language_page(const SiteModel *s, Route self, LbError *err)
{
    Page p = page_for(s, 0, err);
    cJSON *v = frame(&p, self);
    put_item(v, "languages", languages(s, self, err, &p.failed));
    set_page_meta(v, self.kind == ROUTE_NOT_FOUND ? tr(&p, "404.title")
                                                  : tr(&p, s->config->title_key),
                  tr(&p, s->config->tagline_key));
    return finish(&p, v);
}

cJSON *view_root(const SiteModel *s, LbError *err)
{
    return language_page(s, route_site(ROUTE_ROOT), err);
}

/* The 404 page's script (templates/html/404.html) needs the base URL to
 * tell the published site from a copy elsewhere. */
cJSON *view_not_found(const SiteModel *s, LbError *err)
{
    cJSON *v = language_page(s, route_site(ROUTE_NOT_FOUND), err);
    if (v && s->router.base_url)
        cJSON_AddStringToObject(v, "base_url", s->router.base_url);
    return v;
}

/* A page of the sitemap; its other languages as xhtml:link alternates
 * when `with_alternates` (model pages, hundreds per language, leave them to
 * their own <link hreflang> lines: the sitemap stays small). */
static void add_sitemap_entry(cJSON *urls, const SiteModel *s, Route page,
                              size_t locale, const char *lastmod,
                              int with_alternates)
{
    Page p = page_for(s, locale, NULL);
    cJSON *u = cJSON_CreateObject();
    add_url(u, "loc", s, page);
    if (lastmod)
        add_owned(u, "lastmod", xstrndup(lastmod, 10));
    if (page.kind != ROUTE_ROOT && with_alternates)
        put_item(u, "alternates", alternates(&p, page));
    cJSON_AddItemToArray(urls, u);
}

static void add_sitemap_url(cJSON *urls, const SiteModel *s, Route page,
                            size_t locale, const char *lastmod)
{
    add_sitemap_entry(urls, s, page, locale, lastmod, 1);
}

cJSON *view_sitemap(const SiteModel *s)
{
    cJSON *v = cJSON_CreateObject();
    cJSON *urls = put_array(v, "urls");
    add_sitemap_url(urls, s, route_site(ROUTE_ROOT), 0, NULL);
    for (size_t l = 0; l < s->n_locales; l++) {
        add_sitemap_url(urls, s, index_page(s, l), l, NULL);
        for (size_t b = 0; b < s->config->n_boards; b++) {
            if (!s->boards[b])
                continue; /* failed, with no earlier pages to keep */
            add_sitemap_url(urls, s, board_page(s, l, b), l,
                            s->boards[b]->updated_at);
            const BoardConfig *bc = &s->config->boards[b];
            for (size_t c = 0; s->categories && c < bc->n_categories; c++)
                if (category_data(s, b, c))
                    add_sitemap_url(urls, s,
                                    route_with_category(board_page(s, l, b),
                                                        bc->categories[c].id),
                                    l, category_data(s, b, c)->updated_at);
        }
        add_sitemap_url(urls, s, route_locale(ROUTE_OVERVIEW_HTML, code_of(s, l)), l,
                        NULL);
        for (size_t m = 0; s->models && m < s->models->n_models; m++)
            if (s->models->models[m].has_page)
                add_sitemap_entry(urls, s, route_model(code_of(s, l), s->models->models[m].slug),
                              l, NULL, 0);
    }
    return v;
}
