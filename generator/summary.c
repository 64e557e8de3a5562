#include "summary.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "fileio.h"
#include "mem.h"
#include "mustache.h"
#include "rankchange.h"

/* ---- the report ----------------------------------------------------------------- */

static char *previous_path(const char *previous_dir, const char *data_path)
{
    const char *slash = strrchr(data_path, '/');
    Buf path = BUF_INIT;
    buf_printf(&path, "%s/%s", previous_dir, slash ? slash + 1 : data_path);
    return buf_detach(&path);
}

static void put_cell(Buf *out, const char *text)
{
    mustache_escape_markdown(out, text, strlen(text));
}

/* The board a log line is about when it starts "lbgen build: ID:" with
 * the id of one of the boards, else NULL. */
static const BoardConfig *line_owner(const SiteConfig *c, const char *line)
{
    static const char prefix[] = "lbgen build: ";
    if (strncmp(line, prefix, sizeof prefix - 1) != 0)
        return NULL;
    const char *id = line + sizeof prefix - 1;
    for (size_t i = 0; i < c->n_boards; i++) {
        size_t n = strlen(c->boards[i].id);
        if (strncmp(id, c->boards[i].id, n) == 0 && id[n] == ':')
            return &c->boards[i];
    }
    return NULL;
}

/* 1 when the line names the board: its id (as the line's owner), or,
 * on a line no board owns, its data file or one of its source URLs. */
static int line_names_board(const SiteConfig *c, const char *line,
                            const BoardConfig *b)
{
    const BoardConfig *owner = line_owner(c, line);
    if (owner)
        return owner == b;
    if (strstr(line, b->data))
        return 1;
    for (size_t i = 0; i < b->n_sources; i++)
        if (strstr(line, b->sources[i].url))
            return 1;
    return 0;
}

/* Lines a working refresh prints too: progress, warnings, a source
 * skipped before another one was used. */
static int line_is_progress(const char *line, const BoardConfig *b)
{
    Buf id = BUF_INIT;
    buf_printf(&id, "%s: ", b->id);
    const char *after = strstr(line, id.data);
    after = after ? after + id.len : "";
    buf_free(&id);
    return strncmp(after, "refreshed", 9) == 0
           || strncmp(after, "warning:", 8) == 0
           || (strncmp(after, "source ", 7) == 0
               && strstr(after, " skipped: "))
           || strstr(line, "; retry ") || strstr(line, ": not modified; ")
           || strstr(line, ": cache not updated: ");
}

/* Walks the build log: *failed when a line reports the board's failure,
 * *skipped the sources it skipped this run. */
static void scan_log(const SiteConfig *c, const char *log,
                     const BoardConfig *b, int *failed, size_t *skipped)
{
    *failed = 0;
    *skipped = 0;
    for (const char *p = log; p && *p;) {
        size_t len = strcspn(p, "\n");
        char *line = xstrndup(p, len);
        if (line_names_board(c, line, b)) {
            if (!line_is_progress(line, b))
                *failed = 1;
            else if (strstr(line, " skipped: "))
                (*skipped)++;
        }
        free(line);
        p += len + (p[len] == '\n');
    }
}

typedef struct {
    const BoardConfig *config;
    Leaderboard *now, *before; /* before: NULL without a previous file */
    RankChange *changes;       /* per model of `now`, when before is set */
    RankSummary moves;
    int failed;
    size_t skipped;   /* sources skipped in this run's log */
    char *unreadable; /* why `now` (or `before`) could not be read, or NULL */
} BoardReport;

/* Which configured source the data came from: "2 of 3: arena-catalog",
 * the adapter alone when no source of the board matches, "—" unknown. */
static void put_data_source(Buf *out, const BoardReport *r)
{
    const LbSource *s = &r->now->source;
    if (!s->adapter) {
        buf_puts(out, "—");
        return;
    }
    const BoardConfig *b = r->config;
    for (size_t i = 0; i < b->n_sources; i++) {
        if (strcmp(b->sources[i].adapter, s->adapter) == 0
            && (!s->url || strcmp(b->sources[i].url, s->url) == 0)) {
            buf_printf(out, "%zu of %zu: ", i + 1, b->n_sources);
            break;
        }
    }
    put_cell(out, s->adapter);
}

static void put_overview_row(Buf *out, const BoardReport *r)
{
    buf_puts(out, "| ");
    put_cell(out, r->config->id);
    if (r->unreadable) {
        /* The build failed this board too (it kept its previous pages). */
        buf_puts(out, " | — | — | — | — | **data unreadable**: ");
        put_cell(out, r->unreadable);
        buf_puts(out, " |\n");
        return;
    }
    buf_printf(out, " | %zu | %s | ", r->now->n_models,
               r->now->updated_at ? r->now->updated_at : "—");
    put_data_source(out, r);
    buf_puts(out, " | ");
    if (!r->before)
        buf_puts(out, "no previous snapshot");
    else if (!r->moves.n_moved && !r->moves.added && !r->moves.dropped)
        buf_puts(out, "no rank changes");
    else
        buf_printf(out, "%zu moved, %zu new, %zu dropped", r->moves.n_moved,
                   r->moves.added, r->moves.dropped);
    buf_printf(out, " | %s", r->failed ? "**failed its checks**" : "ok");
    if (r->skipped)
        buf_printf(out, " (%zu source%s skipped)", r->skipped,
                   r->skipped == 1 ? "" : "s");
    buf_puts(out, " |\n");
}

