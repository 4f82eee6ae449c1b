import Testing
import Wire

@Suite struct Base64Tests {
    @Test func encodesRFC4648Vectors() {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==",
                       "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
        }
    }

    @Test func decodesRFC4648Vectors() throws {
        let vectors = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==",
                       "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(try Base64.decode(encoded) == Array(plain.utf8))
        }
    }

    @Test func roundTripsEveryByteValue() throws {
        let bytes = (0..<1000).map { UInt8($0 % 256) }
        #expect(try Base64.decode(Base64.encode(bytes)) == bytes)
    }

    @Test func decodingSkipsWhitespace() throws {
        #expect(try Base64.decode(" Zm9v\r\nYmFy\n\tZg==\n") == Array("foobarf".utf8))
    }

    @Test func decodingRejectsByteOutsideAlphabet() {
        let error = #expect(throws: WireError.self) { try Base64.decode("Zm9v*mFy") }
        #expect(error?.offset == 4)
        #expect(error?.message.contains("0x2A") == true)
    }

    @Test func decodingRejectsURLSafeAlphabet() {
        #expect(throws: WireError.self) { try Base64.decode("-_-_") }
    }

    @Test func decodingRequiresPadding() {
        let error = #expect(throws: WireError.self) { try Base64.decode("Zm8") }
        #expect(error?.message.contains("padding") == true)
    }

    @Test func decodingRejectsMisplacedPadding() {
        #expect(throws: WireError.self) { try Base64.decode("Z===") }
        #expect(throws: WireError.self) { try Base64.decode("=Zm9") }
        #expect(throws: WireError.self) { try Base64.decode("Zg==Zm9v") }
        #expect(throws: WireError.self) { try Base64.decode("Zg=v") }
    }
}
