// Finding parameter lists for duplicate-parameter: one array of declared names per signature.

import BelayScan

extension ScannedFile {
    /// The names each signature in the file declares, one array per signature (receiver, parameters and
    /// named results together where the language puts them in one namespace, as Go does).
    func parameterLists() -> [[ListName]] {
        var lists: [[ListName]] = []
        for k in tokens.indices where tokens[k].interpolationDepth == 0 && isSignificant(k) {
            let token = tokens[k]
            // Signatures start at keywords and brackets; only Kotlin's `constructor` is an identifier.
            guard
                token.kind == .keyword || token.kind == .punctuation || token.kind == .identifier && language == .kotlin
            else { continue }
            let names: [ListName]?
            switch language {
            case .python: names = pythonSignature(at: k)
            case .javascript, .typescript: names = scriptSignature(at: k)
            case .ruby: names = rubySignature(at: k)
            case .swift: names = swiftSignature(at: k)
            case .go: names = goSignature(at: k)
            case .rust: names = rustSignature(at: k)
            case .java: names = javaSignature(at: k)
            case .kotlin: names = kotlinSignature(at: k)
            }
            // A TypeScript `(` may be seen twice: after `function f<T>` and as a typed list of its own.
            if let names, names.count > 1, lists.last?.first?.range != names.first?.range { lists.append(names) }
        }
        return lists
    }

    /// The first `(` after `k` at angle-bracket depth 0, within a few tokens (skips names, generics, `*`).
    func openParen(after k: Int, limit: Int = 40) -> Int? {
        var angle = 0
        var index = k
        var steps = 0
        while let n = next(after: index), steps < limit {
            steps += 1
            let c = punct(n)
            if c == 0x28 && angle == 0 { return n }
            if c == 0x3C {
                angle += 1
            } else if c == 0x3E {
                angle -= 1
            } else if isPunct(n, ">>") {
                angle -= 2
            } else if angle == 0 && (c == 0x7B || c == 0x3B || c == 0x3D || tokens[n].kind == .newline) {
                return nil
            }
            if angle < 0 { return nil }
            if (c == 0x28 || c == 0x5B), let match = matchingBracket(n) {
                index = match
                continue
            }
            index = n
        }
        return nil
    }

    /// The first identifier of `item` after leading punctuation such as `*`, `**`, `&`, `...`.
    func leadingName(_ item: [Int], wildcard: Bool = false) -> ListName? {
        for k in item {
            if tokens[k].kind == .identifier {
                return wildcard && token(k, is: "_") ? nil : name(at: k)
            }
            if tokens[k].kind != .punctuation || punct(k) == 0x28 || punct(k) == 0x5B || punct(k) == 0x7B {
                return nil
            }
        }
        return nil
    }

    /// The names of the list opened at `open`, one per item, by `extract`.
    func names(in open: Int, angles: Bool = false, _ extract: ([Int]) -> [ListName]) -> [ListName] {
        guard let close = matchingBracket(open) else { return [] }
        return listItems(from: open, to: close, angles: angles).flatMap(extract)
    }

    // MARK: Python

    func pythonSignature(at k: Int) -> [ListName]? {
        if isWord(k, "def"), tokens[k].kind == .keyword, let open = openParen(after: k) {
            return names(in: open) { leadingName($0).map { [$0] } ?? [] }
        }
        guard isWord(k, "lambda"), tokens[k].kind == .keyword else { return nil }
        var end = k + 1
        while end < tokens.count, punct(end) != 0x3A, tokens[end].kind != .newline {
            if let match = matchingBracket(end), match > end { end = match }
            end += 1
        }
        guard end < tokens.count, punct(end) == 0x3A else { return nil }
        return listItems(from: k, to: end).compactMap { leadingName($0) }
    }

    // MARK: Ruby

