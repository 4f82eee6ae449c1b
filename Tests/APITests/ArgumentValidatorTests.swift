@testable import API
import Testing
import Wire

@Suite struct ArgumentValidatorTests {
    let limits = APITestHarness.testMethods[2]

    func validate(_ values: [String: Value], source: ArgumentSource = .typed) throws
        -> Arguments
    {
        try ArgumentValidator.validate(values.mapValues { RawArgument($0, source: source) },
                                       for: limits)
    }

    func expectBadParameters(_ values: [String: Value], source: ArgumentSource = .typed,
                             mentioning words: [String]) {
        do {
            _ = try validate(values, source: source)
            Issue.record("expected ApiErrorBadParameters for \(values)")
        } catch let fault as MemsetFault {
            #expect(fault.type == .badParameters)
            for word in words {
                #expect(fault.message.contains(word), "\(fault.message) should name \(word)")
            }
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    // MARK: - Conversion from text

    @Test func textIsConvertedToDeclaredTypes() throws {
        let arguments = try validate(
            ["priority": "10", "flag": "True", "when": "2026-12-04 10:20:30", "ratio": "1.5",
             "types": "miniserver"],
            source: .text)
        #expect(arguments["priority"] == 10)
        #expect(arguments["flag"] == true)
        #expect(arguments["when"] == .date(DateTime(year: 2026, month: 12, day: 4, hour: 10,
                                                     minute: 20, second: 30)))
        #expect(arguments["ratio"] == 1.5)
        #expect(arguments["types"] == "miniserver")
    }

    @Test func booleanTextAcceptsAnyCase() throws {
        for (text, expected) in [("1", true), ("0", false), ("TRUE", true), ("False", false),
                                 ("true", true)] {
            #expect(try validate(["flag": .string(text)], source: .text)["flag"]
                == .boolean(expected))
        }
        expectBadParameters(["flag": "yes"], source: .text, mentioning: ["flag", "Boolean"])
    }

    @Test func bareDateIsAccepted() throws {
        let arguments = try validate(["when": "2026-12-04"], source: .text)
        #expect(arguments.dateIfPresent("when")?.day == 4)
        #expect(arguments.dateIfPresent("when")?.apiString == "2026-12-04 00:00:00")
        expectBadParameters(["when": "2026-02-30"], source: .text, mentioning: ["when", "Date"])
    }

    @Test func listFromTextPointsToParameters() {
        expectBadParameters(["items": "a,b"], source: .text, mentioning: ["items", "parameters"])
    }

    @Test func integerTextMustBeWhole() {
        expectBadParameters(["priority": "1.5"], source: .text, mentioning: ["priority"])
        expectBadParameters(["priority": "ten"], source: .text, mentioning: ["priority"])
    }

    // MARK: - Typed values

    @Test func typedValuesKeepTheirTypes() throws {
        let arguments = try validate(["items": [1, "two"], "settings": ["a": 1], "flag": 1,
                                      "ratio": 2, "priority": 3.0])
        #expect(arguments["items"] == [1, "two"])
        #expect(arguments["settings"] == ["a": 1])
        #expect(arguments["flag"] == true)
        #expect(arguments["ratio"] == 2.0)
        #expect(arguments["priority"] == 3)
    }

    @Test func wrongTypedValueIsRejected() {
        expectBadParameters(["short": 12], mentioning: ["short", "String"])
        expectBadParameters(["settings": [1]], mentioning: ["settings", "Dictionary"])
        expectBadParameters(["types": [1]], mentioning: ["types"])
    }

    @Test func nullCountsAsAbsent() throws {
        #expect(try validate(["short": .null]).contains("short") == false)
    }

    // MARK: - Constraints

    @Test func maximumLengthIsEnforced() throws {
        _ = try validate(["short": "abcde"])
        expectBadParameters(["short": "abcdef"], mentioning: ["short", "at most 5"])
    }

    @Test func lengthCountsCodePoints() throws {
        _ = try validate(["short": "e\u{301}e\u{301}e"])
        expectBadParameters(["short": "e\u{301}e\u{301}e\u{301}"], mentioning: ["at most 5"])
    }

    @Test func acceptableValuesAreEnforced() throws {
        _ = try validate(["choice": "A", "ttl": 300])
        expectBadParameters(["choice": "C"], mentioning: ["choice", "'A', 'B'"])
        expectBadParameters(["ttl": 60], mentioning: ["ttl", "0, 300"])
    }

    @Test func rangeIsEnforced() throws {
        _ = try validate(["priority": 0])
        _ = try validate(["priority": 999])
        expectBadParameters(["priority": 1000], mentioning: ["priority", "0 and 999"])
        expectBadParameters(["priority": -1], mentioning: ["priority"])
    }

    @Test func hexIDFormatIsEnforced() throws {
        _ = try validate(["id": "0123456789abcdef0123456789ABCDEF"])
        expectBadParameters(["id": "0123"], mentioning: ["id", "32 hex digits"])
        expectBadParameters(["id": "0123456789abcdef0123456789abcdeg"], mentioning: ["id"])
    }

    @Test func unknownParameterIsRejected() {
        expectBadParameters(["colour": "red"], mentioning: ["colour", "test.limits"])
    }

    @Test func missingRequiredParameterIsRejected() {
        do {
            _ = try ArgumentValidator.validate([:], for: APITestHarness.testMethods[0])
            Issue.record("expected a missing-parameter error")
        } catch let fault as MemsetFault {
            #expect(fault.type == .badParameters)
            #expect(fault.message.contains("'name'"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func serviceNameFormatIsEnforced() throws {
        let named = APITestHarness.testMethods[0]
        let valid = ["name": RawArgument("my-server_1.a", source: .text)]
        _ = try ArgumentValidator.validate(valid, for: named)
        for invalid in ["", "my server", "a/b", String(repeating: "a", count: 65)] {
            #expect(throws: MemsetFault.self) {
                try ArgumentValidator.validate(["name": RawArgument(.string(invalid),
                                                                   source: .text)], for: named)
            }
        }
    }
}

