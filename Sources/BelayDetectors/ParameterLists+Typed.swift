// duplicate-parameter signatures of the typed languages: Swift, Go, Rust, Java, Kotlin.

import BelayScan

extension ScannedFile {
    /// The token index of the first top-level `:` in `item`, if any.
    func colon(in item: [Int]) -> Int? { item.firstIndex { punct($0) == 0x3A } }

    /// The name written just before the first top-level `:` of `item` (Swift's internal name, Kotlin's name).
    func nameBeforeColon(_ item: [Int]) -> ListName? {
        guard let colon = colon(in: item), colon > 0, tokens[item[colon - 1]].kind == .identifier,
            !token(item[colon - 1], is: "_")
        else { return nil }
        return name(at: item[colon - 1])
    }

    // MARK: Swift

    func swiftSignature(at k: Int) -> [ListName]? {
        if tokens[k].kind == .keyword, isWord(k, "func") || isWord(k, "init") || isWord(k, "subscript"),
            previous(before: k).map({ punct($0) != 0x2E }) ?? true,
            let open = openParen(after: k)
        {
            return names(in: open, angles: true) { nameBeforeColon($0).map { [$0] } ?? [] }
        }
        // Closures: `{ (a: Int, b) in` and `{ a, b in`.
        guard punct(k) == 0x7B, var first = next(after: k) else { return nil }
        if punct(first) == 0x5B, let match = matchingBracket(first), let after = next(after: match) { first = after }
        if punct(first) == 0x28, let close = matchingBracket(first), let after = next(after: close), isWord(after, "in")
        {
            return names(in: first, angles: true) { leadingName($0, wildcard: true).map { [$0] } ?? [] }
        }
        var result: [ListName] = []
        var index = first
        while tokens[index].kind == .identifier {
            if !token(index, is: "_") { result.append(name(at: index)) }
            guard let n = next(after: index) else { return nil }
            if isWord(n, "in") { return result }
            guard punct(n) == 0x2C, let after = next(after: n) else { return nil }
            index = after
        }
        return nil
    }

    // MARK: Go

    func goSignature(at k: Int) -> [ListName]? {
        guard tokens[k].kind == .keyword, isWord(k, "func"), var open = next(after: k) else { return nil }
        var result: [ListName] = []
        // A method: `func (r T) Name(`, the name right after the receiver on the same line and followed by
        // `(`. Anything else after `func(…)` is a function type's or literal's result (`func(tag string)
        // bool`), or the next struct field (`A func(x int)` / `B func(x int)`): their own scopes.
        if punct(open) == 0x28, let close = matchingBracket(open), close + 1 < tokens.count,
            let after = next(after: close),
            after == close + 1 || tokens[(close + 1)..<after].allSatisfy({ $0.kind != .newline }),
            tokens[after].kind == .identifier, let paren = next(after: after), punct(paren) == 0x28
        {
            result += goNames(open)  // receiver
            open = paren
        } else if punct(open) != 0x28 {
            guard let paren = openParen(after: k, limit: 3) else { return nil }
            open = paren
        }
        result += goNames(open)
        if let close = matchingBracket(open), close + 1 < tokens.count, let results = next(after: close),
            punct(results) == 0x28, !tokens[(close + 1)..<results].contains(where: { $0.kind == .newline })
        {
            result += goNames(results)
        }
        return result
    }

    /// Names of a Go parameter list: none when every item is a bare type (`func(int, string)`).
    private func goNames(_ open: Int) -> [ListName] {
        guard let close = matchingBracket(open) else { return [] }
        let items = listItems(from: open, to: close)
        let named = items.contains { item in
            guard item.count >= 2, tokens[item[0]].kind == .identifier, punct(item[1]) != 0x2E else { return false }
            return !(punct(item[1]) == 0x5B && item.count == 2)  // `List[int]` is a type
        }
        guard named else { return [] }
        return items.compactMap { item in
            guard let first = item.first, tokens[first].kind == .identifier, !token(first, is: "_") else { return nil }
            return name(at: first)
        }
    }

