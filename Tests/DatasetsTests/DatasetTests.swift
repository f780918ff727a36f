import Testing
@testable import Datasets

@Suite("Dataset invariants")
struct DatasetTests {
    @Test("columns of unequal length are rejected with both names")
    func unequalLengths() {
        #expect(throws: DatasetError.invalid("Column 'b' has 1 rows; 'a' has 2.")) {
            try Dataset(columns: [
                Column(name: "a", data: .numeric([1, 2])),
                Column(name: "b", data: .numeric([1])),
            ])
        }
    }

    @Test("feature matrix names the missing column")
    func missingFeature() throws {
        let data = try Dataset(columns: [Column(name: "cpu", data: .numeric([1, .nan]))])
        #expect(data.column(named: "cpu")?.missingCount == 1)
        #expect(throws: DatasetError.missingColumn(name: "mem", source: "x.csv", available: ["cpu"])) {
            try data.featureMatrix(columns: ["cpu", "mem"], source: "x.csv")
        }
    }
}
