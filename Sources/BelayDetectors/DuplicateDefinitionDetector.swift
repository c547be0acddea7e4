import BelayCore
import BelayScan

/// `duplicate-definition`: a function, method, class or type defined twice in one scope.
///
/// Two definitions collide when they sit in the same scope (module, class or impl body, function body) on
/// the same branch path, under the same Rust `#[cfg(…)]` attributes, and share a signature key: the name,
/// plus what the language overloads on — Swift argument labels (a `subscript`'s only when spelled), parameter
/// types and return type, for `func`, `init` and `subscript` alike; Java and
/// Kotlin parameter types; JavaScript `static` and `get` / `set`; Go receiver type. Legal look-alikes are
/// left alone: Python `@overload`, `@x.setter` / `.deleter` and `@f.register` definitions, TypeScript
/// overload signatures and interface merging (no body), definitions in different `if` / `else`, `try` /
/// `except` or `#if` arms, Go's repeatable `func init()`. Ruby allows redefining a method, but two `def`s
/// of one name in one class body added in one change are a mistake: the first is dead.
public struct DuplicateDefinitionDetector: Detector {
    /// The rule's id, documentation and examples.
    public static let description = RuleDescription(
        id: "duplicate-definition",
        summary: "a function, method, class or type defined twice in one scope (not overloads, setters, "
            + "`@overload`, separate branches)",
        rationale: """
            An agent asked to change a function often writes a new version next to the old one. In Python, \
            JavaScript and Ruby the later definition silently replaces the earlier one, so one of them is \
            dead code and edits to it do nothing; compiled languages reject the file, after a slow build.
            """,
        defaultSeverity: .error,
        hint: "keep one definition — if the new one replaces the old one, delete the old one",
        triggering: [
            .init("def process(field):\n    return field\n\ndef 1️⃣process(field):\n    return field.label\n"),
            .init("class View:\n    def get(self):\n        pass\n\n    def 1️⃣get(self):\n        pass\n"),
            .init("function render() {}\nfunction 1️⃣render() {}\n", fileName: "a.js"),
            .init("class A {\n  save() {}\n  static save() {}\n  1️⃣save() {}\n}\n", fileName: "a.ts"),
            .init("func load(from url: URL) {}\nfunc 1️⃣load(from url: URL) {}\n", fileName: "a.swift"),
            .init("func (s *Server) Start() {}\nfunc (s Server) 1️⃣Start() {}\n", fileName: "a.go"),
            .init("impl A {\n    fn new() -> A { A }\n    pub fn 1️⃣new() -> A { A }\n}\n", fileName: "a.rs"),
            .init("class A {\n  void run(int a) {}\n  void 1️⃣run(int b) {}\n}\n", fileName: "A.java"),
            .init("fun parse(s: String): Int = 0\nfun 1️⃣parse(t: String): Int = 1\n", fileName: "a.kt"),
            .init("class A\n  def name\n  end\n\n  def 1️⃣name\n  end\nend\n", fileName: "a.rb"),
        ],
        nonTriggering: [
            .init(
                "from typing import overload\n@overload\ndef f(x: int) -> int: ...\n@overload\n"
                    + "def f(x: str) -> str: ...\ndef f(x): return x\n"),
            .init(
                "class A:\n    @property\n    def x(self): return 1\n\n    @x.setter\n    def x(self, v): pass\n"),
            .init("if PY2:\n    def f(): pass\nelse:\n    def f(): pass\n"),
            .init(
                "function f(a: string): string;\nfunction f(a: number): number;\nfunction f(a: any) { return a; }\n",
                fileName: "a.ts"),
            .init("class A {\n  get x() { return 1; }\n  set x(v) {}\n  static x() {}\n}\n", fileName: "a.js"),
            .init(
                "func f(_ x: Int) {}\nfunc f(_ x: String) {}\nfunc f(y x: Int) {}\nfunc f() -> Int { 0 }\n",
                fileName: "a.swift"),
            .init(
                "struct S {\n  subscript(key: String) -> Int { 0 }\n  subscript(index: Int) -> Int { 0 }\n"
                    + "  init(text: String) {}\n  init(data: Data) {}\n}\n",
                fileName: "a.swift"),
            .init("#[cfg(unix)]\nfn home() {}\n#[cfg(windows)]\nfn home() {}\n", fileName: "a.rs"),
            .init("class A {\n  void run(int a) {}\n  void run(String a) {}\n}\n", fileName: "A.java"),
            .init("func init() {}\nfunc init() {}\n", fileName: "a.go"),
        ]
    )

    /// Creates the detector.
    public init() {}

    /// Every definition whose signature an earlier definition in the same scope and branch already has.
    public func findings(in file: SourceFile) -> [Diagnostic] {
        guard let scanned = file.scanned else { return [] }
        let statements = ScopeStatements(scanned)
        var seen: [String: (name: Int, statement: ScopeStatement)] = [:]
        var typeBodies: Set<Int> = []  // `{` tokens that open a class body
        var result: [Diagnostic] = []
        for statement in statements.list {
            let opener = scanned.scopes[statement.scope].opener
            let inTypeBody = opener.map { typeBodies.contains($0) } ?? false
            guard let definition = statements.definition(statement, inTypeBody: inTypeBody) else { continue }
            var last = statement.range.upperBound - 1
            while last > statement.head && !scanned.tokens[last].isCode { last -= 1 }
            if definition.key.hasPrefix("type "), statements.braces, scanned.language != .ruby,
                let body = statements.typeBodyOpener(after: definition.name)
            {
                typeBodies.insert(body)
            }
            let key =
                "\(statement.scope) \(statement.branch) \(statements.conditionKey(statement)) " + definition.key
            guard let earlier = seen[key] else {
                seen[key] = (definition.name, statement)
                continue
            }
            let first = earlier.name
            // Python rebinds freely: like ruff's F811, only an unused first definition is dead — unless the
            // second is a token-for-token copy of the first that nothing reads right away: a paste.
            if scanned.language == .python, statements.isRead(first, after: earlier.statement, before: definition.name),
                !statements.isUnreadCopy(statement, named: definition.name, of: earlier.statement)
            {
                seen[key] = (definition.name, statement)
                continue
            }
            let token = scanned.tokens[definition.name]
            result.append(
                Self.repeated(
                    "'\(scanned.text(of: token))' is defined twice in the same scope", at: token.range,
                    first: scanned.tokens[first].range, in: file, note: "first defined here"))
        }
        return result
    }
}
