// swift-tools-version: 6.2
// Workbench: offline analytics and model training for operations metrics.
// Dependencies point down: C libraries → NumericCore → algorithms and storage → CLI.
import PackageDescription

let package = Package(
    name: "Workbench",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "workbench", targets: ["WorkbenchCLI"]),
        .library(name: "NumericCore", targets: ["NumericCore"]),
        .library(name: "Datasets", targets: ["Datasets"]),
        .library(name: "Forests", targets: ["Forests"]),
        .library(name: "Evaluation", targets: ["Evaluation"]),
        .library(name: "MetricsSource", targets: ["MetricsSource"]),
        .library(name: "ModelStore", targets: ["ModelStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        // C libraries, imported through module maps and shims (no unsafeFlags).
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CHDF5", pkgConfig: "hdf5", providers: [.apt(["libhdf5-dev"])]),

        .target(name: "NumericCore", dependencies: [
            "CBLAS",
            .product(name: "Crypto", package: "swift-crypto"),
        ], exclude: ["README.md"]),
        .target(name: "HDF5Kit", dependencies: ["CHDF5"]),
        .target(name: "Datasets", dependencies: ["NumericCore", "HDF5Kit"]),
        .target(name: "Forests", dependencies: ["NumericCore"], exclude: ["README.md"]),
        .target(name: "Evaluation", dependencies: ["NumericCore"], exclude: ["README.md"]),
        .target(name: "MetricsSource", dependencies: [
            "CLibPQ", "Datasets", "NumericCore",
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "ModelStore", dependencies: ["Forests", "HDF5Kit", "NumericCore", "Datasets"]),
        .executableTarget(name: "WorkbenchCLI", dependencies: [
            "NumericCore", "Datasets", "Forests", "Evaluation", "MetricsSource", "ModelStore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        .executableTarget(name: "IsolationBench", dependencies: ["Forests", "NumericCore"],
                          path: "Benchmarks/IsolationForest/Swift"),

        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "NumericCoreTests", dependencies: ["NumericCore"]),
        .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "HDF5Kit", "NumericCore"]),
        .testTarget(name: "ForestsTests", dependencies: ["Forests", "NumericCore", "TestSupport"]),
        .executableTarget(name: "ForestBench", dependencies: ["Forests", "NumericCore"],
                          path: "Benchmarks/Forests/Swift"),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "NumericCore"]),

        // Benchmarks: release-built executables that time Workbench against a reference in one run.
        .executableTarget(name: "GemmBench", dependencies: ["NumericCore"], path: "Benchmarks/Gemm/Swift"),
    ],
    swiftLanguageModes: [.v6]
)