static void put_changes(Buf *out, const BoardReport *r, size_t top)
{
    if (r->unreadable || !r->moves.n_moved || !top)
        return;
    buf_puts(out, "\n### ");
    put_cell(out, r->config->id);
    buf_puts(out, ": biggest rank changes\n\n| model | rank | change |\n"
                  "|---|---:|---:|\n");
    for (size_t i = 0; i < r->moves.n_moved && i < top; i++) {
        size_t m = r->moves.moved[i];
        const RankChange *c = &r->changes[m];
        buf_puts(out, "| ");
        put_cell(out, r->now->models[m].model);
        buf_printf(out, " | %d | %s %d (was %d) |\n", c->rank,
                   c->move == RANK_UP ? "▲" : "▼", c->places, c->previous_rank);
    }
}

/* The log in a fence longer than any backtick run inside it. */
static void put_log(Buf *out, const char *log)
{
    size_t longest = 0, run = 0;
    for (const char *p = log; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        if (run > longest)
            longest = run;
    }
    size_t fence = longest < 3 ? 3 : longest + 1;
    buf_puts(out, "\n### Build messages\n\n");
    for (size_t i = 0; i < fence; i++)
        buf_putc(out, '`');
    buf_printf(out, "\n%s%s", log,
               log[0] && log[strlen(log) - 1] == '\n' ? "" : "\n");
    for (size_t i = 0; i < fence; i++)
        buf_putc(out, '`');
    buf_putc(out, '\n');
}

static void report_free(BoardReport *r)
{
    leaderboard_free(r->now);
    leaderboard_free(r->before);
    free(r->unreadable);
    free(r->changes);
    rank_summary_free(&r->moves);
}

/* A board whose data (or previous data) cannot be read is reported as
 * such, in its row: the summary of a run where one board failed still
 * describes all the others. */
static void report_board(const SummaryOptions *o, const SiteConfig *config,
                         const BoardConfig *b, BoardReport *r)
{
    memset(r, 0, sizeof *r);
    r->config = b;
    scan_log(config, o->log_text, b, &r->failed, &r->skipped);
    char *path = config_path(config, b->data);
    LbError why = {0};
    r->now = leaderboard_load(path, &why);
    free(path);
    if (r->now && o->previous_dir) {
        char *old = previous_path(o->previous_dir, b->data);
        if (access(old, F_OK) == 0 && !(r->before = leaderboard_load(old, &why))) {
            leaderboard_free(r->now);
            r->now = NULL;
        }
        free(old);
    }
    if (!r->now) {
        r->unreadable = xstrdup(why.message);
        return;
    }
    if (r->before) {
        r->changes = xcalloc(r->now->n_models + 1, sizeof *r->changes);
        rank_changes(r->before, r->now, r->changes);
        rank_summary(r->before, r->now, r->changes, &r->moves);
    }
}

int summary_markdown(const SummaryOptions *o, Buf *out, LbError *err)
{
    SiteConfig *config = config_load(o->config_path, err);
    if (!config)
        return -1;
    BoardReport *reports = xcalloc(config->n_boards + 1, sizeof *reports);
    size_t n = config->n_boards;
    for (size_t i = 0; i < n; i++)
        report_board(o, config, &config->boards[i], &reports[i]);
    buf_puts(out, "## Leaderboards\n\n| board | rows | updated | "
                  "data from | since the previous snapshot | source |\n"
                  "|---|---:|---|---|---|---|\n");
    for (size_t i = 0; i < n; i++)
        put_overview_row(out, &reports[i]);
    for (size_t i = 0; i < n; i++)
        put_changes(out, &reports[i], o->top_changes);
    if (o->log_text && o->log_text[0])
        put_log(out, o->log_text);
    for (size_t i = 0; i < n; i++)
        report_free(&reports[i]);
    free(reports);
    config_free(config);
    return 0;
}

/* 1 when the two files differ or `old` cannot be read; 0 when they are
 * the same or `now` cannot be read (a failed board keeps no new data). */
static int files_differ(const char *now, const char *old)
{
    char *a, *b;
    size_t alen, blen;
    LbError ignored;
    if (file_read_all(now, &a, &alen, &ignored) != 0)
        return 0; /* nothing to commit: the build kept its last good data */
    if (file_read_all(old, &b, &blen, &ignored) != 0) {
        free(a);
        return 1;
    }
    int differ = alen != blen || memcmp(a, b, alen) != 0;
    free(a);
    free(b);
    return differ;
}

int summary_changed_boards(const char *config_path_name,
                           const char *previous_dir, Buf *out, LbError *err)
{
    SiteConfig *config = config_load(config_path_name, err);
    if (!config)
        return -1;
    for (size_t i = 0; i < config->n_boards; i++) {
        const BoardConfig *b = &config->boards[i];
        char *now = config_path(config, b->data);
        char *old = previous_path(previous_dir, b->data);
        if (files_differ(now, old))
            buf_printf(out, "%s\n", b->id);
        free(now);
        free(old);
    }
    config_free(config);
    return 0;
}
