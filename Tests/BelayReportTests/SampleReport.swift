import BelayChecks
import BelayCore
import BelayReport

/// One report exercising every rendering path: a related note, a multibyte line, a tab before the range,
/// a finding at end of file, a finding without location, and passed, failed, transient, skipped checks.
enum SampleReport {
    static let files: [String: String] = [
        "app/services.py": "def create(name, new_field, new_field):\n    return name\n",
        "docs/menu.txt": "título = \"café ☕\"  \n",
        "Makefile": "build:\n\tswift build   \n",
        "notes.txt": "first\nlast",
    ]

    static let sources: SourceProvider = { path in files[path].map { Array($0.utf8) } }

    static func offset(of needle: String, in path: String) -> Int {
        let text = files[path]!
        return text.utf8.distance(
            from: text.utf8.startIndex, to: text.range(of: needle)!.lowerBound.samePosition(in: text.utf8)!)
    }

    static let report = Report(
        verdict: .block,
        diagnostics: [
            Diagnostic(
                rule: "duplicate-parameter", severity: .error, message: "parameter 'new_field' is declared twice",
                hint: "replace the old parameter instead of adding a new one",
                location: SourceLocation(path: "app/services.py", start: 28, end: 37),
                related: [
                    RelatedNote(
                        location: SourceLocation(path: "app/services.py", start: 17, end: 26),
                        message: "first declared here")
                ]),
            Diagnostic(
                rule: "trailing-whitespace", severity: .error, message: "trailing whitespace",
                hint: "delete the whitespace at the end of the line",
                location: SourceLocation(path: "docs/menu.txt", start: 21, end: 23)),
            Diagnostic(
                rule: "trailing-whitespace", severity: .warning, message: "trailing whitespace",
                hint: "delete the whitespace at the end of the line",
                location: SourceLocation(path: "Makefile", start: 19, end: 22)),
            Diagnostic(
                rule: "final-newline", severity: .warning, message: "no newline at end of file",
                hint: "add a newline at the end of the file", location: SourceLocation(path: "notes.txt", start: 10)),
            Diagnostic(
                rule: "hook-bypass", severity: .note, message: "commit abc123 skipped the gate (--no-verify)",
                location: nil),
        ],
        checks: [
            CheckResult(name: "lint", status: .passed, attempts: 0, durationMs: 41, output: "", cached: true),
            CheckResult(
                name: "tests", status: .failed, attempts: 1, durationMs: 1200,
                output: "FAILED tests/test_services.py::test_create - TypeError, 100%\n1 failed, 3 passed\n"),
            CheckResult(
                name: "deps", status: .transient, attempts: 3, durationMs: 3050,
                output: "npm ERR! getaddrinfo ENOTFOUND registry.npmjs.org\n", infrastructure: "DNS"),
            CheckResult(name: "format", status: .skipped, attempts: 0, durationMs: 0, output: ""),
        ],
        durationMs: 3112,
        notes: ["no belay.json5 at HEAD; using the staged one"]
    )

    static let rules = [
        ReportRule(
            id: "duplicate-parameter", summary: "a parameter name declared twice in one signature",
            rationale: "The second declaration shadows the first.", defaultSeverity: .error,
            hint: "replace the old parameter instead of adding a new one"),
        ReportRule(
            id: "trailing-whitespace", summary: "whitespace at the end of an added line",
            rationale: "Invisible in review.", defaultSeverity: .error),
    ]

    static let renderer = ReportRenderer(
        sources: sources, rules: rules, toolVersion: "0.1.0", informationURI: "https://example.invalid/belay")
}
