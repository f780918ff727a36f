#ifndef WORKBENCH_CBLAS_SHIM_H
#define WORKBENCH_CBLAS_SHIM_H

// Debian ships no cblas.pc: OpenBLAS's pkg-config entry provides the include
// path of its own cblas.h, and LAPACKE comes from the separate liblapacke.
#include <cblas.h>
#include <lapacke.h>

// lapacke.h spells the integer type as a #define, which Swift cannot import;
// this typedef gives Swift a name for it.
typedef lapack_int cblas_lapack_int;

#endif
