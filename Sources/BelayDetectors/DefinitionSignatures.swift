import BelayScan

/// A definition as duplicate-definition compares it.
struct DefinitionSignature {
    /// What two definitions in one scope must share to collide: the name, plus whatever the language
    /// overloads on (Swift labels, types and return type; Java and Kotlin parameter types; JavaScript
    /// `static` and `get`/`set`; Go receiver type; Rust namespace).
    var key: String
    /// The name token.
    var name: Int
}

/// Modifiers that may precede a definition keyword or a method name.
private let modifiers: Set<String> = [
    "export", "default", "async", "declare", "abstract", "public", "private", "protected", "internal",
    "fileprivate", "open", "static", "readonly", "override", "final", "mutating", "nonmutating", "convenience",
    "required", "dynamic", "nonisolated", "indirect", "synchronized", "native", "strictfp", "sealed", "data",
    "enum", "inline", "suspend", "operator", "infix", "tailrec", "external", "lateinit", "inner", "value",
    "annotation", "companion", "unsafe", "const", "extern", "pub", "get", "set", "class", "*", "actual", "expect",
]

extension ScopeStatements {
    /// The signature of `statement` if it defines a function, method or type, else `nil`.
    func definition(_ statement: ScopeStatement, inTypeBody: Bool) -> DefinitionSignature? {
        let end = statement.range.upperBound
        var k = statement.head
        var prefix = ""
        // Modifiers; a modifier directly followed by `(` or `=` is itself the name (`get() {}`, `static = 1`).
        while k < end, modifiers.contains(file.text(k)) {
            var next = nextCode(k + 1, end)
            if file.language == .rust, isWord(k, "pub"), next < end, punct(next) == 0x28,
                let close = file.matchingBracket(next)
            {
                next = nextCode(close + 1, end)
            }
            guard next < end, punct(next) != 0x28, punct(next) != 0x3D, punct(next) != 0x3C else { break }
            if isWord(k, "class") || isWord(k, "enum") {
                // `class func`, `enum class`: a modifier only in Swift and Kotlin, before another keyword.
                guard file.language == .swift || file.language == .kotlin,
                    isWord(next, "func") || isWord(next, "var") || isWord(next, "subscript")
                        || modifiers.contains(file.text(next))
                else { break }
            }
            if isWord(k, "static") || isWord(k, "get") || isWord(k, "set") { prefix += file.text(k) + " " }
            k = next
        }
        guard k < end else { return nil }
        let keyword = file.text(k)
        let nameStart = nextCode(k + 1, end)
        switch (file.language, keyword) {
        case (.python, "def"), (.python, "class"):
            guard nameStart < end, !isWord(nameStart, "_"), !hasCompanionDecorator(statement) else { return nil }
            return DefinitionSignature(key: file.text(nameStart), name: nameStart)
        case (.ruby, "def"):
            guard nameStart < end else { return nil }
            let receiverDot = nextCode(nameStart + 1, end)
            if receiverDot < end, punct(receiverDot) == 0x2E, nextCode(receiverDot + 1, end) < end {
                let name = nextCode(receiverDot + 1, end)
                return DefinitionSignature(key: file.text(nameStart) + "." + rubyMethodName(name, end), name: name)
            }
            guard file.tokens[nameStart].kind != .identifier else {
                return DefinitionSignature(key: rubyMethodName(nameStart, end), name: nameStart)
            }
            var open = nameStart
            while open < end, punct(open) != 0x28 { open += 1 }
            return DefinitionSignature(key: compactText(nameStart..<open), name: nameStart)
        case (.javascript, "function"), (.typescript, "function"):
            var name = nameStart
            if name < end, punct(name) == 0x2A { name = nextCode(name + 1, end) }
            guard name < end, file.tokens[name].kind == .identifier, hasBody(after: name, end) else { return nil }
            return DefinitionSignature(key: file.text(name), name: name)
        case (.go, "func"):
            guard nameStart < end else { return nil }
            var receiver = ""
            var name = nameStart
            if punct(nameStart) == 0x28, let close = file.matchingBracket(nameStart) {
                for j in (nameStart + 1)..<close where file.tokens[j].kind == .identifier { receiver = file.text(j) }
                name = nextCode(close + 1, end)
                // `func (r *T[K]) m()`: the receiver type is the identifier before any `[`.
                var j = nameStart + 1
                var last = ""
                while j < close && punct(j) != 0x5B {
                    if file.tokens[j].kind == .identifier { last = file.text(j) }
                    j += 1
                }
                receiver = last + "."
            }
            // `func(w io.Writer) io.Writer {…}` is a literal: a named definition has `(` or `[` after its name.
            let afterName = nextCode(name + 1, end)
            guard name < end, file.tokens[name].kind == .identifier, !isWord(name, "init"), !isWord(name, "_"),
                afterName < end, punct(afterName) == 0x28 || punct(afterName) == 0x5B
            else { return nil }
            return DefinitionSignature(key: receiver + file.text(name), name: name)
        case (.go, "type"), (.rust, "struct"), (.rust, "enum"), (.rust, "trait"), (.rust, "type"), (.rust, "union"),
            (.rust, "mod"), (.swift, "struct"), (.swift, "class"), (.swift, "enum"), (.swift, "protocol"),
            (.swift, "actor"), (.swift, "typealias"), (.java, "class"), (.java, "interface"), (.java, "enum"),
            (.java, "record"), (.kotlin, "class"), (.kotlin, "interface"), (.kotlin, "object"),
            (.kotlin, "typealias"), (.javascript, "class"), (.typescript, "class"), (.typescript, "interface"),
            (.typescript, "enum"):
            guard nameStart < end, file.tokens[nameStart].kind == .identifier else { return nil }
            // TypeScript merges interface declarations; Kotlin `companion object` has no name.
            if file.language == .typescript && keyword == "interface" { return nil }
            return DefinitionSignature(key: "type " + file.text(nameStart), name: nameStart)
        case (.rust, "fn"):
            // `fn(u8) -> u8` pointer types and `fn $name` macro fragments have no identifier name.
            guard nameStart < end, file.tokens[nameStart].kind == .identifier else { return nil }
            return DefinitionSignature(key: "fn " + file.text(nameStart), name: nameStart)
        case (.swift, "func"):
            guard nameStart < end else { return nil }
            return swiftSignature(prefix, name: nameStart, end)
        case (.swift, "init"), (.swift, "subscript"):
            return swiftSignature(prefix, name: k, end)
        case (.kotlin, "fun"):
            var name = nameStart
            if name < end, punct(name) == 0x3C, let close = angleClose(name, end) { name = nextCode(close + 1, end) }
            // An extension receiver `Type.name`: the name is the last segment before `(`.
            var j = name
            while j < end, punct(j) != 0x28 {
                if file.tokens[j].kind == .identifier { name = j }
                j += 1
            }
            guard name < end, j < end, let close = file.matchingBracket(j) else { return nil }
            return DefinitionSignature(
                key: compactText(nameStart..<(name + 1)) + "(" + parameterTypes(j, close) + ")", name: name)
        default:
            guard inTypeBody else { return nil }
            return methodSignature(prefix, from: k, end)
        }
    }

