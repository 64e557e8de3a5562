/* fuzz_locale — the locale loader, then placeholder parsing and
 * substitution on every string it accepted. */
#include <stdlib.h>

#include "fuzz.h"
#include "locale.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    LbError err = {0};
    Locale *loc = locale_parse("locales/fr.json", (const char *)data, size,
                               &err);
    if (!loc)
        return 0;
    static const LocaleVar vars[] = {{"n", "3"}, {"name", "<x>"}};
    for (size_t i = 0; i < loc->nstrings; i++) {
        const LocaleString *s = &loc->strings[i];
        char *names = NULL;
        if (locale_placeholders(s->key, s->text, &names, &err) == 0)
            free(names);
        Buf out = BUF_INIT;
        locale_substitute(&out, s->key, s->text, vars, 2, &err);
        buf_free(&out);
        int line, col;
        locale_position(loc, s->offset, &line, &col);
    }
    locale_find(loc, "site.title");
    locale_free(loc);
    return 0;
}
