import BelayRename
import XCTest

final class ContextAndWireNameTests: XCTestCase {
    /// The context of the first `old_field` in `text`, in a file at `path`.
    private func context(_ text: String, path: String) -> HitContext? {
        let bytes = Array(text.utf8)
        guard let hit = RenameMatcher(old: "old_field", new: "new_field").hits(in: bytes).first else { return nil }
        return LineContextClassifier(path: path, bytes: bytes).context(at: hit.start)
    }

    func testFallbackClassifierTable() {
        let table: [(String, String, HitContext)] = [
            ("x = old_field\n", "a.py", .code),
            ("x = 1  # old_field\n", "a.py", .comment),
            ("x = \"# not a comment\" + old_field\n", "a.py", .code),
            ("s = 'old_field'\n", "a.py", .string),
            ("s = \"it's \\\" old_field\"\n", "a.py", .string),
            ("def f():\n    \"\"\"Uses\n    old_field.\n    \"\"\"\n", "a.py", .doc),
            ("let a = old_field; // x\n", "a.ts", .code),
            ("let a = 1; // old_field\n", "a.ts", .comment),
            ("/// Returns old_field.\n", "a.swift", .doc),
            ("/*\n * old_field\n */\n", "a.go", .comment),
            ("const s = `old_field`\n", "a.js", .string),
            ("fn f<'a>(x: &'a str) { old_field }\n", "a.rs", .code),
            ("SELECT old_field -- x\n", "q.sql", .code),
            ("-- old_field\n", "q.sql", .comment),
            ("The old_field column.\n", "README.md", .doc),
            ("`old_field`\n", "docs/guide.rst", .doc),
            ("# old_field\n", "Makefile", .comment),
            ("# old_field\n", "script", .comment),
            ("a # old_field\n", "script", .code),
            ("<!-- old_field -->\n", "index.html", .comment),
            ("ключ = \"é\" // old_field\n", "a.kt", .comment),
        ]
        for (text, path, expected) in table {
            XCTAssertEqual(context(text, path: path), expected, "\(path): \(text)")
        }
    }

    func testWireNames() {
        let wire = [
            "old_field = models.CharField(db_column=\"old_field\")",
            "@SerializedName(\"old_field\") val newField: String",
            "@JsonProperty(\"oldField\") private String newField;",
            "#[serde(rename = \"old_field\")]",
            "case newField = \"old_field\"",
            "NewField string `json:\"old_field,omitempty\"`",
            "new_field: str = Field(alias='old_field')",
            "optional string new_field = 1 [json_name = \"old_field\"];",
        ]
        let matcher = RenameMatcher(old: "old_field", new: "new_field")
        for line in wire {
            let bytes = Array(line.utf8)
            let hits = matcher.hits(in: bytes)
            XCTAssertFalse(hits.isEmpty, line)
            XCTAssertEqual(hits.last.map { isWireName(bytes, start: $0.start, end: $0.end) }, true, line)
        }
        for line in ["x = \"old_field\"", "print('old_field')", "case oldField", "x = old_field"] {
            let bytes = Array(line.utf8)
            let hit = matcher.hits(in: bytes).first!
            XCTAssertFalse(isWireName(bytes, start: hit.start, end: hit.end), line)
        }
    }

    func testPathSelectionAppliesGlobsAndDefaultExcludes() {
        let files = [
            "app/models.py", "app/migrations/0001_initial.py", "db/migrate/20240101_add.rb",
            "engine/db/migrate/1_x.rb", "CHANGELOG.md", "docs/NEWS.rst", "alembic/versions/abc.py",
            "migrations/script.py.mako", "migrations/env.py", "db2/script.py.mako", "db2/versions/1f_add.py",
            "db2/versions/readme.txt", "src/app.js", "lib/versions/util.py",
        ]
        XCTAssertEqual(
            RenameAudit.selectPaths(files, include: [], exclude: []),
            ["app/models.py", "db2/script.py.mako", "db2/versions/readme.txt", "src/app.js", "lib/versions/util.py"])
        XCTAssertEqual(
            RenameAudit.selectPaths(files, include: ["*.py"], exclude: ["lib/**"]),
            ["app/models.py"])
        XCTAssertEqual(
            RenameAudit.selectPaths(files, include: ["src/**", "/app/*.py"], exclude: []),
            ["app/models.py", "src/app.js"])
        XCTAssertEqual(
            RenameAudit.selectPaths(["a/b/c.py", "ab/x.py"], include: ["a?/*.py", "a/**/c.py"], exclude: []),
            ["a/b/c.py", "ab/x.py"])
        XCTAssertEqual(
            RenameAudit.selectPaths(["CHANGELOG.md"], include: [], exclude: [], useDefaultExcludes: false),
            ["CHANGELOG.md"])
    }

    func testTrackedFileListParsing() {
        XCTAssertEqual(
            parseNullSeparatedPaths(Array("a.py\0dir/with space.md\0ü.txt\0".utf8)),
            [
                "a.py", "dir/with space.md", "ü.txt",
            ])
        XCTAssertEqual(parseNullSeparatedPaths([]), [])
    }
}