    /// A method in a class body: `name(…) {` (JavaScript, TypeScript) or `Type name(…) {` (Java).
    private func methodSignature(_ prefix: String, from k: Int, _ end: Int) -> DefinitionSignature? {
        var open = k
        while open < end, punct(open) != 0x28 {
            if punct(open) == 0x3D || punct(open) == 0x3A || punct(open) == 0x2E { return nil }
            open = nextCode(open + 1, end)
        }
        guard open < end, let close = file.matchingBracket(open), open > k || file.language != .java else { return nil }
        var name = open - 1
        while name > k && !file.tokens[name].isCode { name -= 1 }
        guard file.tokens[name].kind == .identifier || file.tokens[name].kind == .keyword, hasBody(after: name, end)
        else { return nil }
        switch file.language {
        case .java:
            return DefinitionSignature(key: file.text(name) + "(" + parameterTypes(open, close) + ")", name: name)
        case .javascript, .typescript:
            guard name == k else { return nil }
            return DefinitionSignature(key: prefix + file.text(name), name: name)
        default: return nil
        }
    }

    /// Swift: the name, each parameter's argument label and type, and everything after the parameters
    /// (return type, `throws`, `where`), so overloads never collide. A `subscript` parameter has no
    /// argument label unless it spells one before its name (`subscript(key: K)` is called `s[k]`, like
    /// `subscript(_ key: K)`; `subscript(key key: K)` is `s[key: k]`).
    private func swiftSignature(_ prefix: String, name: Int, _ end: Int) -> DefinitionSignature? {
        var open = name
        while open < end, punct(open) != 0x28 { open += 1 }
        guard open < end, let close = file.matchingBracket(open) else { return nil }
        let subscriptLabels = isWord(name, "subscript")
        var parts: [String] = []
        for part in splitAtCommas((open + 1)..<close, angles: true) {
            // `@ViewBuilder content: …`: the label follows the parameter's attributes.
            let label = skipAttributes(from: nextCode(part.lowerBound, part.upperBound), to: part.upperBound)
            var colon = label
            while colon < part.upperBound, punct(colon) != 0x3A { colon += 1 }
            var stop = colon
            while stop < part.upperBound, punct(stop) != 0x3D { stop += 1 }
            let unlabeled = subscriptLabels && nextCode(label + 1, part.upperBound) >= colon
            parts.append((unlabeled ? "_" : file.text(label)) + ":" + compactText(min(colon + 1, stop)..<stop))
        }
        var tail = close + 1
        while tail < end, punct(tail) != 0x7B { tail += 1 }
        let key =
            prefix + compactText(name..<open) + "(" + parts.joined(separator: ",") + ")"
            + compactText((close + 1)..<tail)
        return DefinitionSignature(key: key, name: name)
    }

