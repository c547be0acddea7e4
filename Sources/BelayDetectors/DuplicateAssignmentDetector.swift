import BelayCore
import BelayScan

/// `duplicate-assignment`: a variable assigned twice in straight-line code with no read in between.
///
/// One pass over the statements keeps, per variable name, the last plain assignment not yet read. Any later
/// mention of the name as a code token (an identifier in any scope, inside an interpolation or a Rust
/// `format!("{x}")` too, or in the right-hand side of the next assignment, braces included: `x = x + 1`,
/// `let v = if c { f(v) } else { v };`) counts as a read. A jump, a nested definition, an exception handler
/// or another arm (`return`, `def`, `lambda`, `global`, `except`, `else`, `case`…) counts as a read of
/// everything, except the arms of a conditional expression in the assigned value (`s = "a" if c else ""`,
/// Kotlin `if (c) a else b`, `when`): the store runs either way. A second assignment in the same scope and branch then makes the first value dead; inside one
/// loop body too (within one iteration). Only plain locals are candidates: declared in the function
/// (`let`, `var`, `:=`, a Java type, a parameter) where the language has declarations, not `global` /
/// `nonlocal`, not captured by a nested function, lambda or closure, not Ruby `@x` / `$x`. Python module
/// and class state counts only while no call runs in between. Not flagged: augmented assignments,
/// attribute and subscript targets (`self.x`, `a[i]`: a setter may have effects), tuple targets, `_`,
/// assignments in `try` blocks (unless two adjacent constant stores: nothing between them can throw), in
/// different branches, conditional ones (`x = 1 if c` in Ruby, the line
/// after a braceless `if (c)`, Rust `#[cfg]`). Rust `let x = a; let x = b;` that never reads `x` in `b` is
/// a dead store too (Rust names starting with `_` are skipped: guards live until scope end).
public struct DuplicateAssignmentDetector: Detector {
    /// The rule's id, documentation and examples.
    public static let description = RuleDescription(
        id: "duplicate-assignment",
        summary: "a variable assigned twice in straight-line code with no read in between: the first value is dead",
        rationale: """
            When an agent renames a field it often adds the corrected line above the old one instead of \
            replacing it: `new_text = new_field.label` followed by the surviving `new_text = old_field.label`. \
            The tests still pass and no linter complains, but the old value silently wins.
            """,
        defaultSeverity: .error,
        hint: "remove one of them — if you meant to replace the old line, delete it",
        triggering: [
            .init(
                "def label(new_field, old_field):\n    1️⃣new_text = new_field.label\n    new_text = old_field.label\n"
                    + "    return new_text\n"),
            .init(
                "function f() {\n  let 1️⃣total = price * count;\n  total = price;\n  return total;\n}\n",
                fileName: "a.js"),
            .init("func f() {\n\t1️⃣err := load()\n\terr = save()\n\tcheck(err)\n}\n", fileName: "a.go"),
            .init("fn f(a: i32) -> i32 {\n    let 1️⃣x = a * 2;\n    let x = a + 1;\n    x\n}\n", fileName: "a.rs"),
            .init(
                "func f() {\n    var 1️⃣title = item.name\n    title = item.label\n    print(title)\n}\n",
                fileName: "a.swift"),
            .init("fun f() {\n    var 1️⃣title = item.name\n    title = item.label\n}\n", fileName: "a.kt"),
            .init(
                "class A {\n  void f() {\n    String 1️⃣s = a();\n    s = b();\n    use(s);\n  }\n}\n", fileName: "A.java"
            ),
            .init("def f\n  1️⃣x = old\n  x = new\n  x\nend\n", fileName: "a.rb"),
            .init("def f(items):\n    for item in items:\n        1️⃣x = 1\n        x = item\n        use(x)\n"),
            .init("def f(flag):\n    1️⃣s = None\n    s = \"a\" if flag else \"\"\n    return s\n"),
        ],
        nonTriggering: [
            .init("def f():\n    x = 1\n    x = x + 1\n    y = f(x)\n    y = g(y)\n"),
            .init("fun f(c: Boolean) {\n    var s = \"\"\n    s = if (c) s else \"\"\n}\n", fileName: "a.kt"),
            .init(
                "def f(self, a):\n    count = 0\n    count += 1\n    count = 5\n    self.x = 1\n    self.x = 2\n    a[0] = 1\n    a[0] = 2\n"
            ),
            .init("def f(c):\n    x = 1\n    if c:\n        x = 2\n    else:\n        x = 3\n"),
            .init("def f():\n    try:\n        x = 1\n        x = parse()\n    except E:\n        log(x)\n"),
            .init("def f():\n    x = 1\n    def g():\n        return 2\n    x = 2\n"),
            .init("def f():\n    x = 1\n    print(f\"{x}\")\n    x = 2\n    # x = 3\n"),
            .init("DEBUG = False\nconfigure()\nDEBUG = True\n"),
            .init("fn f(a: i32) {\n    let x = a;\n    let x = x + 1;\n}\n", fileName: "a.rs"),
            .init("function f(c) {\n  if (c)\n    x = 1;\n  else\n    x = 2;\n}\n", fileName: "a.js"),
            .init("func f() {\n    var x = 1\n    defer { print(x) }\n    x = 2\n}\n", fileName: "a.swift"),
        ]
    )

