import BelayScan

/// Words that start a declaration before its name: `let`, `var`, `const`, `val`, `mut`, `final`.
private let declarationWords: Set<String> = ["let", "var", "const", "val", "mut", "final"]

/// Words after which anything may have read a variable, or control may leave the straight line: a jump,
/// a nested definition, an exception handler, an `else`/`case` arm, or introspection.
let straightLineBreakers: Set<String> = [
    "def", "class", "lambda", "global", "nonlocal", "return", "break", "continue", "raise", "yield", "throw",
    "goto", "fallthrough", "defer", "func", "function", "fn", "fun", "go", "next", "redo", "retry", "exec",
    "eval", "locals", "vars", "await", "try", "catch", "except", "finally", "rescue", "ensure", "else", "elif",
    "elsif", "case", "default", "when", "do", "select", "debugger", "macro_rules",
]

/// Breakers that, in the value of an assignment, only choose between the arms of a conditional expression:
/// `x = a if c else b`, `x = if (c) a else b`, `x = when (y) { 1 -> a else -> b }`,
/// `x = switch y { case 1: a default: b }`.
let valueArmWords: Set<String> = ["else", "when", "case", "default"]

/// Breakers that read every variable even where the language spells them as plain names.
let nameBreakers: Set<String> = ["exec", "eval", "locals", "vars", "await", "yield", "debugger"]

/// Keywords whose block may be left half-way by an exception that a handler then sees. Loop bodies are
/// straight-line within one iteration, handlers within themselves.
private let protectedBlockWords: Set<String> = ["try", "begin"]

/// Keywords that open a statement which, without braces, governs the next line (`if (c)\n x = 1;`).
let controlHeads: Set<String> = ["if", "else", "for", "while", "do", "elif", "unless", "until", "when", "case"]

extension ScopeStatements {
    /// The variable a plain assignment or initialised declaration writes: `x = …`, `x: T = …`,
    /// `let`/`var`/`val`/`const x = …`, Go `x := …` and `var x T = …`, Java `Type x = …`. Attribute and
    /// subscript targets, tuples, augmented assignments, Ruby's `=~` and `_` are not plain.
    func assignmentTarget(_ statement: ScopeStatement) -> Int? { assignment(statement)?.target }

    /// The plain assignment of `statement`, and whether it also declares the variable (`let`, `var`, `:=`,
    /// a Java type, a `: Type` annotation).
    func assignment(_ statement: ScopeStatement) -> (target: Int, declares: Bool)? {
        let end = statement.range.upperBound
        var k = statement.head
        var declared = false
        while k < end, file.tokens[k].kind == .keyword || isWord(k, "mut") || isWord(k, "val"),
            declarationWords.contains(file.text(k))
        {
            declared = true
            k = nextCode(k + 1, end)
        }
        if file.language == .java && !declared, let name = javaDeclaredName(from: k, end) {
            declared = name != k
            k = name
        }
        guard k < end, file.tokens[k].kind == .identifier, file.tokens[k].interpolationDepth == 0,
            !isWord(k, "_"), !(file.language == .rust && file.bytes[file.tokens[k].start] == 0x5F)
        else { return nil }
        var next = nextCode(k + 1, end)
        guard next < end else { return nil }
        if isWord(next, "=") {
            // Ruby and Perl `name =~ /re/` is a match.
            if next + 1 < end, punct(next + 1) == 0x7E, file.tokens[next + 1].start == file.tokens[next].end {
                return nil
            }
            return (k, declared)
        }
        if isWord(next, ":=") { return (k, true) }
        let typed = punct(next) == 0x3A && file.language != .go && file.language != .ruby
        guard typed || (declared && file.language == .go) else { return nil }
        var depth = 0
        while next < end {
            switch punct(next) {
            case 0x28, 0x5B, 0x7B: depth += 1
            case 0x29, 0x5D, 0x7D: depth -= 1
            case 0x2C where depth == 0: return nil
            default: if depth == 0 && isWord(next, "=") { return (k, true) }
            }
            next += 1
        }
        return nil
    }

