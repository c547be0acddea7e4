import BelayScan

/// One name an import statement binds (or, for Go and Ruby, one thing it loads).
struct ImportBinding {
    /// What two imports must share to be duplicates (`value:json`, `path:"fmt"`, `type:User`).
    var keys: [String]
    /// The name shown in the message.
    var name: String
    /// The token the finding points at.
    var token: Int
}

extension ScopeStatements {
    /// The bindings of `statement` if it is an import, else `[]`.
    func importBindings(_ statement: ScopeStatement) -> [ImportBinding] {
        var head = statement.head
        let end = statement.range.upperBound
        if file.language == .rust { head = skipVisibility(head, end) }
        if isScriptDeclaration(head) { return requireBindings(head) }
        guard head < end, file.isImportKeyword(head) else { return [] }
        var after = head + 1
        while after < end && !file.tokens[after].isCode && file.tokens[after].kind != .string { after += 1 }
        switch file.language {
        case .python: return pythonImport(head, end)
        case .javascript, .typescript: return isWord(head, "import") ? scriptImport(after, end) : []
        case .go: return goImport(after, end)
        case .rust: return isWord(head, "use") ? rustTree(after, end, prefix: nil) : []
        case .swift: return swiftImport(after, end)
        case .java, .kotlin: return jvmImport(after, end)
        case .ruby:
            guard isWord(head, "require") || isWord(head, "require_relative") else { return [] }
            var k = after
            if k < end && punct(k) == 0x28 { k += 1 }
            while k < end && !file.tokens[k].isCode && file.tokens[k].kind != .string { k += 1 }
            guard k < end, file.tokens[k].kind == .string else { return [] }
            let literal = compactText(k..<end)
            return [ImportBinding(keys: [file.text(head) + " " + literal], name: literal, token: k)]
        }
    }

    /// `pub`, `pub(crate)` before a Rust item.
    func skipVisibility(_ k: Int, _ end: Int) -> Int {
        guard k < end, isWord(k, "pub") else { return k }
        let next = nextCode(k + 1, end)
        if next < end, punct(next) == 0x28, let close = file.matchingBracket(next) { return nextCode(close + 1, end) }
        return next
    }

    /// A dotted name starting at `k`: its end (exclusive) and its last segment.
    private func dottedName(_ k: Int, _ end: Int, separator: UInt8 = 0x2E) -> (end: Int, last: Int) {
        var last = k
        var j = nextCode(k + 1, end)
        while j < end, punct(j) == separator {
            let segment = nextCode(j + 1, end)
            guard segment < end, file.tokens[segment].kind == .identifier || file.tokens[segment].kind == .keyword
            else { break }
            last = segment
            j = nextCode(segment + 1, end)
        }
        return (j, last)
    }

    private func pythonImport(_ head: Int, _ end: Int) -> [ImportBinding] {
        var k = nextCode(head + 1, end)
        var module = ""
        if isWord(head, "from") {
            let start = k
            while k < end && !isWord(k, "import") { k += 1 }
            module = compactText(start..<k) + "."
            k += 1
        } else if !isWord(head, "import") {
            return []
        }
        if k < end, punct(k) == 0x28 { k += 1 }
        var result: [ImportBinding] = []
        for part in splitAtCommas(k..<end) {
            let first = nextCode(part.lowerBound, part.upperBound)
            guard file.tokens[first].kind == .identifier || file.tokens[first].kind == .keyword else { continue }
            let name = dottedName(first, part.upperBound)
            if name.end < part.upperBound, isWord(name.end, "as") {
                let alias = nextCode(name.end + 1, part.upperBound)
                guard alias < part.upperBound else { continue }
                result.append(ImportBinding(keys: ["\(file.text(alias))"], name: file.text(alias), token: alias))
            } else {
                let text = module.isEmpty ? compactText(first..<name.end) : file.text(first)
                result.append(ImportBinding(keys: [text], name: text, token: first))
            }
        }
        return result
    }

