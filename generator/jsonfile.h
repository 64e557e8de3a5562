/* jsonfile — parse JSON text with errors that name NAME:LINE:COL.
 *
 * Returned trees are owned by the caller (cJSON_Delete). */
#ifndef LBGEN_JSONFILE_H
#define LBGEN_JSONFILE_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "diag.h"

cJSON *json_parse_text(const char *name, const char *text, size_t len,
                       LbError *err);
cJSON *json_load_file(const char *path, LbError *err);

/* cJSON's pretty form, with every number in the shortest decimal that
 * reads back as the same double (1486.391701071574, not cJSON's
 * 1486.3917010715741). The caller frees it (free()). */
char *json_print(const cJSON *json);

/* Serialises `json` (json_print(), trailing newline) and writes
 * it atomically to `path`, or to stdout when path is NULL or "-". */
int json_write_file(const char *path, const cJSON *json, LbError *err);

#endif
