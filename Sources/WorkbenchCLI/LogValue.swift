/// A structured field's value in a log line: JSON strings stay strings, counts and seconds stay numbers.
enum LogValue: Sendable, Equatable, ExpressibleByStringInterpolation, ExpressibleByIntegerLiteral {
    case string(String)
    case int(Int)
    case double(Double)

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(value) }
}