    private func scriptImport(_ start: Int, _ end: Int) -> [ImportBinding] {
        var k = start
        guard k < end, punct(k) != 0x28, punct(k) != 0x2E, file.tokens[k].kind != .string else { return [] }
        var space = "value:"
        if isWord(k, "type"), nextCode(k + 1, end) < end, !isWord(nextCode(k + 1, end), "from") {
            space = "type:"
            k = nextCode(k + 1, end)
        }
        var result: [ImportBinding] = []
        func bind(_ token: Int, _ space: String) {
            result.append(ImportBinding(keys: [space + file.text(token)], name: file.text(token), token: token))
        }
        while k < end, !isWord(k, "from") {
            if punct(k) == 0x7B, let close = file.matchingBracket(k) {
                for part in splitAtCommas((k + 1)..<close) {
                    var first = nextCode(part.lowerBound, part.upperBound)
                    var itemSpace = space
                    if isWord(first, "type"), nextCode(first + 1, part.upperBound) < part.upperBound {
                        itemSpace = "type:"
                        first = nextCode(first + 1, part.upperBound)
                    }
                    var local = first
                    var j = first
                    while j < part.upperBound {
                        if file.tokens[j].isCode { local = j }
                        j += 1
                    }
                    bind(local, itemSpace)
                }
                k = close + 1
            } else if punct(k) == 0x2A {
                k = nextCode(k + 1, end)  // `as`
                let name = nextCode(k + 1, end)
                if name < end { bind(name, space) }
                k = name + 1
            } else if file.tokens[k].kind == .identifier || file.tokens[k].kind == .keyword {
                bind(k, space)
                k += 1
                if k < end, punct(nextCode(k, end)) == 0x3D { break }  // TS `import x = require(…)`
            } else {
                k += 1
            }
            k = nextCode(k, end)
        }
        return result
    }

    private func goImport(_ start: Int, _ end: Int) -> [ImportBinding] {
        var k = start
        var stop = end
        if k < end, punct(k) == 0x28, let close = file.matchingBracket(k) {
            k += 1
            stop = close
        }
        var result: [ImportBinding] = []
        var alias: Int?
        while k < stop {
            let token = file.tokens[k]
            if token.kind == .string {
                // What the import binds: its alias, or (unaliased) the package the path names. `_` and `.`
                // bind nothing to compare, so `pathpkg "path"` beside `"path"` and `_ "crypto/sha1"` are fine.
                if let alias {
                    if !isWord(alias, "_"), !isWord(alias, ".") {
                        result.append(
                            ImportBinding(keys: ["name:" + file.text(alias)], name: file.text(alias), token: alias))
                    }
                } else {
                    result.append(ImportBinding(keys: ["path:" + file.text(k)], name: file.text(k), token: k))
                }
                alias = nil
            } else if token.isCode {
                alias = k
            }
            k += 1
        }
        return result
    }

    /// A Rust use tree: `a::b`, `a::b as c`, `a::{b, c::d, self}`, `a::*`. A leaf is keyed by its full path:
    /// one name from two paths may be a derive macro and a trait (`rustc_macros::HashStable` beside
    /// `stable_hasher::HashStable`), which live in different namespaces.
    private func rustTree(_ start: Int, _ end: Int, prefix: Int?, path: String = "") -> [ImportBinding] {
        var k = nextCode(start, end)
        var last = prefix
        var path = path
        while k < end {
            if punct(k) == 0x7B, let close = file.matchingBracket(k) {
                return splitAtCommas((k + 1)..<close).flatMap {
                    rustTree($0.lowerBound, $0.upperBound, prefix: last, path: path)
                }
            } else if punct(k) == 0x2A || punct(k) == 0x3B {
                return []
            } else if isWord(k, "as") {
                let alias = nextCode(k + 1, end)
                guard alias < end, !isWord(alias, "_") else { return [] }
                return [ImportBinding(keys: [file.text(alias)], name: file.text(alias), token: alias)]
            } else if file.tokens[k].kind == .identifier || file.tokens[k].kind == .keyword {
                if !isWord(k, "self") {
                    last = k
                    path += "::" + file.text(k)
                }
            }
            k = nextCode(k + 1, end)
        }
        guard let last else { return [] }
        return [ImportBinding(keys: ["path" + path], name: file.text(last), token: last)]
    }

    private func swiftImport(_ start: Int, _ end: Int) -> [ImportBinding] {
        guard start < end else { return [] }
        let text = compactText(start..<end)
        return [ImportBinding(keys: [text], name: text, token: start)]
    }

    private func jvmImport(_ start: Int, _ end: Int) -> [ImportBinding] {
        var k = start
        let isStatic = k < end && isWord(k, "static")
        if isStatic { k = nextCode(k + 1, end) }
        guard k < end, file.tokens[k].kind == .identifier || file.tokens[k].kind == .keyword else { return [] }
        let name = dottedName(k, end)
        let path = compactText(k..<name.end)
        if name.end < end, punct(name.end) == 0x2E { return [] }  // `a.b.*`
        var keys = [(isStatic ? "static " : "") + path]
        var shown = file.text(name.last)
        var token = name.last
        if name.end < end, isWord(name.end, "as") {
            let alias = nextCode(name.end + 1, end)
            guard alias < end else { return [] }
            token = alias
            shown = file.text(alias)
            keys = ["name " + shown]
        } else if !isStatic {
            // A simple name from two packages: an error in Java; in Kotlin only for types (functions overload).
            let first = file.bytes[file.tokens[name.last].start]
            if file.language == .java || (first >= 0x41 && first <= 0x5A) { keys.append("name " + shown) }
        }
        return [ImportBinding(keys: keys, name: shown, token: token)]
    }
}
