/* fuzz_battles — the battle reader (a JSON array or JSON Lines, chosen by
 * the first byte), differentially: the in-memory scan and the streaming
 * scan of the same bytes must agree exactly (battles.h promises identical
 * results), and what both accept is rated (Bradley–Terry, no bootstrap,
 * one thread, with style control) and pushed through the data model. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "battles.h"
#include "fuzz.h"
#include "rate.h"

static int same(const Battles *x, const Battles *y)
{
    if (x->n != y->n || x->n_models != y->n_models || x->records != y->records
        || x->self_battles != y->self_battles
        || x->where_rejected != y->where_rejected)
        return 0;
    for (size_t i = 0; i < x->n_models; i++)
        if (strcmp(x->names[i], y->names[i]) != 0)
            return 0;
    return x->n == 0
           || (memcmp(x->a, y->a, x->n * sizeof *x->a) == 0
               && memcmp(x->b, y->b, x->n * sizeof *x->b) == 0
               && memcmp(x->outcome, y->outcome, x->n) == 0);
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
    ro.want_style = 1;
    Battles mem, stream;
    battles_init(&mem);
    battles_init(&stream);
    LbError e1 = {0}, e2 = {0};
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
    if (r1 == 0 && mem.n > 0 && mem.n < 5000) {
        RateOptions o;
        rate_options_init(&o);
        o.id = "fuzz";
        o.source_name = "fuzz.jsonl";
        o.bootstrap = 0;
        o.threads = 1;
        o.style_control = 1;
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
    return 0;
}
