import Foundation
import Retrain
import Testing

@Suite("Single-flight lock")
struct RunLockTests {
    @Test("a second holder is refused with the first holder named, and the lock frees on release")
    func singleFlight() throws {
        let path = NSTemporaryDirectory() + "retrain-\(UUID().uuidString).lock"
        var first: RunLock? = try RunLock(path: path)
        let refusal = #expect(throws: RetrainError.self) { try RunLock(path: path) }
        #expect(refusal?.description.hasPrefix("Another retraining run holds the lock: pid \(getpid()) on ") == true)
        #expect(first != nil)
        first = nil
        _ = try RunLock(path: path)
    }
}
