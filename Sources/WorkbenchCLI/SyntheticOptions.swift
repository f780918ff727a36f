import ArgumentParser
import Datasets

/// The options that shape the synthetic collector-metrics data set, shared by
/// `dataset synth` (CSV files) and `db seed` (a database).
struct SyntheticOptions: ParsableArguments {
    @Option(help: "Number of tenants, 1...702.")
    var tenants: Int = 3

    @Option(help: "Number of days generated, 1...366.")
    var days: Int = 14

    @Option(help: ArgumentHelp("Time between samples: 30s, 1m, 5m, 1h (must divide a day).", valueName: "duration"))
    var interval: String = "1m"

    @Option(help: "Seed of every random stream.")
    var seed = SeedArgument(0)

    func validate() throws {
        try seed.validate()
    }

    /// The generator's configuration for these options, not yet validated.
    /// - Throws: `DatasetError` when `--interval` does not parse.
    func configuration(injectsIncidents: Bool) throws(DatasetError) -> SyntheticMetrics.Configuration {
        SyntheticMetrics.Configuration(
            tenants: tenants, days: days,
            intervalSeconds: try SyntheticMetrics.Configuration.intervalSeconds(parsing: interval),
            seed: seed.value ?? 0, injectsIncidents: injectsIncidents)
    }
}
