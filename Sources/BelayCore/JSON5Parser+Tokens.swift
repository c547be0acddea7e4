/// The tokens inside a JSON5 value: keys, strings, numbers and the literal words.
extension JSON5Parser {
    /// A quoted key, or an unquoted ECMAScript identifier (`$weird_key`, `café`, `\u0061`).
    mutating func key() throws(Failure) -> String {
        guard let byte = current else { throw failure("the file ends where a key should be") }
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { return try string() }
        let start = position
        guard let name = try identifier() else {
            throw failure(
                "expected a key, found \(describeCurrent()); quote keys that do not start with a letter, '_' or '$'")
        }
        if position < bytes.count, !isKeyDelimiter(at: position) {
            var end = position
            while end < bytes.count, !isKeyDelimiter(at: end) { end += 1 }
            let word = String(decoding: bytes[start..<end], as: UTF8.self)
            throw failure(
                "the key '\(word)' needs quotes: unquoted keys hold only letters, digits, '_' and '$'", at: start)
        }
        return name
    }

    /// `true`, `false`, `null` or a number.
    mutating func literal() throws(Failure) -> RuleValue {
        let start = position
        let byte = bytes[position]
        if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || isDigit(byte) {
            return .number(try number())
        }
        if let keyword = keyword() { return keyword }
        switch try identifier() {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        case "Infinity": return .number(.infinity)
        case "NaN": return .number(.nan)
        case let word?: throw failure("unexpected '\(word)'; strings need quotes", at: start)
        case nil: throw failure("expected a value, found \(describeCurrent())")
        }
    }

    /// `true`, `false` or `null` standing alone at the cursor, read without building a string.
    private mutating func keyword() -> RuleValue? {
        for (word, value) in JSON5Parser.keywords where bytes.count - position >= word.count {
            var end = position
            for byte in word {
                guard bytes[end] == byte else { break }
                end += 1
            }
            if end - position == word.count, end == bytes.count || !isIdentifierPart(bytes[end]) && bytes[end] < 0x80 {
                position = end
                return value
            }
        }
        return nil
    }

    private static let keywords: [([UInt8], RuleValue)] = [
        (Array("true".utf8), .bool(true)), (Array("false".utf8), .bool(false)), (Array("null".utf8), .null),
    ]

    /// A JSON5 number: optional sign, then `Infinity`, `NaN`, hex `0x1F`, or decimal `1`, `.5`, `5.`, `1e-3`.
    mutating func number() throws(Failure) -> Double {
        let start = position
        let negative = bytes[position] == UInt8(ascii: "-")
        if negative || bytes[position] == UInt8(ascii: "+") { position += 1 }
        let body = position
        var result: Double
        if let byte = current, isIdentifierStart(byte) {
            switch try identifier() {
            case "Infinity": result = .infinity
            case "NaN": result = .nan
            default: throw badNumber(from: start)
            }
        } else if current == UInt8(ascii: "0"), position + 1 < bytes.count, bytes[position + 1] | 0x20 == 0x78 {
            position += 2
            result = 0
            while let byte = current, let digit = hexValue(byte) {
                result = result * 16 + Double(digit)
                position += 1
            }
            if position == body + 2 { throw badNumber(from: start) }
        } else {
            var integer: UInt64 = 0
            let digits = skipDigits { integer = integer &* 10 &+ UInt64($0 - 0x30) }
            if digits > 1, bytes[body] == UInt8(ascii: "0") {
                throw failure(
                    "\(describeNumber(from: start)) has a leading zero, which JSON5 does not allow", at: start)
            }
            var simple = digits <= 15
            if current == UInt8(ascii: ".") {
                position += 1
                simple = false
                if digits + skipDigits({ _ in }) == 0 { throw badNumber(from: start) }
            } else if digits == 0 {
                throw badNumber(from: start)
            }
            if let byte = current, byte | 0x20 == UInt8(ascii: "e") {
                position += 1
                simple = false
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { position += 1 }
                if skipDigits({ _ in }) == 0 { throw badNumber(from: start) }
            }
            if simple {
                result = Double(integer)
            } else if let parsed = Double(String(decoding: bytes[body..<position], as: UTF8.self)) {
                result = parsed
            } else {
                throw badNumber(from: start)
            }
        }
        if let next = current, isIdentifierPart(next) || next == UInt8(ascii: ".") { throw badNumber(from: start) }
        return negative ? -result : result
    }

