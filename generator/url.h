/* url — links as a page writes them, kept exactly.
 *
 * url_resolve() turns an href into an absolute http(s) URL the way a
 * browser resolves it against the page's URL (RFC 3986 §5.2: scheme-
 * relative, absolute-path, query-only and relative references, dot
 * segments removed from the path), without decoding or re-encoding
 * anything: "/model/a%26b" on https://arena.ai/leaderboard/text is
 * https://arena.ai/model/a%26b, never .../a&b. Only what cannot appear
 * in a URL is changed, as a browser would: tabs and newlines are dropped,
 * and spaces, other control bytes and non-ASCII bytes are percent-encoded
 * (UTF-8). The scheme is lowercased. */
#ifndef LBGEN_URL_H
#define LBGEN_URL_H

/* The absolute http(s) URL for `href` on the page at `base` (NULL when
 * there is no page URL), or NULL: another scheme (javascript:, mailto:,
 * data:), a fragment-only link back to the page ("#..."), an empty href,
 * a relative link without an http(s) base, or a result that
 * lb_url_is_http() refuses. The caller frees the result. */
char *url_resolve(const char *href, const char *base);

#endif
