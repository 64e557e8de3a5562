/* cmd_serve — `lbgen serve`: build, serve on 127.0.0.1, rebuild on change.
 *
 * The main thread owns the build and the watch; libmicrohttpd's threads
 * only read the output directory, which every build swaps in whole
 * (outdir.h), so no request ever sees a half-written site. SIGINT and
 * SIGTERM are blocked in every thread and read through a signalfd, so
 * stopping is an ordinary event of the loop. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "commands.h"
#include "config.h"
#include "fileio.h"
#include "mem.h"
#include "outdir.h"
#include "serve.h"
#include "site.h"
#include "watch.h"

/* Quiet time after the last change before rebuilding (an editor's save is
 * often several events), and the longest a rebuild waits in total. */
#define DEBOUNCE_MS 100
#define DEBOUNCE_MAX_MS 1000

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Builds the site; returns 0, or the failure's status with its message
 * reported on stderr and (when serving) in the browser. */
static int rebuild(const BuildOptions *options, Server *server, LbError *err)
{
    long long start = now_ms();
    BuildStats stats = {0};
    memset(err, 0, sizeof *err);
    if (site_build(options, &stats, err) != 0) {
        int sig = outdir_interrupted();
        if (sig) { /* SIGHUP mid-build (SIGINT and SIGTERM are blocked) */
            lb_log("lbgen serve: %s", err->message);
            signal(sig, SIG_DFL);
            raise(sig);
        }
        lb_log("lbgen serve: build failed (serving the last good "
                        "build): %s\n", err->message);
        if (server)
            server_report_build(server, err->message);
        return err->status ? (int)err->status : 4;
    }
    lb_log("lbgen serve: built %zu files in %lld ms\n", stats.pages,
            now_ms() - start);
    if (server)
        server_report_build(server, NULL);
    return 0;
}

/* NAME in the configuration's directory. */
static char *beside_config(const char *config, const char *name)
{
    char *dir = path_dir(config);
    char *path = strcmp(dir, ".") == 0 ? xstrdup(name)
                                       : str_printf("%s/%s", dir, name);
    free(dir);
    return path;
}

/* The templates and locales the build reads: where the configuration
 * finds them (config.h), or beside it while the configuration does not
 * load (the first build then shows why). */
static Watch *watch_inputs(const BuildOptions *options, LbError *err)
{
    Watch *w = watch_open(err);
    if (!w)
        return NULL;
    LbError ignored;
    SiteConfig *config = config_load(options->config_path, &ignored);
    char *templates = options->templates_dir ? xstrdup(options->templates_dir)
                      : config ? config_path(config, config->templates_dir)
                               : beside_config(options->config_path, "templates");
    char *locales = config ? config_path(config, config->locales_dir)
                           : beside_config(options->config_path, "locales");
    config_free(config);
    char *data = beside_config(options->config_path, "data");
    int rc = watch_add_tree(w, templates, err);
    if (rc == 0)
        rc = watch_add_tree(w, locales, err);
    if (rc == 0 && path_is_dir(data))
        rc = watch_add_tree(w, data, err);
    if (rc == 0)
        rc = watch_add_file(w, options->config_path, err);
    free(templates);
    free(locales);
    free(data);
    if (rc != 0) {
        watch_close(w);
        return NULL;
    }
    return w;
}

/* Waits for changes and rebuilds until a signal arrives. */
static int serve_loop(const BuildOptions *options, Server *server,
                      Watch *watch, int signal_fd)
{
    long long first = 0, last = 0; /* pending change times; 0: none */
    for (;;) {
        int timeout = -1;
        if (last) {
            long long due = last + DEBOUNCE_MS;
            if (due > first + DEBOUNCE_MAX_MS)
                due = first + DEBOUNCE_MAX_MS;
            long long wait = due - now_ms();
            timeout = wait > 0 ? (int)wait : 0;
        }
        struct pollfd fds[2] = {{watch_fd(watch), POLLIN, 0},
                                {signal_fd, POLLIN, 0}};
        int n = poll(fds, 2, timeout);
        if (n < 0 && errno != EINTR) {
            lb_log("lbgen serve: poll: %s\n", strerror(errno));
            return 4;
        }
        if (n > 0 && fds[1].revents) {
            struct signalfd_siginfo info;
            ssize_t got = read(signal_fd, &info, sizeof info);
            (void)got;
            lb_log("lbgen serve: stopping\n");
            return 0;
        }
        if (n > 0 && fds[0].revents) {
            char changed[PATH_MAX];
            LbError err = {0};
            int r = watch_read(watch, changed, sizeof changed, &err);
            if (r < 0) {
                lb_log("lbgen serve: %s\n", err.message);
                return 4;
            }
            if (r > 0) {
                last = now_ms();
                if (!first) {
                    first = last;
                    lb_log("lbgen serve: %s changed\n", changed);
                }
            }
            continue;
        }
        if (last && n == 0) {
            LbError err;
            rebuild(options, server, &err);
            first = last = 0;
        }
    }
}

