/// Splits `bytes` into tokens for `language`: one linear pass, never failing. Invalid UTF-8, NUL bytes,
/// CRLF and unterminated literals or comments are tokenized as best they can be (an unterminated literal
/// runs to the end of its line, or of the file for multi-line forms). Code inside string interpolations
/// (`f"{x}"`, `` `${x}` ``, `"\(x)"`, `"#{x}"`, `"$x"`) is emitted as ordinary tokens between the string's
/// literal pieces, with `interpolationDepth > 0`.
public func tokenize(_ bytes: [UInt8], language: Language) -> [Token] {
    var lexer = Lexer(bytes: bytes, profile: CompiledProfile.of(language))
    return lexer.run()
}

/// Where a nested code run (an interpolation) stops.
enum CodeStop { case none, brace, paren, fstring }

/// Why a code run stopped.
enum CodeStopReason { case eof, closer, newline }

/// A Ruby heredoc whose body starts on the next line.
struct PendingHeredoc {
    var name: [UInt8]
    var indented: Bool
    var interpolating: Bool
}

/// The single-pass lexer; language-specific parts live in extensions.
struct Lexer {
    static let maxDepth: UInt8 = 24
    let b: [UInt8]
    let p: CompiledProfile
    var i = 0
    var tokens: [Token] = []
    var depth: UInt8 = 0
    var lastSignificant = -1
    var heredocs: [PendingHeredoc] = []
    let ruby: Bool
    let regexLiterals: Bool
    let rust: Bool
    let extended: Bool
    let directives: Bool
    let continuation: Bool

    init(bytes: [UInt8], profile: CompiledProfile) {
        b = bytes
        p = profile
        ruby = profile.features.contains("rubyLiterals")
        regexLiterals = profile.features.contains("regexLiterals")
        rust = profile.features.contains("lifetimes")
        extended = profile.features.contains("extendedDelimiters")
        directives = profile.features.contains("directives")
        continuation = profile.features.contains("lineContinuation")
    }

    mutating func run() -> [Token] {
        tokens.reserveCapacity(b.count / 5 + 8)
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        if p.features.contains("hashbang"), matches([0x23, 0x21], at: i) { lineComment(.comment) }
        _ = lexCode(.none, singleLine: false)
        if p.features.contains("pythonDocstrings") { markDocstrings() }
        return tokens
    }

    // MARK: helpers

    func matches(_ word: [UInt8], at index: Int) -> Bool {
        guard index >= 0, index + word.count <= b.count else { return false }
        var k = 0
        while k < word.count {
            if b[index + k] != word[k] { return false }
            k += 1
        }
        return true
    }

    func byte(_ index: Int) -> UInt8 { index < b.count ? b[index] : 0 }

    mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int) {
        tokens.append(Token(kind: kind, start: start, end: end, interpolationDepth: depth))
        if kind != .newline && kind != .comment && kind != .docComment { lastSignificant = tokens.count - 1 }
    }

    /// Whether a `/` here starts a regex literal rather than dividing (JavaScript rules).
    func regexAllowed() -> Bool {
        guard lastSignificant >= 0 else { return true }
        if ruby, let last = tokens.last(where: { !$0.isComment }), last.kind == .newline { return true }
        let token = tokens[lastSignificant]
        switch token.kind {
        case .punctuation:
            let last = b[token.end - 1]
            if last == 0x29 || last == 0x5D || last == 0x7D { return false }  // ) ] }
            if token.end - token.start == 2, last == 0x2B || last == 0x2D { return false }  // x++ / y
            return true
        case .keyword: return p.regexKeywords.contains(b, token.range)
        default: return false
        }
    }

    var previousIsMemberAccess: Bool {
        guard lastSignificant >= 0 else { return false }
        let token = tokens[lastSignificant]
        guard token.kind == .punctuation, b[token.end - 1] == 0x2E else { return false }  // `.`, `?.`
        return token.end - token.start == 1 || b[token.start] == 0x3F || b[token.start] == 0x26
    }

    // MARK: code

    /// Lexes code until EOF or, inside an interpolation, until its closer (left unconsumed).
    mutating func lexCode(_ stop: CodeStop, singleLine: Bool) -> CodeStopReason {
        var nest = 0
        while i < b.count {
            let c = b[i]
            switch c {
            case 0x0A:
                if depth > 0 {
                    if singleLine { return .newline }
                } else {
                    emit(.newline, i, i + 1)
                }
                i += 1
                if !heredocs.isEmpty { lexHeredocBodies() }
                continue
            case 0x20, 0x09, 0x0D, 0x0B, 0x0C, 0x00:
                i += 1
                continue
            case 0x5C where continuation && (byte(i + 1) == 0x0A || (byte(i + 1) == 0x0D && byte(i + 2) == 0x0A)):
                i += byte(i + 1) == 0x0A ? 2 : 3
                continue
            default: break
            }
            if stop != .none && nest == 0 {
                if c == 0x7D && stop != .paren { return .closer }
                if c == 0x29 && stop == .paren { return .closer }
                if stop == .fstring && (c == 0x3A || (c == 0x21 && byte(i + 1) != 0x3D)) { return .closer }
            }
            if lexComment() || lexLiteral() { continue }
            if p.identifierStart[Int(c)] {
                lexIdentifier()
            } else if c >= 0x30 && c <= 0x39 {
                lexNumber()
            } else {
                if c == 0x28 || c == 0x5B || c == 0x7B { nest += 1 }
                if (c == 0x29 || c == 0x5D || c == 0x7D) && nest > 0 { nest -= 1 }
                lexOperator()
            }
        }
        return .eof
    }

    mutating func lineComment(_ kind: TokenKind) {
        var end = i
        while end < b.count && b[end] != 0x0A { end += 1 }
        if end > i, b[end - 1] == 0x0D { end -= 1 }
        emit(kind, i, end)
        i = end
    }

    mutating func lexComment() -> Bool {
        let c = b[i]
        if ruby && (i == 0 || b[i - 1] == 0x0A) && lexRubyLineStart() { return true }
        guard p.commentFirst[Int(c)] else { return false }
        for start in p.lineComments where start[0] == c && matches(start, at: i) {
            var doc = false
            for prefix in p.docLineComments where matches(prefix, at: i) && byte(i + prefix.count) != 0x2F {
                doc = true
            }
            lineComment(doc ? .docComment : .comment)
            return true
        }
        for block in p.blockComments where block.open[0] == c && matches(block.open, at: i) {
            var j = i + block.open.count
            var level = 1
            while j < b.count {
                if block.nests && matches(block.open, at: j) {
                    level += 1
                    j += block.open.count
                } else if matches(block.close, at: j) {
                    level -= 1
                    j += block.close.count
                    if level == 0 { break }
                } else {
                    j += 1
                }
            }
            var doc = false
            for open in block.docOpens where matches(open, at: i) {
                let next = byte(i + open.count)
                doc = next != 0x2A && next != 0x2F  // `/***`, `/**/` are plain
            }
            emit(doc ? .docComment : .comment, i, min(j, b.count))
            i = min(j, b.count)
            return true
        }
        return false
    }

    mutating func lexIdentifier() {
        let start = i
        i += 1
        while i < b.count && p.identifierPart[Int(b[i])] { i += 1 }
        if i < b.count, p.identifierSuffixes.contains(b[i]), byte(i + 1) != 0x3D || byte(i + 2) == 0x3D { i += 1 }
        var kind = TokenKind.identifier
        if p.keywords.contains(b, start..<i) && !previousIsMemberAccess {
            kind = .keyword
            // Ruby labels (`class: 1`) are names, not keywords.
            if ruby && byte(i) == 0x3A && byte(i + 1) != 0x3A { kind = .identifier }
        }
        emit(kind, start, i)
    }

    mutating func lexNumber() {
        let start = i
        let hex = b[i] == 0x30 && (byte(i + 1) | 0x20) == 0x78
        i += 1
        while i < b.count {
            let c = b[i]
            let lower = c | 0x20
            if (c >= 0x30 && c <= 0x39) || (lower >= 0x61 && lower <= 0x7A) || c == 0x5F {
                i += 1
            } else if c == 0x2E && byte(i + 1) >= 0x30 && byte(i + 1) <= 0x39 {
                i += 1
            } else if (c == 0x2B || c == 0x2D) && !hex && (b[i - 1] | 0x20) == 0x65 {
                i += 1
            } else {
                break
            }
        }
        emit(.number, start, i)
    }

    mutating func lexOperator() {
        for op in p.operatorsByFirstByte[Int(b[i])] where matches(op, at: i) {
            emit(.punctuation, i, i + op.count)
            i += op.count
            return
        }
        emit(.punctuation, i, i + 1)
        i += 1
    }
}
