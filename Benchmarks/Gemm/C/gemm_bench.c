/* Times cblas_sgemm / cblas_dgemm called directly, for one shape.
 * Usage: gemm_bench s|d M N K MIN_SECONDS
 * Mirrors Swift/main.swift: same data, one warm-up call, best GFLOP/s over
 * repetitions lasting at least MIN_SECONDS (at least 3). */
#include <cblas.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Values in [-1, 1) from the linear congruential sequence the Swift side uses. */
static double next_value(uint32_t *state) {
    *state = *state * 1664525u + 1013904223u;
    return (double)(*state >> 8) / (double)(1 << 23) - 1.0;
}

int main(int argc, char **argv) {
    if (argc != 6 || (strcmp(argv[1], "s") != 0 && strcmp(argv[1], "d") != 0)) {
        fprintf(stderr, "usage: gemm_bench s|d M N K MIN_SECONDS\n");
        return 64;
    }
    int single = strcmp(argv[1], "s") == 0;
    int m = atoi(argv[2]), n = atoi(argv[3]), k = atoi(argv[4]);
    double minimum = atof(argv[5]);
    size_t size = single ? sizeof(float) : sizeof(double);
    void *a = malloc(size * (size_t)m * k), *b = malloc(size * (size_t)k * n), *c = calloc((size_t)m * n, size);
    if (!a || !b || !c) { fprintf(stderr, "out of memory\n"); return 70; }
    uint32_t state = 12345;
    for (size_t i = 0; i < (size_t)m * k; i++) {
        double v = next_value(&state);
        if (single) ((float *)a)[i] = (float)v; else ((double *)a)[i] = v;
    }
    for (size_t i = 0; i < (size_t)k * n; i++) {
        double v = next_value(&state);
        if (single) ((float *)b)[i] = (float)v; else ((double *)b)[i] = v;
    }
    double best = 1e30, total = 0;
    for (int rep = -1; rep < 3 || total < minimum; rep++) {
        double start = now();
        if (single)
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0f, a, k, b, n, 0.0f, c, n);
        else
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
        double elapsed = now() - start;
        if (rep < 0) continue; /* warm-up */
        if (elapsed < best) best = elapsed;
        total += elapsed;
    }
    printf("%.2f\n", 2.0 * m * n * k / best / 1e9);
    free(a); free(b); free(c);
    return 0;
}
