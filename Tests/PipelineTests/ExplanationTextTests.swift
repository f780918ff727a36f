import Testing
import Forests
@testable import Pipeline

@Suite("top_features cells")
struct ExplanationTextTests {
    /// The formatting the table replaces.
    static func reference(_ share: Double) -> String { "\((share * 1000).rounded() / 1000)" }

    @Test("every share prints as the rounded Double's description, from the table or not")
    func shares() {
        let text = ExplanationText(features: ["a"])
        var shares = (0 ... 1000).map { Double($0) / 1000 }
        shares += (0 ..< 5_000).map { Double($0) / 4_999 }  // between the thousandths, ties at .0005
        shares += [0.0005, 0.0015, 0.9995, 1.0000000000000002, 0.999999, 1e-300, -0.0, 0.0, -0.0004, 2.5, .nan, .infinity]
        for share in shares {
            #expect(text.share(share) == Self.reference(share), "share \(share)")
        }
    }

    @Test("a cell lists feature:share pairs in order, separated by semicolons")
    func cells() {
        let text = ExplanationText(features: ["cpu", "mem", "disk_io"])
        let contributions = [FeatureContribution(feature: 2, share: 0.6666), FeatureContribution(feature: 0, share: 0.25),
                             FeatureContribution(feature: 1, share: 0.0834)]
        #expect(text.text(contributions) == "disk_io:0.667;cpu:0.25;mem:0.083")
        #expect(text.text(contributions) == contributions.map { "\(["cpu", "mem", "disk_io"][$0.feature]):\(Self.reference($0.share))" }
            .joined(separator: ";"))
        #expect(text.text([]) == "")
    }
}
