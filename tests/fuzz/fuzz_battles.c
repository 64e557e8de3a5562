/* fuzz_battles — the battle reader (a JSON array or JSON Lines, chosen by
 * the first byte), differentially:
 *   - the in-memory scan and the streaming scan of the same bytes agree
 *     (battles.h promises identical results);
 *   - JSON Lines read by one thread and by two threads in tiny chunks give
 *     the same battles, or the same error message, byte for byte;
 *   - JSON Lines the fast path accepted, written as a JSON array (read by
 *     the scanner alone), give the same battles: the fast path accepts
 *     nothing the scanner would refuse;
 * and what is accepted is rated (Bradley–Terry with sandwich intervals,
 * one thread, with style control) and pushed through the data model. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "battles.h"
#include "buf.h"
#include "fuzz.h"
#include "rate.h"

static int same(const Battles *x, const Battles *y)
{
    if (x->n != y->n || x->n_models != y->n_models || x->records != y->records
        || x->self_battles != y->self_battles
        || x->where_rejected != y->where_rejected
        || x->weighted != y->weighted || !x->weight != !y->weight)
        return 0;
    for (size_t i = 0; i < x->n_models; i++)
        if (strcmp(x->names[i], y->names[i]) != 0)
            return 0;
    if (x->n == 0)
        return 1;
    if (memcmp(x->a, y->a, x->n * sizeof *x->a) != 0
        || memcmp(x->b, y->b, x->n * sizeof *x->b) != 0
        || memcmp(x->outcome, y->outcome, x->n) != 0)
        return 0;
    for (size_t k = 0; k < x->n; k++) {
        if (!(x->tstamp[k] == y->tstamp[k]
              || (isnan(x->tstamp[k]) && isnan(y->tstamp[k]))))
            return 0;
        if (x->weight && x->weight[k] != y->weight[k])
            return 0;
    }
    return !x->style || !y->style
           || memcmp(x->style, y->style,
                     x->n * STYLE_FEATURES * sizeof *x->style) == 0;
}

/* The records of JSON Lines as one JSON array (blank lines dropped). */
static void as_array(const uint8_t *data, size_t size, Buf *out)
{
    buf_putc(out, '[');
    int first = 1;
    size_t pos = 0;
    while (pos < size) {
        const uint8_t *nl = memchr(data + pos, '\n', size - pos);
        size_t end = nl ? (size_t)(nl - data) : size;
        size_t s = pos;
        while (s < end && (data[s] == ' ' || data[s] == '\t' ||
                           data[s] == '\r'))
            s++;
        if (s < end) {
            if (!first)
                buf_putc(out, ',');
            buf_append(out, data + s, end - s);
            first = 0;
        }
        pos = end + 1;
    }
    buf_putc(out, ']');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const BattleWhere where[] = {{"language", "English"}};
    BattleReadOptions ro = {0};
    ro.anony_only = 0;
    ro.where = size % 2 ? where : NULL; /* half the runs filter */
    ro.n_where = size % 2;
    ro.since = NAN;
    ro.until = NAN;
    ro.want_style = size % 3 != 0;
    ro.threads = 1;
    Battles mem, stream, chunked;
    battles_init(&mem);
    battles_init(&stream);
    battles_init(&chunked);
    LbError e1 = {0}, e2 = {0}, e3 = {0};
    int r1 = battles_read_memory((const char *)data, size, "fuzz.jsonl", &ro,
                                 &mem, &e1);
    FILE *f = fmemopen((void *)(size ? data : (const uint8_t *)""),
                       size ? size : 1, "rb");
    int r2 = f && size ? battles_read_stream(f, "fuzz.jsonl", &ro, &stream, &e2)
                       : r1;
    if (f)
        fclose(f);
    if (size && (r1 != r2 || (r1 == 0 && !same(&mem, &stream))))
        abort(); /* the two readers disagree */
    BattleReadOptions two = ro;
    two.threads = 2;
    two.chunk_bytes = 1 + size % 61;
    int r3 = battles_read_memory((const char *)data, size, "fuzz.jsonl", &two,
                                 &chunked, &e3);
    if (r1 != r3 || (r1 == 0 && !same(&mem, &chunked)) ||
        (r1 != 0 && strcmp(e1.message, e3.message) != 0))
        abort(); /* the thread count changed the result */
    size_t first = 0;
    while (first < size && (data[first] == ' ' || data[first] == '\n' ||
                            data[first] == '\t' || data[first] == '\r'))
        first++;
    if (r1 == 0 && first < size && data[first] != '[') {
        Buf array = BUF_INIT;
        as_array(data, size, &array);
        Battles scanned;
        battles_init(&scanned);
        LbError e4 = {0};
        int r4 = battles_read_memory(array.data, array.len, "fuzz.json", &ro,
                                     &scanned, &e4);
        if (r4 != 0 || !same(&mem, &scanned))
            abort(); /* the fast path accepted what the scanner refuses */
        battles_free(&scanned);
        buf_free(&array);
    }
    if (r1 == 0 && mem.n > 0 && mem.n < 5000) {
        RateOptions o;
        rate_options_init(&o);
        o.id = "fuzz";
        o.source_name = "fuzz.jsonl";
        o.bootstrap = size % 2;
        o.threads = 1;
        o.style_control = ro.want_style;
        o.read = ro;
        LbError err = {0};
        Leaderboard *lb = rate_battles(&mem, &o, &err);
        if (lb) {
            cJSON *json = leaderboard_to_json(lb);
            Leaderboard *back = leaderboard_from_json(json, "fuzz", &err);
            leaderboard_free(back);
            cJSON_Delete(json);
            leaderboard_free(lb);
        }
    }
    battles_free(&mem);
    battles_free(&stream);
    battles_free(&chunked);
    return 0;
}
