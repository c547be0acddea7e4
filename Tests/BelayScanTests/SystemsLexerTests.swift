import XCTest

@testable import BelayScan

let systemCases: [(Language, String)] = [
    (.swift, "let s = \"\"\"\n  a \\(b) \"c\" d\n  \"\"\"\nlet t = \"x\\(y + \"z\\(w)\")\"\n"),
    (.swift, "let r = #\"a \\(x) \\#(y) \"# + ##\"a \"# \\##(z) \\#(n)\"##\n"),
    (.swift, "/* a /* b */ c */ d\n/// doc\n//// plain\n/** block doc */\n"),
    (
        .swift,
        "#if os(Linux)\nimport Glibc\n#elseif os(macOS)\nimport Darwin\n#else\nimport Other\n#endif\nlet `class` = 1\n"
    ),
    (.go, "s := `raw \"x\" \n y` + \"q\\\"\" + string('\\'') + string('z')\nvar r = v\n"),
    (
        .rust,
        "let s = r#\"a \"b\" c\"#; let t = b\"x\"; let u = b'y'; let c = 'c';\nfn f<'a>(x: &'a str) -> char { '\\u{1F600}' }\n"
    ),
    (.rust, "/* a /* b */ c */ d\n/// doc\n//! inner\n#[cfg(test)]\nlet r#type = 1; let e = 'é';\n"),
]

final class SystemsLexerTests: XCTestCase {
    func testSwiftMultilineAndInterpolation() {
        XCTAssertEqual(names(systemCases[0].1, .swift), ["s", "b", "t", "y", "w"])
        XCTAssertEqual(context(of: "z", in: systemCases[0].1, .swift), .string)
    }

    func testSwiftRawStrings() {
        XCTAssertEqual(names(systemCases[1].1, .swift), ["r", "y", "z"])
    }

    func testSwiftNestedAndDocComments() {
        let source = systemCases[2].1
        XCTAssertEqual(names(source, .swift), ["d"])
        XCTAssertEqual(kind(of: "/// doc", in: source, .swift), .docComment)
        XCTAssertEqual(kind(of: "//// plain", in: source, .swift), .comment)
        XCTAssertEqual(kind(of: "/** block doc */", in: source, .swift), .docComment)
    }

    func testSwiftDirectivesAndBacktickNames() {
        let source = systemCases[3].1
        XCTAssertEqual(kind(of: "#if", in: source, .swift), .keyword)
        XCTAssertEqual(kind(of: "#endif", in: source, .swift), .keyword)
        XCTAssertEqual(kind(of: "`class`", in: source, .swift), .identifier)
        let file = ScannedFile(source, language: .swift)
        let glibc = index(of: "Glibc", in: file)
        let darwin = index(of: "Darwin", in: file)
        let other = index(of: "Other", in: file)
        XCTAssertTrue(file.inExclusiveBranches(glibc, darwin))
        XCTAssertTrue(file.inExclusiveBranches(darwin, other))
        XCTAssertEqual(file.scope(of: glibc), file.scope(of: index(of: "`class`", in: file)))
        XCTAssertFalse(file.inExclusiveBranches(glibc, index(of: "`class`", in: file)))
    }

    func testGoRawStringsAndRunes() {
        XCTAssertEqual(names(systemCases[4].1, .go), ["s", "string", "string", "r", "v"])
        XCTAssertEqual(kind(of: "'z'", in: systemCases[4].1, .go), .string)
    }

    func testRustStringsCharsAndLifetimes() {
        let source = systemCases[5].1
        XCTAssertEqual(names(source, .rust), ["s", "t", "u", "c", "f", "'a", "x", "'a", "str", "char"])
        XCTAssertEqual(kind(of: "'c'", in: source, .rust), .string)
        XCTAssertEqual(kind(of: "b'y'", in: source, .rust), .string)
        XCTAssertEqual(kind(of: "'\\u{1F600}'", in: source, .rust), .string)
    }

    func testRustCommentsAttributesRawIdentifiers() {
        let source = systemCases[6].1
        XCTAssertEqual(names(source, .rust), ["d", "cfg", "test", "r#type", "e"])
        XCTAssertEqual(kind(of: "/// doc", in: source, .rust), .docComment)
        XCTAssertEqual(kind(of: "//! inner", in: source, .rust), .docComment)
        XCTAssertEqual(kind(of: "'é'", in: source, .rust), .string)
    }
}
