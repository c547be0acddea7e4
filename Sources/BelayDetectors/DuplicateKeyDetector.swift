import BelayCore
import BelayScan

/// `duplicate-key`: one literal key twice in one dict / object / map literal — `{'a': 1, 'a': 2}`.
///
/// Python dicts (not sets or comprehensions), JavaScript/TypeScript object literals (quoted and unquoted
/// keys are equal, shorthand and methods count, computed `[k]` keys do not, a getter may pair with a setter),
/// Go map literals (string and number keys: an identifier key is an expression, `{nan: 1, nan: 2}` is legal)
/// and struct composite literals (field names), Swift dictionary literals (string, number and `.case` keys), Kotlin
/// `mapOf(k to v)`, Ruby hashes (`a:`, `"a":` and `:a =>` are one symbol; `"a" =>` is a string) and Java
/// `Map.of(k, v, …)`. Keys on either side of a spread (`...rest`, `**kw`) are not compared: the later one may
/// override on purpose.
public struct DuplicateKeyDetector: Detector {
    /// The rule's id, documentation and examples.
    public static let description = RuleDescription(
        id: "duplicate-key",
        summary: "the same literal key twice in one dict / object / map literal",
        rationale: """
            When an agent renames a key it tends to add the new entry and keep the old one. The later value \
            silently wins in Python, JavaScript and Ruby; Go refuses to compile, and Swift and Java crash at \
            run time (`Fatal error: Dictionary literal contains duplicate keys`, `IllegalArgumentException`).
            """,
        defaultSeverity: .error,
        hint: "keep one entry per key; replace the old entry instead of adding another",
        triggering: [
            .init("config = {'name': 1, \"retries\": 3, 1️⃣\"name\": 2}\n"),
            .init("const user = { id, name: 'a', 1️⃣'id': 2 };\n", fileName: "example.js"),
            .init("m := map[string]int{\"a\": 1, 1️⃣\"a\": 2}\n", fileName: "example.go"),
            .init("let limits = [\"cpu\": 1, 1️⃣\"cpu\": 2]\n", fileName: "example.swift"),
            .init("val m = mapOf(\"a\" to 1, 1️⃣\"a\" to 2)\n", fileName: "example.kt"),
            .init("opts = { timeout: 1, 1️⃣:timeout => 2 }\n", fileName: "example.rb"),
            .init("var m = Map.of(\"a\", 1, 1️⃣\"a\", 2);\n", fileName: "Example.java"),
        ],
        nonTriggering: [
            .init("d = {'a': 1, **base, 'a': 2}\ns = {'a', 'a'}\nc = {k: v for k, v in items}\n"),
            .init("o = {'a': 1, 'b': {'a': 2}}  # {'a': 1, 'a': 2}\n"),
            .init(
                "const o = { get a() { return 1; }, set a(v) {}, [k]: 1, [k]: 2, ...rest };\n",
                fileName: "example.js"),
            .init("h = { \"a\" => 1, a: 2 }\n", fileName: "example.rb"),
            .init("in := map[float64]string{nan: \"a\", nan: \"b\"}\n", fileName: "example.go"),
        ]
    )

    /// Creates the detector.
    public init() {}

    /// Every later entry whose key an earlier entry of the same literal already has.
    public func findings(in file: SourceFile) -> [Diagnostic] {
        guard let scanned = file.scanned else { return [] }
        return scanned.literalKeyRuns().flatMap { keys in
            repeatedNames(keys).map { pair in
                Self.repeated(
                    pair, in: file, message: { "key '\($0)' appears twice in this literal" }, note: "first used here")
            }
        }
    }
}
