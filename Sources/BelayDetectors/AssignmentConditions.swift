import BelayScan

// When an assignment runs only sometimes, and which scopes hold module or class state.

/// Ruby statement modifiers: `x = y if c` assigns only sometimes.
private let rubyModifiers: Set<String> = ["if", "unless", "while", "until", "rescue"]

extension ScopeStatements {
    /// Whether the assignment to `target` runs only sometimes: a Ruby modifier (`x = f if c`) after it, or
    /// a Rust `#[cfg(…)]` attribute on it.
    func isConditional(_ statement: ScopeStatement, after target: Int) -> Bool {
        if file.language == .rust { return !conditionKey(statement).isEmpty }
        guard file.language == .ruby else { return false }
        var depth = 0
        for k in target..<statement.range.upperBound where file.tokens[k].isCode {
            switch punct(k) {
            case 0x28, 0x5B, 0x7B: depth += 1
            case 0x29, 0x5D, 0x7D: depth -= 1
            default:
                if depth == 0, file.tokens[k].kind == .keyword, rubyModifiers.contains(file.text(k)) { return true }
            }
        }
        return false
    }

    /// The name a declaration without a value introduces: `var err error`, `let x: Int`, Java `String s;`.
    func declaredName(_ statement: ScopeStatement) -> Int? {
        let end = statement.range.upperBound
        if file.tokens[statement.head].kind == .keyword, isWord(statement.head, "var") || isWord(statement.head, "let")
        {
            var k = nextCode(statement.head + 1, end)
            if k < end, isWord(k, "mut") { k = nextCode(k + 1, end) }
            return k < end && file.tokens[k].kind == .identifier ? k : nil
        }
        guard file.language == .java, file.tokens[statement.head].kind != .keyword else { return nil }
        var last = end - 1
        while last > statement.head && !file.tokens[last].isCode { last -= 1 }
        guard punct(last) == 0x3B || last == end - 1 else { return nil }
        var name = last
        if punct(name) == 0x3B { name -= 1 }
        while name > statement.head && !file.tokens[name].isCode { name -= 1 }
        guard name > statement.head, file.tokens[name].kind == .identifier else { return nil }
        var before = name - 1
        while before > statement.head && !file.tokens[before].isCode { before -= 1 }
        let typeEnd = file.tokens[before]
        return typeEnd.kind == .identifier || typeEnd.kind == .keyword || punct(before) == 0x3E
            || punct(before) == 0x5D ? name : nil
    }

    /// Whether definition scope `scope` is a Python class body (its state is read by anything that
    /// runs later, like module state).
    func isClassBody(_ scope: Int) -> Bool {
        guard file.language == .python, var k = file.scopes[scope].opener else { return false }
        var head = k
        while k > 0 {
            k -= 1
            if punct(k) == 0x29 || punct(k) == 0x5D, let open = file.matchingBracket(k) {
                k = open
                continue
            }
            if file.tokens[k].kind == .newline { break }
            if file.tokens[k].isCode { head = k }
        }
        return isWord(head, "class")
    }

    /// Whether the identifier at `k` names a member (`codec.decode`, `File.stat`), not a variable.
    func isMemberName(_ k: Int) -> Bool {
        var before = k - 1
        while before > 0 && file.tokens[before].kind == .newline { before -= 1 }
        guard before > 0, punct(before) == 0x2E else { return false }
        let owner = file.tokens[before - 1]
        return owner.isCode && owner.end == file.tokens[before].start
    }
}
