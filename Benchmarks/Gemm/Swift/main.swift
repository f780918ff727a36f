// Times NumericCore's checked gemm wrapper (BLAS.gemm) for one shape.
// Usage: GemmBench s|d M N K MIN_SECONDS
// Prints the best GFLOP/s over repetitions that together last at least MIN_SECONDS
// (at least 3), after one warm-up call; C/gemm_bench.c does exactly the same with CBLAS.

import Foundation
import NumericCore

/// Values in [-1, 1) from a fixed linear congruential sequence, the same one the C program uses.
func filled<S: BLASScalar>(_ rows: Int, _ columns: Int, state: inout UInt32) -> Matrix<S> {
    var values = [S]()
    values.reserveCapacity(rows * columns)
    for _ in 0 ..< rows * columns {
        state = state &* 1_664_525 &+ 1_013_904_223
        values.append(S(Double(state >> 8) / Double(1 << 23) - 1))
    }
    return try! Matrix(rows: rows, columns: columns, storage: values)
}

func bestGFLOPs<S: BLASScalar>(_: S.Type, m: Int, n: Int, k: Int, minimumSeconds: Double) throws -> Double {
    var state: UInt32 = 12345
    let a: Matrix<S> = filled(m, k, state: &state)
    let b: Matrix<S> = filled(k, n, state: &state)
    var c = Matrix<S>(rows: m, columns: n)
    try BLAS.gemm(a, b, into: &c)
    let clock = ContinuousClock()
    var best = Duration.seconds(1_000_000)
    var total = Duration.zero
    var repetitions = 0
    while repetitions < 3 || total < .seconds(minimumSeconds) {
        let elapsed = try clock.measure { try BLAS.gemm(a, b, into: &c) }
        best = min(best, elapsed)
        total += elapsed
        repetitions += 1
    }
    let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) * 1e-18
    return 2 * Double(m) * Double(n) * Double(k) / seconds / 1e9
}

let arguments = CommandLine.arguments
guard arguments.count == 6, let m = Int(arguments[2]), let n = Int(arguments[3]), let k = Int(arguments[4]),
      let minimumSeconds = Double(arguments[5]), ["s", "d"].contains(arguments[1]) else {
    print("usage: GemmBench s|d M N K MIN_SECONDS")
    exit(64)
}
let gflops = arguments[1] == "s"
    ? try bestGFLOPs(Float.self, m: m, n: n, k: k, minimumSeconds: minimumSeconds)
    : try bestGFLOPs(Double.self, m: m, n: n, k: k, minimumSeconds: minimumSeconds)
print(String(format: "%.2f", gflops))
