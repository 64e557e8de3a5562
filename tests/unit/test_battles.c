/* The streaming battle reader: formats, escapes, filters, block
 * boundaries, and exact error messages. */
#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "battles.h"
#include "buf.h"
#include "jsonscan.h"

static char path[64];

static const char *write_temp(const char *text, size_t len)
{
    snprintf(path, sizeof path, "/tmp/lbgen-battles-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    return path;
}

static BattleReadOptions defaults(void)
{
    BattleReadOptions o;
    memset(&o, 0, sizeof o);
    o.anony_only = 1;
    o.since = o.until = NAN;
    return o;
}

/* Reads `text`; returns the read status, leaves the battles in *bt. */
static int read_text(const char *text, const BattleReadOptions *o,
                     Battles *bt, LbError *err)
{
    battles_init(bt);
    const char *p = write_temp(text, strlen(text));
    int rc = battles_read(p, o, bt, err);
    unlink(p);
    return rc;
}

static void expect_error(const char *text, const char *suffix)
{
    BattleReadOptions o = defaults();
    Battles bt;
    LbError err = {0};
    assert_int_equal(read_text(text, &o, &bt, &err), -1);
    assert_int_equal(err.status, LB_EINPUT);
    /* The message starts with the temporary file's name. */
    assert_int_equal(strncmp(err.message, path, strlen(path)), 0);
    assert_string_equal(err.message + strlen(path), suffix);
    battles_free(&bt);
}

#define REC(a, b, w) \
    "{\"model_a\":\"" a "\",\"model_b\":\"" b "\",\"winner\":\"" w \
    "\",\"anony\":true}"

static void array_and_lines_agree(void **state)
{
    (void)state;
    BattleReadOptions o = defaults();
    Battles x, y;
    LbError err = {0};
    assert_int_equal(read_text("[" REC("a", "b", "model_a") ",\n "
                               REC("b", "c", "tie (bothbad)") "]\n",
                               &o, &x, &err), 0);
    assert_int_equal(read_text(REC("a", "b", "model_a") "\n\n"
                               REC("b", "c", "tie (bothbad)") "\r\n",
                               &o, &y, &err), 0);
    assert_int_equal(x.n, 2);
    assert_int_equal(y.n, 2);
    assert_int_equal(x.n_models, 3);
    assert_int_equal(x.outcome[1], OUTCOME_BOTHBAD);
    assert_memory_equal(x.a, y.a, 2 * sizeof *x.a);
    assert_memory_equal(x.outcome, y.outcome, 2);
    assert_true(isnan(x.tstamp[0]));
    battles_free(&x);
    battles_free(&y);
}

static void escapes_and_unicode(void **state)
{
    (void)state;
    BattleReadOptions o = defaults();
    Battles bt;
    LbError err = {0};
    assert_int_equal(
        read_text("{\"model_a\":\"\\ud83d\\ude00 \\\"q\\\"\\/\","
                  "\"model_b\":\"caf\\u00e9 \xe4\xb8\xad\",\"winner\":"
                  "\"model_b\",\"anony\":true,\"x\":[1,{\"y\":null}],"
                  "\"tstamp\":1.7e9}",
                  &o, &bt, &err),
        0);
    assert_int_equal(bt.n, 1);
    assert_string_equal(bt.names[0], "\xf0\x9f\x98\x80 \"q\"/");
    assert_string_equal(bt.names[1], "caf\xc3\xa9 \xe4\xb8\xad");
    assert_true(bt.tstamp[0] == 1.7e9);
    battles_free(&bt);
}

static void filters_and_self_battles(void **state)
{
    (void)state;
    const char *text =
        "{\"model_a\":\"a\",\"model_b\":\"b\",\"winner\":\"tie\",\"anony\":"
        "true,\"language\":\"Chinese\",\"tstamp\":100,\"category_tag\":"
        "{\"math_v0.1\":{\"math\":true}}}\n"
        "{\"model_a\":\"a\",\"model_b\":\"b\",\"winner\":\"tie\",\"anony\":"
        "false,\"language\":\"Chinese\",\"tstamp\":200}\n"
        "{\"model_a\":\"a\",\"model_b\":\"a\",\"winner\":\"tie\",\"anony\":"
        "true,\"language\":\"Chinese\",\"tstamp\":300}\n"
        "{\"model_a\":\"b\",\"model_b\":\"c\",\"winner\":\"model_b\","
        "\"anony\":true,\"language\":\"English\",\"tstamp\":400,"
        "\"category_tag\":{\"math_v0.1\":{\"math\":false}}}\n";
    BattleReadOptions o = defaults();
    Battles bt;
    LbError err = {0};
    assert_int_equal(read_text(text, &o, &bt, &err), 0);
    assert_int_equal(bt.records, 4);
    assert_int_equal(bt.n, 2);
    assert_int_equal(bt.not_anony, 1);
    assert_int_equal(bt.self_battles, 1);
    battles_free(&bt);

    BattleWhere w[2];
    assert_int_equal(battle_where_parse("category_tag.math_v0.1.math=true",
                                        &w[0], &err), 0);
    assert_int_equal(battle_where_parse("language=Chinese", &w[1], &err), 0);
    o.where = w;
    o.n_where = 2;
    assert_int_equal(read_text(text, &o, &bt, &err), 0);
    assert_int_equal(bt.n, 1);
    assert_int_equal(bt.where_rejected, 2); /* no category_tag: no match */
    battles_free(&bt);

    o.n_where = 0;
    o.anony_only = 0;
    o.since = 150;
    o.until = 400; /* exclusive */
    assert_int_equal(read_text(text, &o, &bt, &err), 0);
    assert_int_equal(bt.n, 1);
    assert_int_equal(bt.time_rejected, 2);
    assert_int_equal(bt.self_battles, 1);
    battles_free(&bt);
    battle_where_free(&w[0]);
    battle_where_free(&w[1]);
    assert_int_equal(battle_where_parse("=x", &w[0], &err), -1);
    assert_int_equal(err.status, LB_EUSAGE);
}

static void style_features(void **state)
{
    (void)state;
    BattleReadOptions o = defaults();
    o.want_style = 1;
    Battles bt;
    LbError err = {0};
    assert_int_equal(
        read_text("{\"model_a\":\"a\",\"model_b\":\"b\",\"winner\":\"tie\","
                  "\"anony\":true,\"conv_metadata\":{"
                  "\"sum_assistant_a_tokens\":300,\"sum_assistant_b_tokens\":"
                  "99,\"header_count_a\":{\"h1\":1,\"h2\":2},"
                  "\"header_count_b\":{\"h1\":0},\"list_count_a\":"
                  "{\"ordered\":0,\"unordered\":0},\"list_count_b\":"
                  "{\"ordered\":1,\"unordered\":1},\"bold_count_a\":"
                  "{\"**\":1,\"__\":1},\"bold_count_b\":{\"**\":2,\"__\":0}}}",
                  &o, &bt, &err),
        0);
    assert_int_equal(bt.n, 1);
    assert_true(fabs(bt.style[0] - 201.0 / 400.0) < 1e-15);
    assert_true(fabs(bt.style[1] - 3.0 / 4.0) < 1e-15);
    assert_true(fabs(bt.style[2] - -2.0 / 3.0) < 1e-15);
    assert_true(fabs(bt.style[3] - 0.0) < 1e-15);
    battles_free(&bt);
    /* Style control needs the counts. */
    assert_int_equal(read_text("\n  " REC("a", "b", "tie"), &o, &bt, &err),
                     -1);
    assert_non_null(strstr(err.message,
                           ":2:3: error: record 1: style control needs "
                           "conv_metadata.sum_assistant_a_tokens (byte 3)"));
    battles_free(&bt);
}

static void records_straddle_blocks(void **state)
{
    (void)state;
    /* > 1 MiB: a long skipped string, and many records. */
    Buf text = BUF_INIT;
    buf_puts(&text, "[{\"model_a\":\"a\",\"model_b\":\"b\",\"winner\":"
                    "\"model_a\",\"anony\":true,\"note\":\"");
    for (int i = 0; i < 1500000; i++)
        buf_putc(&text, i % 7 ? 'x' : ' ');
    buf_puts(&text, "\"}");
    for (int i = 0; i < 30000; i++)
        buf_printf(&text, ",{\"model_a\":\"m%d\",\"model_b\":\"m%d\","
                          "\"winner\":\"model_b\",\"anony\":true,"
                          "\"tstamp\":%d.25}",
                   i % 37, (i + 1) % 37, i);
    buf_puts(&text, "]");
    BattleReadOptions o = defaults();
    Battles bt;
    LbError err = {0};
    battles_init(&bt);
    const char *p = write_temp(text.data, text.len);
    assert_int_equal(battles_read(p, &o, &bt, &err), 0);
    unlink(p);
    assert_int_equal(bt.n, 30001);
    assert_int_equal(bt.n_models, 39);
    assert_true(bt.tstamp[30000] == 29999.25);
    battles_free(&bt);
    buf_free(&text);
}

/* Reads `text` as JSON Lines (the fast path) and as a JSON array of the
 * same records (the scanner): both must accept, with the same battles. */
static void both_paths_accept(const char *lines, size_t expect_n)
{
    BattleReadOptions o = defaults();
    o.anony_only = 0;
    Battles x, y;
    LbError err = {0};
    assert_int_equal(read_text(lines, &o, &x, &err), 0);
    Buf array = BUF_INIT;
    buf_putc(&array, '[');
    for (const char *p = lines; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p) : strlen(p);
        if (array.len > 1)
            buf_putc(&array, ',');
        buf_append(&array, p, len);
        p += len + (nl != NULL);
    }
    buf_puts(&array, "]");
    assert_int_equal(read_text(array.data, &o, &y, &err), 0);
    assert_int_equal(x.n, expect_n);
    assert_int_equal(y.n, expect_n);
    assert_int_equal(x.n_models, y.n_models);
    assert_memory_equal(x.a, y.a, x.n * sizeof *x.a);
    assert_memory_equal(x.outcome, y.outcome, x.n);
    buf_free(&array);
    battles_free(&x);
    battles_free(&y);
}

