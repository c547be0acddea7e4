import BelayScan

// A redefinition that copies the earlier definition token for token: always a duplicate.

extension ScopeStatements {
    /// Whether the definition `later`, named at `name`, is a copy of `earlier` (`isVerbatimCopy`) that
    /// nothing reads right away: code that re-creates a definition on purpose (a test defining `class C`
    /// again for a fresh check) uses it at once; a pasted copy only shadows the original.
    func isUnreadCopy(_ later: ScopeStatement, named name: Int, of earlier: ScopeStatement) -> Bool {
        guard isVerbatimCopy(later, of: earlier), !rebindsNames(of: later, between: earlier) else { return false }
        let home = file.definitionScope(of: later.scope)
        var end = later.range.upperBound
        while end < file.tokens.count, !file.tokens[end].isCode || scopeIsWithin(file.scope(of: end), home) {
            end += 1
        }
        return !isRead(name, after: later, before: end)
    }

    /// Whether a statement of the copy's scope between `earlier` and `later` binds a name the copy uses
    /// (`class CM` redefined before an identical `class C(metaclass=CM)`): the same text then means
    /// something new. Bindings: `def` / `class` names, `name =` / `name: T =`, imported names.
    private func rebindsNames(of later: ScopeStatement, between earlier: ScopeStatement) -> Bool {
        let extent = definitionExtent(later)
        var used: Set<String> = []
        for k in extent where file.tokens[k].kind == .identifier { used.insert(file.text(k)) }
        let home = file.definitionScope(of: later.scope)
        for statement in list
        where statement.head > earlier.head && statement.head < later.head
            && file.definitionScope(of: statement.scope) == home
        {
            let end = statement.range.upperBound
            let head = statement.head
            if file.isImportKeyword(head) {
                for k in head..<end where file.tokens[k].kind == .identifier && used.contains(file.text(k)) {
                    return true
                }
                continue
            }
            var name = head
            if isWord(head, "def") || isWord(head, "class") {
                name = nextCode(head + 1, end)
            } else {
                let next = nextCode(head + 1, end)
                guard next < end, punct(next) == 0x3D || punct(next) == 0x3A else { continue }
            }
            if name < end, file.tokens[name].kind == .identifier, used.contains(file.text(name)) { return true }
        }
        return false
    }

    /// Whether the definition `later` is a token-for-token copy of `earlier`: the same decorators,
    /// signature and body, comments and whitespace ignored. Such a paste changes nothing, so it is a
    /// duplicate even where a redefinition would otherwise be legal (a Python name used in between).
    func isVerbatimCopy(_ later: ScopeStatement, of earlier: ScopeStatement) -> Bool {
        let a = significantTokens(definitionExtent(earlier))
        let b = significantTokens(definitionExtent(later))
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { sameText($0, $1) }
    }

    /// The tokens of a definition: its attributes and header, then every token after the header inside a
    /// scope nested in the definition's own (the body, a nested class or function), up to the first
    /// significant token back in the definition's scope.
    private func definitionExtent(_ statement: ScopeStatement) -> Range<Int> {
        var end = statement.range.upperBound
        var k = end
        while k < file.tokens.count {
            if isSignificant(k) {
                guard file.scope(of: k) != statement.scope, scopeIsWithin(file.scope(of: k), statement.scope) else {
                    break
                }
                end = k + 1
            }
            k += 1
        }
        return statement.attributes.lowerBound..<end
    }

    /// The significant tokens of `range`: code, strings and regex literals, not comments or line breaks.
    private func significantTokens(_ range: Range<Int>) -> [Int] {
        range.filter { isSignificant($0) }
    }

    private func isSignificant(_ k: Int) -> Bool {
        let kind = file.tokens[k].kind
        return file.tokens[k].isCode || kind == .string || kind == .regex
    }

    /// Whether `scope` is `outer` or inside it.
    private func scopeIsWithin(_ scope: Int, _ outer: Int) -> Bool {
        var current: Int? = scope
        while let id = current {
            if id == outer { return true }
            current = file.scopes[id].parent
        }
        return false
    }
}
