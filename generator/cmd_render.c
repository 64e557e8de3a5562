/* cmd_render — `lbgen render TEMPLATE DATA.json [--partials DIR]
 * [--escape html|markdown|none] [--strict]`: renders one template to
 * stdout.
 *
 * The output is built in memory and written only when rendering succeeded,
 * so an error (printed as TEMPLATE:LINE:COL or DATA:LINE:COL on stderr,
 * exit 2) leaves stdout empty. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "fileio.h"
#include "jsonfile.h"
#include "mem.h"
#include "mustache.h"

static int parse_escape(const char *s, MustacheEscape *out)
{
    if (!strcmp(s, "html"))
        *out = MUSTACHE_ESCAPE_HTML;
    else if (!strcmp(s, "markdown") || !strcmp(s, "md"))
        *out = MUSTACHE_ESCAPE_MARKDOWN;
    else if (!strcmp(s, "none"))
        *out = MUSTACHE_ESCAPE_NONE;
    else
        return -1;
    return 0;
}

static int fail(const LbError *err)
{
    lb_log("%s\n", err->message);
    return err->status ? (int)err->status : 2;
}

int cmd_render(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"partials", required_argument, NULL, 'p'},
        {"escape", required_argument, NULL, 'e'},
        {"strict", no_argument, NULL, 's'},
        {NULL, 0, NULL, 0},
    };
    const char *partials = NULL;
    const char *escape_name = NULL;
    int strict = 0;
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "p:e:", longopts, NULL)) != -1) {
        switch (opt) {
        case 'p': partials = optarg; break;
        case 'e': escape_name = optarg; break;
        case 's': strict = 1; break;
        default: return command_usage_error("render", "bad option");
        }
    }
    if (argc - optind != 2)
        return command_usage_error("render", "expected TEMPLATE and DATA.json");
    const char *tmpl_path = argv[optind];
    const char *data_path = argv[optind + 1];
    MustacheEscape escape = mustache_escape_for_path(tmpl_path);
    if (escape_name && parse_escape(escape_name, &escape) < 0)
        return command_usage_error("render",
                                   "--escape must be html, markdown or none, "
                                   "not '%s'",
                                   escape_name);

    LbError err = {0};
    char *dir = partials ? xstrdup(partials) : path_dir(tmpl_path);
    MustacheEnv *env = mustache_env_new(dir);
    mustache_env_set_strict(env, strict);
    free(dir);
    cJSON *data = NULL;
    Buf out = BUF_INIT;
    int rc = 0;
    MustacheTemplate *t = mustache_compile_file(env, tmpl_path, &err);
    if (!t || !(data = json_load_file(data_path, &err)) ||
        mustache_render(env, t, data, escape, &out, &err) < 0) {
        rc = fail(&err);
    } else if (fwrite(out.data, 1, out.len, stdout) != out.len ||
               fflush(stdout) != 0) {
        lb_log("lbgen render: cannot write to stdout\n");
        rc = 4;
    }
    buf_free(&out);
    cJSON_Delete(data);
    mustache_env_free(env);
    return rc;
}
