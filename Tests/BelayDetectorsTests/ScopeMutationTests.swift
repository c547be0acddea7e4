import BelayCore
import BelayDetectors
import BelayScan
import Foundation
import XCTest

/// duplicate-import, duplicate-definition and duplicate-assignment: mutations of every triggering example and
/// fixture, diff-awareness through the engine, messages and related notes, speed.
final class ScopeMutationTests: XCTestCase {
    static let rules: [any Detector.Type] = [
        DuplicateImportDetector.self, DuplicateDefinitionDetector.self, DuplicateAssignmentDetector.self,
    ]

    func testMutationsOfEveryTriggeringExampleAndFixture() throws {
        for rule in Self.rules {
            var examples = rule.description.triggering
            let folder = repositoryRoot.appendingPathComponent("fixtures/\(rule.description.id)")
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() {
                let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
                if !MarkedText(text).markers.isEmpty { examples.append(.init(text, fileName: name)) }
            }
            XCTAssertGreaterThan(examples.count, 10, rule.description.id)
            for example in examples { assertMutationsHold(rule: rule, example: example) }
        }
    }

    func change(_ path: String, old: String?, new: String) -> FileChangeInput {
        FileChangeInput(path: path, old: old.map { Array($0.utf8) }, new: Array(new.utf8))
    }

    func testSeedDeadStoreIsReportedOnTheAddedLine() throws {
        let old = "def render(old_field):\n    new_text = old_field.label\n    return new_text\n"
        let new =
            "def render(new_field):\n    new_text = new_field.label\n    new_text = old_field.label\n"
            + "    return new_text\n"
        let found = DetectorEngine(only: ["duplicate-assignment"]).run(
            changes: [change("app/views.py", old: old, new: new)], mode: .changed)
        let finding = try XCTUnwrap(found.first)
        XCTAssertEqual(found.count, 1)
        let added = 27  // "new_text = new_field.label", the added line 2
        XCTAssertEqual(String(decoding: Array(new.utf8)[added..<(added + 8)], as: UTF8.self), "new_text")
        XCTAssertEqual(finding.location?.start, added)
        XCTAssertEqual(
            finding.message,
            "'new_text' is assigned here, then assigned again on line 3 before it is read: this value is dead")
        XCTAssertEqual(finding.hint, "remove one of them — if you meant to replace the old line, delete it")
        XCTAssertEqual(finding.related.map(\.message), ["assigned again here"])
        XCTAssertEqual(finding.related.first?.location.start, added + 31)
        XCTAssertEqual(finding.severity, .error)
    }

    func testDuplicatesAlreadyInTheOldVersionAreNotReported() {
        let cases: [(String, String, String)] = [
            ("a.py", "import os\nimport os\nx = 1\nx = 2\ndef f(): pass\ndef f(): pass\n", "print(1)\n"),
            ("a.go", "package a\n\nimport \"fmt\"\nimport \"fmt\"\n\nfunc F() {}\nfunc F() {}\n", "// note\n"),
            ("a.ts", "import { a } from 'x';\nimport { a } from 'x';\nfunction g() {}\nfunction g() {}\n", "\n"),
        ]
        let engine = DetectorEngine(only: ["duplicate-import", "duplicate-definition", "duplicate-assignment"])
        for (path, old, appended) in cases {
            let all = engine.run(changes: [change(path, old: nil, new: old + appended)], mode: .all)
            XCTAssertGreaterThanOrEqual(all.count, 2, path)
            XCTAssertEqual(engine.run(changes: [change(path, old: old, new: old + appended)], mode: .changed), [], path)
        }
    }

    func testFindingsCarryTheFirstOccurrenceAsRelatedNote() throws {
        let source = "import json\nimport json\n\ndef f(): pass\ndef f(): pass\n"
        let file = SourceFile(path: "m.py", bytes: Array(source.utf8))
        let imported = try XCTUnwrap(DuplicateImportDetector().findings(in: file).first)
        XCTAssertEqual(imported.message, "'json' is imported twice in the same scope")
        XCTAssertEqual(imported.location?.start, 19)
        XCTAssertEqual(imported.related.map(\.location.start), [7])
        XCTAssertEqual(imported.related.map(\.message), ["first imported here"])
        let defined = try XCTUnwrap(DuplicateDefinitionDetector().findings(in: file).first)
        XCTAssertEqual(defined.message, "'f' is defined twice in the same scope")
        XCTAssertEqual(defined.location?.start, 43)
        XCTAssertEqual(defined.related.map(\.location.start), [29])
    }

    func testTwelveThousandCleanLinesGiveNoFinding() {
        var lines: [String] = []
        for index in 0..<2_000 {
            lines += [
                "import mod\(index)", "def fn\(index)(a, b):", "    value = compute(a, b)  # note",
                "    other = f\"{value} text\"", "    return other", "",
            ]
        }
        let file = SourceFile(path: "big.py", bytes: Array(lines.joined(separator: "\n").utf8))
        _ = file.scanned
        // Speed is measured by bench/builtin-rules.sh, never asserted here: a loaded machine would fail it.
        for rule in Self.rules { XCTAssertEqual(rule.init().findings(in: file), []) }
    }
}
