import BelayScan

// Which assignments duplicate-assignment may judge: stores to plain locals of the enclosing definition.

/// Keywords whose body holds fields.
private let typeKeywords: Set<String> = [
    "class", "interface", "enum", "record", "struct", "object", "impl", "trait", "extension", "protocol",
]

/// Names per definition scope that are local (declared there, or parameters) and names that escape it
/// (Python `global` / `nonlocal`, or mentioned by a nested function, lambda or closure).
struct AssignmentLocals {
    private var declared: Set<Key> = []
    private var escaping: Set<Key> = []
    /// The arrow functions (from `=>` to the end of the body) that mention a name, per enclosing function.
    private var arrowCaptures: [Key: [Range<Int>]] = [:]
    /// Class, struct and similar bodies: what is declared there is a field, not a local.
    private var typeBodies: Set<Int> = []

    private struct Key: Hashable {
        var scope: Int
        var name: UInt64
    }

    init(_ statements: ScopeStatements) {
        let file = statements.file
        let tokens = file.tokens
        var headers: [Int: ScopeStatement] = [:]  // definition scope → its header statement
        var openerScope: [Int: Int] = [:]
        for scope in file.scopes where scope.kind == .definition {
            if let opener = scope.opener { openerScope[opener] = scope.id }
        }
        for statement in statements.list {
            for k in statement.range where file.tokens[k].isCode {
                if let scope = openerScope[k] { headers[scope] = statement }
            }
        }
        // Parameters (and anything else in the header) are locals of the body.
        for (scope, header) in headers {
            if header.range.contains(where: { k in
                tokens[k].kind == .keyword && typeKeywords.contains(file.text(k))
            }) {
                typeBodies.insert(scope)
            }
            for k in header.range where tokens[k].kind == .identifier {
                declared.insert(Key(scope: scope, name: DuplicateAssignmentDetector.hash(file.bytes, tokens[k])))
            }
        }
        // JavaScript methods and arrow functions with a block body (`async exec (args) {`, `(er, e) => {`):
        // their parameters are locals of the function that holds the block.
        if file.language == .javascript || file.language == .typescript {
            for statement in statements.list {
                let parameters = Self.blockParameters(statement, statements)
                guard !parameters.isEmpty, statement.range.upperBound < tokens.count else { continue }
                let scope = statements.functionScope(of: file.scope(of: statement.range.upperBound))
                for k in parameters where tokens[k].kind == .identifier {
                    declared.insert(Key(scope: scope, name: DuplicateAssignmentDetector.hash(file.bytes, tokens[k])))
                }
            }
        }
        // A name mentioned in a nested definition escapes every enclosing function (not a Python class body,
        // whose names methods cannot see, nor a Ruby class or module body: its state is tracked like module
        // state, until a call).
        var classBodies: [Int: Bool] = [:]
        for k in tokens.indices where tokens[k].kind == .identifier {
            let own = file.definitionScope(of: file.scope(of: k))
            guard own != 0, var id = file.scopes[own].parent else { continue }
            let hash = DuplicateAssignmentDetector.hash(file.bytes, tokens[k])
            while true {
                let outer = statements.functionScope(of: id)
                if outer == 0 { break }
                let isClass = classBodies[outer] ?? statements.isClassBody(outer)
                classBodies[outer] = isClass
                if !isClass { escaping.insert(Key(scope: outer, name: hash)) }
                guard let parent = file.scopes[outer].parent else { break }
                id = parent
            }
        }
        // A JavaScript arrow function is a closure too: `onReaddir = (…) => { … sync … }` reads `sync` when
        // it runs, which any call after it is defined may do.
        if file.language == .javascript || file.language == .typescript {
            for k in tokens.indices where tokens[k].kind == .punctuation && file.token(k, is: "=>") {
                let body = Self.arrowBody(after: k, statements)
                for name in body where tokens[name].kind == .identifier {
                    let hash = DuplicateAssignmentDetector.hash(file.bytes, tokens[name])
                    var id = file.scope(of: k)
                    while true {
                        let outer = statements.functionScope(of: id)
                        if outer == 0 { break }
                        let key = Key(scope: outer, name: hash)
                        if arrowCaptures[key]?.last != k..<body.upperBound {
                            arrowCaptures[key, default: []].append(k..<body.upperBound)
                        }
                        guard let parent = file.scopes[outer].parent else { break }
                        id = parent
                    }
                }
            }
        }
        // `global x`, `nonlocal x`, and the names after `lambda` in one statement (not the lambdas' own
        // parameters: `lambda dist, rand_state: f(rand_state)` does not see the outer `rand_state`).
        for statement in statements.list {
            let scope = statements.functionScope(of: statement.scope)
            var escapes = statements.isWord(statement.head, "global") || statements.isWord(statement.head, "nonlocal")
            var parameters: Set<UInt64> = []
            var inParameters = false
            var depth = 0
            for k in statement.range {
                switch statements.punct(k) {
                case 0x28, 0x5B, 0x7B: depth += 1
                case 0x29, 0x5D, 0x7D: depth -= 1
                case 0x3A where inParameters && depth == 0: inParameters = false
                default: break
                }
                if tokens[k].kind == .keyword && (file.token(k, is: "lambda")) {
                    escapes = true
                    inParameters = true
                    depth = 0
                }
                guard escapes && tokens[k].kind == .identifier else { continue }
                let hash = DuplicateAssignmentDetector.hash(file.bytes, tokens[k])
                if inParameters {
                    parameters.insert(hash)
                } else if !parameters.contains(hash) {
                    escaping.insert(Key(scope: scope, name: hash))
                }
            }
        }
    }

