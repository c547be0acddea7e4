/// A parsed value of one of belay's own `rules/` files. Those files are JSON5 written by us, read on
/// every run; Foundation's `JSONDecoder` costs milliseconds of generic machinery for them, this does
/// not. (User configuration still goes through the full parser with line-numbered errors.)
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

/// Parses the JSON5 subset our `rules/` files use: `//` and `/* */` comments, trailing commas,
/// unquoted keys, single- or double-quoted strings with JSON escapes.
struct RuleValueParser {
    private let bytes: [UInt8]
    private var position = 0

    struct Failure: Error, CustomStringConvertible {
        var offset: Int
        var message: String
        var description: String { "byte \(offset): \(message)" }
    }

    static func parse(_ bytes: [UInt8]) throws(Failure) -> RuleValue {
        var parser = RuleValueParser(bytes: bytes)
        let value = try parser.value()
        parser.skipTrivia()
        guard parser.position == bytes.count else { throw parser.failure("unexpected text after the value") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func failure(_ message: String) -> Failure { Failure(offset: position, message: message) }

    private var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipTrivia() {
        while let byte = current {
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
                position += 1
            } else if byte == UInt8(ascii: "/"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "/") {
                while let next = current, next != 0x0A { position += 1 }
            } else if byte == UInt8(ascii: "/"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "*") {
                position += 2
                while position + 1 < bytes.count,
                    !(bytes[position] == UInt8(ascii: "*") && bytes[position + 1] == UInt8(ascii: "/"))
                {
                    position += 1
                }
                position = min(bytes.count, position + 2)
            } else {
                return
            }
        }
    }

    private mutating func value() throws(Failure) -> RuleValue {
        skipTrivia()
        guard let byte = current else { throw failure("a value is missing") }
        switch byte {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return .string(try string())
        default:
            let word = bareWord()
            switch word {
            case "true": return .bool(true)
            case "false": return .bool(false)
            case "null": return .null
            default:
                guard let number = Double(word) else { throw failure("unexpected '\(word)'") }
                return .number(number)
            }
        }
    }

    private mutating func bareWord() -> String {
        let start = position
        while let byte = current,
            byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "-")
                || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || (byte >= 0x30 && byte <= 0x39)
                || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
        {
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func object() throws(Failure) -> RuleValue {
        position += 1
        var members: [String: RuleValue] = [:]
        while true {
            skipTrivia()
            guard let byte = current else { throw failure("an object is not closed") }
            if byte == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            let key = byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") ? try string() : bareWord()
            if key.isEmpty { throw failure("a key is missing") }
            skipTrivia()
            guard current == UInt8(ascii: ":") else { throw failure("':' expected after '\(key)'") }
            position += 1
            members[key] = try value()
            skipTrivia()
            if current == UInt8(ascii: ",") { position += 1 }
        }
    }

    private mutating func array() throws(Failure) -> RuleValue {
        position += 1
        var elements: [RuleValue] = []
        while true {
            skipTrivia()
            guard let byte = current else { throw failure("an array is not closed") }
            if byte == UInt8(ascii: "]") {
                position += 1
                return .array(elements)
            }
            elements.append(try value())
            skipTrivia()
            if current == UInt8(ascii: ",") { position += 1 }
        }
    }

    private mutating func string() throws(Failure) -> String {
        let quote = bytes[position]
        position += 1
        var result: [UInt8] = []
        while let byte = current {
            position += 1
            if byte == quote { return String(decoding: result, as: UTF8.self) }
            guard byte == UInt8(ascii: "\\") else {
                result.append(byte)
                continue
            }
            guard let escaped = current else { break }
            position += 1
            switch escaped {
            case UInt8(ascii: "n"): result.append(0x0A)
            case UInt8(ascii: "t"): result.append(0x09)
            case UInt8(ascii: "r"): result.append(0x0D)
            case UInt8(ascii: "b"): result.append(0x08)
            case UInt8(ascii: "f"): result.append(0x0C)
            case UInt8(ascii: "0"): result.append(0x00)
            case UInt8(ascii: "u"):
                guard position + 4 <= bytes.count,
                    let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
                else { throw failure("a bad \\u escape") }
                position += 4
                var scalarCode = code
                // A UTF-16 surrogate pair: \uD83D\uDE00.
                if (0xD800...0xDBFF).contains(code), position + 6 <= bytes.count, bytes[position] == UInt8(ascii: "\\"),
                    bytes[position + 1] == UInt8(ascii: "u"),
                    let low = UInt32(String(decoding: bytes[position + 2..<position + 6], as: UTF8.self), radix: 16),
                    (0xDC00...0xDFFF).contains(low)
                {
                    scalarCode = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    position += 6
                }
                result += Array(String(Unicode.Scalar(scalarCode).map(Character.init) ?? "\u{FFFD}").utf8)
            default: result.append(escaped)  // \" \' \\ \/
            }
        }
        throw failure("a string is not closed")
    }
}
