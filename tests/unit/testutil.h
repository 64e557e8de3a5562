/* Shared includes for cmocka unit tests. */
#ifndef LBGEN_TESTUTIL_H
#define LBGEN_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#endif
