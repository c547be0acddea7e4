/// belay's one JSON5 reader: the user's `belay.json5` and belay's own `rules/` tables.
///
/// It reads full JSON5 (comments, trailing commas, unquoted identifier keys, single quotes, every escape,
/// hex, `Infinity`, `NaN` and signed or dotted numbers) straight from bytes into a ``RuleValue``. Keys may
/// not repeat within an object. When asked to ``parseLocated(_:)`` it also records the 1-based line of
/// every key and array element by key path (`checks[1].timeout`), so configuration errors can name a
/// line; every syntax error carries its line and says what was expected.
struct JSON5Parser {
    /// Why the bytes are not a JSON5 document, and where.
    struct Failure: Error, CustomStringConvertible {
        enum Kind: Equatable {
            /// Not JSON5 at ``line``.
            case syntax
            /// Nothing but whitespace and comments.
            case empty
            /// A key that already occurred in the same object, by key path (the key alone unless located).
            case duplicateKey(path: String)
        }

        var kind: Kind
        var offset: Int
        /// 1-based.
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    /// A parsed document and the line of each key path (see ``JSON5Parser/path(_:key:)``).
    struct Located {
        var value: RuleValue
        var lines: [String: Int]
    }

    let bytes: [UInt8]
    var position = 0
    /// Whether to build key paths and record ``lines`` (only configuration errors need them).
    private let locating: Bool
    private var lines: [String: Int] = [:]
    /// Lines are counted lazily, up to the furthest offset asked about.
    private var countedUpTo = 0
    private var linesCounted = 1

    /// Parses a whole document.
    static func parse(_ bytes: [UInt8]) throws(Failure) -> RuleValue {
        var parser = JSON5Parser(bytes: bytes, locating: false)
        return try parser.document()
    }

    /// Parses a whole document and records the line of every key path.
    static func parseLocated(_ bytes: [UInt8]) throws(Failure) -> Located {
        var parser = JSON5Parser(bytes: bytes, locating: true)
        let value = try parser.document()
        return Located(value: value, lines: parser.lines)
    }

    /// Joins a parent path and an object key.
    static func path(_ parent: String, key: String) -> String { parent.isEmpty ? key : "\(parent).\(key)" }

    /// Joins a parent path and an array index.
    static func path(_ parent: String, index: Int) -> String { "\(parent)[\(index)]" }

    private init(bytes: [UInt8], locating: Bool) {
        self.bytes = bytes
        self.locating = locating
    }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    /// The 1-based line of the byte at `offset`.
    mutating func line(at offset: Int) -> Int {
        if offset < countedUpTo { (countedUpTo, linesCounted) = (0, 1) }
        while countedUpTo < offset, countedUpTo < bytes.count {
            if bytes[countedUpTo] == 0x0A { linesCounted += 1 }
            countedUpTo += 1
        }
        return linesCounted
    }

    /// A syntax error at `offset` (the cursor by default).
    mutating func failure(_ message: String, at offset: Int? = nil, kind: Failure.Kind = .syntax) -> Failure {
        let offset = offset ?? position
        return Failure(kind: kind, offset: offset, line: line(at: offset), message: message)
    }

    private mutating func document() throws(Failure) -> RuleValue {
        try skipTrivia()
        if position == bytes.count { throw failure("the file is empty", at: 0, kind: .empty) }
        let value = try value(at: "")
        try skipTrivia()
        if position < bytes.count {
            throw failure("unexpected \(describeCurrent()) after the end of the top-level value")
        }
        return value
    }

    private mutating func value(at path: String) throws(Failure) -> RuleValue {
        try skipTrivia()
        guard let byte = current else { throw failure("the file ends where a value should be") }
        if locating, lines[path] == nil { lines[path] = line(at: position) }
        switch byte {
        case UInt8(ascii: "{"): return try object(at: path)
        case UInt8(ascii: "["): return try array(at: path)
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return .string(try string())
        default: return try literal()
        }
    }

