import BelayCore
import BelayRename
import Foundation
import XCTest

final class RenameAuditTests: XCTestCase {
    private var root = ""

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "belay-rename-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    private func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    private func git(_ arguments: String...) throws {
        let outcome = try ProcessRunner().run(
            ProcessRequest(
                executable: "git",
                arguments: ["-C", root, "-c", "user.name=t", "-c", "user.email=t@t"] + arguments,
                environment: ProcessInfo.processInfo.environment))
        XCTAssertTrue(outcome.succeeded, String(decoding: outcome.standardError, as: UTF8.self))
    }

    func testAuditsATrackedRepository() throws {
        try write(
            "app/models.py",
            "class Item(models.Model):\n    new_field = models.CharField(db_column=\"old_field\")\n")
        try write(
            "app/views.py",
            "def show(item):\n    # copy old_field first\n    label = item.old_field.upper()\n    return label\n")
        try write("web/item.js", "// x\nconst é = item.oldField;\r\nexport const OLD_FIELD_MAX = 3;\n")
        try write("docs/fields.md", "The **old field** is `old_field`.\n")
        try write("app/migrations/0002_rename.py", "RenameField('item', 'old_field', 'new_field')\n")
        try write("CHANGELOG.md", "- renamed old_field\n")
        try write("untracked.py", "old_field = 1\n")
        try write("logo.bin", "old_field\0\0")
        try git("init", "-q")
        try git("add", "app", "web", "docs", "CHANGELOG.md", "logo.bin")
        try git("commit", "-qm", "init")

        let files = try listTrackedFiles(root: root)
        XCTAssertEqual(files.count, 7)
        let hits = RenameAudit.run(
            repositoryRoot: root, files: files, renames: [(old: "old_field", new: "new_field")], parallelism: 2)
        let summary = hits.map { "\($0.path):\($0.line):\($0.column) \($0.text) \($0.variant) \($0.context)" }
        XCTAssertEqual(
            summary,
            [
                "app/models.py:2:45 old_field snake string",
                "app/views.py:2:12 old_field snake comment",
                "app/views.py:3:18 old_field snake code",
                "docs/fields.md:1:7 old field prose doc",
                "docs/fields.md:1:23 old_field snake doc",
                "web/item.js:2:16 oldField camel code",
                "web/item.js:3:14 OLD_FIELD_MAX screaming code",
            ])
        XCTAssertEqual(hits.map(\.wireName), [true, false, false, false, false, false, false])
        XCTAssertEqual(hits[5].lineText, "const é = item.oldField;")
        XCTAssertEqual(hits[6].suggestion, "NEW_FIELD_MAX")
        XCTAssertTrue(hits[6].compound)
        XCTAssertEqual(hits[0].diagnostic.severity, .note)
        XCTAssertNil(hits[0].diagnostic.fix)
        let leftover = hits[2].diagnostic
        XCTAssertEqual(leftover.rule, "rename-leftover")
        XCTAssertEqual(leftover.severity, .error)
        XCTAssertEqual(leftover.message, "'old_field' still uses 'old_field', which this change renames to 'new_field'")
        XCTAssertEqual(
            leftover.fix?.edits, [TextEdit(start: hits[2].start, end: hits[2].end, replacement: "new_field")])
        XCTAssertEqual(hits[1].diagnostic.message.contains("in a comment"), true)

        let included = RenameAudit.run(
            repositoryRoot: root, files: files, renames: [(old: "old_field", new: "new_field")], include: ["*.js"],
            exclude: [], useDefaultExcludes: false)
        XCTAssertEqual(included.map(\.path), ["web/item.js", "web/item.js"])
        let everything = RenameAudit.run(
            repositoryRoot: root, files: files, renames: [(old: "old_field", new: "new_field")],
            useDefaultExcludes: false)
        XCTAssertEqual(Set(everything.map(\.path)).count, 6)
    }

    func testInjectedClassifierAndReader() {
        struct Everything: ContextClassifier {
            func context(at offset: Int) -> HitContext { .comment }
        }
        let hits = RenameAudit.run(
            repositoryRoot: "/nonexistent", files: ["a.py", "missing.py"], renames: [(old: "oldName", new: "newName")],
            reader: { $0 == "a.py" ? Array("x = old_name\ny = OldName\n".utf8) : nil },
            classifier: { _, _ in Everything() })
        XCTAssertEqual(hits.map(\.line), [1, 2])
        XCTAssertEqual(hits.map(\.context), [.comment, .comment])
        XCTAssertEqual(hits.map(\.suggestion), ["new_name", "NewName"])
    }

    func testColumnsCountCharactersOnOneLongLine() {
        let line = String(repeating: "é old_field ", count: 2000)
        let hits = RenameAudit.run(
            repositoryRoot: "/nonexistent", files: ["bundle.min.js"], renames: [(old: "old_field", new: "new_field")],
            reader: { _ in Array((line + "\r\nold_field").utf8) })
        XCTAssertEqual(hits.count, 2001)
        XCTAssertEqual(hits.prefix(2).map(\.column), [3, 15])
        XCTAssertEqual(hits[1999].column, 1999 * 12 + 3)
        XCTAssertEqual(hits.last.map { [$0.line, $0.column] }, [2, 1])
        XCTAssertEqual(hits.last?.lineText, "old_field")
    }

    func testGitFailureIsAnInternalError() {
        XCTAssertThrowsError(try listTrackedFiles(root: root + "/not-a-repo")) { error in
            guard case BelayError.internal = error else { return XCTFail("\(error)") }
        }
    }
}
