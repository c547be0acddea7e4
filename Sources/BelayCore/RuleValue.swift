/// A parsed JSON5 value: one of belay's own `rules/` files, or the user's `belay.json5` before
/// ``Config/parse(_:file:ruleIDs:)`` checks it. Both are read on every run by belay's own parser,
/// without the generic machinery of Foundation's `JSONDecoder`.
public enum RuleValue: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([RuleValue])
    case object([String: RuleValue])

    /// The member `key` of an object, or `nil`.
    public subscript(key: String) -> RuleValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The string, if this is one.
    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The boolean, if this is one.
    public var bool: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The number, if this is one.
    public var number: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The number, if this is a whole one.
    public var integer: Int? {
        guard let number, number.rounded() == number, abs(number) < 1e15 else { return nil }
        return Int(number)
    }

    /// The elements, if this is an array.
    public var array: [RuleValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The elements, if this is an array of strings only.
    public var strings: [String]? {
        guard case .array(let elements) = self else { return nil }
        var result: [String] = []
        result.reserveCapacity(elements.count)
        for element in elements {
            guard case .string(let text) = element else { return nil }
            result.append(text)
        }
        return result
    }

    /// The string member `key`, or a thrown description of what is missing (for hand-written decoding).
    public func requiredString(_ key: String) throws(BelayError) -> String {
        guard let text = self[key]?.string else { throw .internal("rules: '\(key)' must be a string") }
        return text
    }

    /// The string-array member `key`, or a thrown description of what is missing.
    public func requiredStrings(_ key: String) throws(BelayError) -> [String] {
        guard let texts = self[key]?.strings else { throw .internal("rules: '\(key)' must be an array of strings") }
        return texts
    }
}

extension RuleValue {
    /// How messages name this kind of value.
    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
