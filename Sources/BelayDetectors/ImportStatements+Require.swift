// CommonJS imports for duplicate-import: `const x = require('y')`, `var { a, b: c } = require('y')`.

import BelayScan

extension ScopeStatements {
    /// Whether the statement head `k` may declare CommonJS imports (`const`, `let`, `var` in JavaScript or
    /// TypeScript).
    func isScriptDeclaration(_ k: Int) -> Bool {
        (file.language == .javascript || file.language == .typescript)
            && (isWord(k, "const") || isWord(k, "let") || isWord(k, "var"))
    }

    /// The names a `const`/`let`/`var` statement at `head` binds to `require(…)` results, one declarator after
    /// another. A declarator counts when its value is `require('m')`, optionally wrapped once
    /// (`__importDefault(require('m'))`) and optionally followed by member accesses or a call. The tokens
    /// are read past the statement's own range: a destructuring `{` splits the statement there.
    func requireBindings(_ head: Int) -> [ImportBinding] {
        var result: [ImportBinding] = []
        var k = head
        while let start = file.next(after: k) {
            var names: [Int] = []
            var end = start
            if file.tokens[start].kind == .identifier {
                names = [start]
            } else if file.punct(start) == 0x7B, let close = file.matchingBracket(start) {
                names = splitAtCommas((start + 1)..<close).compactMap { patternName($0) }
                end = close
            } else {
                return result
            }
            guard let equals = file.next(after: end), file.punct(equals) == 0x3D,
                let value = file.next(after: equals), let valueEnd = requireCall(at: value)
            else { return result }
            for name in names {
                result.append(ImportBinding(keys: ["value:" + file.text(name)], name: file.text(name), token: name))
            }
            guard let after = declaratorEnd(valueEnd), file.punct(after) == 0x2C else { return result }
            k = after
        }
        return result
    }

    /// The name an object-pattern item binds: `a`, `a = 1`, `a: b` (binds `b`), `...rest`.
    private func patternName(_ part: Range<Int>) -> Int? {
        var first = nextCode(part.lowerBound, part.upperBound)
        if first < part.upperBound, file.isPunct(first, "...") { first = nextCode(first + 1, part.upperBound) }
        guard first < part.upperBound, file.tokens[first].kind == .identifier else { return nil }
        let after = nextCode(first + 1, part.upperBound)
        guard after < part.upperBound, file.punct(after) == 0x3A else { return first }
        let renamed = nextCode(after + 1, part.upperBound)
        guard renamed < part.upperBound, file.tokens[renamed].kind == .identifier else { return nil }
        return renamed
    }

    /// The last token of `require('m')` (or `wrap(require('m'))`) starting at `k`, if that is what starts there.
    private func requireCall(at k: Int) -> Int? {
        guard file.tokens[k].kind == .identifier, let open = file.next(after: k), file.punct(open) == 0x28,
            let close = file.matchingBracket(open), let inner = file.next(after: open)
        else { return nil }
        if isWord(k, "require") {
            return file.tokens[inner].kind == .string && file.next(after: inner) == close ? close : nil
        }
        guard let innerClose = requireCall(at: inner), isWord(inner, "require"), file.next(after: innerClose) == close
        else { return nil }
        return close
    }

    /// The `,`, `;` or last token that ends the declarator whose value's require call ends at `k`: member
    /// accesses and calls (`require('path').posix`, `require('debug')('x')`) on the same line are skipped.
    private func declaratorEnd(_ k: Int) -> Int? {
        var k = k
        while k + 1 < file.tokens.count, file.tokens[k + 1].kind != .newline, let n = file.next(after: k) {
            let c = file.punct(n)
            if c == 0x2C || c == 0x3B { return n }
            k = (c == 0x28 || c == 0x5B) ? (file.matchingBracket(n) ?? n) : n
        }
        return nil
    }
}
