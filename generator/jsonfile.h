/* jsonfile — parse JSON text with errors that name NAME:LINE:COL.
 *
 * Returned trees are owned by the caller (cJSON_Delete). */
#ifndef LBGEN_JSONFILE_H
#define LBGEN_JSONFILE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "diag.h"

/* The most values (objects, arrays, keys, strings, numbers, ...) one document
 * may hold. cJSON spends about 80 bytes on each, so a 64 MiB file of
 * "[0,0,0,..." would take 2.7 GB: it is refused before parsing. */
#define JSON_MAX_VALUES 2000000

cJSON *json_parse_text(const char *name, const char *text, size_t len,
                       LbError *err);
cJSON *json_load_file(const char *path, LbError *err);

/* Serialises `json` (cJSON's pretty form, trailing newline) and writes
 * it atomically to `path`, or to stdout when path is NULL or "-". */
int json_write_file(const char *path, const cJSON *json, LbError *err);

#endif
