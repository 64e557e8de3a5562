/* mustache_spec_runner — runs the official Mustache spec files (JSON form of
 * github.com/mustache/spec, not kept in this repository) against our engine
 * and prints one line per test, then "N passed, N failed".
 *
 * Usage: mustache_spec_runner FILE.json...   (see `make spec-check SPEC=DIR`)
 * Each test's "partials" are registered in memory and the environment is
 * lenient, because the spec wants a missing partial to render as nothing. */
#include <stdio.h>
#include <string.h>

#include "jsonfile.h"
#include "mustache.h"

static int run_test(const cJSON *test, int *passed, int *failed)
{
    const cJSON *name = cJSON_GetObjectItemCaseSensitive(test, "name");
    const cJSON *data = cJSON_GetObjectItemCaseSensitive(test, "data");
    const cJSON *tmpl = cJSON_GetObjectItemCaseSensitive(test, "template");
    const cJSON *expected = cJSON_GetObjectItemCaseSensitive(test, "expected");
    const cJSON *partials = cJSON_GetObjectItemCaseSensitive(test, "partials");
    if (!cJSON_IsString(tmpl) || !cJSON_IsString(expected))
        return -1;
    MustacheEnv *env = mustache_env_new(NULL);
    mustache_env_set_lenient(env, 1);
    LbError err = {0};
    const cJSON *p;
    cJSON_ArrayForEach(p, partials)
    {
        if (cJSON_IsString(p))
            mustache_env_add_partial(env, p->string, p->valuestring,
                                     strlen(p->valuestring), &err);
    }
    Buf out = BUF_INIT;
    const char *why = NULL;
    MustacheTemplate *t = mustache_compile(env, "template", tmpl->valuestring,
                                           strlen(tmpl->valuestring), &err);
    if (!t || mustache_render(env, t, data, MUSTACHE_ESCAPE_HTML, &out,
                              &err) < 0)
        why = err.message;
    else if (strcmp(out.data ? out.data : "", expected->valuestring) != 0)
        why = "output differs";
    const char *label = cJSON_IsString(name) ? name->valuestring : "?";
    if (why) {
        (*failed)++;
        printf("not ok - %s: %s\n", label, why);
        printf("#   expected: \"%s\"\n#   actual:   \"%s\"\n",
               expected->valuestring, out.data ? out.data : "");
    } else {
        (*passed)++;
        printf("ok - %s\n", label);
    }
    buf_free(&out);
    mustache_env_free(env);
    return 0;
}

int main(int argc, char **argv)
{
    int passed = 0, failed = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: mustache_spec_runner SPEC.json...\n");
        return 1;
    }
    for (int i = 1; i < argc; i++) {
        LbError err = {0};
        cJSON *spec = json_load_file(argv[i], &err);
        if (!spec) {
            fprintf(stderr, "%s\n", err.message);
            return 2;
        }
        printf("# %s\n", argv[i]);
        const cJSON *test;
        cJSON_ArrayForEach(test, cJSON_GetObjectItemCaseSensitive(spec, "tests"))
        {
            if (run_test(test, &passed, &failed) < 0) {
                printf("not ok - malformed test in %s\n", argv[i]);
                failed++;
            }
        }
        cJSON_Delete(spec);
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
