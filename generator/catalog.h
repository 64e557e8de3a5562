/* catalog — joining model metadata onto a leaderboard.
 *
 * A catalog is a Leaderboard made by the `catalog` adapter
 * (adapter_catalog.c): one entry per model with organization, license,
 * url, params, context, hf_likes and hf_downloads. The site build
 * joins it onto every board; `lbgen fetch --catalog` onto one. */
#ifndef LBGEN_CATALOG_H
#define LBGEN_CATALOG_H

#include <stddef.h>

#include "leaderboard.h"

/* Fills the fields `lb`'s models lack from the catalog entry with the same
 * normalized id (model_id_normalize: case-insensitive, vendor prefix such
 * as "Anthropic/" or "meta-llama/" removed). Present fields are never
 * overwritten; a model without a match is left as it is. Returns the
 * number of models matched. */
size_t catalog_join(Leaderboard *lb, const Leaderboard *catalog);

#endif
