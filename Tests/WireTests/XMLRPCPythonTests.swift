import Foundation
import Testing
import Wire

/// Checks the XML-RPC codec against Python's `xmlrpc.client`, the library of the Memset
/// API's own Python example. Skipped when `python3` is not on the PATH.
@Suite(.enabled(if: Python.isAvailable, "python3 is not on the PATH"))
struct XMLRPCPythonTests {
    /// Python's side of the shared test data: every XML-RPC type, a nested list, text with
    /// markup, and base64 long enough that Python wraps it over lines.
    private static let pythonValue = """
        import datetime, sys, xmlrpc.client
        value = {
            'name': 'myserver1', 'count': 3, 'lowest': -2147483648, 'price': 21.6,
            'live': True, 'off': False, 'created': datetime.datetime(2010, 12, 1, 8, 5, 9),
            'blob': b'\\x00\\xff\\n' * 30, 'nothing': None, 'list': [1, 'two', [3.5]],
            'text': 'ünïcode & <tags>\\n\\t', 'empty': '', 'nested': {'a': {}},
        }

        def typed(item):
            # Pairs each leaf with its type, so True and 1 or 3 and 3.0 compare unequal.
            if isinstance(item, dict):
                return {key: typed(member) for key, member in item.items()}
            if isinstance(item, list):
                return [typed(element) for element in item]
            return (type(item).__name__, item)
        """

    private let swiftValue: Value = [
        "name": "myserver1", "count": 3, "lowest": -2_147_483_648, "price": 21.6,
        "live": true, "off": false,
        "created": .date(DateTime(year: 2010, month: 12, day: 1, hour: 8, minute: 5,
                                  second: 9)),
        "blob": .binary(Array(repeating: [0x00, 0xFF, 0x0A], count: 30).flatMap { $0 }),
        "nothing": nil, "list": [1, "two", [3.5]],
        "text": "ünïcode & <tags>\n\t", "empty": "", "nested": ["a": .dictionary([:])],
    ]

    @Test(arguments: [false, true])
    func decodesPythonCall(useBuiltinTypes: Bool) throws {
        let script = Self.pythonValue + """

            if \(useBuiltinTypes ? "False" : "True"):
                value['blob'] = xmlrpc.client.Binary(value['blob'])
                value['created'] = xmlrpc.client.DateTime(value['created'])
            body = xmlrpc.client.dumps((value,), methodname='server.info', allow_none=True)
            sys.stdout.write(body)
            """
        let output = try Python.run(script)
        #expect(output.status == 0, "\(output.text)")

        let call = try XMLRPC.decodeCall(Array(output.text.utf8))
        #expect(call.methodName == "server.info")
        #expect(call.params == [swiftValue])
    }

    @Test func pythonLoadsResponse() throws {
        let script = Self.pythonValue + """

            (result,), method = xmlrpc.client.loads(sys.stdin.buffer.read(),
                                                    use_builtin_types=True)
            value['big'] = 2 ** 62
            value['tiny'] = 5e-324
            if typed(result) != typed(value):
                sys.exit('mismatch: %r' % result)
            print('ok')
            """
        var value = swiftValue
        if case .dictionary(var members) = value {
            members["big"] = .integer(1 << 62)
            members["tiny"] = .float(.leastNonzeroMagnitude)
            value = .dictionary(members)
        }
        let output = try Python.run(script, input: XMLRPC.encodeResponse(value))
        #expect(output.status == 0, "\(output.text)")
        #expect(output.text == "ok\n")
    }

    @Test func pythonLoadsFault() throws {
        let script = """
            import sys, xmlrpc.client
            try:
                xmlrpc.client.loads(sys.stdin.buffer.read())
            except xmlrpc.client.Fault as fault:
                print(fault.faultCode, fault.faultString)
            """
        let body = XMLRPC.encodeFault(code: 3, message: "Couldn't find <b> & \"c\"")
        let output = try Python.run(script, input: body)
        #expect(output.status == 0, "\(output.text)")
        #expect(output.text == "3 Couldn't find <b> & \"c\"\n")
    }
}

/// Runs Python scripts for the tests above.
enum Python {
    static let isAvailable = (try? run("pass").status) == 0

    /// Runs `python3 -c script` with `input` on standard input.
    /// Returns the exit status and the standard output followed by standard error.
    static func run(_ script: String, input: [UInt8] = []) throws -> (status: Int32, text: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let standardInput = Pipe()
        let standardOutput = Pipe()
        process.standardInput = standardInput
        process.standardOutput = standardOutput
        process.standardError = standardOutput
        try process.run()

        standardInput.fileHandleForWriting.write(Data(input))
        try standardInput.fileHandleForWriting.close()
        let data = standardOutput.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
