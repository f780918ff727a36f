import Foundation
import Testing
@testable import Evaluation

/// 2026-01-01T00:00:00Z.
let newYear2026 = 1_767_225_600.0

/// Two tenants with one row a day for 28 days, tenant b listed first and newest first.
let tenantTimes: [Double] = {
    let days: [Double] = (0 ..< 28).map { newYear2026 + Double($0) * 86_400 }
    return days.reversed() + days
}()

@Suite("Validation strategies")
struct ValidationStrategyTests {
    @Test("text forms parse and print back", arguments: ["time:25%", "time:12.5%", "walk-forward:5", "kfold:3"])
    func roundTrip(text: String) throws {
        let strategy = try ValidationStrategy(parsing: text)
        #expect(strategy.description == text && ValidationStrategy(text) == strategy)
        let json = try JSONEncoder().encode([strategy])
        #expect(String(decoding: json, as: UTF8.self) == "[\"\(text)\"]")
        #expect(try JSONDecoder().decode([ValidationStrategy].self, from: json) == [strategy])
    }

    @Test("every malformed text form is rejected with a sentence", arguments: [
        ("kfold", "Validation strategy \"kfold\" is not one of time:P%, walk-forward:K or kfold:K."),
        ("time:25", "Validation strategy \"time:25\" needs a percentage of the time span, such as time:25%."),
        ("time:abc%", "Validation strategy \"time:abc%\" needs a percentage of the time span, such as time:25%."),
        ("time:0%", "The time hold-out share must be between 0% and 100% (exclusive); got 0%."),
        ("time:100%", "The time hold-out share must be between 0% and 100% (exclusive); got 100%."),
        ("walk-forward:0", "Walk-forward validation needs a whole number of folds of at least 1; got \"0\"."),
        ("walk-forward:x", "Walk-forward validation needs a whole number of folds of at least 1; got \"x\"."),
        ("kfold:1", "K-fold validation needs a whole number of folds of at least 2; got \"1\"."),
        ("random:3", "Unknown validation strategy \"random\" in \"random:3\"; expected time:P%, walk-forward:K or kfold:K."),
    ])
    func parseErrors(text: String, message: String) {
        #expect(throws: EvaluationError.invalidInput(message)) { _ = try ValidationStrategy(parsing: text) }
        #expect(ValidationStrategy(text) == nil)
    }

    @Test("time:25% tests on the newest quarter of the time span and says so")
    func timeHoldout() throws {
        let splits = try ValidationStrategy.timeHoldout(percent: 25).splits(times: tenantTimes)
        try #require(splits.count == 1)
        let split = splits[0]
        // 27 days of span: the cut is at day 20.25, so days 21 … 27 are tested, both tenants.
        #expect(split.split.test.count == 14 && split.split.train.count == 42)
        #expect(split.testTimes == newYear2026 + 21 * 86_400 ... newYear2026 + 27 * 86_400)
        #expect(split.measuredOn == "time-ordered hold-out of the newest 25% of the time span: tested on "
            + "2026-01-22T00:00:00Z … 2026-01-28T00:00:00Z (14 rows), trained on 2026-01-01T00:00:00Z … 2026-01-21T00:00:00Z (42 rows)")
    }

    @Test("time-ordered strategies never train on a row later than a row they test on",
          arguments: ["time:25%", "time:3%", "time:90%", "walk-forward:1", "walk-forward:4", "walk-forward:27"])
    func noLeakage(text: String) throws {
        let strategy = try ValidationStrategy(parsing: text)
        #expect(strategy.isTimeOrdered)
        // Irregular times with duplicates across tenants.
        let times = tenantTimes + [newYear2026 + 5.5 * 86_400, newYear2026 + 20.25 * 86_400, newYear2026 + 26.9 * 86_400]
        for validation in try strategy.splits(times: times) {
            let latestTrain = validation.split.train.map { times[$0] }.max()!
            let earliestTest = validation.split.test.map { times[$0] }.min()!
            #expect(latestTrain < earliestTest, "\(validation.measuredOn)")
            #expect(Set(validation.split.train).isDisjoint(with: validation.split.test))
        }
    }

    @Test("walk-forward folds expand over distinct times and cover the newest times once")
    func walkForward() throws {
        let splits = try ValidationStrategy.walkForward(folds: 3).splits(times: tenantTimes)
        #expect(splits.map(\.fold) == [1, 2, 3] && splits.allSatisfy { $0.folds == 3 })
        // 28 distinct days, blocks of 7: tests days 7–13, 14–20, 21–27, each on both tenants.
        #expect(splits.map(\.split.test.count) == [14, 14, 14])
        #expect(splits.map(\.split.train.count) == [14, 28, 42])
        #expect(splits[2].measuredOn.hasPrefix(
            "walk-forward validation, 3 expanding-window folds in time order, fold 3 of 3: tested on 2026-01-22T00:00:00Z"))
    }

    @Test("k-fold cuts consecutive blocks in time order and says it is not time-ordered")
    func kFold() throws {
        let strategy = ValidationStrategy.kFold(folds: 4)
        #expect(!strategy.isTimeOrdered)
        let splits = try strategy.splits(times: tenantTimes)
        #expect(splits.count == 4)
        #expect(splits.flatMap(\.split.test).sorted() == Array(tenantTimes.indices))
        // The first fold tests the oldest 14 rows: days 0 … 6 of both tenants.
        #expect(splits[0].testTimes == newYear2026 ... newYear2026 + 6 * 86_400)
        #expect(splits[0].measuredOn.contains("not time-ordered: trains on later rows"))
    }

    @Test("splits reject times they cannot cut")
    func splitErrors() {
        #expect(throws: EvaluationError.invalidInput("Validation walk-forward:5 needs at least 6 distinct row times; got 3.")) {
            _ = try ValidationStrategy.walkForward(folds: 5).splits(times: [1, 2, 3, 3])
        }
        #expect(throws: EvaluationError.invalidInput("Validation time:25% needs rows at two or more distinct times; got 1.")) {
            _ = try ValidationStrategy.timeHoldout(percent: 25).splits(times: [7, 7])
        }
        #expect(throws: EvaluationError.invalidInput("Validation time:25%: row times must be finite; row 1 is nan.")) {
            _ = try ValidationStrategy.timeHoldout(percent: 25).splits(times: [7, .nan])
        }
        #expect(throws: EvaluationError.invalidInput("K-fold with 5 folds needs at least 5 samples; got 3.")) {
            _ = try ValidationStrategy.kFold(folds: 5).splits(times: [1, 2, 3])
        }
    }
}
