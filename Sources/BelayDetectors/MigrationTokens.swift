/// The tokens of a migration written in a host language (Ruby, Python, JavaScript/TypeScript, PHP, Elixir,
/// C#): names, symbols (`:users`), labels (`null:`), decoded string literals (heredocs, triple quotes,
/// template literals, verbatim strings), numbers, punctuation and line breaks. Comments are kept apart,
/// so code in a comment or a string is never read as a call.
struct MigrationTokens {
    enum Dialect {
        case ruby, python, javascript, php, elixir, csharp

        var hashComments: Bool { self != .javascript && self != .csharp }
        var slashComments: Bool { self == .javascript || self == .php || self == .csharp }
        var symbols: Bool { self == .ruby || self == .elixir }
    }

    struct Token {
        enum Kind: Equatable { case name, symbol, label, string, number, punct, newline }
        var kind: Kind
        /// The name, the symbol or label without its colon, the decoded string content, the character.
        var text: String
        var start: Int
        var end: Int
        /// Where a string's content starts in the file (embedded SQL offsets start here).
        var contentStart: Int = 0

        func isPunct(_ character: String) -> Bool { kind == .punct && text == character }
        /// A string or a symbol: a literal name.
        var literal: String? { kind == .string || kind == .symbol ? text : nil }
    }

    struct Comment {
        var start: Int
        var end: Int
        var text: String
    }

    var tokens: [Token] = []
    var comments: [Comment] = []
    let bytes: [UInt8]

