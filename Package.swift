// swift-tools-version: 6.2
// Workbench: offline analytics and model training for operations metrics.
// Dependencies point down: C libraries → NumericCore → algorithms and storage → CLI.
import PackageDescription

let package = Package(
    name: "Workbench",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "workbench", targets: ["WorkbenchCLI"]),
        .library(name: "DurableFiles", targets: ["DurableFiles"]),
        .library(name: "NumericCore", targets: ["NumericCore"]),
        .library(name: "Datasets", targets: ["Datasets"]),
        .library(name: "Forests", targets: ["Forests"]),
        .library(name: "Evaluation", targets: ["Evaluation"]),
        .library(name: "MetricsSource", targets: ["MetricsSource"]),
        .library(name: "ModelStore", targets: ["ModelStore"]),
        .library(name: "Pipeline", targets: ["Pipeline"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Notebooks", targets: ["Notebooks"]),
        .library(name: "Publishing", targets: ["Publishing"]),
        .library(name: "Features", targets: ["Features"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // C libraries, imported through module maps and shims (no unsafeFlags).
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas",
                       providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CHDF5", pkgConfig: "hdf5", providers: [.apt(["libhdf5-dev"])]),

        // Libraries, dependencies pointing down: DurableFiles, NumericCore → algorithms and storage → CLI.
        .target(name: "DurableFiles", exclude: ["README.md"]),
        .target(name: "NumericCore", dependencies: [
            "CBLAS",
            .product(name: "Crypto", package: "swift-crypto"),
        ], exclude: ["README.md"]),
        .target(name: "HDF5Kit", dependencies: ["CHDF5", "DurableFiles"], exclude: ["README.md"]),
        .target(name: "Datasets", dependencies: ["DurableFiles", "NumericCore", "HDF5Kit"], exclude: ["README.md"]),
        .target(name: "CForestKernels", exclude: ["README.md"]),
        .target(name: "Forests", dependencies: ["NumericCore", "CForestKernels"], exclude: ["README.md"]),
        .target(name: "Evaluation", dependencies: ["NumericCore"], exclude: ["README.md"]),
        .target(name: "MetricsSource", dependencies: [
            "CLibPQ", "Datasets", "DurableFiles", "NumericCore",
            .product(name: "Logging", package: "swift-log"),
        ], exclude: ["README.md"]),
        .target(name: "ModelStore", dependencies: ["DurableFiles", "Forests", "HDF5Kit", "NumericCore", "Datasets"],
                exclude: ["README.md"]),
        .target(name: "SpecDocuments", dependencies: [
            "NumericCore", .product(name: "Yams", package: "Yams"),
        ], exclude: ["README.md"]),
        .target(name: "Features", dependencies: [
            "Datasets", "NumericCore", "SpecDocuments",
        ], exclude: ["README.md"]),
        .target(name: "Pipeline", dependencies: [
            "Datasets", "Features", "Forests", "Evaluation", "ModelStore", "NumericCore", "Reports",
        ],
                exclude: ["README.md"]),
        .target(name: "Reports", dependencies: ["NumericCore"], exclude: ["README.md"]),
        .target(name: "Notebooks", dependencies: ["DurableFiles"], exclude: ["README.md"]),
        .target(name: "Publishing", dependencies: [
            "DurableFiles", "NumericCore", "Forests", "ModelStore", "MetricsSource",
        ], exclude: ["README.md"]),
        .target(name: "Retrain", dependencies: [
            "Datasets", "DurableFiles", "Evaluation", "Features", "Forests", "MetricsSource", "ModelStore",
            "NumericCore", "Pipeline", "Publishing", "Reports", "SpecDocuments",
        ], exclude: ["README.md"]),
        .executableTarget(name: "WorkbenchCLI", dependencies: [
            "NumericCore", "Datasets", "Forests", "Evaluation", "MetricsSource", "ModelStore", "Pipeline", "Notebooks",
            "Publishing", "DurableFiles", "Features", "Reports", "Retrain",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ], exclude: ["README.md"]),

        // Tests: one target per library (never depending on the executable), plus the CLI end to end.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "DurableFilesTests", dependencies: ["DurableFiles"]),
        .target(name: "ModelFixtures", dependencies: ["Forests", "ModelStore", "NumericCore", "TestSupport"],
                path: "Tests/ModelFixtures"),
        .target(name: "DatabaseTestSupport", dependencies: ["Datasets", "MetricsSource"],
                path: "Tests/DatabaseTestSupport"),
        .testTarget(name: "NumericCoreTests", dependencies: ["NumericCore"]),
        .testTarget(name: "RetrainTests", dependencies: [
            "Retrain", "Datasets", "ModelStore", "Publishing", "SpecDocuments", "TestSupport",
            .product(name: "Yams", package: "Yams"),
        ]),
        .testTarget(name: "HDF5KitTests", dependencies: ["DurableFiles", "HDF5Kit", "TestSupport"]),
        .testTarget(name: "DatasetsTests", dependencies: [
            "Datasets", "DurableFiles", "HDF5Kit", "NumericCore", "TestSupport",
        ]),
        .testTarget(name: "ForestsTests", dependencies: ["Forests", "NumericCore", "TestSupport"]),
        .testTarget(name: "EvaluationTests", dependencies: ["Evaluation", "NumericCore", "TestSupport"]),
        .testTarget(name: "MetricsSourceTests", dependencies: [
            "MetricsSource", "Datasets", "NumericCore", "TestSupport", "DatabaseTestSupport",
        ]),
        .testTarget(name: "ModelStoreTests", dependencies: [
            "ModelStore", "Forests", "HDF5Kit", "NumericCore", "Datasets", "TestSupport", "ModelFixtures",
        ]),
        .testTarget(name: "PipelineTests", dependencies: [
            "Pipeline", "Datasets", "Evaluation", "Features", "Forests", "ModelStore", "NumericCore", "Reports", "TestSupport",
        ]),
        .testTarget(name: "WorkbenchCLITests", dependencies: [
            "TestSupport", "ModelFixtures", "DatabaseTestSupport", "Datasets", "Forests", "MetricsSource", "ModelStore",
            "NumericCore", "Notebooks", "Publishing", "DurableFiles", "WorkbenchCLI", "Retrain",
        ], exclude: ["Golden"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "NotebooksTests", dependencies: ["Notebooks", "TestSupport"]),
        .testTarget(name: "PublishingTests", dependencies: [
            "Publishing", "ModelStore", "Forests", "NumericCore", "MetricsSource", "TestSupport",
        ]),
        .testTarget(name: "FeaturesTests", dependencies: ["Features", "Datasets", "TestSupport"]),
        .testTarget(name: "SpecDocumentsTests", dependencies: ["SpecDocuments"]),

        // Benchmarks: release-built executables that time Workbench against a reference in one run.
        .executableTarget(name: "GemmBench", dependencies: ["NumericCore"], path: "Benchmarks/Gemm/Swift"),
        .executableTarget(name: "CSVBench", dependencies: ["Datasets"], path: "Benchmarks/CSV/Swift"),
        .executableTarget(name: "ForestBench", dependencies: ["Forests", "NumericCore"],
                          path: "Benchmarks/Forests/Swift"),
        .executableTarget(name: "IsolationBench", dependencies: ["Forests", "NumericCore"],
                          path: "Benchmarks/IsolationForest/Swift"),
        .executableTarget(name: "FeaturesBench", dependencies: ["Features", "Datasets"],
                          path: "Benchmarks/Features/Swift"),
        .executableTarget(name: "ModelStoreBench", dependencies: ["ModelStore", "Forests", "NumericCore"],
                          path: "Benchmarks/ModelStore/Swift"),
    ],
    swiftLanguageModes: [.v6]
)
