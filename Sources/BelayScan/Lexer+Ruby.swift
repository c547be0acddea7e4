// Ruby: `=begin`/`=end`, `__END__`, heredocs, percent literals, symbols, `?c`, `/regex/`.
extension Lexer {
    /// `=begin … =end` and `__END__` at the start of a line.
    mutating func lexRubyLineStart() -> Bool {
        let begin: [UInt8] = Array("=begin".utf8)
        if b[i] == 0x3D && matches(begin, at: i) && isSpaceOrEnd(i + begin.count) {
            var j = i
            while j < b.count {
                while j < b.count && b[j] != 0x0A { j += 1 }
                if j >= b.count { break }
                j += 1
                if matches(Array("=end".utf8), at: j) && isSpaceOrEnd(j + 4) {
                    while j < b.count && b[j] != 0x0A { j += 1 }
                    break
                }
            }
            if j > i, byte(j - 1) == 0x0D { j -= 1 }
            emit(.comment, i, j)
            i = j
            return true
        }
        if b[i] == 0x5F && matches(Array("__END__".utf8), at: i) && isSpaceOrEnd(i + 7) {
            emit(.comment, i, b.count)
            i = b.count
            return true
        }
        return false
    }

    func isSpaceOrEnd(_ index: Int) -> Bool {
        index >= b.count || b[index] == 0x0A || b[index] == 0x0D || b[index] == 0x20 || b[index] == 0x09
    }

    /// Whether the previous token is a name followed by a space, as in `puts /x/` or `p %w(a)`.
    var afterCommandName: Bool {
        guard lastSignificant >= 0, i > 0, b[i - 1] == 0x20 || b[i - 1] == 0x09 else { return false }
        let token = tokens[lastSignificant]
        return token.kind == .identifier && !isSpaceOrEnd(i + 1) && byte(i + 1) != 0x3D
    }

    /// The bytes after `$` that make a special global variable (`$~`, `` $` ``, `$'`, `$"`, `$/`, `$;`…).
    static let rubySpecialGlobals = Set("~*$?!@/\\;,.=:<>\"&`'+".utf8)

    mutating func lexRubyLiteral() -> Bool {
        switch b[i] {
        case 0x3C where byte(i + 1) == 0x3C: return lexHeredocOpener()
        case 0x25: return lexPercentLiteral()
        case 0x3A:  // :symbol, :"symbol"
            guard byte(i + 1) != 0x3A, i == 0 || b[i - 1] != 0x3A else { return false }
            if i > 0 && p.identifierPart[Int(b[i - 1])] { return false }  // `key:` label
            let next = byte(i + 1)
            if next == 0x22 || next == 0x27 {
                let start = i
                i += 1
                return lexQuoted(start: start, hashes: 0, raw: false, interpolation: nil)
            }
            guard p.identifierStart[Int(next)] else { return false }
            let start = i
            i += 2
            while i < b.count && p.identifierPart[Int(b[i])] { i += 1 }
            if i < b.count && (b[i] == 0x3F || b[i] == 0x21 || b[i] == 0x3D) && byte(i + 1) != 0x3D
                && byte(i + 1) != 0x3E
            {
                i += 1
            }
            emit(.symbol, start, i)
            return true
        case 0x24:  // special globals: `$'`, `$"`, `` $` ``, `$/` quote nothing
            guard Self.rubySpecialGlobals.contains(byte(i + 1)) else { return false }
            emit(.identifier, i, i + 2)
            i += 2
            return true
        case 0x3F:  // ?c
            guard regexAllowed(), i + 1 < b.count else { return false }
            var end = i + 2
            if b[i + 1] == 0x5C {
                end = i + 3
            } else if isSpaceOrEnd(i + 1) {
                return false
            }
            guard end <= b.count, end >= b.count || !p.identifierPart[Int(b[end])] else { return false }
            emit(.string, i, end)
            i = end
            return true
        case 0x2F:
            let allowed = regexAllowed()
            guard allowed || afterCommandName else { return false }
            if allowed && lexMultilineRubyRegex() { return true }
            let start = i
            i += 1
            lexStringBody(
                start: start, close: [0x2F], hashes: 0, escapes: true, multiline: false, interpolation: .hashBrace,
                nestOpen: nil, limit: b.count, kind: .regex)
            while i < b.count && (b[i] | 0x20) >= 0x61 && (b[i] | 0x20) <= 0x7A { i += 1 }
            tokens[tokens.count - 1].end = max(tokens[tokens.count - 1].end, i)
            return true
        default: return false
        }
    }

    /// A `/regex/` that may span lines: kept when it is closed and either fits on one line, follows a
    /// token that opens an expression (`=`, `(`, `,`, `[`, `=~`), or carries the `x` flag (`/a⏎ b/x`).
    /// Otherwise the lexer is rewound and the caller reads a one-line regex, so a `/` misread as a regex
    /// start never swallows the rest of the file.
    mutating func lexMultilineRubyRegex() -> Bool {
        let start = i
        let mark = (tokens: tokens.count, last: lastSignificant, heredocs: heredocs.count, depth: depth)
        let limit = min(b.count, start + Self.maxRubyRegexBytes)
        i += 1
        lexStringBody(
            start: start, close: [0x2F], hashes: 0, escapes: true, multiline: true, interpolation: .hashBrace,
            nestOpen: nil, limit: limit, kind: .regex)
        var closed = i - 1 > start && i <= limit && b[i - 1] == 0x2F
        var backslash = i - 2
        while closed && backslash > start && b[backslash] == 0x5C {
            closed.toggle()
            backslash -= 1
        }
        let flagsStart = i
        while i < b.count && (b[i] | 0x20) >= 0x61 && (b[i] | 0x20) <= 0x7A { i += 1 }
        let extended = b[flagsStart..<i].contains(0x78)
        if closed && (!b[start..<flagsStart].contains(0x0A) || extended || opensRubyExpression(before: mark.last)) {
            tokens[tokens.count - 1].end = max(tokens[tokens.count - 1].end, i)
            return true
        }
        tokens.removeLast(tokens.count - mark.tokens)
        heredocs.removeLast(heredocs.count - mark.heredocs)
        lastSignificant = mark.last
        depth = mark.depth
        i = start
        return false
    }

