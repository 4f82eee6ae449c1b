import Wire

/// A JSON object in a fixture file, read field by field with the path of each field kept
/// for error messages, such as `accounts[0].servers[1].ips[0].address`.
///
/// `finish()` rejects fields that were never read, so a misspelt field name is an error
/// instead of a silently ignored value.
final class FixtureNode {
    let file: String
    let path: String
    private let fields: [String: Value]
    private var readKeys: Set<String> = []

    init(_ value: Value, path: String, file: String) throws {
        self.file = file
        self.path = path
        guard case .dictionary(let fields) = value else {
            throw StoreError.invalidFixture(file: file, path: path.isEmpty ? "(top level)" : path,
                                            reason: "expected an object, found \(value.typeName)")
        }
        self.fields = fields
    }

    /// The path of the field `key` inside this object.
    func path(of key: String) -> String {
        path.isEmpty ? key : path + "." + key
    }

    func error(_ key: String, _ reason: String) -> StoreError {
        StoreError.invalidFixture(file: file, path: path(of: key), reason: reason)
    }

    /// Throws an error naming the field `key` unless `condition` holds.
    func require(_ condition: Bool, _ key: String, _ reason: @autoclosure () -> String) throws {
        if !condition { throw error(key, reason()) }
    }

    /// Rejects every field that no accessor has read.
    func finish() throws {
        if let unknown = fields.keys.filter({ !readKeys.contains($0) }).sorted().first {
            throw error(unknown, "unknown field")
        }
    }

    // MARK: Scalars

    private func field(_ key: String) -> Value? {
        readKeys.insert(key)
        guard let value = fields[key], value != .null else { return nil }
        return value
    }

    private func mismatch(_ key: String, _ expected: String, _ value: Value) -> StoreError {
        error(key, "expected \(expected), found \(value.typeName)")
    }

    func optionalString(_ key: String) throws -> String? {
        guard let value = field(key) else { return nil }
        guard case .string(let string) = value else { throw mismatch(key, "a string", value) }
        return string
    }

    func string(_ key: String) throws -> String {
        guard let string = try optionalString(key) else { throw error(key, "missing field") }
        return string
    }

    func string(_ key: String, default defaultValue: String) throws -> String {
        try optionalString(key) ?? defaultValue
    }

    /// A string that must be one of `allowed`.
    func string(_ key: String, oneOf allowed: [String], default defaultValue: String? = nil)
        throws -> String
    {
        guard let string = try optionalString(key) ?? defaultValue else {
            throw error(key, "missing field")
        }
        let list = allowed.map { "'\($0)'" }.joined(separator: ", ")
        try require(allowed.contains(string), key, "'\(string)' is not one of \(list)")
        return string
    }

    func optionalInt(_ key: String) throws -> Int? {
        guard let value = field(key) else { return nil }
        guard case .integer(let integer) = value else { throw mismatch(key, "an integer", value) }
        return integer
    }

    func int(_ key: String, default defaultValue: Int? = nil) throws -> Int {
        guard let integer = try optionalInt(key) ?? defaultValue else {
            throw error(key, "missing field")
        }
        return integer
    }

    func optionalDouble(_ key: String) throws -> Double? {
        guard let value = field(key) else { return nil }
        guard let number = value.floatValue else { throw mismatch(key, "a number", value) }
        return number
    }

    func double(_ key: String, default defaultValue: Double? = nil) throws -> Double {
        guard let number = try optionalDouble(key) ?? defaultValue else {
            throw error(key, "missing field")
        }
        return number
    }

    func bool(_ key: String, default defaultValue: Bool) throws -> Bool {
        guard let value = field(key) else { return defaultValue }
        guard case .boolean(let boolean) = value else {
            throw mismatch(key, "true or false", value)
        }
        return boolean
    }

    /// A date in one of the API's forms, such as "2025-06-17" or "2025-06-17 12:00:00".
    func optionalDate(_ key: String) throws -> DateTime? {
        guard let text = try optionalString(key) else { return nil }
        guard let date = DateTime(parsing: text) else {
            throw error(key, "'\(text)' is not a date of the form YYYY-MM-DD or "
                + "YYYY-MM-DD HH:MM:SS")
        }
        return date
    }

    func date(_ key: String, default defaultValue: DateTime? = nil) throws -> DateTime {
        guard let date = try optionalDate(key) ?? defaultValue else {
            throw error(key, "missing field")
        }
        return date
    }

    // MARK: Lists and objects

    /// A list of strings; a missing field is an empty list.
    func strings(_ key: String) throws -> [String] {
        guard let value = field(key) else { return [] }
        guard case .list(let items) = value else { throw mismatch(key, "a list", value) }
        return try items.enumerated().map { index, item in
            guard case .string(let string) = item else {
                throw StoreError.invalidFixture(
                    file: file, path: path(of: key) + "[\(index)]",
                    reason: "expected a string, found \(item.typeName)")
            }
            return string
        }
    }

    /// A list of objects; a missing field is an empty list.
    func objects(_ key: String) throws -> [FixtureNode] {
        guard let value = field(key) else { return [] }
        guard case .list(let items) = value else { throw mismatch(key, "a list", value) }
        return try items.enumerated().map { index, item in
            try FixtureNode(item, path: path(of: key) + "[\(index)]", file: file)
        }
    }

    func object(_ key: String) throws -> FixtureNode? {
        guard let value = field(key) else { return nil }
        return try FixtureNode(value, path: path(of: key), file: file)
    }

    /// The object's fields whose values are lists of strings, as API key scopes are given.
    func stringLists(_ key: String) throws -> [String: [String]] {
        guard let node = try object(key) else { return [:] }
        var result: [String: [String]] = [:]
        for name in node.fields.keys.sorted() {
            result[name] = try node.strings(name)
        }
        return result
    }
}
