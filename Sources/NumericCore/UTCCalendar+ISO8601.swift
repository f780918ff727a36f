extension UTCCalendar {
    /// Seconds since 1970-01-01T00:00:00Z of ISO 8601 `text`, or nil when it is not of the accepted form.
    ///
    /// The one ISO 8601 reader of Workbench (time columns, `--from`/`--to`, `--at`). Accepted:
    /// `YYYY-MM-DD`, optionally `T` (or `t`, or a space) and `HH:MM`, `:SS`, a fraction of 1 to 9 digits
    /// after `.` or `,`, and a zone `Z`, `±HH:MM`, `±HHMM` or `±HH`. A date alone is midnight UTC.
    /// - Parameter requiringZone: when true a date-time without a zone is refused rather than read as UTC;
    ///   when false (the default) it is UTC.
    public static func parseISO8601(_ text: String, requiringZone: Bool = false) -> Double? {
        var scanner = DigitScanner(bytes: Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.skip("-"),
              let month = scanner.number(digits: 2), scanner.skip("-"),
              let day = scanner.number(digits: 2),
              (1 ... 12).contains(month), (1 ... daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        var seconds = days(year: year, month: month, day: day) * 86_400
        var fraction = 0.0
        if scanner.skip("T") || scanner.skip("t") || scanner.skip(" ") {
            guard let hour = scanner.number(digits: 2), scanner.skip(":"),
                  let minute = scanner.number(digits: 2), hour < 24, minute < 60
            else { return nil }
            seconds += hour * 3_600 + minute * 60
            if scanner.skip(":") {
                guard let second = scanner.number(digits: 2), second < 60 else { return nil }
                seconds += second
                if scanner.skip(".") || scanner.skip(",") {
                    let start = scanner.position
                    var digits = 0
                    while let digit = scanner.digit() { digits = digits * 10 + digit }
                    let count = scanner.position - start
                    guard (1 ... 9).contains(count) else { return nil }
                    fraction = Double(digits) / Double(pow10(count))
                }
            }
            if scanner.skip("Z") || scanner.skip("z") {
            } else if let sign = scanner.sign() {
                guard let hours = scanner.number(digits: 2), hours <= 23 else { return nil }
                var minutes = 0
                if scanner.skip(":") {
                    guard let value = scanner.number(digits: 2) else { return nil }
                    minutes = value
                } else if let value = scanner.number(digits: 2) {
                    minutes = value
                }
                guard minutes < 60 else { return nil }
                seconds -= sign * (hours * 3_600 + minutes * 60)
            } else if requiringZone {
                return nil
            }
        }
        guard scanner.atEnd else { return nil }
        return Double(seconds) + fraction
    }

    /// Days in `month` (1 … 12) of `year` in the proleptic Gregorian calendar.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    }

    private static func pow10(_ count: Int) -> Int {
        (0 ..< count).reduce(1) { value, _ in value * 10 }
    }
}

/// A cursor over ASCII bytes for the ISO 8601 reader.
private struct DigitScanner {
    let bytes: [UInt8]
    var position = 0

    var atEnd: Bool { position == bytes.count }

    mutating func skip(_ character: Character) -> Bool {
        guard position < bytes.count, bytes[position] == character.asciiValue else { return false }
        position += 1
        return true
    }

    mutating func digit() -> Int? {
        guard position < bytes.count, (48 ... 57).contains(bytes[position]) else { return nil }
        position += 1
        return Int(bytes[position - 1] - 48)
    }

    mutating func number(digits: Int) -> Int? {
        let start = position
        var value = 0
        for _ in 0 ..< digits {
            guard let digit = digit() else { position = start; return nil }
            value = value * 10 + digit
        }
        return value
    }

    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