    /// Creates the detector.
    public init() {}

    private struct Pending {
        var target: Int
        var scope: Int
        var branch: Int
        /// A Python module-level or class-level store: any call in between may read it.
        var global: Bool
        /// In a `try` block: the index of the statement, a constant store that only the very next
        /// statement, itself a constant store (nothing in between can throw), may make dead.
        var protected: Int?
    }

    /// Every assignment whose value is overwritten in the same scope and branch before any read.
    public func findings(in file: SourceFile) -> [Diagnostic] {
        guard let scanned = file.scanned else { return [] }
        let statements = ScopeStatements(scanned)
        let tokens = scanned.tokens
        var locals = AssignmentLocals(statements)
        var pending: [UInt64: Pending] = [:]
        var cache = [Int8](repeating: -1, count: scanned.scopes.count)
        var afterBracelessHeader = false
        var result: [Diagnostic] = []
        for (index, statement) in statements.list.enumerated() {
            if !pending.isEmpty { pending = pending.filter { $0.value.protected.map { $0 == index - 1 } ?? true } }
            let assignment = statements.assignment(statement)
            let target = assignment?.target
            let start = min(statement.attributes.lowerBound, statement.range.lowerBound)
            let end = target == nil ? statement.range.upperBound : statements.expressionEnd(statement)
            var calls = false
            for k in start..<end where k != target && !pending.isEmpty {
                let kind = tokens[k].kind
                if kind == .string && scanned.language == .rust {
                    Self.clearFormatArguments(in: tokens[k], scanned.bytes, &pending, statements)
                }
                if statements.punct(k) == 0x28 && k > start && tokens[k - 1].isCode { calls = true }
                guard kind == .identifier || kind == .keyword else { continue }
                if kind == .identifier && scanned.language == .ruby && statements.mayCallInRuby(k) { calls = true }
                let hash = Self.hash(scanned.bytes, tokens[k])
                if kind == .identifier, let entry = pending[hash], statements.sameText(entry.target, k),
                    !statements.isMemberName(k)
                {
                    pending[hash] = nil
                }
                // A breaker spelled as a plain name (Go `def != nil`, Python `default(…)`) is a value, not
                // control flow: only a keyword, a statement head or an introspection call breaks. The arms
                // of a conditional expression in the value (`s = "a" if c else ""`, Kotlin `if (c) a else
                // b`, `when`) pick the value; the store itself always runs.
                if Self.breakerHashes.contains(hash) && straightLineBreakers.contains(scanned.text(k))
                    && (kind == .keyword || k == statement.head || nameBreakers.contains(scanned.text(k)))
                    && !(target.map { k > $0 } == true && valueArmWords.contains(scanned.text(k)))
                {
                    // `x = items.map do |i| … end`: the block is part of the new value; only a mention of `x`
                    // in it reads the old one.
                    let own = target.flatMap { t in pending.first { statements.sameText($0.value.target, t) } }
                    pending.removeAll()
                    if let own, let target, scanned.language == .ruby, statements.isWord(k, "do"),
                        !statements.rubyBlockMentions(target, do: k)
                    {
                        pending[own.key] = own.value
                    }
                }
            }
            let hash = target.map { Self.hash(scanned.bytes, tokens[$0]) }
            if calls { pending = pending.filter { !$0.value.global || $0.key == hash } }
            defer {
                let last = statement.range.upperBound - 1
                afterBracelessHeader =
                    scanned.language != .python && scanned.language != .ruby
                    && Self.controlHashes.contains(Self.hash(scanned.bytes, tokens[statement.head]))
                    && controlHeads.contains(scanned.text(statement.head)) && statements.punct(last) != 0x7B
            }
            let definition = statements.functionScope(of: statement.scope)
            for declared in statements.declaredNames(statement) {
                locals.declare(Self.hash(scanned.bytes, tokens[declared]), in: definition, from: statement.scope)
            }
            guard let target, let hash, let assignment else { continue }
            if assignment.declares { locals.declare(hash, in: definition, from: statement.scope) }
            // `if (c)\n  x = 1;`, `x = 1 if c`, `#[cfg(c)] let x = 1;` run only sometimes.
            if afterBracelessHeader || statements.isConditional(statement, after: target) {
                pending[hash] = nil
                continue
            }
            if let entry = pending[hash], statements.sameText(entry.target, target), entry.scope == statement.scope,
                entry.branch == statement.branch,
                entry.protected == nil || statements.storesConstant(statement, after: target)
            {
                var diagnostic = Self.diagnostic(
                    "'\(scanned.text(target))' is assigned here, then assigned again on line "
                        + "\(statements.lineNumber(of: target, in: file)) before it is read: this value is dead",
                    path: file.path, start: tokens[entry.target].start, end: tokens[entry.target].end)
                diagnostic.related = [
                    RelatedNote(
                        location: SourceLocation(path: file.path, start: tokens[target].start, end: tokens[target].end),
                        message: "assigned again here")
                ]
                result.append(diagnostic)
            }
            // Module and class state: only at that level, while no call runs in between. Inside a function
            // only its plain locals: a store to a field, a package variable or a captured name is a side
            // effect other code may observe (Go `globp = &r; globp = &s` sinks) — unless the first value is
            // a constant (`hexDumper = null;`) and no call runs before it is overwritten. A local that an
            // arrow function defined earlier mentions is captured: a call may run the arrow and read it.
            let local =
                definition == 0 || statements.isClassBody(definition)
                || (locals.isPlainLocal(hash, in: definition, language: scanned.language)
                    && !locals.capturedByArrow(hash, in: definition, before: target))
            let global = definition == 0 || statements.isClassBody(definition) || !local
            let protected = statements.inProtectedBlock(statement.scope, cache: &cache)
            let straight =
                (definition != 0 || scanned.language == .python)
                && (!protected || statements.storesConstant(statement, after: target))
                && (local || statements.storesConstant(statement, after: target))
                && !locals.escapes(hash, in: definition)
                && !(scanned.language == .ruby && [0x40, 0x24].contains(scanned.bytes[tokens[target].start]))
            pending[hash] =
                straight
                ? Pending(
                    target: target, scope: statement.scope, branch: statement.branch, global: global,
                    protected: protected ? index : nil) : nil
        }
        return result
    }

