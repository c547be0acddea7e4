// String, character, regex literals and their interpolations.
extension Lexer {
    /// Lexes any literal starting at `i`; `false` when there is none.
    mutating func lexLiteral() -> Bool {
        let c = b[i]
        if ruby && lexRubyLiteral() { return true }
        if regexLiterals && !ruby && c == 0x2F && regexAllowed() && lexSlashRegex() { return true }
        if c == 0x60 && p.profile.backtickIdentifiers == true { return lexBacktickIdentifier() }
        if p.identifierStart[Int(c)] && c < 0x80 && quoteSoon() && lexPrefixedString() { return true }
        if c == 0x23 && extended {
            var hashes = 0
            while byte(i + hashes) == 0x23 { hashes += 1 }
            if byte(i + hashes) == 0x22 {
                let start = i
                i += hashes
                return lexQuoted(start: start, hashes: hashes, raw: false, interpolation: nil)
            }
        }
        if c == 0x23 && directives && byte(i + 1) < 0x80 && p.identifierStart[Int(byte(i + 1))] {
            let start = i
            i += 1
            lexIdentifier()
            tokens[tokens.count - 1].start = start
            tokens[tokens.count - 1].kind = p.keywords.contains(b, start..<i) ? .keyword : .identifier
            return true
        }
        if c == 0x27 && rust { return lexRustQuote(start: i) }
        return p.quoteFirst[Int(c)] && lexQuoted(start: i, hashes: 0, raw: false, interpolation: nil)
    }

    /// Whether a quote or `#` follows up to three ASCII letters at `i` (a string prefix candidate).
    func quoteSoon() -> Bool {
        var j = i
        while j < b.count && j - i < 3 && (b[j] | 0x20) >= 0x61 && (b[j] | 0x20) <= 0x7A { j += 1 }
        let next = byte(j)
        return next == 0x22 || next == 0x27 || next == 0x60 || next == 0x23
    }

    /// A string form opening at `i` (after any prefix, which begins at `start`).
    mutating func lexQuoted(start: Int, hashes: Int, raw: Bool, interpolation: InterpolationStyle?) -> Bool {
        for (form, open, close) in p.strings where open[0] == b[i] && matches(open, at: i) {
            i += open.count
            lexStringBody(
                start: start, close: close, hashes: hashes, escapes: form.escapes && !(raw && rust),
                multiline: form.multiline, interpolation: interpolation ?? form.interpolation, nestOpen: nil,
                limit: b.count, kind: .string)
            return true
        }
        return false
    }

    /// `r"…"`, `f'…'`, `rb"…"`, Rust `r#"…"#`, `b'x'`.
    mutating func lexPrefixedString() -> Bool {
        for (bytes, prefix) in p.prefixes where matches(bytes, at: i) {
            let start = i
            var j = i + bytes.count
            var hashes = 0
            if rust && prefix.raw == true {
                while byte(j + hashes) == 0x23 { hashes += 1 }
                j += hashes
            }
            if rust && byte(j) == 0x27 && hashes == 0 && prefix.raw != true {
                return lexRustQuote(start: start, at: j)
            }
            guard j < b.count, b[j] == 0x22 || b[j] == 0x27 || b[j] == 0x60 else { continue }
            i = j
            if lexQuoted(start: start, hashes: hashes, raw: prefix.raw == true, interpolation: prefix.interpolation) {
                return true
            }
            i = start
        }
        if rust && b[i] == 0x72 && byte(i + 1) == 0x23 && i + 2 < b.count && p.identifierStart[Int(b[i + 2])] {
            let start = i  // raw identifier r#type
            i += 2
            lexIdentifier()
            tokens[tokens.count - 1].start = start
            tokens[tokens.count - 1].kind = .identifier
            return true
        }
        return false
    }

    /// Rust `'x'`, `'\n'`, `b'x'` (characters) versus `'a` (a lifetime, an identifier).
    mutating func lexRustQuote(start: Int, at quote: Int? = nil) -> Bool {
        let q = quote ?? i
        if byte(q + 1) == 0x5C {
            var j = q + 3
            while j < b.count && j < q + 14 && b[j] != 0x27 && b[j] != 0x0A { j += 1 }
            if byte(j) == 0x27 { j += 1 }
            emit(.string, start, min(j, b.count))
            i = min(j, b.count)
            return true
        }
        let lead = byte(q + 1)
        let width = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        if lead != 0x0A && lead != 0 && byte(q + 1 + width) == 0x27 {
            emit(.string, start, q + 2 + width)
            i = q + 2 + width
            return true
        }
        if quote == nil && lead != 0 && p.identifierStart[Int(lead)] {
            i = q + 1
            lexIdentifier()
            tokens[tokens.count - 1].start = start
            tokens[tokens.count - 1].kind = .identifier
            return true
        }
        return false
    }

