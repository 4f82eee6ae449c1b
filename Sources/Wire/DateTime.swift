/// A calendar date and time of day in UTC, to the second, as the API's Date type carries it.
///
/// `includesTime` is false for values that are only a date (a service's `start_date`,
/// written "2010-12-01" in JSON); such a value has a time of 00:00:00.
public struct DateTime: Sendable, Hashable, Comparable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var includesTime: Bool

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0,
                second: Int = 0, includesTime: Bool = true) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.includesTime = includesTime
    }

    /// Creates the UTC date and time of a count of seconds since 1970-01-01 00:00:00.
    public init(secondsSince1970 seconds: Int, includesTime: Bool = true) {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = DateTime.civilDate(daysSince1970: days)
        self.init(year: year, month: month, day: day, hour: secondOfDay / 3600,
                  minute: secondOfDay % 3600 / 60, second: secondOfDay % 60,
                  includesTime: includesTime)
    }

    /// Seconds since 1970-01-01 00:00:00 UTC.
    public var secondsSince1970: Int {
        DateTime.daysSince1970(year: year, month: month, day: day) * 86_400
            + hour * 3600 + minute * 60 + second
    }

    /// The same instant with `includesTime` false and the time cut to midnight.
    public var dateOnly: DateTime {
        DateTime(year: year, month: month, day: day, includesTime: false)
    }

    /// "YYYY-MM-DD HH:MM:SS", or "YYYY-MM-DD" when the value is only a date.
    public var apiString: String {
        let date = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        guard includesTime else { return date }
        return date + " " + pad(hour, 2) + ":" + pad(minute, 2) + ":" + pad(second, 2)
    }

    /// "YYYYMMDDTHH:MM:SS", the form XML-RPC clients send and expect in `dateTime.iso8601`.
    public var iso8601String: String {
        pad(year, 4) + pad(month, 2) + pad(day, 2) + "T" + pad(hour, 2) + ":" + pad(minute, 2)
            + ":" + pad(second, 2)
    }

    /// Parses the API's date forms: "YYYY-MM-DD HH:MM:SS", "YYYY-MM-DDTHH:MM:SS", a bare
    /// "YYYY-MM-DD", and the compact XML-RPC "YYYYMMDDTHH:MM:SS". A trailing "Z" is accepted.
    /// Returns nil for anything else, including impossible dates such as February 30.
    public init?(parsing text: String) {
        var characters = Array(text.utf8)
        if characters.last == UInt8(ascii: "Z") { characters.removeLast() }
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= characters.count else { return nil }
            var result = 0
            for index in range {
                let digit = Int(characters[index]) - 48
                guard (0...9).contains(digit) else { return nil }
                result = result * 10 + digit
            }
            return result
        }
        func character(_ index: Int, is expected: Character) -> Bool {
            index < characters.count && characters[index] == expected.asciiValue
        }

        let timeStart: Int
        let parsedDate: (Int, Int, Int)
        if character(4, is: "-") && character(7, is: "-") {
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10)
            else { return nil }
            parsedDate = (year, month, day)
            timeStart = 10
        } else if character(8, is: "T") {
            guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8)
            else { return nil }
            parsedDate = (year, month, day)
            timeStart = 8
        } else {
            return nil
        }

        var time = (0, 0, 0)
        var includesTime = false
        if characters.count == timeStart {
            guard timeStart == 10 else { return nil }
        } else {
            guard characters.count == timeStart + 9,
                  character(timeStart, is: " ") || character(timeStart, is: "T"),
                  character(timeStart + 3, is: ":"), character(timeStart + 6, is: ":"),
                  let hour = number(timeStart + 1..<timeStart + 3),
                  let minute = number(timeStart + 4..<timeStart + 6),
                  let second = number(timeStart + 7..<timeStart + 9)
            else { return nil }
            time = (hour, minute, second)
            includesTime = true
        }

        let (year, month, day) = parsedDate
        // Year 0 does not exist in the proleptic Gregorian calendar of Python's datetime
        // and most other clients, so it is rejected with the impossible dates.
        guard year >= 1, (1...12).contains(month), day >= 1,
              day <= DateTime.daysInMonth(year: year, month: month),
              time.0 < 24, time.1 < 60, time.2 < 60
        else { return nil }
        self.init(year: year, month: month, day: day, hour: time.0, minute: time.1,
                  second: time.2, includesTime: includesTime)
    }

    public static func < (lhs: DateTime, rhs: DateTime) -> Bool {
        lhs.secondsSince1970 < rhs.secondsSince1970
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days-from-civil algorithm, valid for the proleptic Gregorian calendar.
    private static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilDate(daysSince1970 days: Int) -> (Int, Int, Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}

private func pad(_ number: Int, _ width: Int) -> String {
    let digits = String(number)
    guard digits.count < width else { return digits }
    return String(repeating: "0", count: width - digits.count) + digits
}

// MARK: - Byte output

extension DateTime {
    /// Appends `apiString` as UTF-8 without building a String, for the JSON encoder.
    public func appendAPIString(to output: inout [UInt8]) {
        appendDigits(year, width: 4, to: &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(month, width: 2, to: &output)
        output.append(UInt8(ascii: "-"))
        appendDigits(day, width: 2, to: &output)
        guard includesTime else { return }
        output.append(UInt8(ascii: " "))
        appendTime(to: &output)
    }

    /// Appends `iso8601String` as UTF-8 without building a String, for the XML-RPC encoder.
    public func appendISO8601String(to output: inout [UInt8]) {
        appendDigits(year, width: 4, to: &output)
        appendDigits(month, width: 2, to: &output)
        appendDigits(day, width: 2, to: &output)
        output.append(UInt8(ascii: "T"))
        appendTime(to: &output)
    }

    private func appendTime(to output: inout [UInt8]) {
        appendDigits(hour, width: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(minute, width: 2, to: &output)
        output.append(UInt8(ascii: ":"))
        appendDigits(second, width: 2, to: &output)
    }

    /// Appends a number padded with zeros to `width` digits, as `pad` does.
    private func appendDigits(_ number: Int, width: Int, to output: inout [UInt8]) {
        guard number >= 0 else {
            output.append(contentsOf: pad(number, width).utf8)
            return
        }
        var divisor = 1
        var digitCount = 1
        while digitCount < width || number / divisor >= 10 {
            divisor *= 10
            digitCount += 1
        }
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(number / divisor % 10))
            divisor /= 10
        }
    }
}
