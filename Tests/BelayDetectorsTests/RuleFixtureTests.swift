import BelayCore
import BelayDetectors
import Foundation
import XCTest

/// Every rule's marker fixtures (`fixtures/<rule-id>/<case>.<ext>`) and documented examples.
final class RuleFixtureTests: XCTestCase {
    let fixtures = repositoryRoot.appendingPathComponent("fixtures")

    func testEveryFixtureMatchesItsMarkersExactly() throws {
        for rule in DetectorRegistry.all where rule is any Detector.Type {
            let id = rule.description.id
            let folder = fixtures.appendingPathComponent(id)
            // Nested folders give the fixture its path (`rails/db/migrate/…` is checked as `db/migrate/…`
            // under `rails/`): rules that recognise files by their folder see realistic paths.
            let names = try fixtureFiles(in: folder)
            XCTAssertGreaterThanOrEqual(names.count, 3, "\(id) needs triggering and clean fixtures")
            var triggering = 0
            for name in names {
                // Secret fixtures name their tokens (`⟪github-token⟫`): none is committed whole.
                let bytes = SecretSamples.expandFixture(
                    try Array(Data(contentsOf: folder.appendingPathComponent(name))))
                if !MarkedText(bytes: bytes).markers.isEmpty { triggering += 1 }
                assertFindings(rule, marked: bytes, fileName: name, context: "fixtures/\(id)/\(name)")
            }
            XCTAssertGreaterThan(triggering, 0, "\(id) has no triggering fixture")
            XCTAssertLessThan(triggering, names.count, "\(id) has no clean fixture")
        }
    }

    /// The files under `folder`, as paths relative to it, sorted; hidden names are skipped.
    func fixtureFiles(in folder: URL) throws -> [String] {
        var names: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where !name.hasPrefix(".") {
            let url = folder.appendingPathComponent(name)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), isFolder.boolValue {
                names += try fixtureFiles(in: url).map { name + "/" + $0 }
            } else {
                names.append(name)
            }
        }
        return names.sorted()
    }

    func testFixtureFoldersNameKnownRules() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: fixtures.path)
            .filter { !$0.hasPrefix(".") && !["golden", "hooks", "transient-errors"].contains($0) }
        XCTAssertEqual(DetectorRegistry.validate(ids: folders), [])
    }

    func testTriggeringExamplesMatchTheirMarkers() {
        for rule in DetectorRegistry.all where rule is any Detector.Type {
            for (index, example) in rule.description.triggering.enumerated() {
                XCTAssertFalse(MarkedText(example.code).markers.isEmpty, "\(rule.description.id) #\(index)")
                assertFindings(
                    rule, marked: Array(example.code.utf8), fileName: example.fileName,
                    context: "\(rule.description.id) triggering #\(index)")
            }
        }
    }

    func testNonTriggeringExamplesProduceNothing() {
        for rule in DetectorRegistry.all where rule is any Detector.Type {
            for (index, example) in rule.description.nonTriggering.enumerated() {
                XCTAssertTrue(MarkedText(example.code).markers.isEmpty, "\(rule.description.id) #\(index)")
                assertFindings(
                    rule, marked: Array(example.code.utf8), fileName: example.fileName,
                    context: "\(rule.description.id) non-triggering #\(index)")
            }
        }
    }

    func testIdsAreUniqueSortedAndDocumented() {
        let ids = DetectorRegistry.all.map { $0.description.id }
        XCTAssertEqual(ids, ids.sorted())
        XCTAssertEqual(Set(ids).count, ids.count)
        XCTAssertEqual(DetectorRegistry.ids, ids, "DetectorRegistry.ids must list every rule's id, sorted")
        for description in DetectorRegistry.descriptions {
            XCTAssertTrue(description.id.allSatisfy { $0.isLowercase || $0 == "-" }, description.id)
            XCTAssertFalse(description.summary.isEmpty, description.id)
            XCTAssertFalse(description.summary.contains("\n"), description.id)
            XCTAssertFalse(description.rationale.isEmpty, description.id)
            XCTAssertFalse(description.hint.isEmpty, description.id)
            XCTAssertFalse(description.triggering.isEmpty, description.id)
            XCTAssertFalse(description.nonTriggering.isEmpty, description.id)
        }
    }

    func testRegistryLookupAndValidation() {
        XCTAssertEqual(DetectorRegistry.description(for: "final-newline")?.defaultSeverity, .warning)
        XCTAssertNil(DetectorRegistry.description(for: "no-such-rule"))
        XCTAssertEqual(
            DetectorRegistry.validate(ids: ["trailing-whitespace", "tralling-whitespace", "zzz"]),
            ["tralling-whitespace", "zzz"])
    }

    func testMarkedTextStripsMarkersAtByteOffsets() {
        let text = MarkedText("é1️⃣x1️⃣")
        XCTAssertEqual(text.bytes, Array("éx".utf8))
        XCTAssertEqual(text.markers, [2, 3])
    }

    func testTextKindsComeFromTheNameThenTheFirstLine() {
        func kind(_ path: String, _ text: String = "x\n") -> TextKind {
            SourceFile(path: path, bytes: Array(text.utf8)).kind
        }
        XCTAssertEqual(kind("debian/patches/01-fix.PATCH"), .verbatim)
        XCTAssertEqual(kind("fix.diff"), .verbatim)
        XCTAssertEqual(kind("docs/README.md"), .markdown)
        XCTAssertEqual(kind("notes.txt", "diff --git a/x b/x\n"), .text)
        XCTAssertEqual(kind("debian/patches/fix-build", "Index: a/x\n"), .verbatim)
        XCTAssertEqual(kind("fix-build", "--- a/x\n+++ b/x\n"), .verbatim)
        XCTAssertEqual(kind("CHANGES", "--- \nnot a diff\n"), .text)
        let mail = "From " + String(repeating: "a1", count: 20) + " Mon Sep 17 00:00:00 2001\n"
        XCTAssertEqual(kind("0001", mail), .verbatim)
        XCTAssertEqual(kind("__snapshots__/App.test.js.snap"), .verbatim)
        XCTAssertEqual(kind("data/rows.tsv"), .verbatim)
        XCTAssertEqual(kind("Makefile"), .text)
    }

    func testTrailingWhitespaceFixDeletesTheWhitespace() throws {
        let file = SourceFile(path: "a.py", bytes: Array("x = 1 \t\r\n".utf8))
        let finding = try XCTUnwrap(TrailingWhitespaceDetector().findings(in: file).first)
        XCTAssertEqual(finding.location, SourceLocation(path: "a.py", start: 5, end: 7))
        XCTAssertEqual(finding.fix?.edits, [TextEdit(start: 5, end: 7, replacement: "")])
        XCTAssertEqual(finding.hint, "delete the whitespace at the end of the line")
    }
}