#define UNREAD(x) \
    "{\"model_a\":\"a\",\"model_b\":\"b\",\"x\":" x ",\"winner\":\"tie\"}"

static void unread_containers_are_skimmed(void **state)
{
    (void)state;
    /* Brackets and escaped quotes inside strings; long enough for the
     * 64-byte blocks, with and without backslashes, strings that span
     * blocks, an escape on a block boundary. */
    Buf t = BUF_INIT;
    buf_puts(&t, UNREAD("{\"k\":\"}]{[\",\"q\":\"a\\\"}\"}") "\n");
    buf_puts(&t, UNREAD("[{\"a\":[1,2,{\"b\":\"]]]\"}]},"
                        "\"0123456789012345678901234567890123456789"
                        "0123456789012345678901234567890123456789\","
                        "{\"c\":[[[[]]]],\"d\":\"x\\\\\"}]") "\n");
    for (int shift = 0; shift < 70; shift++) {
        buf_puts(&t, "{\"model_a\":\"a\",\"model_b\":\"c\",\"x\":{\"s\":\"");
        for (int i = 0; i < shift; i++)
            buf_putc(&t, 'y');
        buf_puts(&t, "\\\"}\\\\\",\"t\":[\"");
        for (int i = 0; i < 130 - shift; i++)
            buf_putc(&t, i % 7 ? 'z' : '{');
        buf_puts(&t, "\"]},\"winner\":\"model_b\"}\n");
    }
    both_paths_accept(t.data, 72);
    buf_free(&t);

    /* Deep, but closed: nothing recurses into a skimmed container. */
    Buf deep = BUF_INIT;
    buf_puts(&deep, "{\"model_a\":\"a\",\"model_b\":\"b\",\"x\":");
    for (int i = 0; i < 100000; i++)
        buf_putc(&deep, '[');
    for (int i = 0; i < 100000; i++)
        buf_putc(&deep, ']');
    buf_puts(&deep, ",\"winner\":\"tie\"}\n");
    both_paths_accept(deep.data, 1);
    buf_free(&deep);

    /* Only strings and brackets are checked inside (jsonscan.h). */
    both_paths_accept(UNREAD("{\"n\":01,\"l\":tru,\"s\":\"\\q\"}"), 1);

    /* What the rules refuse, with the same message on both paths. */
    expect_error(UNREAD("[1}"),
                 ":1:36: error: record 1: expected ']' closing the array, "
                 "found '}' (byte 35)");
    expect_error(UNREAD("{\"a\":[}]"),
                 ":1:41: error: record 1: expected '}' closing the object, "
                 "found ']' (byte 40)");
    expect_error("{\"model_a\":\"a\",\"x\":{\"s\":\"}}\n",
                 ":1:28: error: record 1: expected the end of a string, "
                 "found end of line (byte 27)");
    expect_error("[{\"model_a\":\"a\",\"x\":[[{}]",
                 ":1:26: error: record 1: expected a closing '}' or ']', "
                 "found end of input (byte 25)");
}

