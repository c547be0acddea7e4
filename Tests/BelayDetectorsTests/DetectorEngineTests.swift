import BelayCore
import BelayDetectors
import Foundation
import XCTest

final class DetectorEngineTests: XCTestCase {
    func change(_ path: String, old: String?, new: String) -> FileChangeInput {
        FileChangeInput(path: path, old: old.map { Array($0.utf8) }, new: Array(new.utf8))
    }

    func testMovedOldProblemIsNotNew() {
        let old = "a = 1\nb = 2  \nc = 3\n"
        let new = "b = 2  \na = 1\nc = 3\n"
        let engine = DetectorEngine()
        XCTAssertEqual(engine.run(changes: [change("m.py", old: old, new: new)], mode: .changed), [])
        XCTAssertEqual(engine.run(changes: [change("m.py", old: old, new: new)], mode: .all).count, 1)
    }

    func testSecondCopyOfAnOldProblemIsNew() {
        let old = "a = 1\nf(22)  \n"
        let new = "a = 1\nf(22)  \nf(22)  \n"
        let found = DetectorEngine().run(changes: [change("m.py", old: old, new: new)], mode: .changed)
        XCTAssertEqual(found.map(\.rule), ["trailing-whitespace"])
        XCTAssertEqual(found.first?.location?.start, 19)  // the later copy
    }

    func testNewProblemOnAnotherLineIsReported() {
        let old = "a = 1\nb = 2  \n"
        let new = "a = 1 \nb = 2  \n"
        let found = DetectorEngine().run(changes: [change("m.py", old: old, new: new)], mode: .changed)
        XCTAssertEqual(found.map { $0.location?.start }, [5])
    }

    /// vapor's history: Xcode leaves whitespace on blank lines, the project merges it. When the files a
    /// change touches already have trailing whitespace, a new one is a warning, not a blocked commit.
    func testATolerantFileMakesNewTrailingWhitespaceAWarning() {
        let tolerant = change("a.swift", old: "let a = 1\n    \nlet b = 2\n", new: "let a = 1\n    \nlet b = 2\n    \n")
        let clean = change("b.swift", old: "let c = 1\n", new: "let c = 1\n    \n")
        let both = DetectorEngine().run(changes: [tolerant, clean], mode: .changed)
        XCTAssertEqual(both.map(\.severity), [.warning, .warning], "\(both)")
        XCTAssertTrue(both[0].hint?.contains("tolerates") ?? false)
        let alone = DetectorEngine().run(changes: [clean], mode: .changed)
        XCTAssertEqual(alone.map(\.severity), [.error], "a clean project still blocks it")
    }

    func testAddedFileReportsEverything() {
        let found = DetectorEngine().run(changes: [change("new.py", old: nil, new: "x = 1 \ny")], mode: .changed)
        XCTAssertEqual(found.map(\.rule), ["trailing-whitespace", "final-newline"])
        XCTAssertEqual(found.map(\.severity), [.error, .warning])
    }

    func testMixedLineEndingsOnlyForAddedLines() {
        let old = "a\r\nb\nc\n"  // already mixed: the CRLF line is old
        let new = "a\r\nb\nc\nd\r\n"
        let found = DetectorEngine().run(changes: [change("t.txt", old: old, new: new)], mode: .changed)
        XCTAssertEqual(found.map { $0.location?.start }, [8])
    }

    func testSettingsOnlyAndSkip() {
        let input = [change("a.py", old: nil, new: "x = 1 \ny")]
        let demoted = DetectorEngine(settings: ["trailing-whitespace": .note, "final-newline": .off])
            .run(changes: input, mode: .all)
        XCTAssertEqual(demoted.map(\.rule), ["trailing-whitespace"])
        XCTAssertEqual(demoted.map(\.severity), [.note])
        XCTAssertEqual(
            DetectorEngine(only: ["final-newline"]).run(changes: input, mode: .all).map(\.rule), ["final-newline"])
        XCTAssertEqual(
            DetectorEngine(skip: ["final-newline"]).run(changes: input, mode: .all).map(\.rule),
            ["trailing-whitespace"])
    }

    func testBinaryFilesAreSkipped() {
        let bytes: [UInt8] = [0x89, 0x50, 0x00, 0x20, 0x0A, 0x20]
        let found = DetectorEngine().run(changes: [FileChangeInput(path: "i.png", old: nil, new: bytes)], mode: .all)
        XCTAssertEqual(found, [])
    }

    func testPDFsAreBinaryThoughTheirHeaderIsText() {
        // psf/requests' ext/requests-logo.ai: CR-separated PDF objects, the first NUL 60 KB in.
        let pdf = Array("%PDF-1.5\r%\u{E2}\u{E3}\r1 0 obj \r<</Type/Catalog>>\nendobj \n".utf8)
        let found = DetectorEngine().run(changes: [FileChangeInput(path: "logo.ai", old: nil, new: pdf)], mode: .all)
        XCTAssertEqual(found, [])
    }

    func testSortedByPathOffsetRuleAcrossParallelFiles() {
        let changes = (0..<20).reversed().map { change(String(format: "f%02d.py", $0), old: nil, new: "a \nb") }
        let found = DetectorEngine().run(changes: changes, mode: .all)
        XCTAssertEqual(found.count, 40)
        XCTAssertEqual(found.first?.location?.path, "f00.py")
        XCTAssertEqual(found.prefix(2).map(\.rule), ["trailing-whitespace", "final-newline"])
        XCTAssertEqual(found.last?.location?.path, "f19.py")
    }

    struct WholeChangeRule: ChangeDetector {
        static let description = RuleDescription(
            id: "count-files", summary: "test", rationale: "test", defaultSeverity: .note, hint: "none",
            triggering: [], nonTriggering: [])
        func findings(in changes: [FileChangeInput]) -> [Diagnostic] {
            [Diagnostic(rule: "count-files", severity: .note, message: "\(changes.count) files", location: nil)]
        }
    }

    func testChangeDetectorsRunWithSettings() {
        let engine = DetectorEngine(detectors: [WholeChangeRule.self], settings: ["count-files": .error])
        let found = engine.run(changes: [change("a", old: nil, new: "")], mode: .changed)
        XCTAssertEqual(found.map(\.message), ["1 files"])
        XCTAssertEqual(found.map(\.severity), [.error])
    }

    func testManyFilesAreFast() {
        var line = Array("    value = compute(alpha, beta, gamma)  # some trailing comment text\n".utf8)
        line += Array("    other = value\t\n".utf8)
        let body = Array((0..<40).map { _ in line }.joined())
        let changes = (0..<150).map { FileChangeInput(path: "src/file\($0).py", old: nil, new: body) }
        let engine = DetectorEngine()
        let start = Date()
        let found = engine.run(changes: changes, mode: .changed)
        let elapsed = Date().timeIntervalSince(start)
        XCTAssertEqual(found.count, 150 * 40)
        // 12,000 added lines; debug builds are far slower than release, so the bound here is loose.
        XCTAssertLessThan(elapsed, 5, "took \(elapsed) s")
    }
}
