import BelayScan

// When an assignment runs only sometimes, and which scopes hold module or class state.

/// Java's primitive types (and `var`), keywords that may start a local declaration.
private let javaPrimitives: Set<String> = [
    "byte", "short", "int", "long", "float", "double", "boolean", "char", "var",
]

/// Words that spell a constant value (Go's `nil` and JavaScript's `undefined` are identifiers).
private let constantWords: Set<String> = [
    "null", "nil", "None", "undefined", "true", "false", "True", "False",
]

/// Ruby statement modifiers: `x = y if c` assigns only sometimes.
private let rubyModifiers: Set<String> = ["if", "unless", "while", "until", "rescue"]

extension ScopeStatements {
    /// Whether the assignment to `target` runs only sometimes: a Ruby modifier (`x = f if c`) after it, or
    /// a Rust `#[cfg(…)]` attribute on it. A Ruby `if` right after the `=` is the value, not a modifier:
    /// `x = if c then a else b end` always stores.
    func isConditional(_ statement: ScopeStatement, after target: Int) -> Bool {
        if file.language == .rust { return !conditionKey(statement).isEmpty }
        guard file.language == .ruby else { return false }
        var depth = 0
        var previous = target
        for k in target..<statement.range.upperBound
        where file.tokens[k].isCode || file.tokens[k].kind == .string || file.tokens[k].kind == .regex {
            defer { previous = k }
            switch punct(k) {
            case 0x28, 0x5B, 0x7B: depth += 1
            case 0x29, 0x5D, 0x7D: depth -= 1
            default:
                if depth == 0, file.tokens[k].kind == .keyword, rubyModifiers.contains(file.text(k)),
                    !isWord(previous, "=")
                {
                    return true
                }
            }
        }
        return false
    }

    /// The names a declaration introduces: `var err error`, `let x: Int`, Java `String s;` and every
    /// declarator of `double z, ax;` or `int i = 0, n;`.
    func declaredNames(_ statement: ScopeStatement) -> [Int] {
        let end = statement.range.upperBound
        if file.tokens[statement.head].kind == .keyword,
            isWord(statement.head, "var") || isWord(statement.head, "let") || isWord(statement.head, "const")
        {
            // `var code, content, endLine;`: every declarator.
            var k = nextCode(statement.head + 1, end)
            if k < end, isWord(k, "mut") { k = nextCode(k + 1, end) }
            guard k < end, file.tokens[k].kind == .identifier else { return [] }
            let rest = splitAtCommas(k..<end).dropFirst().map { nextCode($0.lowerBound, $0.upperBound) }
            return [k] + rest.filter { file.tokens[$0].kind == .identifier }
        }
        return file.language == .java ? javaDeclarators(statement) : []
    }

    /// Java `[final] Type name [= value], name2 …;`: the declared names, or none if the statement has
    /// another shape.
    private func javaDeclarators(_ statement: ScopeStatement) -> [Int] {
        let end = statement.range.upperBound
        var k = statement.head
        while k < end, isWord(k, "final") { k = nextCode(k + 1, end) }
        guard k < end, file.tokens[k].kind == .identifier || javaPrimitives.contains(file.text(k)) else { return [] }
        k = nextCode(k + 1, end)
        // The rest of the type: `.Inner`, `<K, V>`, `[]`.
        var angles = 0
        var afterDot = false
        while k < end {
            let c = punct(k)
            let word = file.tokens[k].kind == .identifier || file.tokens[k].kind == .keyword
            if c == 0x3C {
                angles += 1
            } else if c == 0x3E || file.token(k, is: ">>") {
                angles -= c == 0x3E ? 1 : 2
            } else if !(c == 0x2E || c == 0x5B || c == 0x5D || (angles > 0 && (c == 0x3F || c == 0x2C || word)))
                && !(afterDot && word)
            {
                break
            }
            afterDot = c == 0x2E
            k = nextCode(k + 1, end)
        }
        guard angles == 0 else { return [] }
        var names: [Int] = []
        for part in splitAtCommas(k..<end) {
            let name = nextCode(part.lowerBound, part.upperBound)
            guard name < part.upperBound, file.tokens[name].kind == .identifier else { return [] }
            var next = nextCode(name + 1, part.upperBound)
            while next < part.upperBound, punct(next) == 0x5B || punct(next) == 0x5D {
                next = nextCode(next + 1, part.upperBound)
            }
            let ends = next == part.upperBound || punct(next) == 0x3B || isWord(next, "=")
            guard ends else { return [] }
            names.append(name)
        }
        return names
    }

    /// Whether the value stored to `target` is a constant (`null`, `nil`, `0`, `''`, `[]`, `{}`, `false`):
    /// storing one has no effect beyond the value itself (no escape, no identity), unlike the sinks
    /// `globp = &r`, `hugeSink = new(T)`.
    func storesConstant(_ statement: ScopeStatement, after target: Int) -> Bool {
        let end = statement.range.upperBound
        var k = nextCode(target + 1, end)
        while k < end && !isWord(k, "=") && !isWord(k, ":=") { k += 1 }
        k += 1
        var any = false
        while k < end {
            defer { k += 1 }
            let token = file.tokens[k]
            guard token.isCode || token.kind == .string else { continue }
            any = true
            switch token.kind {
            case .number, .string: continue
            case .keyword,
                .identifier where constantWords.contains(file.text(k)):
                continue
            case .punctuation where [0x5B, 0x5D, 0x7B, 0x7D, 0x2D, 0x2C, 0x3B].contains(punct(k)): continue
            default: return false
            }
        }
        return any
    }

    /// Whether definition scope `scope` is a Python class body or a Ruby class or module body (its state
    /// is read by anything that runs later, like module state: a method sees a Ruby constant).
    func isClassBody(_ scope: Int) -> Bool {
        guard file.language == .python || file.language == .ruby, var k = file.scopes[scope].opener else {
            return false
        }
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
        return isWord(head, "class") || (file.language == .ruby && isWord(head, "module"))
    }

    /// Whether the Ruby identifier at `k` may call a method: a bare lowercase name (`configure`, `attr_reader
    /// :x`) or a member, but not a member of a literal (`%w[a b].freeze`).
    func mayCallInRuby(_ k: Int) -> Bool {
        let first = file.bytes[file.tokens[k].start]
        guard first == 0x5F || (first >= 0x61 && first <= 0x7A) else { return false }
        guard isMemberName(k) else { return true }
        var owner = k - 1
        while owner > 0 && (file.tokens[owner].kind == .newline || punct(owner) == 0x2E) { owner -= 1 }
        return !(file.tokens[owner].kind == .string || [0x5D, 0x29].contains(punct(owner)))
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

extension ScopeStatements {
    /// Whether the Ruby `do … end` block opened at `keyword` (its `|params|` and body) mentions the name at
    /// `name`: the block runs while the new value is computed (`x = items.map do |i| … end`), so a mention
    /// reads the old value.
    func rubyBlockMentions(_ name: Int, do keyword: Int) -> Bool {
        guard let block = file.scopes.first(where: { $0.opener == keyword })?.id else { return true }
        var entered = false
        for k in (keyword + 1)..<file.tokens.count {
            var scope = file.scope(of: k)
            while scope != block, let parent = file.scopes[scope].parent { scope = parent }
            if scope == block {
                entered = true
            } else if entered && file.tokens[k].isCode {
                return false
            }
            if file.tokens[k].kind == .identifier && sameText(k, name) && !isMemberName(k) { return true }
        }
        return false
    }
}
