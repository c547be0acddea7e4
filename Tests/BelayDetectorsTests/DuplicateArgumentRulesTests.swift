import BelayCore
import BelayDetectors
import XCTest

/// duplicate-parameter, duplicate-keyword-argument and duplicate-key beyond their marker fixtures: mutations
/// of every triggering example, notes, and diff-awareness.
final class DuplicateArgumentRulesTests: XCTestCase {
    let rules: [any Detector.Type] = [DuplicateParameterDetector.self]

    func testMutationsOfTriggeringExamplesAndFixturesHold() throws {
        for rule in rules { try assertMutationsHoldForAllExamples(of: rule) }
    }

    func testParameterFindingNamesBothPlaces() throws {
        let source = "def process_data(new_field, new_field):\n    pass\n"
        let found = DuplicateParameterDetector().findings(
            in: SourceFile(path: "app/services.py", bytes: Array(source.utf8)))
        let finding = try XCTUnwrap(found.first)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(finding.message, "parameter 'new_field' is declared twice")
        XCTAssertEqual(finding.location, SourceLocation(path: "app/services.py", start: 28, end: 37))
        XCTAssertEqual(finding.related.map(\.message), ["first declared here"])
        XCTAssertEqual(finding.related.first?.location, SourceLocation(path: "app/services.py", start: 17, end: 26))
        XCTAssertEqual(finding.hint, "remove the old parameter; don't add the new name beside it")
    }

    func change(_ old: String?, _ new: String, path: String = "m.py") -> [FileChangeInput] {
        [FileChangeInput(path: path, old: old.map { Array($0.utf8) }, new: Array(new.utf8))]
    }

    func testEngineReportsOnlyDuplicatesTheChangeAdds() {
        let engine = DetectorEngine(only: ["duplicate-parameter"])
        let old = "def f(a, a):\n    pass\n\ndef g(b):\n    pass\n"
        XCTAssertEqual(engine.run(changes: change(old, old + "x = 1\n"), mode: .changed), [])
        let added = engine.run(
            changes: change(old, old.replacingOccurrences(of: "g(b)", with: "g(b, b)")), mode: .changed)
        XCTAssertEqual(added.map(\.message), ["parameter 'b' is declared twice"])
        XCTAssertEqual(engine.run(changes: change(old, old), mode: .all).count, 1)
    }
}
