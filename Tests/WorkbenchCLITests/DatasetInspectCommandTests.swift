import Foundation
import Testing
import TestSupport
@testable import Datasets

@Suite("workbench dataset inspect")
struct DatasetInspectCommandTests {
    @Test("a CSV file shows rows, columns and a table of types, missing counts and min/mean/max")
    func csv() throws {
        let path = try TestSupport.writeTemporaryFile("timestamp,cpu,host,label\n1767571200,0.5,a,normal\n1767571260,,b,\n1767571320,2.25,\"c,d\",attack\n")
        let result = try TestSupport.workbench(["dataset", "inspect", path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == """
            file: \(path)
            rows: 3
            columns: 4

            column     type     missing         min        mean         max
            timestamp  numeric        0  1767571200  1767571260  1767571320
            cpu        numeric        1         0.5       1.375        2.25
            host       text           0           -           -           -
            label      text           1           -           -           -

            """)
    }

    @Test("an HDF5 file also shows its lineage attributes")
    func hdf5() throws {
        let path = try TestSupport.makeTemporaryDirectory().appendingPathComponent("d.h5").path
        let dataset = try Dataset(columns: [Column(name: "x", data: .numeric([.nan, .nan]))])
        try dataset.writeHDF5(to: path, attributes: ["source": "synthetic", "sha256": "00ff"])
        let result = try TestSupport.workbench(["dataset", "inspect", path])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == """
            file: \(path)
            rows: 2
            columns: 1
            attribute sha256: 00ff
            attribute source: synthetic

            column  type     missing  min  mean  max
            x       numeric        2    -     -    -

            """)
    }

    @Test("bad data exits 65 with the file, line and column on stderr")
    func malformed() throws {
        let path = try TestSupport.writeTemporaryFile("a,b\n1,2\n3\n")
        let result = try TestSupport.workbench(["dataset", "inspect", path])
        #expect(result.status == 65)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == "error: \(path):3: row has 1 field; the header has 2.\n")
    }

    @Test("a missing file exits 66 and an unknown extension is a usage error")
    func missingAndUsage() throws {
        let missing = try TestSupport.workbench(["dataset", "inspect", "/nonexistent/x.csv"])
        #expect(missing.status == 66)
        #expect(missing.standardError == "error: /nonexistent/x.csv: cannot open: No such file or directory\n")
        let missingParquet = try TestSupport.workbench(["dataset", "inspect", "/nonexistent/x.parquet"])
        #expect(missingParquet.status == 66)
        #expect(missingParquet.standardError == "error: /nonexistent/x.parquet: cannot open: No such file or directory\n")
        let parquet = try TestSupport.writeTemporaryFile("a\n1\n", name: "x.parquet")
        let usage = try TestSupport.workbench(["dataset", "inspect", parquet])
        #expect(usage.status == 64)
        #expect(usage.standardError == "error: \(parquet): unknown data-set format '.parquet'; expected .csv, .h5 or .hdf5.\n")
    }
}
