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
        let roles = scopeRoles()
        func add(_ k: Int, _ kind: DefinitionKind, function: Int?) {
            if result[k] == nil { result[k] = Definition(name: text(k), kind: kind, token: k, functionScope: function) }
        }
        for line in logicalLines {
            let code = line.filter { tokens[$0].isCode && tokens[$0].interpolationDepth == 0 }
            guard let first = code.first else { continue }
            if isImportKeyword(first) {
                for k in code where tokens[k].kind == .identifier {
                    add(k, .importBinding, function: enclosingFunction(k, roles))
                }
                continue
            }
            let inType = isInType(first, roles)
            if inType, let method = keywordlessMethod(code) {
                add(method.name, .method, function: enclosingFunction(method.name, roles))
                addParameters(open: method.open, owner: method.name, into: &result)
            }
            for (position, k) in code.enumerated() {
                if isDefinitionKeyword(k) && !typeKeywords.contains(text(k)),
                    let (name, open) = functionName(code, after: position)
                {
                    add(name, isInType(name, roles) ? .method : .function, function: enclosingFunction(name, roles))
                    if let open { addParameters(open: open, owner: name, into: &result) }
                    continue
                }
                guard tokens[k].kind == .identifier else { continue }
                let previous = position > 0 ? code[position - 1] : nil
                let next = position + 1 < code.count ? code[position + 1] : nil
                if let previous, isDefinitionKeyword(previous) {
                    if typeKeywords.contains(text(previous)) {
                        add(k, .class, function: enclosingFunction(k, roles))
                    }
                } else if let previous, bindingKeywords.contains(text(previous)) {
                    add(k, .variable, function: enclosingFunction(k, roles))
                } else if let next, isAssignment(next), previous == nil || isMemberOfSelf(code, position),
                    bindsByAssignment(next, k, roles) || isMemberOfSelf(code, position) && createsAttributes
                {
                    let kind: DefinitionKind = previous != nil || isInType(k, roles) ? .field : .variable
                    add(k, kind, function: kind == .field ? nil : enclosingFunction(k, roles))
                } else if previous == nil, let next, token(next, is: ":"), isInType(k, roles) {
                    add(k, .field, function: nil)  // `old_field: str = ""`, `oldField: string;`
                } else if previous == nil, language == .python, let next, token(next, is: ":"),
                    code.contains(where: { token($0, is: "=") })
                {
                    add(k, .variable, function: enclosingFunction(k, roles))  // `_cv_req: ContextVar[…] = …`
                } else if language == .java, isTypedDeclaration(code, position) {
                    let field = isInType(k, roles)
                    add(k, field ? .field : .variable, function: field ? nil : enclosingFunction(k, roles))
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

    /// Whether `self.x = …` / `this.x = …` creates an attribute (Python, Ruby, JavaScript) rather than
    /// assigning a declared property (Swift, Kotlin, Java).
    private var createsAttributes: Bool {
        language == .python || language == .ruby || language == .javascript || language == .typescript
    }

    /// Whether `name = …` binds a name here: always in Python and Ruby (assignment is declaration), with
    /// `:=` (Go), and in a type body (a class field); elsewhere it assigns a name declared before.
    private func bindsByAssignment(_ operatorToken: Int, _ k: Int, _ roles: [ScopeRole]) -> Bool {
        language == .python || language == .ruby || token(operatorToken, is: ":=") || isInType(k, roles)
    }

    /// What each scope is: a function body, a type body, or neither.
    private enum ScopeRole { case function, type, other }

    /// The role of every scope. A definition body is a type's or a function's by its keyword; a brace
    /// block directly inside a type body is a method's (Java and JavaScript methods, constructors,
    /// initializer blocks and Swift computed properties carry no function keyword).
    private func scopeRoles() -> [ScopeRole] {
        let heads = scopeHeadKeywords()
        var roles = [ScopeRole](repeating: .other, count: scopes.count)
        for scope in scopes where scope.id != 0 {
            if scope.kind == .definition {
                roles[scope.id] = heads[scope.id].map(typeKeywords.contains) == true ? .type : .function
            } else if let parent = scope.parent, roles[parent] == .type, let opener = scope.opener,
                token(opener, is: "{")
            {
                roles[scope.id] = .function
            } else if language == .java, let opener = scope.opener, isAnonymousClassBody(opener) {
                roles[scope.id] = .type
            }
        }
        return roles
    }

    /// Java `new Factory() { … }`: a brace right after the arguments of a `new` expression.
    private func isAnonymousClassBody(_ opener: Int) -> Bool {
        guard token(opener, is: "{"), let close = tokens[..<opener].lastIndex(where: \.isCode), token(close, is: ")"),
            let open = matchingBracket(close)
        else { return false }
        var k = open - 1
        while k >= 0, !tokens[k].isCode || tokens[k].kind == .identifier || [".", "<", ">", ","].contains(text(k)) {
            if token(k, is: "new") { return true }
            k -= 1
        }
        return k >= 0 && token(k, is: "new")
    }

    /// The innermost function body enclosing the token at `k`, or `nil` at module or type level. A type
    /// declared inside a function is local to it, and so are its members.
    private func enclosingFunction(_ k: Int, _ roles: [ScopeRole]) -> Int? {
        var id: Int? = scope(of: k)
        while let current = id, current != 0 {
            if roles[current] == .function { return current }
            id = scopes[current].parent
        }
        return nil
    }

    /// Whether the token at `k` sits in a type body rather than in a function or at module level.
    private func isInType(_ k: Int, _ roles: [ScopeRole]) -> Bool {
        var id: Int? = scope(of: k)
        while let current = id, current != 0 {
            if roles[current] != .other { return roles[current] == .type }
            id = scopes[current].parent
        }
        return false
    }

    /// The name a function keyword at `code[position]` defines, and the `(` of its parameters: the last
    /// identifier before the first `(` outside generics, after a Go receiver (`func (r *T) Name(`), so a
    /// Kotlin receiver type (`fun Exception.suspendAndThrow()`) is not the name. Without a parameter list
    /// (Ruby `def name`), the identifier after the keyword (or after `self.`).
    private func functionName(_ code: [Int], after position: Int) -> (Int, Int?)? {
        var index = position + 1
        if index < code.count, punctuation(code[index]) == "(", let close = matchingBracket(code[index]),
            language == .go
        {
            index = code.firstIndex(where: { $0 > close }) ?? code.count
        }
        var angle = 0
        var name: Int?
        while index < code.count {
            let k = code[index]
            let mark = punctuation(k)
            if mark == "<" { angle += 1 }
            if mark == ">" { angle = max(0, angle - 1) }
            if mark == "(" && angle == 0 {
                // Swift `init(…)` and `subscript(…)` are named by their keyword.
                let keywordNamed =
                    index == position + 1
                    && (token(code[position], is: "init") || token(code[position], is: "subscript"))
                return (name ?? (keywordNamed ? code[position] : nil)).map { ($0, k) }
            }
            if mark == ":" || mark == "=" || mark == "{" || mark == "->" || isDefinitionKeyword(k) { break }
            if tokens[k].kind == .identifier && angle == 0 { name = k }
            index += 1
        }
        // No parameter list: the first identifier after the keyword that is not `self`.
        for k in code[(position + 1)...] {
            if tokens[k].kind == .identifier && !token(k, is: "self") { return (k, nil) }
            if punctuation(k) != "." && !token(k, is: "self") { return nil }
        }
        return nil
    }

    /// Adds the parameters of the list opened by the `(` at `open`; their function scope is the body
    /// scope that opens right after the list on the same line (none for a stub or a requirement). In
    /// Java, where a parameter is written after its type, the name is the last identifier of each
    /// parameter.
    private func addParameters(open: Int, owner: Int?, into result: inout [Int: Definition]) {
        guard let close = matchingBracket(open) else { return }
        let line = logicalLines.first { $0.contains(open) }
        let body = scopes.first {
            guard let opener = $0.opener, opener > close, $0.parent == scope(of: open) else { return false }
            return line?.contains(opener) == true || opener == tokens[(close + 1)...].firstIndex(where: \.isCode)
        }?.id
        func define(_ k: Int) {
            if result[k] == nil {
                result[k] = Definition(name: text(k), kind: .parameter, token: k, functionScope: body, owner: owner)
            }
        }
        if language == .java {
            var depth = 0
            var last: Int?
            for k in (open + 1)...close where tokens[k].isCode {
                let mark = punctuation(k)
                if (mark == "," || k == close) && depth == 0 {
                    if let last { define(last) }
                    last = nil
                    continue
                }
                if mark == "<" || mark == "(" { depth += 1 }
                if mark == ">" || mark == ")" { depth -= 1 }
                if depth == 0 && tokens[k].kind == .identifier && k > 0 && punctuation(k - 1) != "@" { last = k }
            }
            return
        }
        var previous = open
        for k in (open + 1)..<close where tokens[k].isCode {
            let marker = punctuation(previous)
            let afterSeparator = ["(", ",", "*", "**", "&", "...", "&&"].contains(marker)
            // Swift writes an argument label before the name (`at index: Int`); Go writes the type after it.
            let afterLabel =
                language == .swift && tokens[previous].kind == .identifier && result[previous]?.kind == .parameter
            if tokens[k].kind == .identifier, afterSeparator || afterLabel, scope(of: k) == scope(of: open) {
                define(k)
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
    func punctuation(_ k: Int) -> String { tokens[k].kind == .punctuation ? text(k) : "" }

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
