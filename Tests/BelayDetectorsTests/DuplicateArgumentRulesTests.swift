import BelayCore
import BelayDetectors
import Foundation
import XCTest

/// duplicate-parameter, duplicate-keyword-argument and duplicate-key beyond their marker fixtures: mutations
/// of every triggering example, notes, and diff-awareness.
final class DuplicateArgumentRulesTests: XCTestCase {
    let rules: [any Detector.Type] = [
        DuplicateKeyDetector.self, DuplicateKeywordArgumentDetector.self, DuplicateParameterDetector.self,
    ]

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

    func testKeyAndKeywordFindingsAreDiffAware() {
        let engine = DetectorEngine(only: ["duplicate-key", "duplicate-keyword-argument"])
        let old = "d = {'a': 1, 'a': 2}\nf(x=1, x=2)\n"
        XCTAssertEqual(engine.run(changes: change(old, "import os\n" + old), mode: .changed), [])
        let new = old + "g(y=1, y=2)\ne = {'b': 1, 'b': 2}\n"
        let found = engine.run(changes: change(old, new), mode: .changed)
        XCTAssertEqual(
            found.map(\.message), ["keyword argument 'y' is passed twice", "key 'b' appears twice in this literal"])
        XCTAssertEqual(found.map { $0.related.first?.message }, ["first passed here", "first used here"])
    }

    func testTwelveThousandCleanLinesGiveNoFinding() {
        let python = "def handler(request, *args, timeout=3, **kw):\n    return call(a=1, b={'k': 1, 'j': [x]})\n"
        let script = "const f = (a, b) => ({ a, b: g(a, b), 'c': 1 });\nfunction h(x, y) { return [x, y]; }\n"
        let files = [("big.py", python), ("big.js", script)].map { path, unit in
            SourceFile(path: path, bytes: Array(String(repeating: unit, count: 3000).utf8))
        }
        for file in files { _ = file.scanned }  // tokenizing is BelayScan's cost, not the rules'
        // Speed is measured by bench/builtin-rules.sh, never asserted here: a loaded machine would fail it.
        for file in files {
            for rule in rules { XCTAssertEqual(rule.init().findings(in: file), []) }
        }
    }
}
