/* slug — the one rule for board ids (and the one for locale codes).
 *
 * A board's id names its pages (route.h), its downloads, its history
 * directory and its files under data/, so it must be safe as a path
 * segment and a URL part on every system: 1 to SLUG_MAX characters from
 * [a-z0-9-], not starting with '-'. The id a page is published under always
 * comes from leaderboards.json; a data file's own "id" must be a slug and
 * equal its board's (site.c), and is never used to build a path.
 *
 * Every string returned here is new and freed by the caller. */
#ifndef LBGEN_SLUG_H
#define LBGEN_SLUG_H

#include "diag.h"

#define SLUG_MAX 64
#define SLUG_RULE "1 to 64 lowercase letters, digits and '-', not starting with '-'"

/* 1 when `s` follows the rule. */
int slug_valid(const char *s);

/* 0 when `s` is a slug; else -1 with an LB_EINPUT error
 * "WHAT: \"S\" is not a valid id (SLUG_RULE)". */
int slug_check(const char *s, const char *what, LbError *err);

/* 1 when `s` can be a locale code: letters, digits and '-' ("zh",
 * "zh-TW"), not starting with '-'. Locale codes name a directory of pages
 * and a locale file, so nothing else may get in. */
int locale_code_valid(const char *s);

/* A slug made from a file name or URL: its last path segment without the
 * extension, lowercased, every other character as one '-', cut to SLUG_MAX;
 * `fallback` when nothing is left. */
char *slug_from_name(const char *name, const char *fallback);

/* ---- model pages ------------------------------------------------------------
 * A model's page is <locale>/model/<slug>/ (route.h). The slug is made
 * from the model's key (model_id_normalize: lowercase, vendor prefix
 * dropped), never from a display name, so it stays the same while a board
 * keeps naming the model the same way:
 *   - a key made only of [a-z0-9.-], not starting or ending with '.' or
 *     '-', at most SLUG_MODEL_BASE bytes, is its own slug
 *     ("gpt-4o-2024-05-13", "qwen2.5-72b-instruct");
 *   - any other key keeps those characters (every other run of bytes,
 *     non-ASCII included, becomes one '-'; cut to SLUG_MODEL_BASE bytes)
 *     and gets '-' and the 8 hex digits of hash_fnv1a32(key) appended, so
 *     keys that lose characters stay apart ("文心一言" → "m-1b2c3d4e",
 *     "GPT 4 (turbo)" → "gpt-4-turbo-5e6f7a8b"); "m" stands for a base that
 *     is empty.
 * The index of models (modelindex.h) resolves the rare slugs two keys
 * still share. */
#define SLUG_MODEL_BASE 80
#define SLUG_MODEL_MAX (SLUG_MODEL_BASE + 20) /* with "-hash" and "-2"… */

char *slug_for_model(const char *key);

/* 1 when `s` can name a model page's directory: 1 to SLUG_MODEL_MAX bytes
 * of [a-z0-9.-], starting and ending with a letter or digit. */
int model_slug_valid(const char *s);

#endif
