#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// libm under one name, so metric files need not repeat the platform imports.
@inline(__always) func naturalLog(_ x: Double) -> Double { log(x) }
@inline(__always) func cubeRoot(_ x: Double) -> Double { cbrt(x) }