/* json_skim over a whole buffer (64-byte blocks) and fed one byte at a
 * time (byte by byte) agree on random bytes rich in brackets, quotes and
 * backslashes. */
static void skim_blocks_match_bytes(void **state)
{
    (void)state;
    /* Most 64-byte blocks of the first alphabet have a backslash (so go
     * byte by byte); the second has none, for the block path. */
    static const char with_escapes[] = "{}[]\"\\ a{}\"\\";
    static const char brackets[] = "{}[]\" a{}\"{[]}";
    unsigned long seed = 12345;
    unsigned char buf[600];
    for (int trial = 0; trial < 4000; trial++) {
        size_t n = 1 + (size_t)(trial % 599);
        const char *alphabet = trial % 2 ? with_escapes : brackets;
        size_t letters = strlen(alphabet);
        for (size_t i = 0; i < n; i++) {
            seed = seed * 6364136223846793005ul + 1442695040888963407ul;
            buf[i] = (unsigned char)alphabet[(seed >> 33) % letters];
        }
        JsonSkim whole = {1, 0, 0}, bytes = {1, 0, 0};
        const unsigned char *a = json_skim(&whole, buf, buf + n);
        const unsigned char *b = NULL;
        for (size_t i = 0; i < n && !b; i++)
            b = json_skim(&bytes, buf + i, buf + i + 1);
        assert_ptr_equal(a, b);
        if (!a) {
            assert_int_equal(whole.depth, bytes.depth);
            assert_int_equal(whole.in_string, bytes.in_string);
            assert_int_equal(whole.escaped, bytes.escaped);
        }
    }
}