    func rubySignature(at k: Int) -> [ListName]? {
        var items: [[Int]] = []
        if isWord(k, "def"), tokens[k].kind == .keyword {
            var name = next(after: k)
            if let n = name, isWord(n, "self"), let dot = next(after: n), punct(dot) == 0x2E { name = next(after: dot) }
            guard var last = name else { return nil }
            while let n = next(after: last), tokens[n].start == tokens[last].end, punct(n) != 0x28 { last = n }
            if let open = next(after: last), punct(open) == 0x28, let close = matchingBracket(open) {
                items = listItems(from: open, to: close)
            } else {
                var end = last + 1
                while end < tokens.count, tokens[end].kind != .newline, punct(end) != 0x3B { end += 1 }
                guard end > last + 1, last + 1 < tokens.count, tokens[last + 1].kind != .newline else { return nil }
                items = listItems(from: last, to: end)
            }
        } else if isPunct(k, "->"), let open = next(after: k), punct(open) == 0x28, let close = matchingBracket(open) {
            items = listItems(from: open, to: close)
        } else if punct(k) == 0x7C, let before = previous(before: k), punct(before) == 0x7B || isWord(before, "do") {
            var end = k + 1
            while end < tokens.count, punct(end) != 0x7C {
                if let match = matchingBracket(end), match > end { end = match }
                end += 1
            }
            guard end < tokens.count else { return nil }
            items = listItems(from: k, to: end)
        } else {
            return nil
        }
        return items.flatMap { rubyNames($0) }
    }

    private func rubyNames(_ item: [Int]) -> [ListName] {
        if let first = item.first, punct(first) == 0x28 {  // `|(a, b), c|`
            return names(in: first) { rubyNames($0) }
        }
        guard let name = leadingName(item), name.key.first != UInt8(ascii: "_") else { return [] }
        return [name]
    }

    // MARK: JavaScript and TypeScript

    func scriptSignature(at k: Int) -> [ListName]? {
        let open: Int
        if isWord(k, "function"), tokens[k].kind == .keyword, let paren = openParen(after: k) {
            open = paren
        } else if punct(k) == 0x28, let close = matchingBracket(k), let after = next(after: close) {
            if isPunct(after, "=>") {
                open = k  // arrow function
            } else if let name = previous(before: k), tokens[name].kind == .identifier,
                previous(before: name).map({ punct($0) != 0x2E && !isWord($0, "function") }) ?? true,
                opensBody(after: close)
            {
                open = k  // method, constructor
            } else if language == .typescript, isTypedParameterList(k, close) {
                open = k  // interface / type member, overload or call signature: `m(a: string, b?: T): void;`
            } else {
                return nil
            }
        } else {
            return nil
        }
        return names(in: open, angles: language == .typescript) { item in
            var rest = item[...]
            while rest.count > 1, let first = rest.first, Self.scriptModifiers.contains(where: { isWord(first, $0) }) {
                rest = rest.dropFirst()
            }
            return leadingName(Array(rest)).map { [$0] } ?? []
        }
    }

    /// TypeScript parameter-property modifiers written before a constructor parameter's name.
    static let scriptModifiers = ["public", "private", "protected", "readonly", "override"]

    /// Whether every item between `open` and `close` reads `name: Type` or `name?: Type` (after modifiers
    /// and `...`), or is a destructuring pattern with a type: only a signature's list does (an expression's
    /// `c ? a : b` has something between `?` and `:`).
    private func isTypedParameterList(_ open: Int, _ close: Int) -> Bool {
        let items = listItems(from: open, to: close, angles: true)
        return !items.isEmpty
            && items.allSatisfy { item in
                var rest = item.drop { k in isPunct(k, "...") || Self.scriptModifiers.contains { isWord(k, $0) } }
                guard let first = rest.first else { return false }
                let c = punct(first)
                guard tokens[first].kind == .identifier || isWord(first, "this") || c == 0x7B || c == 0x5B else {
                    return false
                }
                rest = rest.dropFirst()
                if let question = rest.first, punct(question) == 0x3F { rest = rest.dropFirst() }
                return rest.first.map { punct($0) == 0x3A || isPunct($0, "?:") } ?? false
            }
    }

    /// Whether `)` at `close` is followed by a body `{`, directly or after a TypeScript return type.
    private func opensBody(after close: Int) -> Bool {
        guard var k = next(after: close) else { return false }
        if punct(k) == 0x7B { return true }
        guard language == .typescript, punct(k) == 0x3A else { return false }
        for _ in 0..<30 {
            guard let n = next(after: k) else { return false }
            let c = punct(n)
            if c == 0x7B { return true }
            if c == 0x3B || c == 0x2C || c == 0x3D || c == 0x29 || tokens[n].kind == .newline { return false }
            k = c == 0x28 || c == 0x5B ? (matchingBracket(n) ?? n) : n
        }
        return false
    }
}
