/// What kind of name a definition introduces.
public enum DefinitionKind: String, Sendable, Codable, CaseIterable {
    case function, method, `class`, parameter, variable, field
    /// A name bound by an import (`from app import old_name`, `import { oldName }`).
    case importBinding = "import"
    /// A named argument at a call site (`f(old_field=1)`, `f(oldField: 1)`): the callee's parameter.
    case keywordArgument = "keyword-argument"
}

/// One name a file defines: where, what kind, and the scope that bounds its uses.
public struct Definition: Sendable, Equatable {
    /// The name as written.
    public var name: String
    /// What the name is.
    public var kind: DefinitionKind
    /// Index of the name's token in `ScannedFile.tokens`.
    public var token: Int
    /// The function scope a local variable or parameter lives in (its body); `nil` for module-level,
    /// class-level and exported names, whose uses may be anywhere.
    public var functionScope: Int?
    /// For a parameter: the token of its function's name, when the function has one.
    public var owner: Int?
}

/// Keywords that introduce a type rather than a function.
private let typeKeywords: Set<String> = [
    "class", "struct", "enum", "interface", "protocol", "trait", "record", "object", "type", "typealias",
    "module", "actor", "union", "namespace", "extension", "impl",
]
private let bindingKeywords: Set<String> = ["let", "var", "const", "val", "mut"]

extension ScannedFile {
    /// Every definition in the file, by token index: functions, methods, classes, parameters, variables
    /// (assignment targets and `let`/`var`/`const`/`val`), fields (class-level assignments and
    /// `self.x =`), import bindings and keyword arguments.
    public func definitions() -> [Int: Definition] {
        var result: [Int: Definition] = [:]
        let headKeyword = scopeHeadKeywords()
        func add(_ k: Int, _ kind: DefinitionKind, function: Int?) {
            if result[k] == nil { result[k] = Definition(name: text(k), kind: kind, token: k, functionScope: function) }
        }
        func enclosingFunction(_ k: Int) -> Int? {
            let scope = definitionScope(of: scope(of: k))
            guard scope != 0, let keyword = headKeyword[scope], !typeKeywords.contains(keyword) else { return nil }
            return scope
        }
        for line in logicalLines {
            let code = line.filter { tokens[$0].isCode && tokens[$0].interpolationDepth == 0 }
            guard let first = code.first else { continue }
            if isImportKeyword(first) {
                for k in code where tokens[k].kind == .identifier {
                    add(k, .importBinding, function: enclosingFunction(k))
                }
                continue
            }
            for (position, k) in code.enumerated() where tokens[k].kind == .identifier {
                let previous = position > 0 ? code[position - 1] : nil
                let next = position + 1 < code.count ? code[position + 1] : nil
                if let previous, isDefinitionKeyword(previous) {
                    let keyword = text(previous)
                    if typeKeywords.contains(keyword) {
                        add(k, .class, function: nil)
                    } else {
                        add(k, isInType(k, headKeyword) ? .method : .function, function: enclosingFunction(k))
                        if let next, punctuation(next) == "(" { addParameters(open: next, owner: k, into: &result) }
                    }
                } else if let previous, bindingKeywords.contains(text(previous)) {
                    add(k, .variable, function: enclosingFunction(k))
                } else if let next, isAssignment(next), previous == nil || isMemberOfSelf(code, position) {
                    let kind: DefinitionKind = previous != nil || isInType(k, headKeyword) ? .field : .variable
                    add(k, kind, function: kind == .field ? nil : enclosingFunction(k))
                } else if previous == nil, let next, token(next, is: ":"), isInType(k, headKeyword) {
                    add(k, .field, function: nil)  // `old_field: str = ""`, `oldField: string;`
                } else if let previous, let next, isKeywordArgument(previous: previous, next: next) {
                    add(k, .keywordArgument, function: nil)
                }
            }
            // Arrow functions: `(a, b) => …`.
            for k in code where punctuation(k) == "(" {
                if let close = matchingBracket(k), close + 1 < tokens.count,
                    let arrow = tokens[(close + 1)...].firstIndex(where: { $0.isCode }), token(arrow, is: "=>")
                {
                    addParameters(open: k, owner: nil, into: &result)
                }
            }
        }
        return result
    }

