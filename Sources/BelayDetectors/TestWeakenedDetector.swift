import BelayCore

/// `test-weakened`: an agent change that makes the tests say less — adds a skip (or focus) marker, deletes
/// a test file, deletes test functions, or removes assertions. Diff-aware: counts in the old and new
/// versions are compared, so only what the change does is reported. Markers per language come from
/// `rules/agent-policy.json`.
public struct TestWeakenedDetector: AgentChangeDetector {
    /// The rule's id, documentation and examples.
    public static let description = RuleDescription(
        id: "test-weakened",
        summary: "an agent change that deletes tests or assertions or adds skips",
        rationale: """
            The quickest way for an agent to make a failing test pass is to stop running it: skip it, delete \
            it, or delete the assertion that fails. The test suite then passes and proves nothing.
            """,
        defaultSeverity: .error,
        hint: "make the code pass the test; do not skip, delete or loosen the test",
        triggering: [
            .init(
                "import pytest\n\n1️⃣@pytest.mark.skip\ndef test_total():\n    assert total() == 3\n",
                fileName: "test_app.py"),
            .init("1️⃣it.skip('adds', () => {\n  expect(add(1, 2)).toBe(3);\n});\n", fileName: "add.test.js"),
        ],
        nonTriggering: [
            .init("def test_total():\n    assert total() == 3\n", fileName: "test_app.py"),
            .init(
                "func TestTotal(t *testing.T) {\n\tif total() != 3 {\n\t\tt.Fatal(\"total\")\n\t}\n}\n",
                fileName: "total_test.go"),
        ],
        agentOnly: true
    )

    /// Lines that declare one test, per language (matched at a word boundary in trimmed code lines).
    static let testDeclarations: [String: [String]] = [
        "python": ["def test", "async def test"],
        "javascript": ["it(", "test(", "it.each", "test.each"],
        "typescript": ["it(", "test(", "it.each", "test.each"],
        "swift": ["func test", "@Test"],
        "go": ["func Test", "func Benchmark"],
        "rust": ["#[test]", "#[tokio::test"],
        "java": ["@Test", "@ParameterizedTest"],
        "kotlin": ["@Test", "@ParameterizedTest"],
        "ruby": ["it \"", "it '", "it(", "def test_", "test \"", "specify "],
    ]

    let policy: AgentPolicy

    /// Creates the detector with the built-in policy.
    public init() { self.init(policy: .builtIn) }

    /// Creates the detector with `policy`.
    public init(policy: AgentPolicy) { self.policy = policy }

    /// Added skip markers (one finding each), and per file: fewer tests or fewer assertions than before.
    public func findings(in changes: [FileChangeInput], deleted: [DeletedFile]) -> [Diagnostic] {
        var results: [Diagnostic] = []
        for change in changes {
            guard let language = AgentPolicy.language(of: change.path) else { continue }
            let new = CodeLines(change.new)
            let old = CodeLines(change.old ?? [])
            results += addedSkips(language: language, path: change.path, old: old, new: new)
            guard change.old != nil, policy.isTestPath(change.path) || language == "rust" else { continue }
            let tests = (
                count(Self.testDeclarations[language] ?? [], in: old),
                count(Self.testDeclarations[language] ?? [], in: new)
            )
            let asserts = (
                count(policy.assertions[language] ?? [], in: old), count(policy.assertions[language] ?? [], in: new)
            )
            if tests.1 < tests.0 {
                results.append(
                    note(
                        "deletes \(tests.0 - tests.1) test(s) from \(change.path) (\(tests.0) before, \(tests.1) after)"
                    ))
            } else if asserts.1 < asserts.0 {
                results.append(
                    note(
                        "removes \(asserts.0 - asserts.1) assertion(s) from \(change.path) (\(asserts.0) before, \(asserts.1) after)"
                    ))
            }
        }
        for file in deleted where policy.isTestPath(file.path) {
            let language = AgentPolicy.language(of: file.path) ?? ""
            let tests = count(Self.testDeclarations[language] ?? [], in: CodeLines(file.old))
            let what = tests > 0 ? " with \(tests) test(s)" : ""
            results.append(note("deletes the test file \(file.path)\(what)"))
        }
        return results
    }

    /// Skip markers on lines the old version did not have (a moved skipped test is not new).
    private func addedSkips(language: String, path: String, old: CodeLines, new: CodeLines) -> [Diagnostic] {
        let markers = policy.skipMarkers[language] ?? []
        guard !markers.isEmpty else { return [] }
        var remaining: [String: Int] = [:]
        for line in old.lines where markers.contains(where: { occurrences(of: $0, in: line.text) > 0 }) {
            remaining[line.text, default: 0] += 1
        }
        var results: [Diagnostic] = []
        for line in new.lines {
            guard let marker = markers.first(where: { occurrences(of: $0, in: line.text) > 0 }) else { continue }
            if let left = remaining[line.text], left > 0 {
                remaining[line.text] = left - 1
                continue
            }
            results.append(
                Self.diagnostic("adds a test skip or focus marker '\(marker)'", path: path, start: line.offset))
        }
        return results
    }

    private func count(_ markers: [String], in lines: CodeLines) -> Int {
        lines.lines.reduce(0) { total, line in total + markers.reduce(0) { $0 + occurrences(of: $1, in: line.text) } }
    }

    private func note(_ message: String) -> Diagnostic {
        Diagnostic(
            rule: Self.description.id, severity: Self.description.defaultSeverity, message: message,
            hint: Self.description.hint, location: nil)
    }
}