static void malformed_input_is_located(void **state)
{
    (void)state;
    expect_error(REC("a", "b", "model_a") "\n" REC("a", "b", "model_c"),
                 ":2:39: error: record 2: unknown winner \"model_c\" "
                 "(expected model_a, model_b, tie, tie (bothbad) or "
                 "both_bad) "
                 "(byte 100)");
    expect_error(REC("a", "b", "model_a") "\n{\"model_a\":\"a\","
                                          "\"winner\":\"tie\"}",
                 ":2:1: error: record 2: missing model_b (byte 62)");
    expect_error("[{\"model_a\":\"a\",\"model_b\":3,\"winner\":\"tie\"}]",
                 ":1:27: error: record 1: model_b must be a string "
                 "(byte 26)");
    expect_error(REC("a", "b", "tie") "\n{\"model_a\":\"a\",,}",
                 ":2:16: error: record 2: expected a key, found ',' "
                 "(byte 73)");
    expect_error("[" REC("a", "b", "tie") " " REC("a", "b", "tie") "]",
                 ":1:60: error: expected ',' or ']' after record 1 "
                 "(byte 59)");
    expect_error(REC("a", "b", "tie") " " REC("a", "b", "tie"),
                 ":1:59: error: expected a new line after record 1 (JSON "
                 "Lines) (byte 58)");
    expect_error("{\"model_a\":\"\\udc00\"}",
                 ":1:13: error: record 1: unpaired low surrogate \\uDC00 "
                 "(byte 12)");
    expect_error("{\"model_a\":\"a\xff\"}",
                 ":1:14: error: record 1: invalid UTF-8 byte 0xFF (byte 13)");
    expect_error("{\"model_a\":\"a\nb\"}",
                 ":1:14: error: record 1: control character 0x0A in string "
                 "(byte 13)");
    expect_error("{\"model_a\":\"a\",\"x\":01}",
                 ":1:21: error: record 1: leading zero in number (byte 20)");
    expect_error("{\"model_a\":\"a\",\"x\":tru}",
                 ":1:20: error: record 1: invalid literal (expected true) "
                 "(byte 19)");
    expect_error("{\"model_a\":",
                 ":1:12: error: record 1: expected a value, found end of "
                 "input (byte 11)");
    expect_error("{\"x\":",
                 ":1:6: error: record 1: expected a JSON value, found end of "
                 "input (byte 5)");
    expect_error("{\"model_a\":\"abc",
                 ":1:12: error: record 1: unterminated string (byte 11)");
    expect_error("[" REC("a", "b", "tie") "] x",
                 ":1:61: error: unexpected data after the JSON array "
                 "(byte 60)");
    expect_error("[1]", ":1:2: error: record 1: a battle must be a JSON "
                        "object (byte 1)");
    expect_error("{\"model_a\":\"\",\"model_b\":\"b\",\"winner\":\"tie\"}",
                 ":1:12: error: record 1: model_a must be a non-empty name "
                 "(byte 11)");
    /* Control characters in names: NUL, ESC, BS, DEL, C1. */
    expect_error(REC("a", "b", "tie") "\n"
                 "{\"model_a\":\"a\\u0000b\",\"model_b\":\"b\","
                 "\"winner\":\"tie\"}",
                 ":2:12: error: record 2: model_a contains the control "
                 "character U+0000 (model names must be printable) "
                 "(byte 69)");
    expect_error("{\"model_a\":\"a\",\"model_b\":\"\\u001b[31mred\","
                 "\"winner\":\"tie\"}",
                 ":1:26: error: record 1: model_b contains the control "
                 "character U+001B (model names must be printable) "
                 "(byte 25)");
    expect_error("{\"model_a\":\"x\\by\",\"model_b\":\"b\",\"winner\":\"tie\"}",
                 ":1:12: error: record 1: model_a contains the control "
                 "character U+0008 (model names must be printable) "
                 "(byte 11)");
    expect_error("{\"model_a\":\"x\\u007f\",\"model_b\":\"b\",\"winner\":"
                 "\"tie\"}",
                 ":1:12: error: record 1: model_a contains the control "
                 "character U+007F (model names must be printable) "
                 "(byte 11)");
    expect_error("{\"model_a\":\"x\\u0085\",\"model_b\":\"b\",\"winner\":"
                 "\"tie\"}",
                 ":1:12: error: record 1: model_a contains the control "
                 "character U+0085 (model names must be printable) "
                 "(byte 11)");
    /* A record cut by the end of its line. */
    expect_error(REC("a", "b", "tie") "\n{\"model_a\":\"a\"\n" REC("a", "b",
                                                                  "tie"),
                 ":2:15: error: record 2: expected ',' or '}', found end of "
                 "line (byte 72)");
}

