/* Links from pages: resolved as a browser does, percent-encoding kept
 * exactly as written, http(s) only. */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "url.h"

#define PAGE "https://arena.ai/leaderboard/text"

static void expect(const char *href, const char *base, const char *want)
{
    char *got = url_resolve(href, base);
    if (!want && got)
        fail_msg("\"%s\" gave \"%s\", expected nothing", href, got);
    if (want && (!got || strcmp(got, want) != 0))
        fail_msg("\"%s\" gave \"%s\", expected \"%s\"", href,
                 got ? got : "(null)", want);
    free(got);
}

static void percent_encoding_is_kept(void **state)
{
    (void)state;
    expect("/model/a%26b", PAGE, "https://arena.ai/model/a%26b");
    expect("https://x.org/a%2Fb?q=%41&r=a%26b#%E6%A8", NULL,
           "https://x.org/a%2Fb?q=%41&r=a%26b#%E6%A8");
    expect("//cdn.example.org/x%7E", PAGE, "https://cdn.example.org/x%7E");
    expect("../m/a b", PAGE, "https://arena.ai/m/a%20b");
    expect("models/gemini-3-pro?tab=vision", "https://lmarena.ai/leaderboard/vision",
           "https://lmarena.ai/leaderboard/models/gemini-3-pro?tab=vision");
    expect("/m/\xC3\xA9t\xC3\xA9", PAGE, "https://arena.ai/m/%C3%A9t%C3%A9");
    expect(" \thttps://x.org/a\n/b ", NULL, "https://x.org/a/b");
    expect("HTTPS://X.org/Path", NULL, "https://X.org/Path");
}

static void references_resolve_like_a_browser(void **state)
{
    (void)state;
    const char *base = "https://arena.ai/a/b/c?x=1#f";
    expect("?tab=2", base, "https://arena.ai/a/b/c?tab=2");
    expect("d", base, "https://arena.ai/a/b/d");
    expect("./d/", base, "https://arena.ai/a/b/d/");
    expect("../d", base, "https://arena.ai/a/d");
    expect("../../../../d", base, "https://arena.ai/d");
    expect("/x/./y/../z", base, "https://arena.ai/x/z");
    expect("..", base, "https://arena.ai/a/");
    expect(".", base, "https://arena.ai/a/b/");
    expect("d?q#h", "https://arena.ai", "https://arena.ai/d?q#h");
    expect("http://other.org", base, "http://other.org");
}

static void other_links_are_dropped(void **state)
{
    (void)state;
    expect("javascript:alert(1)", PAGE, NULL);
    expect(" JavaScript:alert(1)", PAGE, NULL);
    expect("mailto:a@b.c", PAGE, NULL);
    expect("data:text/html,x", PAGE, NULL);
    expect("#top", PAGE, NULL);
    expect("", PAGE, NULL);
    expect("/m/a", NULL, NULL);
    expect("/m/a", "file:///tmp/page.html", NULL);
    expect("https://", PAGE, NULL);
    expect("/m/\"onmouseover=x", PAGE, NULL);
    expect("//", PAGE, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(percent_encoding_is_kept),
        cmocka_unit_test(references_resolve_like_a_browser),
        cmocka_unit_test(other_links_are_dropped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
