import Testing
import MetricsSource

@Suite("Retry policy")
struct RetryPolicyTests {
    static let fast = RetryPolicy(maxAttempts: 4, initialDelay: 0.001, multiplier: 2, maxDelay: 0.004)

    @Test("transient failures are retried until success")
    func retriesTransient() throws {
        var attempts = 0
        var events: [RetryEvent] = []
        let value = try Self.fast.run(onRetry: { events.append($0) }) { attempt throws(MetricsSourceError) in
            attempts += 1
            if attempt < 3 { throw .unavailable("connection refused") }
            return attempt
        }
        #expect(value == 3 && attempts == 3)
        #expect(events.map(\.attempt) == [1, 2])
    }

    @Test("failures that retrying cannot fix are not retried", arguments: [
        MetricsSourceError.configuration("password authentication failed"),
        .queryFailed(query: "q", sqlState: "42601", message: "syntax error"),
        .queryFailed(query: "q", sqlState: "28P01", message: "bad password"),
        .noData("nothing"),
    ])
    func noRetry(error: MetricsSourceError) {
        var attempts = 0
        #expect(throws: error) {
            try Self.fast.run { _ throws(MetricsSourceError) in
                attempts += 1
                throw error
            }
        }
        #expect(attempts == 1)
    }

    @Test("transient SQLSTATEs are retried", arguments: ["57P01", "57P02", "57P03", "08006", "08001", "40001", "40P01"])
    func transientStates(state: String) {
        #expect(MetricsSourceError.queryFailed(query: "q", sqlState: state, message: "m").isTransient)
    }

    @Test("after the last attempt the error says how many were made")
    func givesUp() {
        var attempts = 0
        #expect(throws: MetricsSourceError.unavailable("connection refused (gave up after 4 attempts)")) {
            try Self.fast.run { _ throws(MetricsSourceError) in
                attempts += 1
                throw .unavailable("connection refused")
            }
        }
        #expect(attempts == 4)
    }

    @Test("delays grow exponentially up to the ceiling, jitter within [d/2, d]")
    func delays() {
        let policy = RetryPolicy(maxAttempts: 10, initialDelay: 0.25, multiplier: 2, maxDelay: 8)
        #expect(policy.delayBounds(after: 1) == 0.125 ... 0.25)
        #expect(policy.delayBounds(after: 3) == 0.5 ... 1)
        #expect(policy.delayBounds(after: 9) == 4 ... 8)
    }
}
