import API
import Wire

/// `internal.*`: methods for testing a client's connection and codecs.
public enum InternalMethods {
    /// The API release this server simulates, from the reference it follows.
    public static let release = "0.20.1"
    public static let version = "0.20"

    public static var declarations: [MethodDeclaration] {
        [echo, noop, releaseMethod, versionMethod]
    }

    /// Each `internal.echo` parameter with the value returned when it is left out.
    static let echoDefaults: [(Parameter, Value)] = [
        (Parameter("string", .string, optional: true, summary: "A String"), ""),
        (Parameter("list", .list, optional: true, summary: "A List"), []),
        (Parameter("dictionary", .dictionary, optional: true, summary: "A Dictionary"),
         .dictionary([:])),
        (Parameter("boolean", .boolean, optional: true, summary: "A Boolean"), false),
        (Parameter("float", .float, optional: true, summary: "A Float"), 0.0),
        (Parameter("integer", .integer, optional: true, summary: "An Integer"), 0),
        (Parameter("date", .date, optional: true, summary: "A Date"),
         .date(DateTime(secondsSince1970: 0))),
    ]

    static let echo = MethodDeclaration(
        "internal.echo",
        summary: "Echo back parsed parameters. Useful for testing. All parameters are "
            + "optional.",
        parameters: echoDefaults.map(\.0),
        returns: .dictionary,
        "a dictionary of the parsed values with the same names as passed in. A value not "
            + "passed in is returned as the default of its type: '', [], {}, false, 0.0, 0 "
            + "and 1970-01-01 00:00:00.",
        access: .none
    ) { context in
        var result: [String: Value] = [:]
        for (parameter, defaultValue) in echoDefaults {
            result[parameter.name] = context.arguments[parameter.name] ?? defaultValue
        }
        return .dictionary(result)
    }

    static let noop = MethodDeclaration(
        "internal.noop",
        summary: "Does nothing. Still does all the authentication though.",
        returns: .dictionary, "an empty dictionary.",
        access: .none
    ) { _ in
        .dictionary([:])
    }

    static let releaseMethod = MethodDeclaration(
        "internal.release",
        summary: "Returns the API release.",
        returns: .dictionary, "a dictionary with the key 'release', such as \"0.20.1\".",
        access: .none
    ) { _ in
        ["release": .string(release)]
    }

    static let versionMethod = MethodDeclaration(
        "internal.version",
        summary: "Returns the API version.",
        returns: .dictionary, "a dictionary with the key 'version', such as \"0.20\".",
        access: .none
    ) { _ in
        ["version": .string(version)]
    }
}
