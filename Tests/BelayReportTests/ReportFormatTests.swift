import BelayCore
import Foundation
import XCTest

@testable import BelayReport

final class ReportFormatTests: XCTestCase {
    let renderer = SampleReport.renderer
    let report = SampleReport.report

    func testSampleOffsetsPointWhereIntended() {
        XCTAssertEqual(SampleReport.offset(of: "new_field, new_field", in: "app/services.py"), 17)
        XCTAssertEqual(SampleReport.offset(of: "new_field)", in: "app/services.py"), 28)
        XCTAssertEqual(SampleReport.offset(of: "  \n", in: "docs/menu.txt"), 21)
        XCTAssertEqual(SampleReport.offset(of: "   \n", in: "Makefile"), 19)
    }

    func testTextGolden() throws {
        try assertSnapshot(name: "report.txt", actual: renderer.render(report, as: .text))
    }

    func testJSONGolden() throws {
        try assertSnapshot(name: "report.json", actual: renderer.render(report, as: .json), asJSON: true)
    }

    func testSARIFGolden() throws {
        try assertSnapshot(name: "report.sarif", actual: renderer.render(report, as: .sarif), asJSON: true)
    }

    /// GitHub code scanning rejects a whole SARIF upload when one result has no location; results about
    /// no file (a check, a commit) are placed at line 1 of the configuration file.
    func testEverySARIFResultHasAnArtifactLocation() throws {
        let log = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(renderer.render(report, as: .sarif).utf8)) as? [String: Any])
        let run = try XCTUnwrap((log["runs"] as? [[String: Any]])?.first)
        let results = try XCTUnwrap(run["results"] as? [[String: Any]])
        XCTAssertEqual(results.count, report.diagnostics.count + report.checks.filter(\.blocks).count)
        var anchored: [String] = []
        for result in results {
            let locations = try XCTUnwrap(result["locations"] as? [[String: Any]], "\(result)")
            let physical = try XCTUnwrap(locations.first?["physicalLocation"] as? [String: Any], "\(result)")
            let uri = try XCTUnwrap((physical["artifactLocation"] as? [String: Any])?["uri"] as? String)
            XCTAssertFalse(uri.isEmpty)
            if uri == "belay.json5" { anchored.append(result["ruleId"] as? String ?? "") }
        }
        XCTAssertEqual(anchored, ["hook-bypass", "check/tests", "check/deps"])
    }

    func testGitHubGolden() throws {
        try assertSnapshot(name: "report.github.txt", actual: renderer.render(report, as: .github))
    }

    func testCaretUnderMultibyteAndTabbedColumns() {
        let text = renderer.render(report, as: .text)
        XCTAssertTrue(text.contains("docs/menu.txt:1:18: error[trailing-whitespace]: trailing whitespace\n"))
        XCTAssertTrue(text.contains("título = \"café ☕\"  \n" + String(repeating: " ", count: 17) + "^~\n"))
        XCTAssertTrue(text.contains("\tswift build   \n\t           ^~~\n"))
        XCTAssertTrue(text.contains("app/services.py:1:18: note: first declared here\n"))
        XCTAssertFalse(text.contains("\u{1B}["))
    }

    func testColourOnlyWhenAsked() {
        var coloured = renderer
        coloured.colour = true
        let text = coloured.render(report, as: .text)
        XCTAssertTrue(text.contains("\u{1B}[1;31merror[duplicate-parameter]\u{1B}[0m"))
    }

    func testSummaryCountsAndPass() {
        XCTAssertEqual(
            report.summary,
            "belay: blocked — 2 errors, 2 warnings, 1 note; checks 1 passed, 1 failed, 1 transient, 1 skipped (3112 ms)"
        )
        let clean = Report(verdict: .pass, diagnostics: [], durationMs: 5)
        XCTAssertEqual(clean.summary, "belay: pass — no findings (5 ms)")
        XCTAssertEqual(renderer.render(clean, as: .text), "belay: pass — no findings (5 ms)\n")
    }

    func testJSONFollowsVersionOne() throws {
        let data = Data(renderer.render(report, as: .json).utf8)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["version", "verdict", "diagnostics", "checks"])
        XCTAssertEqual(object["version"] as? Int, 1)
        let diagnostics = try XCTUnwrap(object["diagnostics"] as? [[String: Any]])
        XCTAssertEqual(diagnostics[0]["line"] as? Int, 1)
        XCTAssertEqual(diagnostics[0]["column"] as? Int, 29)
        XCTAssertNil(diagnostics[4]["hint"])
        XCTAssertNil(diagnostics[4]["path"])
        let checks = try XCTUnwrap(object["checks"] as? [[String: Any]])
        XCTAssertEqual(Set(checks[0].keys), ["name", "status", "attempts", "durationMs", "output"])
    }

    func testGitHubEscaping() {
        XCTAssertEqual(
            ReportRenderer.workflowCommand("error", [("file", "a,b:c%.py"), ("title", "belay x")], "50%\r\nnext"),
            "::error file=a%2Cb%3Ac%25.py,title=belay x::50%25%0D%0Anext\n")
    }

    func testMissingSourceLeavesOutLineAndColumn() {
        let lonely = ReportRenderer(sources: { _ in nil })
        let report = Report(
            verdict: .block,
            diagnostics: [
                Diagnostic(
                    rule: "conflict-marker", severity: .error, message: "m",
                    location: SourceLocation(path: "gone.txt", start: 3))
            ], durationMs: 1)
        XCTAssertTrue(lonely.render(report, as: .text).hasPrefix("gone.txt: error[conflict-marker]: m\n"))
        XCTAssertTrue(
            lonely.render(report, as: .github).hasPrefix("::error file=gone.txt,title=belay conflict-marker::m\n"))
    }
}