    /// The parameter tokens of a statement that opens a block body with `(…) {` or `(…) => {` (not after
    /// `if`, `for`, `while`, `switch`, `with`).
    private static func blockParameters(_ statement: ScopeStatement, _ statements: ScopeStatements) -> Range<Int> {
        let file = statements.file
        var last = statement.range.upperBound - 1
        while last > statement.head && !file.tokens[last].isCode { last -= 1 }
        guard statements.punct(last) == 0x7B, last > statement.head else { return 0..<0 }
        var close = last - 1
        while close > statement.head && !file.tokens[close].isCode { close -= 1 }
        if statements.isWord(close, "=>") {
            close -= 1
            while close > statement.head && !file.tokens[close].isCode { close -= 1 }
            if file.tokens[close].kind == .identifier { return close..<(close + 1) }
        }
        guard statements.punct(close) == 0x29, let open = file.matchingBracket(close), open >= statement.head
        else { return 0..<0 }
        var before = open - 1
        while before >= statement.head && !file.tokens[before].isCode { before -= 1 }
        if before >= statement.head, file.tokens[before].kind == .keyword,
            ["if", "for", "while", "switch", "with"].contains(file.text(before))
        {
            return 0..<0
        }
        return (open + 1)..<close
    }

    /// The tokens of the body after the arrow at `arrow`: a `{ … }` block, or an expression up to a `,`,
    /// `;` or line end outside brackets, or an unmatched closing bracket.
    private static func arrowBody(after arrow: Int, _ statements: ScopeStatements) -> Range<Int> {
        let file = statements.file
        let count = file.tokens.count
        let first = statements.nextCode(arrow + 1, count)
        if first < count, statements.punct(first) == 0x7B, let close = file.matchingBracket(first) {
            return first..<close
        }
        var k = first
        while k < count {
            let c = statements.punct(k)
            if [0x28, 0x5B, 0x7B].contains(c), let close = file.matchingBracket(k) {
                k = close + 1
                continue
            }
            if [0x29, 0x5D, 0x7D, 0x2C, 0x3B].contains(c) || file.tokens[k].kind == .newline { break }
            k += 1
        }
        return first..<max(first, k)
    }

    /// Records that `name` is declared in definition scope `scope` (`let`, `var`, `:=`, a typed local) by a
    /// statement in `statementScope`; a field declared directly in a type body is not a local.
    mutating func declare(_ name: UInt64, in scope: Int, from statementScope: Int) {
        guard !typeBodies.contains(statementScope) else { return }
        declared.insert(Key(scope: scope, name: name))
    }

    /// Whether a nested function, lambda or closure, or a `global` / `nonlocal` statement, sees `name`.
    func escapes(_ name: UInt64, in scope: Int) -> Bool { escaping.contains(Key(scope: scope, name: name)) }

    /// Whether an arrow function defined before token `k`, and not holding it, mentions `name`: a call
    /// between two stores may run it and read the first value.
    func capturedByArrow(_ name: UInt64, in scope: Int, before k: Int) -> Bool {
        arrowCaptures[Key(scope: scope, name: name)]?.contains { $0.lowerBound < k && !$0.contains(k) } ?? false
    }

    /// Whether a store to `name` in definition scope `scope` is a store to a plain local that nothing
    /// else can see: declared there (in languages with declarations) and not escaping.
    func isPlainLocal(_ name: UInt64, in scope: Int, language: Language) -> Bool {
        let key = Key(scope: scope, name: name)
        if escaping.contains(key) { return false }
        switch language {
        case .python, .ruby: return true
        default: return declared.contains(key)
        }
    }
}