    /// Java and Kotlin: the types of the parameters between `open` and `close`, without names and annotations.
    private func parameterTypes(_ open: Int, _ close: Int) -> String {
        splitAtCommas((open + 1)..<close, angles: true).map { part -> String in
            let start = skipAttributes(from: nextCode(part.lowerBound, part.upperBound), to: part.upperBound)
            if file.language == .kotlin {
                var colon = start
                var vararg = false  // `vararg x: T` takes an `Array<out T>`: another overload than `x: T`
                while colon < part.upperBound, punct(colon) != 0x3A {
                    if isWord(colon, "vararg") { vararg = true }
                    colon += 1
                }
                var stop = colon
                while stop < part.upperBound, punct(stop) != 0x3D { stop += 1 }
                return (vararg ? "vararg " : "") + compactText(min(colon + 1, stop)..<stop)
            }
            var last = part.upperBound - 1
            while last > start && !file.tokens[last].isCode { last -= 1 }
            var first = start
            while first < last, isWord(first, "final") { first = nextCode(first + 1, last) }
            return compactText(first..<last)
        }.joined(separator: ",")
    }

    /// Whether a body follows the parameters after `name`: a `{` before the end, not a type's `: {…}`.
    private func hasBody(after name: Int, _ end: Int) -> Bool {
        var k = name
        while k < end {
            if punct(k) == 0x28 || punct(k) == 0x5B, let close = file.matchingBracket(k) {
                k = close + 1
                continue
            }
            if punct(k) == 0x7B {
                var before = k - 1
                while before > name && !file.tokens[before].isCode { before -= 1 }
                return punct(before) != 0x3A && !file.token(before, is: "=>")
            }
            k += 1
        }
        return false
    }

    /// Ruby: a method name with its `=` setter suffix (`def ui=(v)` is not `def ui`).
    private func rubyMethodName(_ name: Int, _ end: Int) -> String {
        let next = name + 1
        guard next < end, punct(next) == 0x3D, file.tokens[next].start == file.tokens[name].end else {
            return file.text(name)
        }
        return file.text(name) + "="
    }

    /// The `>` closing the generic parameter list opened at `open`.
    private func angleClose(_ open: Int, _ end: Int) -> Int? {
        var depth = 0
        for k in open..<end {
            if punct(k) == 0x3C { depth += 1 }
            if punct(k) == 0x3E { depth -= 1 }
            if depth == 0 { return k }
        }
        return nil
    }
}