    /// Rust 2021 inline format arguments: `format!("{a:?}")` reads `a`.
    private static func clearFormatArguments(
        in token: Token, _ bytes: [UInt8], _ pending: inout [UInt64: Pending], _ statements: ScopeStatements
    ) {
        var i = token.start
        while i < token.end {
            defer { i += 1 }
            guard bytes[i] == 0x7B else { continue }
            if i + 1 < token.end && bytes[i + 1] == 0x7B {
                i += 1
                continue
            }
            var j = i + 1
            while j < token.end,
                bytes[j] == 0x5F || bytes[j] >= 0x80 || (bytes[j] | 0x20 >= 0x61 && bytes[j] | 0x20 <= 0x7A)
                    || (j > i + 1 && bytes[j] >= 0x30 && bytes[j] <= 0x39)
            {
                j += 1
            }
            guard j > i + 1, j < token.end, bytes[j] == 0x7D || bytes[j] == 0x3A else { continue }
            let name = Token(kind: .identifier, start: i + 1, end: j)
            let hash = Self.hash(bytes, name)
            if let entry = pending[hash], statements.file.text(entry.target) == statements.file.text(of: name) {
                pending[hash] = nil
            }
        }
    }

    static let breakerHashes = Set(
        straightLineBreakers.map { hash(Array($0.utf8), Token(kind: .keyword, start: 0, end: $0.utf8.count)) })
    static let controlHashes = Set(
        controlHeads.map { hash(Array($0.utf8), Token(kind: .keyword, start: 0, end: $0.utf8.count)) })

    /// FNV-1a of a token's bytes: a name's key without allocating a `String`.
    static func hash(_ bytes: [UInt8], _ token: Token) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for index in token.start..<token.end {
            value = (value ^ UInt64(bytes[index])) &* 0x100_0000_01b3
        }
        return value
    }
}