    private mutating func skipDigits(_ each: (UInt8) -> Void) -> Int {
        let start = position
        while let byte = current, isDigit(byte) {
            each(byte)
            position += 1
        }
        return position - start
    }

    private mutating func badNumber(from start: Int) -> Failure {
        failure("\(describeNumber(from: start)) is not a number", at: start)
    }

    private func describeNumber(from start: Int) -> String {
        var end = start + 1
        while end < bytes.count,
            isIdentifierPart(bytes[end]) || bytes[end] == UInt8(ascii: ".")
                || ((bytes[end] == UInt8(ascii: "+") || bytes[end] == UInt8(ascii: "-"))
                    && bytes[end - 1] | 0x20 == 0x65)
        {
            end += 1
        }
        return "'\(String(decoding: bytes[start..<end], as: UTF8.self))'"
    }

    /// An identifier at the cursor, or `nil` (cursor unmoved) when none starts here.
    mutating func identifier() throws(Failure) -> String? {
        let start = position
        var unescaped: [UInt8]?  // only built once a `\u` escape turns up
        while let byte = current {
            let first = position == start
            if byte < 0x80 {
                if isIdentifierPart(byte), !(first && isDigit(byte)) {
                    unescaped?.append(byte)
                    position += 1
                } else if byte == UInt8(ascii: "\\"), position + 1 < bytes.count, bytes[position + 1] == 0x75 {
                    let escapeStart = position
                    position += 2
                    guard let scalar = Unicode.Scalar(try hex(digits: 4)),
                        first ? scalar.properties.isIDStart || scalar == "$" || scalar == "_" : isIDPart(scalar)
                    else { throw failure("this \\u escape is not a letter an identifier can hold", at: escapeStart) }
                    if unescaped == nil { unescaped = Array(bytes[start..<escapeStart]) }
                    UTF8.encode(scalar) { unescaped?.append($0) }
                } else {
                    break
                }
            } else {
                guard let (scalar, length) = scalar(at: position),
                    first ? scalar.properties.isIDStart : isIDPart(scalar)
                else { break }
                unescaped?.append(contentsOf: bytes[position..<position + length])
                position += length
            }
        }
        if position == start { return nil }
        if let unescaped { return String(decoding: unescaped, as: UTF8.self) }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private func isIDPart(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isIDContinue || scalar == "$" || scalar == "\u{200C}" || scalar == "\u{200D}"
    }

    /// The scalar encoded at `offset` and its length in bytes, if the UTF-8 there is well formed.
    private func scalar(at offset: Int) -> (Unicode.Scalar, Int)? {
        let lead = bytes[offset]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0
        guard length > 0, offset + length <= bytes.count else { return nil }
        var code = UInt32(lead) & (0x7F >> length)
        for byte in bytes[offset + 1..<offset + length] {
            guard byte & 0xC0 == 0x80 else { return nil }
            code = code << 6 | UInt32(byte & 0x3F)
        }
        return Unicode.Scalar(code).map { ($0, length) }
    }

    /// Reads `digits` hex digits at the cursor.
    mutating func hex(digits: Int) throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<digits {
            guard let byte = current, let digit = hexValue(byte) else {
                throw failure("expected \(digits) hex digits in this escape, found \(describeCurrent())")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    /// The length of the Unicode space (no-break space, byte order mark, U+2028, …) at `offset`, or 0.
    func unicodeSpaceLength(at offset: Int) -> Int {
        func byte(_ k: Int) -> UInt8 { offset + k < bytes.count ? bytes[offset + k] : 0 }
        switch (byte(0), byte(1), byte(2)) {
        case (0xC2, 0xA0, _): return 2
        case (0xE1, 0x9A, 0x80), (0xE2, 0x81, 0x9F), (0xE3, 0x80, 0x80), (0xEF, 0xBB, 0xBF): return 3
        case (0xE2, 0x80, let last) where (0x80...0x8A).contains(last) || [0xA8, 0xA9, 0xAF].contains(last): return 3
        default: return 0
        }
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x24 || byte == 0x5F || byte == 0x5C || byte >= 0x80
    }

    func isIdentifierPart(_ byte: UInt8) -> Bool {
        (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || byte == 0x24 || byte == 0x5F || isDigit(byte)
    }

    private func isKeyDelimiter(at offset: Int) -> Bool {
        switch bytes[offset] {
        case 0x3A, 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0x2F, 0x2C, 0x7D, 0x7B, 0x5B, 0x5D, 0x22, 0x27: true
        default: unicodeSpaceLength(at: offset) > 0
        }
    }

    func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
