import ArgumentParser
import Datasets
import DurableFiles

/// `workbench dataset split`: older rows to one file, newer rows to another, by a time column.
struct DatasetSplitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Split a data set by time: rows before the cut to --train, the rest to --test.",
        discussion: """
            Measure a model on rows after its training window: --at TIME sends rows at or after TIME \
            (ISO 8601 or epoch seconds) to --test; --holdout 7d sends the newest 7 days of the time span \
            (rows later than newest time − 7d) to --test. Rows keep their input order; files are written atomically.
            """)

    @Argument(help: ArgumentHelp("The data set to split (.csv or .h5).", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Time column (epoch seconds or ISO 8601).", valueName: "column"))
    var time: String

    @Option(help: ArgumentHelp("First instant of the test part (ISO 8601 or epoch seconds).", valueName: "time"))
    var at: String?

    @Option(help: ArgumentHelp("The test part is the newest DURATION: 7d, 12h, 30m, 90s, 2w.", valueName: "duration"))
    var holdout: String?

    @Option(help: ArgumentHelp("Where to write the older rows (.csv or .h5).", valueName: "file"))
    var train: String

    @Option(help: ArgumentHelp("Where to write the newer rows (.csv or .h5).", valueName: "file"))
    var test: String

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if (at == nil) == (holdout == nil) { throw ValidationError("Give exactly one of --at TIME and --holdout DURATION.") }
        if train == test { throw ValidationError("--train and --test name the same file '\(train)'.") }
    }

    func run() async throws {
        try await reportingErrors {
            for output in [NamedPath("--train", train), NamedPath("--test", test)] {
                _ = try OutputPaths.check(output, formats: [.csv, .hdf5], what: "a data set",
                                      inputs: [NamedPath("FILE", file)], protected: nil)
            }
            let cut = try TimeSplit.parseCut(at: at, holdout: holdout)
            let dataset = try DatasetIO.read(path: file, csvOptions: .inferred)
            let parts = try TimeSplit(time: time, cut: cut).split(dataset, source: file)
            try DatasetIO.write(parts.train, to: train)
            try DatasetIO.write(parts.test, to: test)
            print("test:  \(parts.test.rowCount) rows with '\(time)' \(parts.testRows) -> \(test)")
            print("train: \(parts.train.rowCount) rows before them -> \(train)")
        }
    }
}
