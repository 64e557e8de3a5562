/* quantity — the numbers today's arena pages and the Arena's JSON print,
 * read exactly: plain decimals ("2.5", "0.30"), prices per million tokens
 * ("$5/$25", "$0.75 / $3.57"), context sizes ("1M", "1.1M", "128K"),
 * percentages with an interval ("12.47%±1.54%"), and bounds computed as
 * value ∓ half-width, rounded to the decimals the source printed, so
 * 12.47 − 1.54 is 10.93 and not 10.930000000000001.
 *
 * Pure functions on NUL-terminated text; nothing is allocated. Cells that
 * say "no value" ("", "N/A", "-", "—") are told apart from cells that are
 * not the quantity at all, so an adapter can refuse a column whose meaning
 * changed. */
#ifndef LBGEN_QUANTITY_H
#define LBGEN_QUANTITY_H

/* 1 when the cell holds no value: empty, "N/A", "NA", "-", "—", "–". */
int quantity_is_blank(const char *text);

/* A plain decimal: digits with at most one '.', nothing else (no sign, no
 * exponent, no spaces, no thousands separator). 0 and *value, *decimals
 * (digits after the point) on success; -1 otherwise. */
int quantity_decimal(const char *text, double *value, int *decimals);

/* value + delta rounded to max(value_decimals, delta_decimals) places
 * (at most 9): the exact decimal sum, as the nearest double. */
double quantity_add(double value, int value_decimals, double delta,
                    int delta_decimals);

/* A price cell "$IN/$OUT" (the '$' and spaces optional; thousands commas
 * allowed): USD per million input and output tokens, each 0..1000000.
 * 1 and the two prices; 0 for a blank cell; -1 when it is not a price. */
int quantity_price_pair(const char *text, double *input, double *output);

/* A context size: "1M", "1.1M", "128K", "32k", "131,072", "200000"
 * (K = 1,000 and M = 1,000,000, as the arena pages abbreviate; the result
 * must be a whole number of tokens, 1..10^10). 1 and *tokens; 0 for a
 * blank cell; -1 when it is not a context size. */
int quantity_context(const char *text, long long *tokens);

/* A percentage, optionally with a symmetric interval: "12.47%±1.54%",
 * "12.47 % ± 1.54 %", "12.47%±1.54", "-0.19%±0.88%" ('−' U+2212 accepted
 * as the minus sign). 1 and *value (percent) with *lo and *hi (NAN without an
 * interval); 0 for a blank cell; -1 when it is not such a percentage. */
int quantity_percent(const char *text, double *value, double *lo,
                     double *hi);

/* A count with an optional scale letter, as tables print parameter counts
 * and sizes: "109B", "1.5B", "7b", "1.1T", "128K", "1.1M", "8x7B" (a
 * product: 56B), "671" (thousands commas allowed; K = 10^3, M = 10^6,
 * B = 10^9, T = 10^12). 1 and *value; 0 for a blank cell; -1 when it is not
 * such a count. For sorting a column by the number it shows. */
int quantity_magnitude(const char *text, double *value);

#endif