static void winner_labels_and_times(void **state)
{
    (void)state;
    BattleReadOptions o = defaults();
    Battles bt;
    LbError err = {0};
    /* both_bad (arena-human-preference-*) is "tie (bothbad)". */
    assert_int_equal(
        read_text(REC("a", "b", "both_bad") "\n"
                  "{\"model_a\":\"a\",\"model_b\":\"b\",\"winner\":\"tie\","
                  "\"anony\":true,\"timestamp\":\"2024-06-01T12:30:15.5Z\"}\n"
                  "{\"model_a\":\"a\",\"model_b\":\"b\",\"winner\":\"tie\","
                  "\"anony\":true,\"timestamp\":\"2024-06-01 14:30:15+02:00\"}\n"
                  "{\"model_a\":\"a\",\"model_b\":\"b\",\"winner\":\"tie\","
                  "\"anony\":true,\"timestamp\":1717245015}\n"
                  "{\"model_a\":\"a\",\"model_b\":\"b\",\"winner\":\"tie\","
                  "\"anony\":true,\"tstamp\":5,\"timestamp\":\"2024-06-01\"}\n",
                  &o, &bt, &err),
        0);
    assert_int_equal(bt.n, 5);
    assert_int_equal(bt.outcome[0], OUTCOME_BOTHBAD);
    assert_true(isnan(bt.tstamp[0]));
    assert_true(bt.tstamp[1] == 1717245015.5);
    assert_true(bt.tstamp[2] == 1717245015.0);
    assert_true(bt.tstamp[3] == 1717245015.0);
    assert_true(bt.tstamp[4] == 5.0); /* tstamp wins */
    battles_free(&bt);
    expect_error("{\"model_a\":\"a\",\"model_b\":\"b\",\"winner\":\"tie\","
                 "\"timestamp\":\"yesterday\"}",
                 ":1:57: error: record 1: timestamp \"yesterday\" is not an "
                 "ISO-8601 date and time (YYYY-MM-DDTHH:MM:SS[.fff][Z|+HH:MM]) "
                 "(byte 56)");
    expect_error("{\"model_a\":\"a\",\"model_b\":\"b\",\"winner\":\"tie\","
                 "\"timestamp\":\"1969-12-31T23:59:59Z\"}",
                 ":1:57: error: record 1: timestamp out of range (from 1970, "
                 "before year 10000) (byte 56)");
    expect_error("{\"model_a\":\"a\",\"model_b\":\"b\",\"winner\":\"tie\","
                 "\"timestamp\":\"2024-02-30T00:00:00\"}",
                 ":1:57: error: record 1: timestamp \"2024-02-30T00:00:00\" is "
                 "not an ISO-8601 date and time "
                 "(YYYY-MM-DDTHH:MM:SS[.fff][Z|+HH:MM]) (byte 56)");
    double t;
    assert_int_equal(parse_iso8601("2024-06-01T00:00:00-0130", 24, &t), 0);
    assert_true(t == 1717205400.0);
    assert_int_equal(parse_iso8601("2024-06-01T00:00", 16, &t), 0);
    assert_true(t == 1717200000.0);
    assert_int_equal(parse_iso8601("2024-06-01T25:00", 16, &t), -1);
    assert_int_equal(parse_iso8601("2024-06-01Tx", 12, &t), -1);
}

