import Testing
import Wire

@Suite struct DateTimeTests {
    @Test func parsesAPIForm() {
        let date = DateTime(parsing: "2026-12-04 15:25:21")
        #expect(date == DateTime(year: 2026, month: 12, day: 4, hour: 15, minute: 25,
                                 second: 21))
    }

    @Test func parsesCompactXMLRPCForm() {
        #expect(DateTime(parsing: "19980717T14:08:55")
            == DateTime(year: 1998, month: 7, day: 17, hour: 14, minute: 8, second: 55))
    }

    @Test func parsesDashedFormWithZ() {
        #expect(DateTime(parsing: "1998-07-17T14:08:55Z")
            == DateTime(year: 1998, month: 7, day: 17, hour: 14, minute: 8, second: 55))
        #expect(DateTime(parsing: "19980717T14:08:55Z")?.second == 55)
    }

    @Test func parsesDateOnly() {
        let date = DateTime(parsing: "2010-12-01")
        #expect(date == DateTime(year: 2010, month: 12, day: 1, includesTime: false))
        #expect(date?.apiString == "2010-12-01")
    }

    @Test func rejectsImpossibleDates() {
        for text in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-01-32",
                     "2026-01-01 24:00:00", "2026-01-01 23:60:00", "2026-01-01 23:59:60"] {
            #expect(DateTime(parsing: text) == nil, "\(text)")
        }
        #expect(DateTime(parsing: "2024-02-29") != nil)
        #expect(DateTime(parsing: "2000-02-29") != nil)
        #expect(DateTime(parsing: "1900-02-29") == nil)
    }

    @Test func rejectsMalformedText() {
        for text in ["", "2026", "2026-1-01", "2026-01-01 1:00:00", "2026-01-01 10:00",
                     "2026-01-01x10:00:00", "20260101", "2026-01-01 10:00:00 ",
                     "２０２６-01-01", "2026-01-01 10:00:00ZZ"] {
            #expect(DateTime(parsing: text) == nil, "\(text)")
        }
    }

    @Test func formatsAPIAndISO8601Strings() {
        let date = DateTime(year: 2026, month: 3, day: 5, hour: 7, minute: 8, second: 9)
        #expect(date.apiString == "2026-03-05 07:08:09")
        #expect(date.iso8601String == "20260305T07:08:09")
        #expect(date.dateOnly.apiString == "2026-03-05")
        #expect(date.dateOnly.iso8601String == "20260305T00:00:00")
    }

    @Test func appendedBytesMatchStrings() {
        let dates = [
            DateTime(year: 2026, month: 3, day: 5, hour: 7, minute: 8, second: 9),
            DateTime(year: 999, month: 12, day: 31, hour: 23, minute: 59, second: 59),
            DateTime(year: 12345, month: 10, day: 10),
            DateTime(year: 2010, month: 12, day: 1, includesTime: false),
        ]
        for date in dates {
            var api: [UInt8] = []
            date.appendAPIString(to: &api)
            #expect(String(decoding: api, as: UTF8.self) == date.apiString)
            var iso: [UInt8] = []
            date.appendISO8601String(to: &iso)
            #expect(String(decoding: iso, as: UTF8.self) == date.iso8601String)
        }
    }

    @Test func convertsSecondsSince1970BothWays() {
        #expect(DateTime(secondsSince1970: 0) == DateTime(year: 1970, month: 1, day: 1))
        let date = DateTime(secondsSince1970: 1_796_397_921)
        #expect(date.apiString == "2026-12-04 15:25:21")
        #expect(date.secondsSince1970 == 1_796_397_921)
        let before1970 = DateTime(secondsSince1970: -1)
        #expect(before1970.apiString == "1969-12-31 23:59:59")
        #expect(before1970.secondsSince1970 == -1)
    }

    @Test func ordersByInstant() {
        let earlier = DateTime(year: 2026, month: 1, day: 1, hour: 23)
        let later = DateTime(year: 2026, month: 1, day: 2)
        #expect(earlier < later)
    }
}
