// Python: docstrings.
extension Lexer {
    /// Turns a string statement that comes first in the module, a `def` or a `class` into a `docComment`.
    mutating func markDocstrings() {
        var expectDoc = true  // the module docstring
        var lineHead = -1  // first significant token of the current logical line
        var bracketDepth = 0
        var k = 0
        while k < tokens.count {
            let token = tokens[k]
            if token.interpolationDepth > 0 || token.kind == .comment {
                k += 1
                continue
            }
            if token.kind == .newline {
                if bracketDepth == 0 { lineHead = -1 }
                k += 1
                continue
            }
            if expectDoc {
                expectDoc = false
                if token.kind == .string && lineHead == -1 && endsStatement(after: k) {
                    tokens[k].kind = .docComment
                }
            }
            if lineHead == -1 { lineHead = k }
            if token.kind == .punctuation && token.end - token.start == 1 {
                switch b[token.start] {
                case 0x28, 0x5B, 0x7B: bracketDepth += 1
                case 0x29, 0x5D, 0x7D: bracketDepth = max(0, bracketDepth - 1)
                case 0x3A where bracketDepth == 0 && opensDefinition(lineHead) && nextIsNewline(after: k):
                    expectDoc = true
                default: break
                }
            }
            k += 1
        }
    }

    private func opensDefinition(_ head: Int) -> Bool {
        guard head >= 0 else { return false }
        var head = head
        if text(head) == "async" { head += 1 }
        guard head < tokens.count else { return false }
        let word = text(head)
        return word == "def" || word == "class"
    }

    private func text(_ index: Int) -> Substring {
        Substring(decoding: b[tokens[index].start..<tokens[index].end], as: UTF8.self)
    }

    private func nextIsNewline(after index: Int) -> Bool {
        var k = index + 1
        while k < tokens.count && tokens[k].kind == .comment { k += 1 }
        return k >= tokens.count || tokens[k].kind == .newline
    }

    private func endsStatement(after index: Int) -> Bool {
        var k = index + 1
        while k < tokens.count && tokens[k].kind == .comment { k += 1 }
        if k >= tokens.count || tokens[k].kind == .newline { return true }
        // `"""doc""";` is still a docstring.
        return tokens[k].kind == .punctuation && b[tokens[k].start] == 0x3B
    }
}