static int parse_port(const char *text, unsigned *port)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(text, &end, 10);
    if (errno || end == text || *end || v > 65535)
        return -1;
    *port = (unsigned)v;
    return 0;
}

/* The rebuilds' notes (a preview does not --fetch, so these are rare). */
static void print_note(void *ctx, LbNoteKind kind, const char *message)
{
    (void)ctx;
    (void)kind;
    lb_log_lines("lbgen serve: ", message);
}

int cmd_serve(int argc, char **argv)
{
    BuildOptions options = {.config_path = "leaderboards.json", .out_dir = "site",
                            .keep_other_locales = 1};
    const LbReporter report = {print_note, NULL};
    options.report = &report;
    unsigned port = 8000;
    static const struct option longopts[] = {
        {"port", required_argument, NULL, 'p'},
        {"locale", required_argument, NULL, 'l'},
        {"config", required_argument, NULL, 'c'},
        {"out", required_argument, NULL, 'o'},
        {"templates", required_argument, NULL, 't'},
        {NULL, 0, NULL, 0},
    };
    int opt;
    optind = 1;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, "p:l:c:o:t:", longopts, NULL)) != -1) {
        switch (opt) {
        case 'p':
            if (parse_port(optarg, &port) != 0)
                return command_usage_error("serve", "--port: '%s' is not a "
                                           "port number (0-65535)", optarg);
            break;
        case 'l': options.locales = optarg; break;
        case 'c': options.config_path = optarg; break;
        case 'o': options.out_dir = optarg; break;
        case 't': options.templates_dir = optarg; break;
        default:
            return command_usage_error("serve", "unknown or incomplete option '%s'",
                                       argv[optind - 1]);
        }
    }
    if (optind < argc)
        return command_usage_error("serve", "unexpected argument '%s'",
                                   argv[optind]);

    /* Blocked before any thread starts, so every thread inherits it. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    sigprocmask(SIG_BLOCK, &stop, NULL);
    int signal_fd = signalfd(-1, &stop, SFD_CLOEXEC);
    if (signal_fd < 0) {
        lb_log("lbgen serve: signalfd: %s\n", strerror(errno));
        return 4;
    }

    LbError err = {0};
    Watch *watch = watch_inputs(&options, &err);
    if (!watch) {
        lb_log("lbgen serve: %s\n", err.message);
        close(signal_fd);
        return err.status ? (int)err.status : 4;
    }
    /* The port first, so one in use fails at once (exit 2), before any
     * build; then the first build, where a bad --locale is a usage error
     * and a broken file is shown in the browser instead. */
    Server *server = server_start(options.out_dir, port, &err);
    if (!server) {
        lb_log("lbgen serve: %s\n", err.message);
        watch_close(watch);
        close(signal_fd);
        return err.status ? (int)err.status : 4;
    }
    LbError build_err;
    int built = rebuild(&options, NULL, &build_err);
    if (built == LB_EUSAGE) {
        server_stop(server);
        watch_close(watch);
        close(signal_fd);
        return command_usage_error("serve", "%s", build_err.message);
    }
    server_report_build(server, built ? build_err.message : NULL);
    lb_log("lbgen serve: serving %s at http://127.0.0.1:%u/ "
                    "(Ctrl-C stops)\n", options.out_dir, server_port(server));
    int status = serve_loop(&options, server, watch, signal_fd);
    server_stop(server);
    watch_close(watch);
    close(signal_fd);
    return status;
}
