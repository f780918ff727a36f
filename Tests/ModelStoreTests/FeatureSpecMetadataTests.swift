import Foundation
import ModelFixtures
import Testing
@testable import ModelStore

@Suite("Feature spec in the metadata")
struct FeatureSpecMetadataTests {
    @Test("feature_spec round-trips through the metadata JSON and is absent (nil) for raw-feature models")
    func roundTrip() throws {
        var metadata = Fixtures.metadata(.isolationForest)
        let plain = String(decoding: try JSONEncoder().encode(metadata), as: UTF8.self)
        #expect(!plain.contains("feature_spec"), "older readers and digests see no new key for raw-feature models")
        #expect(try JSONDecoder().decode(ModelMetadata.self, from: Data(plain.utf8)).featureSpec == nil)
        metadata.featureSpec = .object(["time": "timestamp", "transforms": .array([.object(["kind": "raw"])])])
        let text = try JSONEncoder().encode(metadata)
        #expect(String(decoding: text, as: UTF8.self).contains("\"feature_spec\":{"))
        #expect(try JSONDecoder().decode(ModelMetadata.self, from: text) == metadata)
    }
}
