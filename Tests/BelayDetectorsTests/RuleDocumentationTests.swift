import BelayCore
import BelayDetectors
import XCTest

final class RuleDocumentationTests: XCTestCase {
    func testRulesTableListsEveryRule() {
        let table = RuleDocumentation.rulesTable()
        let lines = table.split(separator: "\n")
        XCTAssertEqual(lines.count, DetectorRegistry.all.count + 1)
        XCTAssertTrue(lines[0].hasPrefix("id"))
        XCTAssertTrue(
            lines.contains {
                $0.hasPrefix("final-newline") && $0.contains(" warning ")
                    && $0.hasSuffix("a changed text file that does not end with a newline")
            })
    }

    func testExplainShowsFindingsUnderTheirLines() throws {
        let rule = try XCTUnwrap(DetectorRegistry.rule(for: "trailing-whitespace"))
        let text = RuleDocumentation.explain(rule)
        XCTAssertTrue(text.hasPrefix("trailing-whitespace: "))
        XCTAssertTrue(text.contains("Default severity: error\n"))
        XCTAssertTrue(
            text.contains("    --- example.py\n    name = \"belay\"  \n                  ^ trailing whitespace\n"))
        XCTAssertTrue(text.contains("Not triggering:\n"))
        XCTAssertFalse(text.contains("1️⃣"))
    }

    func testExplainShowsCarriageReturns() throws {
        let rule = try XCTUnwrap(DetectorRegistry.rule(for: "mixed-line-endings"))
        XCTAssertTrue(
            RuleDocumentation.explain(rule).contains(
                "    second = 2␍\n              ^ line ends with CRLF but the file uses LF\n"))
    }
}
