import Datasets
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes results to standard output without stdio buffering, for CSV streamed to a pipe.
enum StandardOutput {
    /// Streams `dataset` as CSV (the same text `CSVWriter` puts in a file).
    /// - Throws: `DatasetError.cannotWrite` naming standard output and the system's reason.
    static func writeCSV(_ dataset: Dataset) throws(DatasetError) {
        let writer = CSVWriter(streamingTo: "standard output", header: dataset.columnNames) { bytes throws(DatasetError) in
            try write(bytes)
        }
        try writer.writeRows(of: dataset)
        try writer.commit()
    }

    /// Writes every byte, retrying short writes and EINTR.
    private static func write(_ bytes: [UInt8]) throws(DatasetError) {
        let failure: Int32? = bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let count = posixWrite(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += count
            }
            return nil
        }
        if let failure {
            throw .cannotWrite(path: "standard output", reason: String(cString: strerror(failure)))
        }
    }
}

/// `write(2)`, named apart from `StandardOutput.write(_:)`.
private func posixWrite(_ descriptor: Int32, _ address: UnsafeRawPointer, _ count: Int) -> Int {
    write(descriptor, address, count)
}
