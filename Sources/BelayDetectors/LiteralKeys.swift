// Finding dictionary / object / map literals and their literal keys for duplicate-key.

import BelayScan

/// Kinds of key that never equal each other (a Ruby symbol is not a string; a JavaScript getter may pair
/// with a setter).
enum KeyTag {
    static let plain: UInt8 = 0
    static let string: UInt8 = 1
    static let number: UInt8 = 2
    static let getter: UInt8 = 3
    static let setter: UInt8 = 4
}

extension ScannedFile {
    /// The literal keys of every dict / object / map literal, one array per run of keys that no spread
    /// separates (`{a: 1, ...rest, a: 2}` is two runs: a key after a spread may legally override).
    func literalKeyRuns() -> [[ListName]] {
        var runs: [[ListName]] = []
        for k in tokens.indices where tokens[k].interpolationDepth == 0 {
            let c = punct(k)
            guard c == 0x7B || c == 0x5B || c == 0x28, let close = matchingBracket(k), close > k + 3 else { continue }
            guard let items = literalItems(open: k, close: close) else { continue }
            var run: [ListName] = []
            for (index, item) in items.enumerated() {
                if let first = item.first, isPunct(first, "**") || isPunct(first, "...") {
                    runs.append(run)
                    run = []
                } else if let key = key(of: item, at: index) {
                    run.append(key)
                }
            }
            runs.append(run)
        }
        return runs
    }

    /// Kotlin functions that build a map from `key to value` pairs.
    static let mapBuilders = ["mapOf", "mutableMapOf", "hashMapOf", "linkedMapOf", "sortedMapOf"]

    /// The items of the literal opened at `open`, or `nil` when `open` does not open a keyed literal.
    private func literalItems(open: Int, close: Int) -> [[Int]]? {
        let before = previous(before: open)
        let b = before.map { punct($0) } ?? 0x3D
        let afterExpression = before.map { tokens[$0].kind == .identifier || b == 0x29 || b == 0x5D } ?? false
        switch (language, punct(open)) {
        case (.python, 0x7B):
            let items = listItems(from: open, to: close)
            return items.contains { $0.contains { isWord($0, "for") } } ? nil : items
        case (.javascript, 0x7B), (.typescript, 0x7B), (.ruby, 0x7B):
            guard
                b == 0x3D || b == 0x28 || b == 0x2C || b == 0x3A || b == 0x5B || b == 0x3F
                    || before.map({ isWord($0, "return") || isPunct($0, "=>") && language == .ruby })
                        ?? true
                    || language == .ruby && startsStatement(open)
            else { return nil }
            return listItems(from: open, to: close)
        case (.go, 0x7B):
            guard afterExpression || b == 0x7D || b == 0x2C || b == 0x7B || b == 0x3A,
                let first = next(after: open), !isWord(first, "case"), !isWord(first, "default")
            else { return nil }
            return listItems(from: open, to: close)
        case (.swift, 0x5B):
            return afterExpression || b == 0x3E ? nil : listItems(from: open, to: close)
        case (.kotlin, 0x28):
            guard let name = before, Self.mapBuilders.contains(where: { isWord(name, $0) }) else { return nil }
            return listItems(from: open, to: close)
        case (.java, 0x28):
            guard let of = before, isWord(of, "of"), let dot = previous(before: of), punct(dot) == 0x2E,
                let map = previous(before: dot), isWord(map, "Map") || isWord(map, "ImmutableMap")
            else { return nil }
            return listItems(from: open, to: close)
        default:
            return nil
        }
    }

