import Datasets
import Foundation
import Testing
import TestSupport

/// Hostile inputs through the real executable: limits, negative values, exit codes, one-line errors.
@Suite("input validation end to end")
struct InputValidationTests {
    let breastw = TestSupport.datasetsDirectory.appendingPathComponent("odds/breastw.csv").path

    /// A fresh directory with a 3-tree classifier `m.h5` trained on breastw.
    func makeModel() throws -> (directory: URL, model: String) {
        let directory = try TestSupport.makeTemporaryDirectory("validation")
        let model = directory.appendingPathComponent("m.h5").path
        let train = try TestSupport.workbench([
            "train", "--data", breastw, "--target", "label", "--algorithm", "random-forest-classifier",
            "--trees", "3", "--output", model,
        ])
        #expect(train.status == 0, "\(train.standardError)")
        return (directory, model)
    }

    /// Expects exit `status` and exactly one stderr line containing `message`.
    func expectOneLine(_ run: TestSupport.ProcessOutput, status: Int32, _ message: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == status, "\(run.standardError)", sourceLocation: sourceLocation)
        #expect(run.standardError.contains(message), "\(run.standardError)", sourceLocation: sourceLocation)
        #expect(run.standardError.filter { $0 == "\n" }.count == 1, "\(run.standardError)", sourceLocation: sourceLocation)
    }

    @Test("a huge tree count is refused with the limit and its reason, for every algorithm", arguments: [
        "random-forest-classifier", "random-forest-regressor", "isolation-forest", "extended-isolation-forest",
    ])
    func hugeTrees(algorithm: String) throws {
        let directory = try TestSupport.makeTemporaryDirectory("validation")
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("m.h5").path
        let run = try TestSupport.workbench([
            "train", "--data", breastw, "--target", "label", "--algorithm", algorithm, "--trees", "99999999999", "--output", output,
        ])
        expectOneLine(run, status: 64, "trees must be an integer in [1, 100000]; got 99999999999. The limit keeps memory bounded")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("huge thread counts are refused, never overflow")
    func hugeThreads() throws {
        let (directory, model) = try makeModel()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("p.csv").path
        for threads in ["9223372036854775807", "4611686018427387904"] {
            let predict = try TestSupport.workbench(["predict", "--model", model, "--data", breastw, "--output", output, "--threads", threads])
            expectOneLine(predict, status: 64, "threads must be an integer in [1, 1024] or none; got \(threads).")
            for algorithm in ["random-forest-classifier", "isolation-forest"] {
                let train = try TestSupport.workbench([
                    "train", "--data", breastw, "--target", "label", "--algorithm", algorithm, "--threads", threads,
                    "--output", directory.appendingPathComponent("t.h5").path,
                ])
                expectOneLine(train, status: 64, "threads must be an integer in [1, 1024] or none; got \(threads).")
            }
        }
    }

    static let trainNegatives: [(String, [String], String)] = [
        ("random-forest-classifier", ["--trees", "-1"], "trees must be an integer in [1, 100000]; got -1."),
        ("random-forest-classifier", ["--max-depth", "-2"], "maxDepth must be an integer in [1, ∞) or none; got -2."),
        ("random-forest-classifier", ["--min-samples-leaf", "-1"], "minSamplesLeaf must be an integer in [1, ∞); got -1."),
        ("random-forest-classifier", ["--min-samples-split", "-3"], "minSamplesSplit must be an integer in [2, ∞); got -3."),
        ("random-forest-classifier", ["--max-leaf-nodes", "-1"], "maxLeafNodes must be an integer in [2, ∞) or none; got -1."),
        ("random-forest-classifier", ["--threads", "-1"], "threads must be an integer in [1, 1024] or none; got -1."),
        ("random-forest-classifier", ["--min-impurity-decrease", "-0.5"], "minImpurityDecrease must be a finite number in [0, ∞); got -0.5."),
        ("random-forest-classifier", ["--max-samples", "-1"], "maxSamples must be a count ≥ 1 or a fraction in (0, 1]; got -1."),
        ("random-forest-classifier", ["--max-features", "-1"], "maxFeatures must be sqrt, log2, all, a count ≥ 1 or a fraction in (0, 1]; got -1."),
        ("isolation-forest", ["--trees", "-7"], "trees must be an integer in [1, 100000]; got -7."),
        ("isolation-forest", ["--max-samples", "-5"], "maxSamples must be in (0, 1] or a count ≥ 1; got -5."),
        ("isolation-forest", ["--contamination", "-0.1"], "contamination must be 'auto' or in (0, 0.5]; got -0.1."),
        ("isolation-forest", ["--critical-rate", "-0.1"], "--critical-rate must be in (0, 1); got -0.1."),
        ("isolation-forest", ["--target-recall", "-0.5"], "recall must be in (0, 1]; got -0.5."),
        ("extended-isolation-forest", ["--extension-level", "-1"], "extensionLevel must be 'full' or an integer ≥ 0; got -1."),
        ("random-forest-classifier", ["--seed", "-3"], "--seed must be an integer in [0, 18446744073709551615]; got -3."),
        ("isolation-forest", ["--seed", "1.5"], "--seed must be an integer in [0, 18446744073709551615]; got 1.5."),
    ]

    @Test("a negative value after a train option reaches its range check", arguments: trainNegatives.indices)
    func trainNegative(index: Int) throws {
        let (algorithm, option, message) = Self.trainNegatives[index]
        let directory = try TestSupport.makeTemporaryDirectory("validation")
        defer { try? FileManager.default.removeItem(at: directory) }
        let run = try TestSupport.workbench(["train", "--data", breastw, "--target", "label", "--algorithm", algorithm]
            + option + ["--output", directory.appendingPathComponent("m.h5").path])
        expectOneLine(run, status: 64, message)
        #expect(!run.standardError.contains("Missing value"))
    }

    @Test("a negative value after any other command's option reaches its range check")
    func otherNegatives() throws {
        let (directory, model) = try makeModel()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("out.csv").path
        let pull = ["pull", "--tenant", "a", "--from", "now-1d", "--bucket", "1h", "--output", output]
        let cases: [([String], String)] = [
            (["predict", "--model", model, "--data", breastw, "--output", output, "--top-features", "-1"], "--top-features must be ≥ 0; got -1."),
            (["predict", "--model", model, "--data", breastw, "--output", output, "--threads", "-2"], "--threads must be ≥ 1; got -2."),
            (["dataset", "synth", "--output", output, "--tenants", "-1"], "tenants must be in 1...702; got -1."),
            (["dataset", "synth", "--output", output, "--days", "-2"], "days must be in 1...366; got -2."),
            (["dataset", "synth", "--output", output, "--seed", "-1"], "--seed must be an integer in [0, 18446744073709551615]; got -1."),
            (["db", "seed", "--seed", "-5"], "--seed must be an integer in [0, 18446744073709551615]; got -5."),
            (["models", "gc", "cpu", "--keep", "-1", "--registry", directory.appendingPathComponent("r").path], "--keep must be at least 1; got -1."),
            (pull + ["--attempts", "-1"], "--attempts must be at least 1; got -1."),
            (pull + ["--statement-timeout", "-1"], "--statement-timeout must be 0 or more seconds; got -1."),
            (pull + ["--connect-timeout", "-1"], "--connect-timeout must be at least 1 second; got -1."),
            (["pull", "--tenant", "a", "--from", "-7d", "--bucket", "1h", "--output", output], "The time '-7d' is not understood"),
        ]
        for (arguments, message) in cases {
            let run = try TestSupport.workbench(arguments)
            expectOneLine(run, status: 64, message)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("r").path))
    }

    @Test("damaged model files exit 65, missing ones 66")
    func modelExitCodes() throws {
        let (directory, model) = try makeModel()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: model))
        let files: [(String, Data)] = [
            ("truncated.h5", bytes.prefix(bytes.count / 2)),
            ("random.h5", Data((0 ..< 8192).map { UInt8(truncatingIfNeeded: ($0 &* 40503) >> 3) })),
            ("csv.h5", try Data(contentsOf: URL(fileURLWithPath: breastw))),
        ]
        let output = directory.appendingPathComponent("p.csv").path
        for (name, content) in files {
            let path = directory.appendingPathComponent(name).path
            try content.write(to: URL(fileURLWithPath: path))
            let run = try TestSupport.workbench(["predict", "--model", path, "--data", breastw, "--output", output])
            expectOneLine(run, status: 65, "Model file \(path) is not a readable HDF5 file")
        }
        for name in ["nosuch.h5", "nosuch.hdf5", "nosuch.H5", "sub/nosuch"] {
            let missing = directory.appendingPathComponent(name).path
            let run = try TestSupport.workbench(["predict", "--model", missing, "--data", breastw, "--output", output])
            expectOneLine(run, status: 66, "Model file \(missing) does not exist.")
        }
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("an HDF5 data set holding inf exits 65 naming the file, the column and the row, like a CSV one")
    func infiniteHDF5Data() throws {
        let directory = try TestSupport.makeTemporaryDirectory("inf-h5")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("inf.h5").path
        try Dataset(columns: [
            Column(name: "t", data: .numeric([1, 2, 3])), Column(name: "cpu", data: .numeric([0.5, .nan, .infinity])),
        ]).writeHDF5(to: path)
        let run = try TestSupport.workbench(["dataset", "inspect", path])
        expectOneLine(run, status: 65, "\(path) column 'cpu': row 3 (/columns/1[2]) is inf; values must be finite")
    }

    @Test("a missing data file exits 66 whatever its extension")
    func missingData() throws {
        let (directory, model) = try makeModel()
        defer { try? FileManager.default.removeItem(at: directory) }
        let missing = directory.appendingPathComponent("d/x.txt").path
        let predict = try TestSupport.workbench(["predict", "--model", model, "--data", missing, "--output", directory.appendingPathComponent("p.csv").path])
        expectOneLine(predict, status: 66, "\(missing): cannot open: No such file or directory")
        let train = try TestSupport.workbench([
            "train", "--data", missing, "--target", "label", "--algorithm", "random-forest-classifier",
            "--output", directory.appendingPathComponent("t.h5").path,
        ])
        expectOneLine(train, status: 66, "\(missing): cannot open: No such file or directory")
    }

    @Test("an unsupported output format is a usage error (64) in every command, refused before any work")
    func unsupportedOutput() throws {
        let (directory, model) = try makeModel()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("p/x.txt").path
        let cases: [([String], String)] = [
            (["predict", "--model", model, "--data", breastw, "--output", output], "predictions must end in .csv, .h5 or .hdf5; got '.txt'"),
            (["train", "--data", breastw, "--target", "label", "--algorithm", "random-forest-classifier", "--output", output],
             "a model file must end in .h5 or .hdf5; got '.txt' (the extension decides the format)."),
            (["pull", "--tenant", "a", "--from", "now-1d", "--bucket", "1h", "--output", output], "x.txt"),
            (["dataset", "synth", "--output", output], "synthetic metrics are written as CSV; name the file .csv (got '.txt')."),
        ]
        for (arguments, message) in cases {
            let run = try TestSupport.workbench(arguments)
            expectOneLine(run, status: 64, message)
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("p").path))
    }

    @Test("line breaks and escape sequences from data, file names and model names are escaped into one line")
    func oneLineErrors() throws {
        let directory = try TestSupport.makeTemporaryDirectory("validation")
        defer { try? FileManager.default.removeItem(at: directory) }
        let data = directory.appendingPathComponent("bad.csv")
        try "a,label\n1,0\n\"x\u{1B}[31m\nred\",1\n".write(to: data, atomically: true, encoding: .utf8)
        let output = directory.appendingPathComponent("m.h5").path
        let cell = try TestSupport.workbench(["train", "--data", data.path, "--target", "label", "--algorithm", "random-forest-classifier", "--output", output])
        expectOneLine(cell, status: 65, "got 'x\\u{1B}[31m\\nred'.")
        #expect(!cell.standardError.contains("\u{1B}"))

        let oddName = directory.appendingPathComponent("two\nlines\r.csv").path
        let name = try TestSupport.workbench(["train", "--data", oddName, "--target", "label", "--algorithm", "random-forest-classifier", "--output", output])
        expectOneLine(name, status: 66, "two\\nlines\\r.csv: cannot open")

        let model = try TestSupport.workbench([
            "predict", "--model", "cpu\nfake@v1", "--data", data.path, "--output", directory.appendingPathComponent("p.csv").path,
            "--registry", directory.appendingPathComponent("registry").path,
        ])
        #expect(model.status != 0)
        #expect(model.standardError.contains("cpu\\nfake"), "\(model.standardError)")
        #expect(model.standardError.filter { $0 == "\n" }.count == 1, "\(model.standardError)")
    }

    @Test("argument-parser usage errors are one line when stderr is not a terminal")
    func usageErrorsOffTerminal() throws {
        let run = try TestSupport.workbench(["train", "--trees", "abc", "--data", breastw, "--algorithm", "random-forest-classifier", "--output", "x.h5"])
        #expect(run.status == 64)
        #expect(run.standardError == "Error: The value 'abc' is invalid for '--trees <n>'\n")
        let newline = try TestSupport.workbench(["train", "--trees", "1\n2", "--data", breastw, "--algorithm", "random-forest-classifier", "--output", "x.h5"])
        #expect(newline.standardError == "Error: The value '1\\n2' is invalid for '--trees <n>'\n")
        let help = try TestSupport.workbench(["train", "--help"])
        #expect(help.status == 0 && help.standardOutput.contains("USAGE: workbench train") && help.standardError.isEmpty)
    }

    @Test("on a terminal, usage errors keep argument-parser's help lines",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "needs util-linux script for a pseudo-terminal"))
    func usageErrorsOnTerminal() throws {
        let command = "\(TestSupport.workbenchExecutable.path) train --trees abc --data x.csv --algorithm random-forest-classifier --output x.h5"
        let run = try TestSupport.run(URL(fileURLWithPath: "/usr/bin/script"), ["-qec", command, "/dev/null"])
        #expect(run.status == 64)
        #expect(run.standardOutput.contains("Error: The value 'abc' is invalid for '--trees <n>'"), "\(run.standardOutput)")
        #expect(run.standardOutput.contains("Usage: workbench train"), "\(run.standardOutput)")
    }

    @Test("infinite, overflowing and hexadecimal feature values are refused with file, line and column (65)", arguments: [
        "inf", "-Infinity", "1e999", "0x1A",
    ])
    func numberPolicy(value: String) throws {
        let (directory, model) = try makeModel()
        defer { try? FileManager.default.removeItem(at: directory) }
        var lines = try String(contentsOfFile: breastw, encoding: .utf8).split(separator: "\n").map(String.init)
        var fields = lines[5].split(separator: ",").map(String.init)
        fields[2] = value
        lines[5] = fields.joined(separator: ",")
        let data = directory.appendingPathComponent("bad.csv").path
        try (lines.joined(separator: "\n") + "\n").write(toFile: data, atomically: true, encoding: .utf8)
        let train = try TestSupport.workbench([
            "train", "--data", data, "--target", "label", "--algorithm", "random-forest-classifier", "--output", directory.appendingPathComponent("t.h5").path,
        ])
        expectOneLine(train, status: 65, "\(data):6 column 'f2': '\(value)' is not accepted")
        let predict = try TestSupport.workbench(["predict", "--model", model, "--data", data, "--output", directory.appendingPathComponent("p.csv").path])
        expectOneLine(predict, status: 65, "\(data):6 column 'f2': '\(value)' is not accepted")
    }
}
