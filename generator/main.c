/* main — the `lbgen` executable: global flags and subcommand dispatch. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "buildinfo.h"
#include "commands.h"
#include "diag.h"

static void print_overview(FILE *out)
{
    fprintf(out,
            "lbgen %s — static-site generator for LLM leaderboards\n\n"
            "usage: lbgen COMMAND [OPTIONS]\n\ncommands:\n",
            LBGEN_VERSION_TEXT);
    for (const Command *c = lbgen_commands; c->name; c++)
        fprintf(out, "  %-8s %s\n", c->name, c->summary);
    fprintf(out, "\n`lbgen help COMMAND` shows a command's options.\n"
                 "Exit codes: 0 ok, 1 usage, 2 bad input, 3 a source failed,"
                 " 4 internal error.\n");
}

const Command *command_find(const char *name)
{
    for (const Command *c = lbgen_commands; c->name; c++)
        if (strcmp(c->name, name) == 0)
            return c;
    return NULL;
}

int command_usage_error(const char *name, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    Buf line = BUF_INIT;
    buf_printf(&line, "lbgen %s: ", name);
    buf_vprintf(&line, fmt, ap);
    va_end(ap);
    lb_log("%s", line.data);
    buf_free(&line);
    const Command *c = command_find(name);
    if (c)
        lb_log_verbatim(c->usage);
    return 1;
}

static int run_help(int argc, char **argv)
{
    if (argc < 2) {
        print_overview(stdout);
        return 0;
    }
    const Command *c = command_find(argv[1]);
    if (!c) {
        lb_log("lbgen help: unknown command '%s'\n", argv[1]);
        print_overview(stderr);
        return 1;
    }
    fputs(c->usage, stdout);
    return 0;
}

const Command lbgen_commands[] = {
    {"build", "render every leaderboard in every locale into site/",
     "usage: lbgen build [--config leaderboards.json] [--out site]"
     " [--locale zh,en,fr]\n"
     "                   [--fetch [--force]] [--base-url URL]"
     " [--docs-out DIR]\n"
     "                   [--templates DIR] [--strict] [--quiet]\n\n"
     "Builds the whole site from the committed data: for each locale and\n"
     "leaderboard an HTML page, a Markdown page and an SVG chart, plus the\n"
     "index pages, 404.html, sitemap.xml and data downloads. The site is\n"
     "built beside --out and swapped in at the end, so a failed build\n"
     "leaves the previous site untouched; a board whose data or render\n"
     "fails keeps its previous pages while the rest is published (exit 3).\n"
     "SIGTERM, SIGINT and SIGHUP remove the staging directory first.\n"
     "--locale builds a subset (the source locale is always built).\n\n"
     "--fetch first refreshes every board that has sources (live or\n"
     "sources in the configuration): fetch, parse, check (rows, required\n"
     "columns, plausible numbers, at least half and at most twice the\n"
     "previous rows, at most the source's max_rows), trying the board's\n"
     "sources in order until one passes, then replace data/ and record\n"
     "data/history/. The log names each source skipped and why, and the one\n"
     "used. A board whose every source fails keeps its last good data; the\n"
     "site is still built and the exit code is 3. --force publishes what\n"
     "fails the checks.\n\n"
     "--base-url URL is the address the site is published at (canonical\n"
     "and hreflang links, the sitemap, the 404 page's links, the docs\n"
     "tree's download links); it overrides the environment variable\n"
     "LBGEN_BASE_URL, which overrides site.base_url. With none of them,\n"
     "pages carry no absolute URL and no sitemap is written.\n\n"
     "--docs-out DIR also writes the docs tree: every locale's Markdown\n"
     "pages, index (README.md), SUMMARY.md and charts where site.docs in\n"
     "the configuration says, replacing only the files lbgen wrote there\n"
     "before (DIR/.lbgen-manifest) and removing those no longer built.\n"
     "Without --out it writes only the docs tree.\n\n"
     "--strict fails (exit 2, TEMPLATE:LINE:COL) when a template prints a\n"
     "name the page's data does not provide (see `lbgen help render`).\n",
     cmd_build},
    {"fetch", "one source through one adapter → Leaderboard JSON",
     "usage: lbgen fetch URL|FILE --adapter NAME [OPTIONS]\n"
     "\n"
     "Fetches one source (https://, http://, file:// or a path) and prints\n"
     "the Leaderboard JSON its adapter makes of it.\n"
     "\n"
     "  -a, --adapter NAME    arena-html, arena-catalog, hf-rows, table,\n"
     "                        catalog, battles or arena-hard\n"
     "  -o, --out FILE.json   write atomically to FILE instead of stdout\n"
     "  -i, --id SLUG         the board's id (default: from the source name)\n"
     "      --via TEMPLATE    fetch through a proxy, e.g.\n"
     "                        'https://proxy/?key=${API_KEY}&url={url}'\n"
     "                        (${VAR} from the environment, redacted as ***)\n"
     "      --cache DIR       conditional-GET cache (default .cache)\n"
     "      --no-cache        neither read nor write the cache\n"
     "      --timeout S       total time per attempt (default 60)\n"
     "      --retries N       retries on network errors, 5xx, 429 (default 3)\n"
     "      --max-size N[K|M] largest body accepted (default 64M)\n"
     "      --max-rows N      most rows the source may give (default 20000)\n"
     "      --base-url URL    resolve relative links of a local page\n"
     "      --catalog FILE    fill absent fields from a catalog board\n"
     "table adapter:\n"
     "      --format F        csv, markdown or json (default: detected)\n"
     "      --model-column C, --org-column C, --total-column C\n"
     "      --scores C[=W],.. the score columns and weights (default: every\n"
     "                        numeric column, equal weights)\n"
     "      --trust-total     keep a given total that disagrees with the\n"
     "                        scores' mean\n"
     "arena-catalog, hf-rows, battles and arena-hard adapters:\n"
     "      --options JSON    a source's options, as in leaderboards.json:\n"
     "                        '{\"category\": \"coding\", \"prices\": URL}',\n"
     "                        '{\"filter\": {\"category\": \"overall\"}}',\n"
     "                        '{\"bootstrap\": 50}' or '{\"baseline\": \"gpt-4\"}'\n"
     "\n"
     "updated_at is the source's own date (the data's, else the response's\n"
     "Last-Modified), the clock only when it has none.\n"
     "Exit: 0 ok, 1 usage, 2 bad input (the source changed shape),\n"
     "3 the source failed (network, HTTP).\n",
     cmd_fetch},
    {"rate", "compute ratings from battles or judgments", cmd_rate_usage,
     cmd_rate},
    {"render", "render a Mustache template with JSON data",
     "usage: lbgen render TEMPLATE DATA.json [--partials DIR]"
     " [--escape html|markdown|none]\n"
     "                    [--strict]\n\n"
     "Writes the rendered bytes to stdout. {{>name}} is DIR/name.mustache\n"
     "(default DIR: the template's directory). Escaping follows the\n"
     "template's extension (.html .htm .svg .xml: html; .md: markdown;\n"
     "otherwise none; a trailing .mustache is ignored) unless --escape is\n"
     "given. Errors name TEMPLATE:LINE:COL or DATA:LINE:COL; exit 2.\n\n"
     "--strict: an interpolation ({{name}}, {{{name}}}, {{&name}}) or a\n"
     "dynamic partial ({{>*name}}) whose name is not in the data is an\n"
     "error instead of printing nothing. Sections ({{#name}}, {{^name}})\n"
     "still test whether a name is there.\n",
     cmd_render},
    {"i18n", "check the locale files, print source-string hashes",
     cmd_i18n_usage, cmd_i18n},
    {"serve", "preview the site on 127.0.0.1, rebuilding on every change",
     "usage: lbgen serve [--port 8000] [--locale fr] [--config leaderboards.json]\n"
     "                   [--out site] [--templates DIR]\n\n"
     "Builds the site into --out, serves it on http://127.0.0.1:PORT/ (never\n"
     "on other interfaces; --port 0 picks a free port) and rebuilds whenever\n"
     "a file under templates/, locales/ or data/, or the configuration,\n"
     "changes. Open pages reload themselves after each rebuild (the reload\n"
     "script is added only to what serve sends, never to the files). When a\n"
     "rebuild fails, the last good build stays served, with the error\n"
     "(FILE:LINE:COL) shown on every page and on stderr, until a good save.\n"
     "--locale builds only those locales (and the source) for speed; the\n"
     "other locales' pages in --out are kept. Only requests to\n"
     "127.0.0.1:PORT or localhost:PORT are answered; a port in use is exit 2.\n"
     "Ctrl-C (SIGINT) or SIGTERM stops it; exit 0.\n",
     cmd_serve},
    {"summary", "Markdown summary of the boards' data, for a CI job summary",
     cmd_summary_usage, cmd_summary},
    {"help", "show help for a command", "usage: lbgen help [COMMAND]\n",
     run_help},
    {NULL, NULL, NULL, NULL},
};

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_overview(stderr);
        return 1;
    }
    const char *name = argv[1];
    if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        print_overview(stdout);
        return 0;
    }
    if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
        printf("lbgen %s\n", LBGEN_VERSION_TEXT);
        return 0;
    }
    const Command *c = command_find(name);
    if (!c) {
        lb_log("lbgen: unknown command '%s'\n", name);
        print_overview(stderr);
        return 1;
    }
    /* `lbgen CMD --help` prints the command's usage. */
    for (int i = 2; i < argc && strcmp(argv[i], "--") != 0; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(c->usage, stdout);
            return 0;
        }
    }
    return c->run(argc - 1, argv + 1);
}