    /// The literal key of the `index`-th item of a keyed literal, if it has one.
    private func key(of item: [Int], at index: Int) -> ListName? {
        guard let first = item.first else { return nil }
        let second = item.count > 1 ? item[1] : nil
        switch language {
        case .java:  // Map.of(k1, v1, k2, v2…)
            return index % 2 == 0 && item.count == 1 ? constantKey(first) : nil
        case .kotlin:
            return item.count >= 3 && isWord(item[1], "to") ? constantKey(first) : nil
        case .ruby:
            return rubyKey(item)
        case .javascript, .typescript:
            return scriptKey(item)
        default:
            if language == .swift, punct(first) == 0x2E, item.count > 2, tokens[item[1]].kind == .identifier,
                punct(item[2]) == 0x3A
            {
                var key = name(at: item[1])  // `.case: value`, reported from the dot
                key.range = tokens[first].start..<key.range.upperBound
                return key
            }
            guard let second, punct(second) == 0x3A else { return nil }
            if language == .go, tokens[first].kind == .identifier {  // a field, unless the literal is a map
                return isGoMapLiteral(before: first) ? nil : name(at: first)
            }
            if language == .python, punct(first) == 0x28, let close = matchingBracket(first),
                let inner = next(after: first), next(after: inner) == close
            {
                return constantKey(inner)  // `('k'): 1` is the key 'k'
            }
            return constantKey(first)
        }
    }

    /// Whether the Ruby `{` at `open` begins a line, where a block cannot start: a hash (`def x\n  {a: 1}`).
    private func startsStatement(_ open: Int) -> Bool {
        var k = open - 1
        while k >= 0, tokens[k].kind == .comment { k -= 1 }
        guard k >= 0, tokens[k].kind == .newline, let before = previous(before: open) else { return k < 0 }
        return tokens[before].kind != .punctuation || punct(before) == 0x29 || punct(before) == 0x5D
    }

    /// Whether the Go literal whose first key is `first` is typed `map[K]V{…}`: its identifier keys are
    /// expressions (`{nan: 1, nan: 2}` is legal), not field names.
    private func isGoMapLiteral(before first: Int) -> Bool {
        guard let open = previous(before: first), var k = previous(before: open) else { return false }
        for _ in 0..<16 {
            if isWord(k, "map") { return true }
            if punct(k) == 0x5D, let match = matchingBracket(k) {
                k = match
            } else if tokens[k].kind != .identifier && punct(k) != 0x2E && punct(k) != 0x2A {
                return false
            }
            guard let before = previous(before: k) else { return false }
            k = before
        }
        return false
    }

    /// A string or number literal key.
    private func constantKey(_ k: Int) -> ListName? {
        if tokens[k].kind == .number { return name(at: k, tag: KeyTag.number) }
        return stringKey(at: k, tag: KeyTag.string)
    }

    private func scriptKey(_ item: [Int]) -> ListName? {
        var rest = item[...]
        var tag = KeyTag.plain
        while rest.count > 1, let first = rest.first, isWord(first, "async") || isPunct(first, "*") {
            rest = rest.dropFirst()
        }
        if rest.count > 2, let first = rest.first, isWord(first, "get") || isWord(first, "set") {
            tag = isWord(first, "get") ? KeyTag.getter : KeyTag.setter
            rest = rest.dropFirst()
        }
        guard let first = rest.first else { return nil }
        let next = rest.dropFirst().first
        if rest.count == 1 || next.map({ punct($0) == 0x3A || punct($0) == 0x28 || punct($0) == 0x3D }) == true {
            let kind = tokens[first].kind
            if kind == .identifier || kind == .keyword || kind == .number { return name(at: first, tag: tag) }
            if rest.count > 1 { return stringKey(at: first, tag: tag) }
        }
        return nil
    }

    private func rubyKey(_ item: [Int]) -> ListName? {
        guard item.count >= 2 else { return nil }
        let first = item[0]
        let token = tokens[first]
        if punct(item[1]) == 0x3A, tokens[item[1]].start == token.end {
            if token.kind == .identifier { return name(at: first, tag: KeyTag.plain) }  // `a:` is `:a`
            return stringKey(at: first, tag: KeyTag.plain)  // `"a":` is `:a` too
        }
        guard isPunct(item[1], "=>") else { return nil }
        if token.kind == .symbol, token.end - token.start > 1 {
            var range = (token.start + 1)..<token.end
            if bytes[range.lowerBound] == 0x22 || bytes[range.lowerBound] == 0x27, range.count >= 2 {
                range = (range.lowerBound + 1)..<(range.upperBound - 1)
            }
            return ListName(tag: KeyTag.plain, key: bytes[range], range: token.range)
        }
        return constantKey(first)
    }
}
