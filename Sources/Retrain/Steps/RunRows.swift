import Datasets
import NumericCore

/// One run's rows: the training window and the hold-out after it, and where they came from.
public struct RunRows: Sendable {
    public let split: HoldoutSplit
    /// The source as lineage and messages name it.
    public let source: String
    /// The training window followed by the hold-out: scoring the hold-out on it gives feature specs the
    /// history their rolling windows read, while only hold-out rows are measured. All of it, not only the
    /// spec's longest look-back: the rolling standard deviation's exact recomputations are scheduled from a
    /// group's first row, so a shorter history changes hold-out features in their last bits (measured: 9 % of
    /// hold-out values of the default spec, up to 3e-13 relative), and `lag`/`diff` count rows, not time.
    public let window: Dataset

    public init(split: HoldoutSplit, source: String) throws {
        self.split = split
        self.source = source
        window = try Dataset(columns: split.training.columns.map { column in
            switch (column.data, split.holdout.column(named: column.name)?.data) {
            case (.numeric(let first), .numeric(let second)?): Column(name: column.name, data: .numeric(first + second))
            case (.text(let first), .text(let second)?): Column(name: column.name, data: .text(first + second))
            default: preconditionFailure("the training window and the hold-out come from one data set")
            }
        })
    }

    /// SHA-256 over every column name and value of the training window and the hold-out, in order: two runs
    /// with the same digest saw the same rows.
    public var digest: String {
        var hasher = Digest.Hasher()
        for dataset in [split.training, split.holdout] {
            for column in dataset.columns {
                hasher.update(Array(column.name.utf8) + [0])
                switch column.data {
                case .numeric(let values):
                    values.withUnsafeBytes { hasher.update($0) }
                case .text(let values):
                    for value in values { hasher.update((value.map { Array($0.utf8) } ?? [0xFF]) + [0]) }
                }
            }
            hasher.update([0xFE])
        }
        return hasher.finalizeHex()
    }
}

extension Digest.Hasher {
    fileprivate mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }
}