    /// Adds the parameters of the list opened by the `(` at `open`; their function scope is the body
    /// scope that opens after the list (or the file when there is none, e.g. an expression-bodied arrow).
    private func addParameters(open: Int, owner: Int?, into result: inout [Int: Definition]) {
        guard let close = matchingBracket(open) else { return }
        let body = scopes.first { ($0.opener ?? -1) > close && $0.parent == scope(of: open) }?.id
        var previous = open
        for k in (open + 1)..<close where tokens[k].isCode {
            let marker = punctuation(previous)
            let afterSeparator = ["(", ",", "*", "**", "&", "...", "&&"].contains(marker)
            let afterLabel = tokens[previous].kind == .identifier && result[previous]?.kind == .parameter
            if tokens[k].kind == .identifier, afterSeparator || afterLabel, scope(of: k) == scope(of: open) {
                if result[k] == nil {
                    result[k] = Definition(
                        name: text(k), kind: .parameter, token: k, functionScope: body, owner: owner)
                }
            }
            previous = k
        }
    }

    /// The names a caller writes to call the function that declares `parameter`: the function's own name,
    /// and for a constructor (`__init__`, `init`, `constructor`, `initialize`) the name of its type. Empty
    /// for an anonymous function.
    public func callees(of parameter: Definition) -> [String] {
        guard let owner = parameter.owner else { return [] }
        let name = text(owner)
        guard ["__init__", "init", "constructor", "initialize", "__new__"].contains(name) else { return [name] }
        let scope = definitionScope(of: scope(of: owner))
        guard scope != 0, let opener = scopes[scope].opener else { return [] }
        // The type's name: the identifier right after the nearest type keyword before the body opens.
        var k = opener
        while k > 0, opener - k < 400 {
            k -= 1
            if isDefinitionKeyword(k), typeKeywords.contains(text(k)),
                let next = tokens[(k + 1)...].firstIndex(where: { $0.isCode }), tokens[next].kind == .identifier
            {
                return [text(next)]
            }
        }
        return []
    }

    /// The text of a punctuation token, or "".
    private func punctuation(_ k: Int) -> String { tokens[k].kind == .punctuation ? text(k) : "" }

    private func isAssignment(_ k: Int) -> Bool {
        token(k, is: "=") || token(k, is: ":=")
    }

    /// `self.x` / `this.x` / `@x`-style targets: the identifier follows `self .` at the start of the line.
    private func isMemberOfSelf(_ code: [Int], _ position: Int) -> Bool {
        position == 2 && punctuation(code[1]) == "." && (token(code[0], is: "self") || token(code[0], is: "this"))
    }

    /// `f(name=…)` / `f(name: …)`: an identifier right after `(` or `,` of a call, followed by `=` or `:`.
    private func isKeywordArgument(previous: Int, next: Int) -> Bool {
        let marker = punctuation(previous)
        guard marker == "(" || marker == "," else { return false }
        guard token(next, is: "=") || (token(next, is: ":") && language != .python) else { return false }
        // Inside a call's parentheses (not a dict, array or block).
        var depth = 0
        var k = previous
        while k >= 0 {
            let p = punctuation(k)
            if p == ")" || p == "]" || p == "}" { depth += 1 }
            if p == "(" || p == "[" || p == "{" {
                if depth == 0 { return p == "(" && k > 0 && tokens[k - 1].kind == .identifier }
                depth -= 1
            }
            k -= 1
        }
        return false
    }

    /// Whether the token at `k` sits directly in a class-like body.
    private func isInType(_ k: Int, _ heads: [Int: String]) -> Bool {
        let scope = definitionScope(of: scope(of: k))
        return scope != 0 && heads[scope].map(typeKeywords.contains) == true
    }

    /// For each definition scope, the definition keyword on the line that opens it (`def`, `class`…).
    func scopeHeadKeywords() -> [Int: String] {
        var result: [Int: String] = [:]
        for scope in scopes where scope.kind == .definition {
            guard let opener = scope.opener else { continue }
            var k = opener
            while k > 0, opener - k < 400 {
                k -= 1
                if isDefinitionKeyword(k) {
                    result[scope.id] = text(k)
                    break
                }
            }
        }
        return result
    }
}