    /// Swift / Kotlin `` `name` `` on one line.
    mutating func lexBacktickIdentifier() -> Bool {
        var j = i + 1
        while j < b.count && b[j] != 0x60 && b[j] != 0x0A { j += 1 }
        guard j < b.count, b[j] == 0x60, j > i + 1 else { return false }
        emit(.identifier, i, j + 1)
        i = j + 1
        return true
    }

    /// JavaScript `/re[/]/flags` on one line; `false` leaves `/` to be division.
    mutating func lexSlashRegex() -> Bool {
        var j = i + 1
        var inClass = false
        while j < b.count {
            let c = b[j]
            if c == 0x0A || c == 0x0D { return false }
            if c == 0x5C {
                j += 2
                continue
            }
            if c == 0x5B {
                inClass = true
            } else if c == 0x5D {
                inClass = false
            } else if c == 0x2F && !inClass {
                break
            }
            j += 1
        }
        guard j < b.count else { return false }
        j += 1
        while j < b.count && (b[j] | 0x20) >= 0x61 && (b[j] | 0x20) <= 0x7A { j += 1 }
        emit(.regex, i, j)
        i = j
        return true
    }

    /// Runs a nested code lexer for an interpolation; `true` when it stopped at its closer (at `i`).
    mutating func interpolate(_ stop: CodeStop, singleLine: Bool) -> Bool {
        depth += 1
        let reason = lexCode(stop, singleLine: singleLine)
        depth -= 1
        return reason == .closer
    }

    /// The body of a literal whose opening ends at `i`; emits its literal pieces and interpolated code.
    /// `close == nil` runs to `limit` (heredoc bodies).
    mutating func lexStringBody(
        start: Int, close: [UInt8]?, hashes: Int, escapes: Bool, multiline: Bool,
        interpolation: InterpolationStyle?, nestOpen: UInt8?, limit: Int, kind: TokenKind
    ) {
        var piece = start
        var nest = 0
        var spec = 0  // open Python format specs
        let interpolation = depth < Lexer.maxDepth ? interpolation : nil
        let single = !multiline
        while i < limit {
            let c = b[i]
            if c == 0x0A && single { break }
            if let open = nestOpen, c == open {
                nest += 1
                i += 1
                continue
            }
            if let close, c == close[0], matches(close, at: i), hashesAt(i + close.count, hashes) {
                if nest > 0 {
                    nest -= 1
                    i += 1
                    continue
                }
                i += close.count + hashes
                emit(kind, piece, i)
                return
            }
            if c == 0x5C && escapes {
                guard hashesAt(i + 1, hashes) else {
                    i += 1
                    continue
                }
                let after = i + 1 + hashes
                if interpolation == .backslashParen && byte(after) == 0x28 {
                    i = after + 1
                    emit(kind, piece, i)
                    guard interpolate(.paren, singleLine: single) else { return }
                    piece = i
                    i += 1
                    continue
                }
                i = min(after + 1, limit)
                if byte(i - 1) == 0x0D && byte(i) == 0x0A && i < limit { i += 1 }
                continue
            }
            if let style = interpolation {
                switch style {
                case .braces:
                    if c == 0x7B {
                        if spec == 0 && byte(i + 1) == 0x7B {
                            i += 2
                            continue
                        }
                        i += 1
                        emit(kind, piece, i)
                        guard interpolate(.fstring, singleLine: single) else { return }
                        if b[i] != 0x7D { spec += 1 }
                        piece = i
                        i += 1
                        continue
                    }
                    if c == 0x7D {
                        if spec > 0 {
                            spec -= 1
                        } else if byte(i + 1) == 0x7D {
                            i += 1
                        }
                        i += 1
                        continue
                    }
                case .dollarBrace, .hashBrace, .dollar:
                    let sigil: UInt8 = style == .hashBrace ? 0x23 : 0x24
                    if c == sigil && byte(i + 1) == 0x7B {
                        i += 2
                        emit(kind, piece, i)
                        guard interpolate(.brace, singleLine: single) else { return }
                        piece = i
                        i += 1
                        continue
                    }
                    if style == .dollar && c == 0x24 && i + 1 < limit && p.identifierStart[Int(b[i + 1])]
                        && b[i + 1] != 0x24
                    {
                        i += 1
                        emit(kind, piece, i)
                        let name = i
                        i += 1
                        while i < limit && p.identifierPart[Int(b[i])] && b[i] != 0x24 { i += 1 }
                        depth += 1
                        emit(.identifier, name, i)
                        depth -= 1
                        piece = i
                        continue
                    }
                case .backslashParen: break
                }
            }
            i += 1
        }
        i = max(min(i, b.count), piece)
        if i > piece { emit(kind, piece, i) }
    }

    func hashesAt(_ index: Int, _ count: Int) -> Bool {
        var k = 0
        while k < count {
            if byte(index + k) != 0x23 { return false }
            k += 1
        }
        return true
    }
}
