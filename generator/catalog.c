#include "catalog.h"

#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "text.h"

typedef struct {
    char *id;
    const LbModel *entry;
} IndexEntry;

static int index_cmp(const void *a, const void *b)
{
    return strcmp(((const IndexEntry *)a)->id, ((const IndexEntry *)b)->id);
}

static void fill_string(char **dst, const char *src)
{
    if (!*dst && src)
        *dst = xstrdup(src);
}

static void fill_count(long long *dst, long long src)
{
    if (*dst < 0 && src >= 0)
        *dst = src;
}

size_t catalog_join(Leaderboard *lb, const Leaderboard *catalog)
{
    size_t n = catalog->n_models, matched = 0;
    IndexEntry *index = xcalloc(n ? n : 1, sizeof *index);
    for (size_t i = 0; i < n; i++) {
        index[i].id = model_id_normalize(catalog->models[i].model);
        index[i].entry = &catalog->models[i];
    }
    /* Several rows may share an id; the earliest row wins (qsort is not
     * stable, so the lookup below compares positions). */
    qsort(index, n, sizeof *index, index_cmp);
    for (size_t i = 0; i < lb->n_models; i++) {
        LbModel *m = &lb->models[i];
        IndexEntry key = {model_id_normalize(m->model), NULL};
        IndexEntry *hit = n ? bsearch(&key, index, n, sizeof *index,
                                      index_cmp)
                            : NULL;
        /* Walk back to the first of equal ids, then pick the earliest row. */
        while (hit && hit > index && strcmp(hit[-1].id, key.id) == 0)
            hit--;
        const LbModel *best = NULL;
        for (IndexEntry *e = hit; e && e < index + n
                                  && strcmp(e->id, key.id) == 0; e++)
            if (!best || e->entry < best)
                best = e->entry;
        free(key.id);
        if (!best)
            continue;
        matched++;
        fill_string(&m->organization, best->organization);
        fill_string(&m->license, best->license);
        fill_string(&m->url, best->url);
        fill_string(&m->params, best->params);
        fill_count(&m->context, best->context);
        fill_count(&m->hf_likes, best->hf_likes);
        fill_count(&m->hf_downloads, best->hf_downloads);
    }
    for (size_t i = 0; i < n; i++)
        free(index[i].id);
    free(index);
    return matched;
}
