import Foundation
import XCTest

@testable import BelayCLI

/// The duplicate rules through `belay check` on staged changes in real repositories: what the change
/// adds is reported, at the right place, with the first occurrence as a note; what was already there,
/// or merely moved, is not.
final class DuplicateEndToEndTests: XCTestCase {
    /// `(rule, path, line, column)` of every diagnostic of a JSON report.
    private func findings(_ result: BelayResult) throws -> [(rule: String, path: String, line: Int, column: Int)] {
        let report = try parseJSONObject(result.out)
        let diagnostics = try XCTUnwrap(report["diagnostics"] as? [[String: Any]], result.out)
        return diagnostics.map {
            (
                ($0["rule"] as? String) ?? "", ($0["path"] as? String) ?? "", ($0["line"] as? Int) ?? 0,
                ($0["column"] as? Int) ?? 0
            )
        }
    }

    func testEachMistakeTheSeedDescribesIsCaughtWhereItIs() throws {
        let repo = try TestRepository()
        try repo.write(
            "app/services.py",
            "def process_data(old_field):\n    new_text = old_field.label\n    return new_text.upper()\n")
        try repo.write("web/config.js", "export const options = { retries: 2, timeout: 5 };\n")
        try repo.write("svc/main.go", "package svc\n\nimport \"fmt\"\n\nfunc Show() { fmt.Println(1) }\n")
        try repo.commitAll()

        try repo.write(
            "app/services.py",
            """
            import json
            import json


            def process_data(new_field, new_field):
                new_text = new_field.label
                new_text = new_field.title
                return new_text.upper(), json.dumps(dict(a=1, a=2))

            """)
        try repo.write("web/config.js", "export const options = { retries: 2, timeout: 5, retries: 3 };\n")
        try repo.write(
            "svc/main.go",
            "package svc\n\nimport \"fmt\"\n\nfunc Show() { fmt.Println(1) }\n\nfunc Show() { fmt.Println(2) }\n")
        try repo.git("add", "-A")

        let result = repo.belay("check", "--format", "json", "--no-checks")
        XCTAssertEqual(result.code, 1, result.all)
        let found = try findings(result).map { "\($0.rule) \($0.path):\($0.line):\($0.column)" }
        XCTAssertEqual(
            Set(found),
            [
                "duplicate-import app/services.py:2:8",
                "duplicate-parameter app/services.py:5:29",
                "duplicate-assignment app/services.py:6:5",
                "duplicate-keyword-argument app/services.py:8:51",
                "duplicate-key web/config.js:1:50",
                "duplicate-definition svc/main.go:7:6",
            ], "\(found)")
    }

    func testOldDuplicatesAndMovedLinesAreNotTheChangesDoingButAllReportsThem() throws {
        let repo = try TestRepository()
        try repo.write("legacy.py", "def f(a, a):\n    return a\n\n\nCONFIG = {'x': 1, 'x': 2}\n")
        try repo.commitAll()
        // The change moves the old problems below a new function and adds nothing wrong itself.
        try repo.write(
            "legacy.py", "def g(b):\n    return b\n\n\nCONFIG = {'x': 1, 'x': 2}\n\n\ndef f(a, a):\n    return a\n")
        try repo.git("add", "-A")
        let staged = repo.belay("check", "--format", "json", "--no-checks")
        XCTAssertEqual(staged.code, 0, "moved old findings are not new: \(staged.all)")
        XCTAssertTrue(try findings(staged).isEmpty)

        let all = repo.belay("check", "--all", "--format", "json", "--no-checks")
        XCTAssertEqual(all.code, 1, all.all)
        XCTAssertEqual(Set(try findings(all).map(\.rule)), ["duplicate-parameter", "duplicate-key"])
    }

    func testTheSameMistakeInsideAStringOrCommentIsNotCode() throws {
        let repo = try TestRepository()
        try repo.write("notes.py", "x = 1\n")
        try repo.commitAll()
        try repo.write(
            "notes.py",
            "x = 1\n# def f(a, a): pass\nDOC = \"\"\"\ndef g(b, b): pass\n\"\"\"\nmsg = f\"{'k'}: {{'k': 1, 'k': 2}}\"\n"
        )
        try repo.git("add", "-A")
        let result = repo.belay("check", "--format", "json", "--no-checks")
        XCTAssertEqual(result.code, 0, result.all)
    }
}
