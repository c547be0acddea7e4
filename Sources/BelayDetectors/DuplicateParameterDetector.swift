import BelayCore
import BelayScan

/// `duplicate-parameter`: one name declared twice in one signature — `def f(new_field, new_field)`.
///
/// Covers Python `def`/`lambda`, JavaScript/TypeScript functions, methods and arrows (and TypeScript member,
/// overload and call signatures without a body), Swift `func`/`init`/`subscript`
/// and closures (internal names only: external labels may repeat), Go `func` (receiver, parameters and named
/// results share one namespace; a `func(…)` type inside them or in a struct field is its own list), Rust `fn` and closures, Java methods and lambdas, Kotlin `fun` and primary
/// constructors, Ruby `def`, `->(…)` and block parameters. Wildcards (`_`, Ruby's `_x`) may repeat; annotations
/// (`@get:JvmName("x")`, `@Inject`, `@escaping`, decorators) never name a parameter.
public struct DuplicateParameterDetector: Detector {
    /// The rule's id, documentation and examples.
    public static let description = RuleDescription(
        id: "duplicate-parameter",
        summary: "a parameter name declared twice in one signature (def, lambda, func, fn, function, arrow)",
        rationale: """
            A renamed parameter added next to the old one instead of replacing it: Python, Go, Swift, Rust, Java, \
            Kotlin and strict JavaScript refuse to compile it, and sloppy JavaScript silently lets the last one \
            win. Either way the change is broken, and it is found in milliseconds instead of a CI round trip.
            """,
        defaultSeverity: .error,
        hint: "remove the old parameter; don't add the new name beside it",
        triggering: [
            .init("def process_data(new_field, 1️⃣new_field):\n    return new_field\n"),
            .init("handler = lambda event, *args, 1️⃣event=None: event\n"),
            .init("const sum = (a, b, 1️⃣a) => a + b;\nfunction f(x, ...1️⃣x) {}\n", fileName: "example.js"),
            .init("class A { constructor(private id: string, 1️⃣id: number) {} }\n", fileName: "example.ts"),
            .init("interface O { hasOwn(o: object, 1️⃣o?: object): boolean; }\n", fileName: "example.ts"),
            .init("func move(from a: Int, to 1️⃣a: Int) {}\n", fileName: "example.swift"),
            .init("func (s *Server) Handle(w http.ResponseWriter, 1️⃣s *Request) {}\n", fileName: "example.go"),
            .init("fn area(width: u32, (height, 1️⃣width): (u32, u32)) -> u32 { 0 }\n", fileName: "example.rs"),
            .init("void save(final Map<String, Integer> row, int 1️⃣row) {}\n", fileName: "Example.java"),
            .init("fun render(title: String, vararg 1️⃣title: String) {}\n", fileName: "example.kt"),
            .init("items.each { |key, 1️⃣key| puts key }\n", fileName: "example.rb"),
        ],
        nonTriggering: [
            .init("def process_data(new_field, *, other=\"new_field\"):\n    f(new_field, new_field)\n"),
            .init("const f = ({ a }, [b], c) => max(c, c);\n", fileName: "example.js"),
            .init("func copy(from a: Int, from b: Int, _: Int, _: Int) {}\n", fileName: "example.swift"),
            .init("func pair(int, int) (int, error) { return f(_, _) }\n", fileName: "example.go"),
            .init("type T struct {\n\tA func(x int)\n\tB func(x int) bool\n}\n", fileName: "example.go"),
            .init(
                "fn pick(_: u8, _: u8, f: fn(i32, i32) -> i32) {}\nweak!(fn link(c_int, c_int));\n",
                fileName: "example.rs"),
            .init("def m(_a, _a, *rest)\nend\n", fileName: "example.rb"),
            .init(
                "class U(@get:JvmName(\"a\") val a: Int, @get:JvmName(\"b\") val b: Int)\n", fileName: "example.kt"),
        ]
    )

    /// Creates the detector.
    public init() {}

    /// Every later declaration of a name already declared in the same signature.
    public func findings(in file: SourceFile) -> [Diagnostic] {
        guard let scanned = file.scanned else { return [] }
        return scanned.parameterLists().flatMap { names in
            repeatedNames(names).map { pair in
                Self.repeated(
                    pair, in: file, message: { "parameter '\($0)' is declared twice" }, note: "first declared here")
            }
        }
    }
}