    // MARK: Rust

    func rustSignature(at k: Int) -> [ListName]? {
        if tokens[k].kind == .keyword, isWord(k, "fn"), let name = next(after: k), tokens[name].kind == .identifier,
            let open = openParen(after: k)
        {
            // Only `pattern: Type` declares a name: `weak!(fn linkat(c_int, *const c_char))` lists bare types.
            return names(in: open, angles: true) { item in
                guard let colon = colon(in: item) else { return [] }
                return rustPattern(Array(item[..<colon]))
            }
        }
        // Closures `|a, b: i32|` where an expression starts (not `x | y`).
        guard punct(k) == 0x7C, let before = previous(before: k) else { return nil }
        let c = punct(before)
        guard
            c == 0x3D || c == 0x28 || c == 0x2C || c == 0x7B || c == 0x3B || isPunct(before, "=>")
                || isWord(before, "move") || isWord(before, "return")
        else { return nil }
        var end = k + 1
        while end < tokens.count, punct(end) != 0x7C {
            if let match = matchingBracket(end), match > end { end = match }
            end += 1
        }
        guard end < tokens.count else { return nil }
        return listItems(from: k, to: end).flatMap { rustPattern(Array($0.prefix(while: { punct($0) != 0x3A }))) }
    }

    /// Bindings of a Rust pattern: `mut a`, `&a`, `(a, b)`, `[a, b]`; paths, `self` and `_` bind nothing here.
    private func rustPattern(_ pattern: [Int]) -> [ListName] {
        let rest = pattern.drop { isPunct($0, "&") || isWord($0, "mut") || isWord($0, "ref") }
        guard let first = rest.first else { return [] }
        if punct(first) == 0x28 || punct(first) == 0x5B, rest.count == 1 {
            return names(in: first) { rustPattern(Array($0.prefix(while: { punct($0) != 0x3A }))) }
        }
        guard rest.count == 1, tokens[first].kind == .identifier, !token(first, is: "_") else { return [] }
        return [name(at: first)]
    }

    // MARK: Java

    /// Keywords that may come right before a method or constructor name: result types and modifiers.
    static let javaDeclarationWords = [
        "void", "int", "long", "short", "byte", "char", "boolean", "float", "double", "public", "private",
        "protected", "static", "final", "abstract", "synchronized", "native", "strictfp", "default",
    ]

    func javaSignature(at k: Int) -> [ListName]? {
        guard punct(k) == 0x28, let close = matchingBracket(k), let after = next(after: close) else { return nil }
        if !isPunct(after, "->") {
            guard punct(after) == 0x7B || punct(after) == 0x3B || isWord(after, "throws"),
                let name = previous(before: k), tokens[name].kind == .identifier, let type = previous(before: name),
                tokens[type].kind == .identifier || Self.javaDeclarationWords.contains(where: { isWord(type, $0) })
                    || punct(type) == 0x3E || punct(type) == 0x5D
            else { return nil }
        }
        return names(in: k, angles: true) { item in
            guard let last = item.last(where: { tokens[$0].kind == .identifier }), !token(last, is: "_") else {
                return []
            }
            return [name(at: last)]
        }
    }

    // MARK: Kotlin

    func kotlinSignature(at k: Int) -> [ListName]? {
        let open: Int
        if isWord(k, "fun") || isWord(k, "constructor"), let paren = openParen(after: k) {
            open = paren
        } else if isWord(k, "class"), tokens[k].kind == .keyword, let paren = openParen(after: k, limit: 12),
            let before = previous(before: paren), !isWord(before, "constructor"),
            !(k..<paren).contains(where: { punct($0) == 0x3A })
        {
            open = paren  // primary constructor
        } else {
            return nil
        }
        return names(in: open, angles: true) { nameBeforeColon($0).map { [$0] } ?? [] }
    }
}