    /// The longest `/regex/` read across lines.
    static let maxRubyRegexBytes = 65_536

    /// Whether the significant token at `index` leaves an operand to come on the next line: `=` and
    /// operators ending in it (`||=`, `==`), `=~`, `!~`, `(`, `,`, `[`.
    func opensRubyExpression(before index: Int) -> Bool {
        guard index >= 0, tokens[index].kind == .punctuation else { return false }
        let last = b[tokens[index].end - 1]
        return last == 0x3D || last == 0x7E || last == 0x28 || last == 0x2C || last == 0x5B
    }

    /// `<<~EOS`, `<<-EOS`, `<<EOS`, `<<~'EOS'`: the opener is a string token; the body is lexed at the line end.
    mutating func lexHeredocOpener() -> Bool {
        var j = i + 2
        var indented = false
        if byte(j) == 0x7E || byte(j) == 0x2D {
            indented = true
            j += 1
        }
        var quote: UInt8 = 0
        if byte(j) == 0x22 || byte(j) == 0x27 || byte(j) == 0x60 {
            quote = b[j]
            j += 1
        }
        let nameStart = j
        while j < b.count && p.identifierPart[Int(b[j])] && b[j] < 0x80 { j += 1 }
        guard j > nameStart else { return false }
        let name = Array(b[nameStart..<j])
        if quote != 0 {
            guard byte(j) == quote else { return false }
            j += 1
        }
        if !indented && quote == 0 {
            let upper = b[nameStart] >= 0x41 && b[nameStart] <= 0x5A
            guard upper && (regexAllowed() || afterCommandName) else { return false }
        } else if !(regexAllowed() || afterCommandName) {
            return false
        }
        heredocs.append(PendingHeredoc(name: name, indented: indented, interpolating: quote != 0x27))
        emit(.string, i, j)
        i = j
        return true
    }

    /// Bodies of the heredocs opened on the line just ended; `i` is at the start of the next line.
    mutating func lexHeredocBodies() {
        let pending = heredocs
        heredocs = []
        for (index, heredoc) in pending.enumerated() {
            if index > 0 && byte(i) == 0x0A { i += 1 }
            let bodyStart = i
            var lineStart = i
            var limit = b.count
            while lineStart < b.count {
                var lineEnd = lineStart
                while lineEnd < b.count && b[lineEnd] != 0x0A { lineEnd += 1 }
                var s = lineStart
                if heredoc.indented { while s < lineEnd && (b[s] == 0x20 || b[s] == 0x09) { s += 1 } }
                var e = lineEnd
                if e > s && b[e - 1] == 0x0D { e -= 1 }
                if e - s == heredoc.name.count && matches(heredoc.name, at: s) {
                    limit = lineEnd
                    break
                }
                lineStart = lineEnd + 1
            }
            if limit > bodyStart {
                lexStringBody(
                    start: bodyStart, close: nil, hashes: 0, escapes: true, multiline: true,
                    interpolation: heredoc.interpolating ? .hashBrace : nil, nestOpen: nil, limit: limit, kind: .string)
            }
            i = max(i, limit)
        }
    }

    /// `%w(…)`, `%i[…]`, `%q{…}`, `%Q|…|`, `%r{…}`, `%(…)`: any delimiter, brackets nest.
    mutating func lexPercentLiteral() -> Bool {
        var j = i + 1
        var type: UInt8 = 0x51  // Q
        let letters: [UInt8] = Array("qQwWiIrsx".utf8)
        if letters.contains(byte(j)) {
            type = b[j]
            j += 1
        } else if ![0x28, 0x5B, 0x7B, 0x3C, 0x7C, 0x21, 0x2F].contains(byte(j)) {
            return false
        }
        let open = byte(j)
        guard j < b.count, open < 0x80, !p.identifierPart[Int(open)], !isSpaceOrEnd(j), open != 0x3D else {
            return false
        }
        guard regexAllowed() || afterCommandName else { return false }
        let close: UInt8 =
            switch open {
            case 0x28: 0x29
            case 0x5B: 0x5D
            case 0x7B: 0x7D
            case 0x3C: 0x3E
            default: open
            }
        let start = i
        i = j + 1
        let interpolating = [0x51, 0x57, 0x49, 0x72, 0x78].contains(type)
        let kind: TokenKind = type == 0x72 ? .regex : (type == 0x69 || type == 0x49 || type == 0x73) ? .symbol : .string
        lexStringBody(
            start: start, close: [close], hashes: 0, escapes: true, multiline: true,
            interpolation: interpolating ? .hashBrace : nil, nestOpen: open == close ? nil : open, limit: b.count,
            kind: kind)
        if type == 0x72 {
            while i < b.count && (b[i] | 0x20) >= 0x61 && (b[i] | 0x20) <= 0x7A { i += 1 }
            tokens[tokens.count - 1].end = max(tokens[tokens.count - 1].end, i)
        }
        return true
    }
}