    private mutating func object(at path: String) throws(Failure) -> RuleValue {
        let open = position
        position += 1
        var members: [String: RuleValue] = [:]
        while true {
            try skipTrivia()
            guard let byte = current else { throw unclosed("{", at: open) }
            if byte == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            let keyStart = position
            let key = try key()
            try skipTrivia()
            guard current == UInt8(ascii: ":") else {
                throw failure("expected ':' after the key '\(key)', found \(describeCurrent())")
            }
            position += 1
            let child = locating ? JSON5Parser.path(path, key: key) : key
            if locating, lines[child] == nil { lines[child] = line(at: keyStart) }
            if members.updateValue(try value(at: child), forKey: key) != nil {
                throw failure("the key '\(key)' appears twice", at: keyStart, kind: .duplicateKey(path: child))
            }
            try separator(closing: UInt8(ascii: "}"), open: open, afterValueOf: key)
        }
    }

    private mutating func array(at path: String) throws(Failure) -> RuleValue {
        let open = position
        position += 1
        var elements: [RuleValue] = []
        while true {
            try skipTrivia()
            guard let byte = current else { throw unclosed("[", at: open) }
            if byte == UInt8(ascii: "]") {
                position += 1
                return .array(elements)
            }
            elements.append(try value(at: locating ? JSON5Parser.path(path, index: elements.count) : ""))
            try separator(closing: UInt8(ascii: "]"), open: open, afterValueOf: nil)
        }
    }

    /// Consumes the `,` after a member (the value of `key`) or element, or stops before the closing bracket.
    private mutating func separator(closing: UInt8, open: Int, afterValueOf key: String?) throws(Failure) {
        try skipTrivia()
        guard let byte = current else { throw unclosed(closing == UInt8(ascii: "}") ? "{" : "[", at: open) }
        if byte == UInt8(ascii: ",") {
            position += 1
        } else if byte != closing {
            let what = key.map { "the value of '\($0)'" } ?? "an array element"
            let expected = "expected ',' or '\(Character(Unicode.Scalar(closing)))' after \(what)"
            // Something that could start a key or a value: most likely the comma before it was left out.
            let startsSomething = byte != UInt8(ascii: "]") && byte != UInt8(ascii: "}") && byte != UInt8(ascii: ":")
            throw failure("\(startsSomething ? "missing comma: " : "")\(expected), found \(describeCurrent())")
        }
    }

    private mutating func unclosed(_ bracket: String, at open: Int) -> Failure {
        failure("the '\(bracket)' on this line is never closed (the file ends first)", at: open)
    }

    /// Skips whitespace (JSON5's Unicode spaces and line terminators included) and comments.
    mutating func skipTrivia() throws(Failure) {
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0B || byte == 0x0C {
                position += 1
            } else if byte == UInt8(ascii: "/"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "/") {
                while position < bytes.count, bytes[position] != 0x0A { position += 1 }
            } else if byte == UInt8(ascii: "/"), position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "*") {
                let open = position
                position += 2
                while position + 1 < bytes.count,
                    !(bytes[position] == UInt8(ascii: "*") && bytes[position + 1] == UInt8(ascii: "/"))
                {
                    position += 1
                }
                guard position + 1 < bytes.count else {
                    throw failure("the '/*' comment on this line is never closed", at: open)
                }
                position += 2
            } else if byte >= 0x80, case let length = unicodeSpaceLength(at: position), length > 0 {
                position += length
            } else {
                return
            }
        }
    }

    /// How a message names the text at the cursor.
    mutating func describeCurrent() -> String {
        guard let byte = current else { return "the end of the file" }
        if isIdentifierStart(byte) || (byte >= 0x30 && byte <= 0x39) {
            var end = position
            while end < bytes.count, end - position < 40, isIdentifierPart(bytes[end]) { end += 1 }
            return "'\(String(decoding: bytes[position..<end], as: UTF8.self))'"
        }
        if byte < 0x20 || byte == 0x7F { return "the control character 0x\(String(byte, radix: 16, uppercase: true))" }
        if byte >= 0x80 { return "'\(String(decoding: bytes[position...].prefix(4), as: UTF8.self).prefix(1))'" }
        return "'\(Character(Unicode.Scalar(byte)))'"
    }
}