@Suite struct StringFormatTests {
    @Test func ipAddressesAreRecognised() {
        for valid in ["1.2.3.4", "255.255.255.255", "::1", "2001:db8::1", "fe80::1:2:3:4",
                      "::ffff:192.0.2.1", "1:2:3:4:5:6:7:8"] {
            #expect(StringFormatCheck.matches(valid, .ipAddress), "\(valid)")
        }
        for invalid in ["1.2.3", "256.1.1.1", "01.2.3.4", "1::2::3", "1:2:3:4:5:6:7:8:9",
                        "abc", ""] {
            #expect(!StringFormatCheck.matches(invalid, .ipAddress), "\(invalid)")
        }
    }

    @Test func hostNamesAreRecognised() {
        #expect(StringFormatCheck.matches("server.example.com", .hostName))
        #expect(StringFormatCheck.matches("server.example.com.", .hostName))
        #expect(!StringFormatCheck.matches("-bad.example.com", .hostName))
        #expect(!StringFormatCheck.matches("bad..example.com", .hostName))
        #expect(!StringFormatCheck.matches("under_score.com", .hostName))
    }

    @Test func zoneRecordNamesAreRecognised() {
        for valid in ["", "www", "a.www", "*", "*.dev", "_sip._tcp", "www.example.com."] {
            #expect(StringFormatCheck.matches(valid, .zoneRecordName), "'\(valid)'")
        }
        for invalid in ["a..b", "with space", "a/b", "."] {
            #expect(!StringFormatCheck.matches(invalid, .zoneRecordName), "'\(invalid)'")
        }
    }

    @Test func emailAddressesAreRecognised() {
        #expect(StringFormatCheck.matches("admin@example.com", .emailAddress))
        #expect(!StringFormatCheck.matches("admin@localhost", .emailAddress))
        #expect(!StringFormatCheck.matches("no-at-sign.example.com", .emailAddress))
    }
}
