import Testing
import Wire

/// Checks the JSON codec against Python's `json` module, which the Memset API's Python
/// JSON-RPC client (jsonrpclib) uses. Skipped when `python3` is not on the PATH.
@Suite(.enabled(if: Python.isAvailable, "python3 is not on the PATH"))
struct JSONPythonTests {
    private static let pythonValue = """
        import json, sys
        value = {
            'name': 'myserver1', 'count': -3, 'big': 2 ** 63 - 1, 'price': 21.6,
            'tiny': 5e-324, 'whole': 2.0, 'live': True, 'nothing': None,
            'text': 'ünïcode "quoted" \\\\ \\n\\t\\x01 😀', 'list': [1, 'two', [3.5]],
            'nested': {'a': {}},
        }
        """

    private let swiftValue: Value = [
        "name": "myserver1", "count": -3, "big": .integer(Int.max), "price": 21.6,
        "tiny": .float(.leastNonzeroMagnitude), "whole": 2.0, "live": true, "nothing": nil,
        "text": "ünïcode \"quoted\" \\ \n\t\u{1} 😀", "list": [1, "two", [3.5]],
        "nested": ["a": .dictionary([:])],
    ]

    @Test(arguments: [true, false])
    func parsesPythonOutput(ensureASCII: Bool) throws {
        let script = Self.pythonValue + """

            sys.stdout.write(json.dumps(value, ensure_ascii=\(ensureASCII ? "True" : "False")))
            """
        let output = try Python.run(script)
        #expect(output.status == 0, "\(output.text)")
        #expect(try JSON.parse(output.text) == swiftValue)
    }

    @Test func pythonLoadsSerializedOutput() throws {
        let script = Self.pythonValue + """

            loaded = json.loads(sys.stdin.buffer.read())
            pairs = lambda item: (
                {key: pairs(member) for key, member in item.items()} if isinstance(item, dict)
                else [pairs(element) for element in item] if isinstance(item, list)
                else (type(item).__name__, item))
            if pairs(loaded) != pairs(value):
                sys.exit('mismatch: %r' % loaded)
            print('ok')
            """
        let output = try Python.run(script, input: JSON.serialize(swiftValue))
        #expect(output.status == 0, "\(output.text)")
        #expect(output.text == "ok\n")
    }
}
