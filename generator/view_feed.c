/* view_feed — the Atom feed (RFC 4287) of one language: the notable
 * changes between the boards' snapshots (boardnews.h), newest first, one
 * entry per change, in that language.
 *
 * What Atom requires, and how it is met:
 *   - feed and entry ids are permanent and never reused: tag URIs
 *     (RFC 4151) made of the board, the version's date, the kind of change
 *     and the model, so a reader sees each change once, whenever the site
 *     is rebuilt. With a base URL the tagging authority is its host and the
 *     base path starts the specific part ("tag:owner.github.io,2026-01-02:
 *     /lbgen/fr/text/leader/gemini-3-pro"); without one it is "lbgen.invalid"
 *     (a name RFC 2606 reserves, so it is nobody's and no URL), and nothing
 *     in the feed is an absolute URL.
 *   - `updated`: the version's own updated_at (else its date at 00:00 UTC);
 *     the feed's is its newest entry's (else the newest board's), never the
 *     clock, so the same data gives the same bytes.
 *   - links: absolute with a base URL (and a rel="self" link); without one
 *     relative to the feed's own address, which Atom allows (an IRI
 *     reference, resolved against the document's URI; no xml:base, which
 *     would have to be absolute to help).
 *   - an author (the site) at the feed level covers every entry. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "boardnews.h"
#include "buf.h"
#include "mem.h"
#include "modelindex.h"
#include "slug.h"
#include "text.h"
#include "view.h"
#include "view_internal.h"

enum { FEED_ENTRIES = 100 };

/* The tag URI prefix: "tag:AUTHORITY,DATE:/PATH". */
static char *tag_uri(const SiteModel *s, const char *date, const char *specific)
{
    const char *base = s->router.base_url;
    if (!base)
        return str_printf("tag:lbgen.invalid,%s:/%s", date, specific);
    const char *host = strstr(base, "://") + 3;
    size_t host_len = strcspn(host, "/:");
    const char *path = host + strcspn(host, "/"); /* ends with '/' */
    return str_printf("tag:%.*s,%s:%s%s", (int)host_len, host, date, path, specific);
}

/* A link from the feed: absolute with a base URL, else relative to it. */
static char *feed_link(const SiteModel *s, Route feed, Route to)
{
    char *url = route_url(&s->router, to);
    return url ? url : href(s, feed, to);
}

/* "2026-01-02" → "2026-01-02T00:00:00Z"; a full UTC time as it is. */
static char *atom_time(const char *date_or_time)
{
    if (text_has_shape(date_or_time, "dddd-dd-ddTdd:dd:ddZ"))
        return xstrdup(date_or_time);
    return str_printf("%.10sT00:00:00Z", date_or_time);
}

static const char *const kind_names[] = {
    [NEWS_LEADER] = "leader", [NEWS_NEW] = "new", [NEWS_TOP_ENTER] = "top-enter",
    [NEWS_TOP_LEAVE] = "top-leave", [NEWS_UP] = "up", [NEWS_DOWN] = "down",
};

static const char *title_key(const NewsItem *n)
{
    switch (n->kind) {
    case NEWS_LEADER: return "feed.leader";
    case NEWS_NEW: return "feed.new";
    case NEWS_TOP_ENTER: return "feed.top_enter";
    case NEWS_TOP_LEAVE: return n->rank ? "feed.top_leave" : "feed.top_gone";
    case NEWS_UP: return "feed.up";
    case NEWS_DOWN: return "feed.down";
    }
    return "feed.new";
}

static cJSON *entry(Page *p, Route feed, const NewsItem *n)
{
    const SiteModel *s = p->site;
    const IndexView *iv = &s->models->views[n->view];
    const BoardConfig *bc = &s->config->boards[iv->board];
    const IndexedModel *im = modelindex_find(s->models, n->model);
    cJSON *e = cJSON_CreateObject();
    char *key = model_id_normalize(n->model);
    char *slug = slug_for_model(key); /* as the page's, before collisions */
    free(key);
    char *specific = str_printf("%s/%s/%s/%s", code_of(s, p->locale), bc->id,
                                kind_names[n->kind], slug);
    char date[11];
    snprintf(date, sizeof date, "%.10s", n->date);
    add_owned(e, "id", tag_uri(s, date, specific));
    free(specific);
    free(slug);
    add_owned(e, "updated", atom_time(n->updated ? n->updated : n->date));
    char *rank = fmt_integer(p->loc, n->rank), *prev = fmt_integer(p->loc, n->previous_rank);
    char *top = fmt_integer(p->loc, BOARDNEWS_TOP);
    const LocaleVar vars[] = {{"board", tr(p, bc->title_key)}, {"model", n->model},
                              {"previous", n->previous_leader ? n->previous_leader : ""},
                              {"rank", rank}, {"previous_rank", prev}, {"top", top}};
    add_owned(e, "title", trf(p, title_key(n), vars, 6));
    free(rank);
    free(prev);
    free(top);
    Route board = board_page(s, p->locale, iv->board);
    Route target = im && im->has_page ? route_model(code_of(s, p->locale), im->slug)
                                      : board;
    add_owned(e, "href", feed_link(s, feed, target));
    cJSON_AddStringToObject(e, "board_id", bc->id);
    add_text(e, "board", p, bc->title_key);
    return e;
}

/* The newest time any board was updated: the feed's `updated` when it has
 * no entries. */
static const char *newest_board(const SiteModel *s)
{
    const char *newest = NULL;
    for (size_t b = 0; b < s->config->n_boards; b++) {
        const char *u = s->boards[b] ? s->boards[b]->updated_at : NULL;
        if (u && (!newest || strcmp(u, newest) > 0))
            newest = u;
    }
    return newest;
}

cJSON *view_feed(const SiteModel *s, size_t locale, LbError *err)
{
    Page p = page_for(s, locale, err);
    const char *code = code_of(s, locale);
    Route self = route_locale(ROUTE_FEED, code);
    p.self = self;
    cJSON *v = cJSON_CreateObject();
    cJSON_AddStringToObject(v, "tag", p.loc->tag);
    char *feed_specific = str_printf("%s/feed", code);
    add_owned(v, "feed_id", tag_uri(s, "2026", feed_specific));
    free(feed_specific);
    const LocaleVar site[] = {{"site", tr(&p, s->config->title_key)}};
    add_owned(v, "title", trf(&p, "feed.title", site, 1));
    add_text(v, "subtitle", &p, "feed.subtitle");
    add_text(v, "author", &p, s->config->title_key);
    add_url(v, "self_url", s, self);
    add_owned(v, "home_href", feed_link(s, self, index_page(s, locale)));
    cJSON *entries = cJSON_AddArrayToObject(v, "entries");
    char *updated = NULL;
    const NewsList *news = s->news;
    for (size_t i = 0; news && i < news->n && i < FEED_ENTRIES; i++) {
        cJSON *e = entry(&p, self, &news->items[i]);
        const char *u = cJSON_GetObjectItem(e, "updated")->valuestring;
        if (!updated || strcmp(u, updated) > 0) {
            free(updated);
            updated = xstrdup(u);
        }
        cJSON_AddItemToArray(entries, e);
    }
    if (!updated) {
        const char *newest = newest_board(s);
        updated = newest ? atom_time(newest) : xstrdup("1970-01-01T00:00:00Z");
    }
    add_owned(v, "updated", updated);
    return finish(&p, v);
}
