import BelayScan

// A redefinition that copies the earlier definition token for token: always a duplicate.

extension ScopeStatements {
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
                guard isNested(file.scope(of: k), in: statement.scope) else { break }
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

    /// Whether `scope` is strictly inside `outer`.
    private func isNested(_ scope: Int, in outer: Int) -> Bool {
        var current = scope
        while let parent = file.scopes[current].parent {
            if parent == outer { return true }
            current = parent
        }
        return false
    }
}
