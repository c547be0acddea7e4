/// SQL as `destructive-migration` reads it: statements split on `;`, made of words, quoted identifiers,
/// strings and symbols, with comments set aside. It knows `--` and nested `/* */` comments, `'…'` strings
/// (`''` inside, backslashes after `E`), `"…"`, `` `…` `` and `[…]` identifiers, and `$tag$…$tag$` bodies,
/// so a `;` or a `DROP` inside any of them is neither a split nor a statement.
struct SQLText {
    /// One token of a statement.
    struct Token: Equatable {
        enum Kind: Equatable {
            /// An unquoted word: a keyword or an identifier (compare ``lower``).
            case word
            /// A quoted identifier (`"User"`, `` `user` ``, `[User]`); ``text`` is its content.
            case quoted
            /// A string or dollar-quoted literal; ``text`` is its content.
            case string
            /// Any other character, one at a time (numbers are words).
            case symbol
        }
        var kind: Kind
        var text: String
        /// Byte offsets in the file.
        var start: Int
        var end: Int

        /// The text in lower case: how SQL compares an unquoted word.
        var lower: String { kind == .quoted ? text : text.lowercased() }
        /// Whether this is the unquoted keyword `word` (given in lower case).
        func isWord(_ word: String) -> Bool { kind == .word && text.lowercased() == word }
        /// Whether this can name a table or column.
        var isName: Bool { kind == .word || kind == .quoted }
    }

    /// A statement: its tokens, from its first token to its `;` (or the end).
    struct Statement {
        var tokens: [Token]
        var start: Int { tokens.first?.start ?? 0 }
        var end: Int { tokens.last?.end ?? 0 }
    }

    /// A comment: its byte range and text.
    struct Comment {
        var start: Int
        var end: Int
        var text: String
    }

    var statements: [Statement] = []
    var comments: [Comment] = []

    /// Splits `bytes[range]`; offsets are those of `bytes` plus `base` (the position of an embedded
    /// literal's content in its file).
    init(_ bytes: [UInt8], range: Range<Int>? = nil, base: Int = 0) {
        let range = range ?? 0..<bytes.count
        var current: [Token] = []
        var index = range.lowerBound
        let end = range.upperBound
        func text(_ from: Int, _ to: Int) -> String { String(decoding: bytes[from..<to], as: UTF8.self) }
        func add(_ kind: Token.Kind, _ content: String, _ from: Int, _ to: Int) {
            current.append(Token(kind: kind, text: content, start: from + base, end: to + base))
        }
        while index < end {
            let byte = bytes[index]
            let next: UInt8 = index + 1 < end ? bytes[index + 1] : 0
            if byte == 0x2D && next == 0x2D {  // -- comment
                var stop = index
                while stop < end, bytes[stop] != 0x0A { stop += 1 }
                comments.append(Comment(start: index + base, end: stop + base, text: text(index, stop)))
                index = stop
            } else if byte == 0x2F && next == 0x2A {  // /* nested */
                var depth = 0
                var stop = index
                while stop < end {
                    if bytes[stop] == 0x2F, stop + 1 < end, bytes[stop + 1] == 0x2A {
                        depth += 1
                        stop += 2
                    } else if bytes[stop] == 0x2A, stop + 1 < end, bytes[stop + 1] == 0x2F {
                        depth -= 1
                        stop += 2
                        if depth == 0 { break }
                    } else {
                        stop += 1
                    }
                }
                comments.append(Comment(start: index + base, end: stop + base, text: text(index, min(stop, end))))
                index = min(stop, end)
            } else if byte == 0x27 || byte == 0x22 || byte == 0x60 {  // ' " `
                let backslash = byte == 0x27 && current.last.map { $0.end - base == index && $0.lower == "e" } == true
                if backslash { current.removeLast() }
                var stop = index + 1
                var content: [UInt8] = []
                while stop < end {
                    if backslash && bytes[stop] == 0x5C && stop + 1 < end {
                        content.append(bytes[stop + 1])
                        stop += 2
                    } else if bytes[stop] == byte {
                        if stop + 1 < end && bytes[stop + 1] == byte {
                            content.append(byte)
                            stop += 2
                        } else {
                            break
                        }
                    } else {
                        content.append(bytes[stop])
                        stop += 1
                    }
                }
                let kind: Token.Kind = byte == 0x27 ? .string : .quoted
                add(kind, String(decoding: content, as: UTF8.self), index, min(stop + 1, end))
                index = min(stop + 1, end)
            } else if byte == 0x5B, let close = Self.bracketIdentifier(bytes, at: index, end: end) {  // [dbo]
                add(.quoted, text(index + 1, close), index, close + 1)
                index = close + 1
            } else if byte == 0x24, let (tagEnd, bodyEnd, stop) = Self.dollarQuote(bytes, at: index, end: end) {
                add(.string, text(tagEnd, bodyEnd), index, stop)
                index = stop
            } else if byte == 0x3B {  // ;
                if !current.isEmpty { statements.append(Statement(tokens: current)) }
                current = []
                index += 1
            } else if Self.isWordByte(byte) {
                var stop = index + 1
                while stop < end, Self.isWordByte(bytes[stop]) || bytes[stop] == 0x24 { stop += 1 }
                add(.word, text(index, stop), index, stop)
                index = stop
            } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                index += 1
            } else {
                add(.symbol, String(UnicodeScalar(byte)), index, index + 1)
                index += 1
            }
        }
        if !current.isEmpty { statements.append(Statement(tokens: current)) }
    }

    static func isWordByte(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F
            || byte >= 0x80
    }

    /// `[Name]` (SQL Server): a bracket around a name that starts with a letter, on one line.
    static func bracketIdentifier(_ bytes: [UInt8], at index: Int, end: Int) -> Int? {
        guard index + 1 < end, isWordByte(bytes[index + 1]), !(0x30...0x39).contains(bytes[index + 1]) else {
            return nil
        }
        var stop = index + 1
        while stop < end, bytes[stop] != 0x5D {
            if bytes[stop] == 0x0A || bytes[stop] == 0x2C || bytes[stop] == 0x5B { return nil }
            stop += 1
        }
        return stop < end ? stop : nil
    }

    /// `$tag$ … $tag$`: where the body starts and ends, and the offset after the closing tag.
    static func dollarQuote(_ bytes: [UInt8], at index: Int, end: Int) -> (Int, Int, Int)? {
        var tagEnd = index + 1
        if tagEnd < end, (0x30...0x39).contains(bytes[tagEnd]) { return nil }  // $1: a parameter
        while tagEnd < end, isWordByte(bytes[tagEnd]) { tagEnd += 1 }
        guard tagEnd < end, bytes[tagEnd] == 0x24 else { return nil }
        let tag = bytes[index...tagEnd]
        let bodyStart = tagEnd + 1
        var search = bodyStart
        while search + tag.count <= end {
            if bytes[search] == 0x24, bytes[search..<(search + tag.count)].elementsEqual(tag) {
                return (bodyStart, search, search + tag.count)
            }
            search += 1
        }
        return (bodyStart, end, end)
    }
}