    /// Where the right-hand side of the assignment `statement` ends: past a `{ … }` the statement ends
    /// with and its `else { … }` continuations (`let v = if c { f(v) } else { v };`,
    /// `fw = &T{fw, 0}`), so reads inside count before the new value is stored.
    func expressionEnd(_ statement: ScopeStatement) -> Int {
        let end = statement.range.upperBound
        var last = end - 1
        while last > statement.head && !file.tokens[last].isCode { last -= 1 }
        var lastValue = end - 1
        while lastValue > statement.head
            && (file.tokens[lastValue].isComment || file.tokens[lastValue].kind == .newline)
        {
            lastValue -= 1
        }
        if isWord(lastValue, "=") || isWord(lastValue, ":=") {
            // `x =\n    f(x)`: the value is on the next line.
            var k = end
            while k < file.tokens.count, !file.tokens[k].isCode, file.tokens[k].kind != .string { k += 1 }
            while k < file.tokens.count, file.tokens[k].kind != .newline, punct(k) != 0x3B {
                if [0x28, 0x5B, 0x7B].contains(punct(k)), let close = file.matchingBracket(k) { k = close }
                k += 1
            }
            return k
        }
        guard braces, punct(last) == 0x7B, var k = file.matchingBracket(last) else { return end }
        k += 1
        while k < file.tokens.count, file.tokens[k].kind != .newline, punct(k) != 0x3B {
            if punct(k) == 0x7B, let close = file.matchingBracket(k) { k = close }
            k += 1
        }
        return k
    }

    /// Java `Map<K, V> name = …`: the name after the type, if the statement has that shape.
    private func javaDeclaredName(from start: Int, _ end: Int) -> Int? {
        var k = start
        var previous = -1
        while k < end {
            if isWord(k, "=") {
                guard previous > start, file.tokens[previous].kind == .identifier else { return nil }
                var before = previous - 1
                while before > start && !file.tokens[before].isCode { before -= 1 }
                return punct(before) == 0x2E ? nil : previous
            }
            let token = file.tokens[k]
            let allowed =
                token.kind == .identifier || token.kind == .keyword
                || [0x3C, 0x3E, 0x2C, 0x2E, 0x5B, 0x5D, 0x3F].contains(punct(k)) || file.token(k, is: ">>")
            if token.isCode && !allowed { return nil }
            if token.isCode { previous = k }
            k += 1
        }
        return nil
    }

    /// Whether code in `scope` may be cut short by an exception that a handler of the same definition
    /// then sees: it sits in a `try` / `begin` block.
    func inProtectedBlock(_ scope: Int, cache: inout [Int8]) -> Bool {
        var id = scope
        var chain: [Int] = []
        var answer = false
        while file.scopes[id].kind != .definition && file.scopes[id].kind != .file {
            if cache[id] >= 0 {
                answer = cache[id] == 1
                break
            }
            chain.append(id)
            if let opener = file.scopes[id].opener, opensProtectedBlock(opener) {
                answer = true
                break
            }
            guard let parent = file.scopes[id].parent else { break }
            id = parent
        }
        for visited in chain { cache[visited] = answer ? 1 : 0 }
        return answer
    }

    /// The head word of the statement that opened a block at `opener`.
    private func opensProtectedBlock(_ opener: Int) -> Bool {
        if file.tokens[opener].kind == .keyword {  // Ruby: the opener is the keyword itself.
            return protectedBlockWords.contains(file.text(opener))
        }
        var k = opener - 1
        var depth = 0
        var head = opener
        while k >= 0 {
            let token = file.tokens[k]
            let c = punct(k)
            if c == 0x29 || c == 0x5D { depth += 1 }
            if c == 0x28 || c == 0x5B { depth -= 1 }
            if depth <= 0 {
                if token.kind == .newline && depth == 0 && head != opener { break }
                if c == 0x3B || (braces && (c == 0x7B || c == 0x7D)) || depth < 0 { break }
            }
            if token.isCode { head = k }
            k -= 1
        }
        return head != opener && protectedBlockWords.contains(file.text(head))
    }
}
