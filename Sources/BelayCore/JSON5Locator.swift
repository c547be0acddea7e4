/// Finds the 1-based source line of every key and array element in a JSON5 document, by key path
/// (`checks[1].timeout`, `rules.trailing-whitespace`), so configuration errors can name a line.
///
/// It only walks the structure (skipping comments and string contents); values are read by Foundation.
/// It is lenient: on malformed input it stops early and knows fewer lines, never loops or crashes.
struct JSON5Locator {
    /// Line of each key (for object members) or of the value's first character (array elements, root).
    private(set) var lines: [String: Int] = [:]
    /// Keys that occur twice in one object: the path and the line of the second occurrence.
    private(set) var duplicates: [(path: String, line: Int)] = []
    /// The line of the first thing that is not JSON5, when the walk found one. Foundation's JSON5 errors
    /// carry no position on Linux, so this is where a syntax error's line comes from.
    private(set) var syntaxErrorLine: Int?

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        value(at: "")
        skipTrivia()
        if current != nil { fail() }
    }

    private mutating func fail() {
        if syntaxErrorLine == nil { syntaxErrorLine = line }
    }

    /// Joins a parent path and an object key.
    static func path(_ parent: String, key: String) -> String { parent.isEmpty ? key : "\(parent).\(key)" }

    /// Joins a parent path and an array index.
    static func path(_ parent: String, index: Int) -> String { "\(parent)[\(index)]" }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func advance() {
        if bytes[index] == UInt8(ascii: "\n") { line += 1 }
        index += 1
    }

    private mutating func skipTrivia() {
        while let byte = current {
            if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                while let next = current, next != UInt8(ascii: "\n") { advance() }
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                index += 2
                while current != nil {
                    if bytes[index] == UInt8(ascii: "*"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/")
                    {
                        index += 2
                        break
                    }
                    advance()
                }
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0B || byte == 0x0C {
                advance()
            } else if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF {
                index += 3  // byte order mark
            } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0xA0 {
                index += 2  // no-break space
            } else {
                return
            }
        }
    }

    private mutating func value(at path: String) {
        skipTrivia()
        guard let byte = current else { return fail() }
        if lines[path] == nil { lines[path] = line }
        switch byte {
        case UInt8(ascii: "{"): object(at: path)
        case UInt8(ascii: "["): array(at: path)
        case UInt8(ascii: "\""), UInt8(ascii: "'"): _ = string()
        default:
            let start = index
            while let next = current, !isDelimiter(next) { advance() }
            let word = String(decoding: bytes[start..<index], as: UTF8.self)
            let first = word.unicodeScalars.first.map { "0123456789+-.".unicodeScalars.contains($0) } ?? false
            if !first && !["true", "false", "null", "Infinity", "NaN"].contains(word) { fail() }
        }
    }

    private func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ":"), UInt8(ascii: "/"),
            0x20, 0x09, 0x0A, 0x0D:
            true
        default: false
        }
    }

    private mutating func object(at path: String) {
        advance()  // {
        while true {
            skipTrivia()
            guard let byte = current else { return fail() }
            if byte == UInt8(ascii: "}") {
                advance()
                return
            }
            let keyLine = line
            let key: String
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                key = string()
            } else {
                let start = index
                while let next = current, !isDelimiter(next) { advance() }
                if index == start { return fail() }  // malformed: give up rather than spin
                key = String(decoding: bytes[start..<index], as: UTF8.self)
            }
            skipTrivia()
            guard current == UInt8(ascii: ":") else { return fail() }
            advance()
            let child = JSON5Locator.path(path, key: key)
            if lines[child] != nil {
                duplicates.append((child, keyLine))
            } else {
                lines[child] = keyLine
            }
            value(at: child)
            skipTrivia()
            if current == UInt8(ascii: ",") {
                advance()
            } else if current != UInt8(ascii: "}") {
                return fail()
            }
        }
    }

    private mutating func array(at path: String) {
        advance()  // [
        var count = 0
        while true {
            skipTrivia()
            guard let byte = current else { return fail() }
            if byte == UInt8(ascii: "]") {
                advance()
                return
            }
            let before = index
            value(at: JSON5Locator.path(path, index: count))
            count += 1
            skipTrivia()
            if current == UInt8(ascii: ",") {
                advance()
            } else if current != UInt8(ascii: "]") || index == before {
                return fail()  // malformed: give up rather than spin
            }
        }
    }

    /// Reads a quoted string at the cursor and returns its decoded contents (used for keys).
    private mutating func string() -> String {
        let quote = bytes[index]
        advance()
        var decoded: [UInt8] = []
        while true {
            guard let byte = current, byte != 0x0A, byte != 0x0D else {
                fail()  // unterminated: JSON5 strings cannot hold a raw line break
                break
            }
            advance()
            if byte == quote { break }
            guard byte == UInt8(ascii: "\\"), let escaped = current else {
                decoded.append(byte)
                continue
            }
            advance()
            switch escaped {
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "f"): decoded.append(0x0C)
            case UInt8(ascii: "v"): decoded.append(0x0B)
            case UInt8(ascii: "0"): decoded.append(0x00)
            case UInt8(ascii: "\n"): break  // line continuation
            case UInt8(ascii: "\r"): if current == UInt8(ascii: "\n") { advance() }
            case UInt8(ascii: "u"): decoded.append(contentsOf: hexScalar(digits: 4))
            case UInt8(ascii: "x"): decoded.append(contentsOf: hexScalar(digits: 2))
            default: decoded.append(escaped)
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    /// Reads `digits` hex digits and returns the scalar they name as UTF-8 (surrogates become U+FFFD).
    private mutating func hexScalar(digits: Int) -> [UInt8] {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let byte = current, let digit = hexValue(byte) else { break }
            value = value * 16 + digit
            advance()
        }
        let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
        return Array(String(Character(scalar)).utf8)
    }

    private func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
