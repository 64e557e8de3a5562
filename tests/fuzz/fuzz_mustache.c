/* fuzz_mustache — the Mustache compiler and renderer.
 *
 * The input is the template; it is also registered as the partial "self"
 * so recursion and fan-out ({{>self}}{{>self}}) are reachable. It renders
 * against a fixed view with lists, nested objects, markup and numbers, once
 * per escaper. Errors are fine; crashes, leaks and hangs are not. */
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "fuzz.h"
#include "mustache.h"

static const char VIEW[] =
    "{\"name\":\"<b>&\\\"'|x\\n\",\"n\":1.5,\"zero\":0,\"t\":true,\"f\":false,"
    "\"null\":null,\"empty\":[],\"list\":[1,\"two\",{\"name\":\"in\"},[3]],"
    "\"a\":{\"b\":{\"c\":\"deep\"}},\"partial\":\"self\",\"other\":\"p\","
    "\"rows\":[{\"model\":\"m1\",\"url\":\"javascript:x\"},{\"model\":\"m2\"}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static cJSON *view;
    if (!view)
        view = cJSON_Parse(VIEW); /* kept for the process */
    const char *text = (const char *)data;
    MustacheEnv *env = mustache_env_new(NULL);
    LbError err = {0};
    mustache_env_add_partial(env, "self", text, size, &err);
    mustache_env_add_partial(env, "p", "[{{name}}{{>self}}]", 19, &err);
    MustacheTemplate *t = mustache_compile(env, "fuzz", text, size, &err);
    if (t) {
        static const MustacheEscape escapes[] = {MUSTACHE_ESCAPE_HTML,
                                                 MUSTACHE_ESCAPE_MARKDOWN,
                                                 MUSTACHE_ESCAPE_NONE};
        for (size_t i = 0; i < 3; i++) {
            Buf out = BUF_INIT;
            mustache_render(env, t, view, escapes[i], &out, &err);
            buf_free(&out);
        }
    }
    mustache_env_free(env);
    return 0;
}
