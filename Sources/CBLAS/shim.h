#ifndef WORKBENCH_CBLAS_SHIM_H
#define WORKBENCH_CBLAS_SHIM_H

// Debian ships no cblas.pc: OpenBLAS's pkg-config entry provides the include
// path of its own cblas.h, and LAPACKE comes from the separate liblapacke.
#include <cblas.h>
#include <lapacke.h>

// lapacke.h spells the integer type as a #define, which Swift cannot import;
// this typedef gives Swift a name for it.
typedef lapack_int cblas_lapack_int;

// OpenBLAS (pthreads build) starts its worker threads when the library loads, and each spins
// on sched_yield for about 2^28 cycles (~0.1 s of CPU) waiting for a first call.
// blas_thread_shutdown_ is the call OpenBLAS itself makes around fork(): it stops the pool, and
// the next threaded BLAS call starts it again. It is exported by the threaded builds but absent
// from the headers and from the serial build, so it is looked up at run time (a null handle is
// glibc's RTLD_DEFAULT: every loaded library); without it there is no pool to stop.
#include <dlfcn.h>

static inline void cblas_shim_stop_worker_threads(void) {
    int (*shutdown)(void) = (int (*)(void))dlsym((void *)0, "blas_thread_shutdown_");
    if (shutdown) shutdown();
}

#endif