    init(_ bytes: [UInt8], dialect: Dialect) {
        self.bytes = bytes
        var index = 0
        let count = bytes.count
        var heredocs: [(token: Int, tag: [UInt8])] = []
        func text(_ a: Int, _ b: Int) -> String { String(decoding: bytes[a..<min(b, count)], as: UTF8.self) }
        func at(_ offset: Int) -> UInt8 { offset < count ? bytes[offset] : 0 }
        func lineEnd(_ from: Int) -> Int {
            var stop = from
            while stop < count, bytes[stop] != 0x0A { stop += 1 }
            return stop
        }
        while index < count {
            let byte = bytes[index]
            if byte == 0x0A {
                tokens.append(Token(kind: .newline, text: "\n", start: index, end: index + 1))
                index += 1
                // Ruby heredoc bodies start on the line after their opener.
                for heredoc in heredocs {
                    let bodyStart = index
                    var lineStart = index
                    while lineStart < count {
                        let stop = lineEnd(lineStart)
                        let line = bytes[lineStart..<stop].drop { $0 == 0x20 || $0 == 0x09 }
                        if line.elementsEqual(heredoc.tag) || line.elementsEqual(heredoc.tag + [0x0D]) {
                            tokens[heredoc.token].text = text(bodyStart, lineStart)
                            tokens[heredoc.token].contentStart = bodyStart
                            index = min(stop + 1, count)
                            break
                        }
                        lineStart = stop + 1
                        index = count
                    }
                }
                heredocs = []
                continue
            }
            if byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x5C && at(index + 1) == 0x0A {
                index += byte == 0x5C ? 2 : 1
                continue
            }
            let hash = dialect.hashComments && byte == 0x23
            let slash = dialect.slashComments && byte == 0x2F && at(index + 1) == 0x2F
            if hash || slash {
                let stop = lineEnd(index)
                comments.append(Comment(start: index, end: stop, text: text(index, stop)))
                index = stop
                continue
            }
            if dialect.slashComments && byte == 0x2F && at(index + 1) == 0x2A {
                var stop = index + 2
                while stop + 1 < count, !(bytes[stop] == 0x2A && bytes[stop + 1] == 0x2F) { stop += 1 }
                comments.append(Comment(start: index, end: min(stop + 2, count), text: text(index, stop + 2)))
                index = min(stop + 2, count)
                continue
            }
            // JavaScript regex literal, where an expression starts: /…/flags on one line.
            if dialect == .javascript, byte == 0x2F,
                tokens.last.map({
                    $0.kind == .newline || ($0.kind == .name && $0.text == "return")
                        || ($0.kind == .punct && "(,=:[!&|?{};".contains($0.text))
                }) ?? true
            {
                var stop = index + 1
                var inClass = false
                while stop < count, bytes[stop] != 0x0A {
                    if bytes[stop] == 0x5C {
                        stop += 2
                        continue
                    }
                    if bytes[stop] == 0x5B { inClass = true }
                    if bytes[stop] == 0x5D { inClass = false }
                    if bytes[stop] == 0x2F && !inClass { break }
                    stop += 1
                }
                if stop < count, bytes[stop] == 0x2F {
                    tokens.append(
                        Token(
                            kind: .string, text: text(index + 1, stop), start: index, end: stop + 1,
                            contentStart: index + 1))
                    index = stop + 1
                    continue
                }
            }
            // Ruby: =begin … =end comments, %q{…} %w[…] %i(…) literals.
            if dialect == .ruby, byte == 0x3D, index == 0 || bytes[index - 1] == 0x0A,
                bytes[index...].starts(with: "=begin".utf8)
            {
                var stop = lineEnd(index)
                while stop < count, !bytes[(stop + 1)...].starts(with: "=end".utf8) { stop = lineEnd(stop + 1) }
                stop = min(lineEnd(min(stop + 1, count)), count)
                comments.append(Comment(start: index, end: stop, text: text(index, stop)))
                index = stop
                continue
            }
            if dialect == .ruby, byte == 0x25, let (close, contentStart) = Self.percentLiteral(bytes, at: index) {
                tokens.append(
                    Token(
                        kind: .string, text: text(contentStart, close), start: index, end: close + 1,
                        contentStart: contentStart))
                index = close + 1
                continue
            }
            // Ruby heredoc: <<~SQL, <<-SQL, <<SQL, <<~'SQL'.
            if dialect == .ruby, byte == 0x3C, at(index + 1) == 0x3C {
                var cursor = index + 2
                let squiggly = at(cursor) == 0x7E || at(cursor) == 0x2D
                if squiggly { cursor += 1 }
                let quote = at(cursor) == 0x27 || at(cursor) == 0x22 ? at(cursor) : 0
                if quote != 0 { cursor += 1 }
                let tagStart = cursor
                while cursor < count, (0x41...0x5A).contains(bytes[cursor]) || bytes[cursor] == 0x5F { cursor += 1 }
                if cursor > tagStart, squiggly || quote != 0 || cursor - tagStart >= 2 {
                    heredocs.append((tokens.count, Array(bytes[tagStart..<cursor])))
                    tokens.append(Token(kind: .string, text: "", start: index, end: cursor))
                    index = cursor + (quote != 0 ? 1 : 0)
                    continue
                }
            }
            // PHP heredoc / nowdoc: <<<SQL … SQL
            if dialect == .php, byte == 0x3C, at(index + 1) == 0x3C, at(index + 2) == 0x3C {
                var cursor = index + 3
                while at(cursor) == 0x20 || at(cursor) == 0x27 || at(cursor) == 0x22 { cursor += 1 }
                let tagStart = cursor
                while cursor < count, SQLText.isWordByte(bytes[cursor]) { cursor += 1 }
                let tag = Array(bytes[tagStart..<cursor])
                let bodyStart = min(lineEnd(cursor) + 1, count)
                var lineStart = bodyStart
                while lineStart < count {
                    let stop = lineEnd(lineStart)
                    let line = bytes[lineStart..<stop].drop { $0 == 0x20 || $0 == 0x09 }
                    if !tag.isEmpty, line.starts(with: tag) {
                        tokens.append(
                            Token(
                                kind: .string, text: text(bodyStart, lineStart), start: index,
                                end: lineStart + tag.count, contentStart: bodyStart))
                        break
                    }
                    lineStart = stop + 1
                }
                index = lineStart < count ? lineStart + tag.count : count
                continue
            }
            if byte == 0x27 || byte == 0x22 || (byte == 0x60 && dialect == .javascript)
                || (byte == 0x40 && dialect == .csharp && at(index + 1) == 0x22)
            {
                let verbatim = byte == 0x40
                let quoteStart = verbatim ? index + 1 : index
                let quote = bytes[quoteStart]
                let triple = quote != 0x60 && at(quoteStart + 1) == quote && at(quoteStart + 2) == quote
                let delimiter = triple ? [quote, quote, quote] : [quote]
                var stop = quoteStart + delimiter.count
                let contentStart = stop
                var content: [UInt8] = []
                let escapes = !verbatim
                while stop < count {
                    if escapes && bytes[stop] == 0x5C && stop + 1 < count {
                        content.append(bytes[stop + 1])
                        stop += 2
                        continue
                    }
                    if bytes[stop] == quote, bytes[stop..<min(stop + delimiter.count, count)].elementsEqual(delimiter) {
                        if verbatim && at(stop + 1) == quote {
                            content.append(quote)
                            stop += 2
                            continue
                        }
                        break
                    }
                    if !triple && quote != 0x60 && !verbatim && bytes[stop] == 0x0A { break }
                    content.append(bytes[stop])
                    stop += 1
                }
                let end = min(stop + delimiter.count, count)
                tokens.append(
                    Token(
                        kind: .string, text: String(decoding: content, as: UTF8.self), start: index, end: end,
                        contentStart: contentStart))
                index = end
                continue
            }
            if dialect.symbols, byte == 0x3A, Self.isNameStart(at(index + 1)),
                tokens.last.map({ !($0.kind == .name && $0.end == index) && !$0.isPunct(":") }) ?? true
            {
                var stop = index + 1
                while stop < count, Self.isNameByte(bytes[stop]) { stop += 1 }
                if at(stop) == 0x3F || at(stop) == 0x21 { stop += 1 }
                tokens.append(Token(kind: .symbol, text: text(index + 1, stop), start: index, end: stop))
                index = stop
                continue
            }
            if Self.isNameStart(byte) || (byte == 0x24 && Self.isNameStart(at(index + 1))) {
                var stop = index + 1
                while stop < count, Self.isNameByte(bytes[stop]) { stop += 1 }
                if dialect == .ruby || dialect == .elixir, at(stop) == 0x3F || at(stop) == 0x21 { stop += 1 }
                let name = text(index, stop)
                // Python string prefixes: r"…", f"…", b'…'.
                if dialect == .python, at(stop) == 0x22 || at(stop) == 0x27, name.count <= 2,
                    name.lowercased().allSatisfy({ "rbfu".contains($0) })
                {
                    index = stop
                    continue
                }
                if at(stop) == 0x3A, at(stop + 1) != 0x3A, dialect != .python, dialect != .php {
                    tokens.append(Token(kind: .label, text: name, start: index, end: stop + 1))
                    index = stop + 1
                    continue
                }
                tokens.append(Token(kind: .name, text: name, start: index, end: stop))
                index = stop
                continue
            }
            if (0x30...0x39).contains(byte) {
                var stop = index + 1
                while stop < count, Self.isNameByte(bytes[stop]) || bytes[stop] == 0x2E { stop += 1 }
                tokens.append(Token(kind: .number, text: text(index, stop), start: index, end: stop))
                index = stop
                continue
            }
            tokens.append(Token(kind: .punct, text: String(UnicodeScalar(byte)), start: index, end: index + 1))
            index += 1
        }
    }

