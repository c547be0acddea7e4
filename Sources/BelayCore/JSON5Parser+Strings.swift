/// JSON5 strings: single or double quotes, every escape, line continuations.
extension JSON5Parser {
    /// Reads the quoted string at the cursor and returns its contents.
    mutating func string() throws(Failure) -> String {
        let open = position
        let quote = bytes[position]
        position += 1
        let start = position
        // Most strings hold no escapes: take them as they stand.
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote {
                position += 1
                return String(decoding: bytes[start..<position - 1], as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") || byte == 0x0A || byte == 0x0D { break }
            position += 1
        }
        var result = Array(bytes[start..<position])
        while let byte = current {
            if byte == quote {
                position += 1
                return String(decoding: result, as: UTF8.self)
            }
            if byte == 0x0A || byte == 0x0D {
                throw failure(
                    "a string is not closed before the end of its line (end a line with '\\' to continue the string)")
            }
            position += 1
            if byte == UInt8(ascii: "\\") {
                try escape(into: &result)
            } else {
                result.append(byte)
            }
        }
        throw failure("the string that starts on this line is never closed", at: open)
    }

    /// Reads the escape after a backslash and appends what it stands for.
    private mutating func escape(into result: inout [UInt8]) throws(Failure) {
        guard let byte = current else { return }
        let start = position - 1
        position += 1
        switch byte {
        case UInt8(ascii: "n"): result.append(0x0A)
        case UInt8(ascii: "t"): result.append(0x09)
        case UInt8(ascii: "r"): result.append(0x0D)
        case UInt8(ascii: "b"): result.append(0x08)
        case UInt8(ascii: "f"): result.append(0x0C)
        case UInt8(ascii: "v"): result.append(0x0B)
        case UInt8(ascii: "0"):
            if let next = current, isDigit(next) {
                throw failure("octal escapes like '\\0\(Character(Unicode.Scalar(next)))' are not JSON5", at: start)
            }
            result.append(0x00)
        case UInt8(ascii: "1")...UInt8(ascii: "9"):
            throw failure("'\\\(Character(Unicode.Scalar(byte)))' is not a JSON5 escape", at: start)
        case 0x0A: break  // line continuation
        case 0x0D: if current == 0x0A { position += 1 }
        case UInt8(ascii: "x"): append(Unicode.Scalar(UInt8(try hex(digits: 2))), to: &result)
        case UInt8(ascii: "u"):
            let code = try hex(digits: 4)
            if (0xD800...0xDBFF).contains(code), position + 6 <= bytes.count, bytes[position] == UInt8(ascii: "\\"),
                bytes[position + 1] == UInt8(ascii: "u")
            {
                let pairStart = position
                position += 2
                let low = try hex(digits: 4)
                if (0xDC00...0xDFFF).contains(low) {
                    append(Unicode.Scalar(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)), to: &result)
                    return
                }
                position = pairStart  // not a pair: the second escape stands alone
            }
            append(Unicode.Scalar(code), to: &result)
        case 0xE2
        where position + 1 < bytes.count && bytes[position] == 0x80
            && (bytes[position + 1] == 0xA8 || bytes[position + 1] == 0xA9):
            position += 2  // line continuation over U+2028 or U+2029
        default: result.append(byte)  // \' \" \\ \/ and any other character stand for themselves
        }
    }

    /// Appends `scalar` as UTF-8; a lone surrogate (`nil`) becomes U+FFFD.
    private func append(_ scalar: Unicode.Scalar?, to result: inout [UInt8]) {
        UTF8.encode(scalar ?? "\u{FFFD}") { result.append($0) }
    }
}
