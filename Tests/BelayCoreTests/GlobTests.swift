import BelayCore
import XCTest

final class GlobTests: XCTestCase {
    /// (pattern, path, expected)
    let table: [(String, String, Bool)] = [
        // No slash: the name at any depth.
        ("*.py", "a.py", true),
        ("*.py", "src/deep/a.py", true),
        ("*.py", "a.pyc", false),
        ("*.py", "a.py.txt", false),
        ("CHANGELOG.md", "CHANGELOG.md", true),
        ("CHANGELOG.md", "docs/CHANGELOG.md", true),
        ("CHANGELOG.md", "docs/CHANGELOG.mdx", false),
        ("build", "build/out/x.o", true),  // everything under a matched folder
        ("build", "rebuild/x.o", false),
        // With a slash: anchored at the root.
        ("src/*.py", "src/a.py", true),
        ("src/*.py", "lib/src/a.py", false),
        ("src/*.py", "src/sub/a.py", false),  // * does not cross /
        ("/setup.py", "setup.py", true),
        ("/setup.py", "pkg/setup.py", false),
        ("docs/", "docs/index.md", true),
        // ** forms.
        ("**/migrations/**", "app/migrations/0001.py", true),
        ("**/migrations/**", "migrations/0001.py", true),
        ("**/migrations/**", "app/migrations", false),
        ("**/x", "x", true),
        ("**/x", "a/b/x", true),
        ("x/**", "x/a", true),
        ("x/**", "x/a/b/c", true),
        ("x/**", "x", false),
        ("a/**/b", "a/b", true),
        ("a/**/b", "a/x/y/b", true),
        ("a/**/b", "a/xb", false),
        ("a**b", "axxb", true),  // not at a folder boundary: an ordinary *
        ("a**b", "ax/xb", false),
        ("**", "anything/at/all", true),
        // ? and classes.
        ("?.c", "a.c", true),
        ("?.c", "ab.c", false),
        ("a?b", "a/b", false),
        ("[abc].txt", "b.txt", true),
        ("[abc].txt", "d.txt", false),
        ("[a-c]x", "bx", true),
        ("[!a-z]x", "Bx", true),
        ("[!a-z]x", "bx", false),
        ("[^0-9]", "5", false),
        ("[]]", "]", true),
        ("[a-]", "-", true),
        ("file[0-9][0-9].log", "logs/file42.log", true),
        // Escapes.
        ("\\*.md", "*.md", true),
        ("\\*.md", "a.md", false),
        ("\\!important", "!important", true),
        ("a\\?", "a?", true),
        ("a\\?", "ab", false),
        // Unicode, spaces, directory-only.
        ("héllo wörld.txt", "dir/héllo wörld.txt", true),
        ("*.ü", "x.ü", true),
        ("?.txt", "é.txt", true),
        ("build/", "build", false),
        ("build/", "a/build/x", true),
    ]

    func testTable() throws {
        var failures: [String] = []
        for (pattern, path, expected) in table {
            let glob = try Glob(pattern)
            if glob.matches(path) != expected {
                failures.append("\(pattern) vs \(path): expected \(expected)")
            }
        }
        XCTAssertEqual(failures, [])
    }

    func testBadPatternsThrow() {
        for pattern in ["[abc", "a\\", "", "!negated", "[z-a]", "/"] {
            XCTAssertThrowsError(try Glob(pattern), pattern) { error in
                guard case BelayError.configuration(_, 0, "", let message) = error else {
                    return XCTFail("\(pattern): \(error)")
                }
                XCTAssertTrue(message.contains("invalid glob"), message)
            }
        }
    }

    func testPathologicalPatternIsFast() throws {
        let glob = try Glob(String(repeating: "*a", count: 20) + "b")
        let start = Date()
        XCTAssertFalse(glob.matches(String(repeating: "a", count: 200)))
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
    }

    func testLeadingDotSlashInPathIsIgnored() throws {
        XCTAssertTrue(try Glob("src/*.py").matches("./src/a.py"))
    }
}