    /// Ruby's `%q{…}`, `%w[…]`, `%i(…)`, `%(…)`: the closing delimiter's offset and where the content starts.
    static func percentLiteral(_ bytes: [UInt8], at index: Int) -> (Int, Int)? {
        var cursor = index + 1
        if cursor < bytes.count, Array("qQwWiIsr".utf8).contains(bytes[cursor]) { cursor += 1 }
        guard cursor < bytes.count else { return nil }
        let open = bytes[cursor]
        let pairs: [UInt8: UInt8] = [0x7B: 0x7D, 0x5B: 0x5D, 0x28: 0x29, 0x3C: 0x3E, 0x7C: 0x7C, 0x21: 0x21]
        guard let close = pairs[open] else { return nil }
        var depth = 1
        var stop = cursor + 1
        while stop < bytes.count {
            let byte = bytes[stop]
            if byte == 0x5C {
                stop += 2
                continue
            }
            if byte == close && open != close || byte == close && open == close {
                depth -= 1
                if depth == 0 { return (stop, cursor + 1) }
            } else if byte == open && open != close {
                depth += 1
            }
            stop += 1
        }
        return nil
    }

    static func isNameStart(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F || byte >= 0x80
    }

    static func isNameByte(_ byte: UInt8) -> Bool { isNameStart(byte) || (0x30...0x39).contains(byte) }
}