#define META(a, h) \
    "\"conv_metadata\":{\"sum_assistant_a_tokens\":" a ",\"header_count_a\":" h \
    ",\"list_count_a\":1,\"bold_count_a\":1,\"sum_assistant_b_tokens\":2," \
    "\"header_count_b\":{\"h1\":1},\"list_count_b\":1,\"bold_count_b\":1}"

/* Style counters must be counts: never a negative or overflowing number
 * that would quietly zero a coefficient. */
static void style_counters_are_checked(void **state)
{
    (void)state;
    BattleReadOptions o = defaults();
    o.want_style = 1;
    Battles bt;
    LbError err = {0};
    assert_int_equal(read_text("{\"model_a\":\"a\",\"model_b\":\"b\","
                               "\"winner\":\"tie\",\"anony\":true,"
                               META("10", "{\"h1\":2,\"h2\":1}") "}",
                               &o, &bt, &err),
                     0);
    /* (10 - 2) / (10 + 2 + 1), headers (3 - 1) / (3 + 1 + 1). */
    assert_true(fabs(bt.style[0] - 8.0 / 13.0) < 1e-15);
    assert_true(fabs(bt.style[1] - 2.0 / 5.0) < 1e-15);
    battles_free(&bt);
    const char *bad[][3] = {
        {"-3", "1", ":1:100: error: record 1: conv_metadata.sum_assistant_a_"
                    "tokens: negative count -3 (byte 99)"},
        {"1e300", "1", ":1:100: error: record 1: conv_metadata.sum_assistant_"
                       "a_tokens: count 1e+300 is above 1e+12 (byte 99)"},
        {"1", "{\"h1\":-1}", ":1:125: error: record 1: conv_metadata."
                              "header_count_a: negative count -1 (byte 124)"},
        {"1", "{\"h1\":9e11,\"h2\":9e11}",
         ":1:135: error: record 1: conv_metadata.header_count_a: count "
         "1800000000000 is above 1e+12 (byte 134)"},
        {"1", "\"3\"", ":1:119: error: record 1: conv_metadata."
                       "header_count_a must be a number or an object of "
                       "numbers (byte 118)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        Buf text = BUF_INIT;
        buf_printf(&text, "{\"model_a\":\"a\",\"model_b\":\"b\",\"winner\":"
                          "\"tie\",\"anony\":true,\"conv_metadata\":{"
                          "\"sum_assistant_a_tokens\":%s,\"header_count_a\":"
                          "%s,\"list_count_a\":1,\"bold_count_a\":1,"
                          "\"sum_assistant_b_tokens\":2,\"header_count_b\":1,"
                          "\"list_count_b\":1,\"bold_count_b\":1}}",
                   bad[i][0], bad[i][1]);
        assert_int_equal(read_text(text.data, &o, &bt, &err), -1);
        assert_string_equal(err.message + strlen(path), bad[i][2]);
        battles_free(&bt);
        buf_free(&text);
    }
}

/* Battle weights: a positive number per battle, all or none. */
static void weights_all_or_none(void **state)
{
    (void)state;
    BattleReadOptions o = defaults();
    Battles bt;
    LbError err = {0};
    assert_int_equal(read_text("{\"model_a\":\"a\",\"model_b\":\"b\","
                               "\"winner\":\"tie\",\"anony\":true,"
                               "\"weight\":0.5}\n"
                               "{\"model_a\":\"a\",\"model_b\":\"b\","
                               "\"winner\":\"tie\",\"anony\":true,"
                               "\"weight\":2}\n",
                               &o, &bt, &err),
                     0);
    assert_non_null(bt.weight);
    assert_true(bt.weight[0] == 0.5 && bt.weight[1] == 2.0);
    battles_free(&bt);
    assert_int_equal(read_text(REC("a", "b", "tie") "\n", &o, &bt, &err), 0);
    assert_null(bt.weight);
    battles_free(&bt);
    o.weight_field = "w";
    assert_int_equal(read_text("{\"model_a\":\"a\",\"model_b\":\"b\","
                               "\"winner\":\"tie\",\"anony\":true,"
                               "\"w\":3,\"weight\":\"ignored\"}\n",
                               &o, &bt, &err),
                     0);
    assert_true(bt.weight[0] == 3.0);
    battles_free(&bt);
    o.weight_field = NULL;
    expect_error("{\"model_a\":\"a\",\"model_b\":\"b\",\"winner\":\"tie\","
                 "\"anony\":true,\"weight\":2}\n" REC("a", "b", "tie"),
                 ":2:1: error: record 2: no weight, but record 1 has one: "
                 "give every battle a weight or none (byte 69)");
    expect_error("{\"model_a\":\"a\",\"model_b\":\"b\",\"winner\":\"tie\","
                 "\"weight\":0}",
                 ":1:54: error: record 1: weight (the battle weight) must be "
                 "above 0 and at most 1e+06, not 0 (byte 53)");
    expect_error("{\"model_a\":\"a\",\"model_b\":\"b\",\"winner\":\"tie\","
                 "\"weight\":\"2\"}",
                 ":1:54: error: record 1: weight (the battle weight) must be a "
                 "number (byte 53)");
}

/* JSON Lines read by one thread and by three in small chunks: the same
 * battles, style features, weights and counts, and the same messages. */
static void threads_change_nothing(void **state)
{
    (void)state;
    Buf text = BUF_INIT;
    for (int k = 0; k < 400; k++)
        buf_printf(&text,
                   "{\"model_a\":\"m%d\",\"model_b\":\"m%d\",\"winner\":"
                   "\"%s\",\"anony\":%s,\"weight\":%d.5,\"tstamp\":%d,"
                   "\"conv_metadata\":{\"sum_assistant_a_tokens\":%d,"
                   "\"sum_assistant_b_tokens\":%d,\"header_count_a\":{"
                   "\"h1\":%d},\"header_count_b\":1,\"list_count_a\":0,"
                   "\"list_count_b\":%d,\"bold_count_a\":2,\"bold_count_b\":"
                   "%d}}\n",
                   k % 7, (k * 3 + 1) % 11, k % 3 ? "model_a" : "tie",
                   k % 5 ? "true" : "false", 1 + k % 3, 1700000000 + k,
                   100 + k, 300 - k % 50, k % 4, k % 3, k % 2);
    BattleReadOptions one = defaults(), many = defaults();
    one.want_style = many.want_style = 1;
    one.threads = 1;
    many.threads = 3;
    many.chunk_bytes = 777;
    Battles x, y;
    battles_init(&x);
    battles_init(&y);
    LbError err = {0};
    assert_int_equal(battles_read_memory(text.data, text.len, "t", &one, &x,
                                         &err), 0);
    assert_int_equal(battles_read_memory(text.data, text.len, "t", &many, &y,
                                         &err), 0);
    assert_int_equal(x.n, y.n);
    assert_int_equal(x.records, y.records);
    assert_int_equal(x.not_anony, y.not_anony);
    assert_memory_equal(x.a, y.a, x.n * sizeof *x.a);
    assert_memory_equal(x.outcome, y.outcome, x.n);
    assert_memory_equal(x.tstamp, y.tstamp, x.n * sizeof *x.tstamp);
    assert_memory_equal(x.weight, y.weight, x.n * sizeof *x.weight);
    assert_memory_equal(x.style, y.style,
                        x.n * STYLE_FEATURES * sizeof *x.style);
    assert_true(x.style[STYLE_FEATURES] != 0);
    battles_free(&x);
    battles_free(&y);
    /* A bad record far in: the same message from every thread count. */
    buf_puts(&text, "{\"model_a\":\"a\",\"model_b\":\"b\",\"winner\":\"x\"}\n");
    LbError e1 = {0}, e2 = {0};
    assert_int_equal(battles_read_memory(text.data, text.len, "t", &one, &x,
                                         &e1), -1);
    assert_int_equal(battles_read_memory(text.data, text.len, "t", &many, &y,
                                         &e2), -1);
    assert_string_equal(e1.message, e2.message);
    assert_non_null(strstr(e1.message, "t:401:39: error: record 401: "
                                       "unknown winner \"x\""));
    battles_free(&x);
    battles_free(&y);
    buf_free(&text);
}

static void sorting_models_renumbers(void **state)
{
    (void)state;
    Battles bt;
    battles_init(&bt);
    uint32_t z = battles_model_id(&bt, "zeta", 4);
    uint32_t a = battles_model_id(&bt, "alpha", 5);
    battles_push(&bt, z, a, OUTCOME_A, NAN, NULL);
    battles_sort_models(&bt);
    assert_string_equal(bt.names[0], "alpha");
    assert_int_equal(bt.a[0], 1);
    assert_int_equal(bt.b[0], 0);
    assert_int_equal(battles_find_model(&bt, "zeta"), 1);
    assert_int_equal(battles_find_model(&bt, "nope"), -1);
    battles_free(&bt);
}

static void time_bounds(void **state)
{
    (void)state;
    double t;
    assert_int_equal(parse_time_bound("2024-03-01", &t), 0);
    assert_true(t == 1709251200.0);
    assert_int_equal(parse_time_bound("1718000000.5", &t), 0);
    assert_true(t == 1718000000.5);
    assert_int_equal(parse_time_bound("2024-02-30", &t), -1);
    assert_int_equal(parse_time_bound("yesterday", &t), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(array_and_lines_agree),
        cmocka_unit_test(escapes_and_unicode),
        cmocka_unit_test(filters_and_self_battles),
        cmocka_unit_test(style_features),
        cmocka_unit_test(records_straddle_blocks),
        cmocka_unit_test(unread_containers_are_skimmed),
        cmocka_unit_test(skim_blocks_match_bytes),
        cmocka_unit_test(malformed_input_is_located),
        cmocka_unit_test(winner_labels_and_times),
        cmocka_unit_test(style_counters_are_checked),
        cmocka_unit_test(weights_all_or_none),
        cmocka_unit_test(threads_change_nothing),
        cmocka_unit_test(sorting_models_renumbers),
        cmocka_unit_test(time_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
