// Token walking shared by duplicate-parameter, duplicate-keyword-argument and duplicate-key: bracketed lists
// split into their top-level items, names compared as byte slices (no `String` per token).

import BelayCore
import BelayScan

/// One name found in a list: the token that spells it and the bytes that identify it.
struct ListName {
    /// What kind of name (a Ruby symbol and a string with the same text differ; a getter and a setter too).
    var tag: UInt8
    /// The identifying bytes (a string key without its quotes).
    var key: ArraySlice<UInt8>
    /// The byte range reported.
    var range: Range<Int>
}

extension ScannedFile {
    /// The single-byte punctuation at `k` (`(`, `,`, `=`…), or 0.
    func punct(_ k: Int) -> UInt8 {
        let token = tokens[k]
        return token.kind == .punctuation && token.end - token.start == 1 ? bytes[token.start] : 0
    }

    /// Whether the token at `k` is the punctuation `text`.
    func isPunct(_ k: Int, _ text: String) -> Bool { tokens[k].kind == .punctuation && token(k, is: text) }

    /// Whether the token at `k` is the keyword or identifier `word`.
    func isWord(_ k: Int, _ word: String) -> Bool {
        (tokens[k].kind == .keyword || tokens[k].kind == .identifier) && token(k, is: word)
    }

    /// Whether the token at `k` takes part in code structure (not a comment, docstring or line break).
    func isSignificant(_ k: Int) -> Bool {
        let kind = tokens[k].kind
        return kind != .newline && kind != .comment && kind != .docComment
    }

    /// The next significant token after `k`, if any before `limit`.
    func next(after k: Int, before limit: Int? = nil) -> Int? {
        var index = k + 1
        let end = limit ?? tokens.count
        while index < end, !isSignificant(index) { index += 1 }
        return index < end ? index : nil
    }

    /// The previous significant token before `k`, if any.
    func previous(before k: Int) -> Int? {
        var index = k - 1
        while index >= 0, !isSignificant(index) { index -= 1 }
        return index >= 0 ? index : nil
    }

    /// The significant tokens strictly between `open` and `close`, split at top-level commas. Brackets are
    /// skipped whole; with `angles`, commas inside `<…>` (generic arguments) do not split either.
    /// Annotations (`@get:JvmName("x")`, `@Inject`, `@escaping`, decorators) are left out: they never
    /// name an item.
    func listItems(from open: Int, to close: Int, angles: Bool = false) -> [[Int]] {
        var items: [[Int]] = []
        var current: [Int] = []
        var angle = 0
        var k = open + 1
        while k < close {
            defer { k += 1 }
            guard isSignificant(k) else { continue }
            let c = punct(k)
            if c == 0x40, let after = annotationEnd(at: k, before: close) {
                k = after - 1
                continue
            }
            if c == 0x2C && angle == 0 {
                items.append(current)
                current = []
                continue
            }
            current.append(k)
            if c == 0x28 || c == 0x5B || c == 0x7B, let match = matchingBracket(k), match < close {
                k = match
            } else if angles, tokens[k].kind == .punctuation {
                if c == 0x3C {
                    angle += 1
                } else if c == 0x3E {
                    angle = max(0, angle - 1)
                } else if isPunct(k, ">>") {
                    angle = max(0, angle - 2)
                }
            }
        }
        if !current.isEmpty { items.append(current) }
        return items
    }

    /// A name spelled by the identifier (or keyword) token at `k`.
    func name(at k: Int, tag: UInt8 = 0) -> ListName {
        ListName(tag: tag, key: bytes[tokens[k].range], range: tokens[k].range)
    }

    /// The key a plain string literal token spells (quotes removed), or `nil` for prefixed, interpolated
    /// or unterminated strings.
    func stringKey(at k: Int, tag: UInt8 = 0) -> ListName? {
        let token = tokens[k]
        guard token.kind == .string, token.interpolationDepth == 0, token.end - token.start >= 2 else { return nil }
        let quote = bytes[token.start]
        guard quote == 0x22 || quote == 0x27 || quote == 0x60, bytes[token.end - 1] == quote else { return nil }
        if k + 1 < tokens.count, tokens[k + 1].interpolationDepth > 0 { return nil }  // `"a\(x)b"` pieces
        var width = 1
        if token.end - token.start >= 6, bytes[token.start + 1] == quote, bytes[token.start + 2] == quote {
            width = 3
        }
        return ListName(tag: tag, key: bytes[(token.start + width)..<(token.end - width)], range: token.range)
    }
}

/// Every later occurrence of a name already in `names`, paired with the first one.
func repeatedNames(_ names: [ListName]) -> [(first: ListName, again: ListName)] {
    guard names.count > 1 else { return [] }
    var result: [(first: ListName, again: ListName)] = []
    if names.count <= 12 {
        for (index, name) in names.enumerated() {
            if let first = names[..<index].first(where: { $0.tag == name.tag && $0.key == name.key }) {
                result.append((first, name))
            }
        }
        return result
    }
    var seen: [NameKey: ListName] = [:]
    for name in names {
        let key = NameKey(tag: name.tag, key: name.key)
        if let first = seen[key] { result.append((first, name)) } else { seen[key] = name }
    }
    return result
}

private struct NameKey: Hashable {
    var tag: UInt8
    var key: ArraySlice<UInt8>
}

extension Rule {
    /// A finding at the repeated occurrence with a note at the first. `message` gets the name's text.
    static func repeated(
        _ pair: (first: ListName, again: ListName), in file: SourceFile, message: (String) -> String, note: String
    ) -> Diagnostic {
        repeated(
            message(String(decoding: pair.again.key, as: UTF8.self)), at: pair.again.range, first: pair.first.range,
            in: file, note: note)
    }
}
