import XCTest

@testable import BelayScan

let scriptCases: [(Language, String)] = [
    (.javascript, "const s = `a ${ `b ${c} d` } e ${f} \\${g}`;\n"),
    (.javascript, "q = a / b / c;\nx = /re[/]/g.test(y);\nreturn /z/;\n(a) / 2; i++ / 3; f(/k/, /m/i)\n"),
    (.javascript, "// foo\n/* bar */ baz; /** doc */\nlet s = 'it\\'s' + \"q\\\"\" + z;\n"),
    (.typescript, "interface P { name: string }\nconst t: P = { name: `${who}` }; // who\n"),
    (.javascript, "#!/usr/bin/env node\nlet a = 1;\n"),
]

final class ScriptLexerTests: XCTestCase {
    func testNestedTemplateLiterals() {
        XCTAssertEqual(names(scriptCases[0].1, .javascript), ["s", "c", "f"])
        XCTAssertEqual(context(of: "g", in: scriptCases[0].1, .javascript), .string)
    }

    func testRegexVersusDivision() {
        let all = kinds(scriptCases[1].1, .javascript)
        XCTAssertEqual(all.filter { $0.1 == .regex }.map(\.0), ["/re[/]/g", "/z/", "/k/", "/m/i"])
        XCTAssertEqual(all.filter { $0.0 == "/" }.count, 4)
        XCTAssertEqual(names(scriptCases[1].1, .javascript), ["q", "a", "b", "c", "x", "test", "y", "a", "i", "f"])
    }

    func testCommentsAndEscapes() {
        XCTAssertEqual(names(scriptCases[2].1, .javascript), ["baz", "s", "z"])
        XCTAssertEqual(kind(of: "/** doc */", in: scriptCases[2].1, .javascript), .docComment)
        XCTAssertEqual(kind(of: "/* bar */", in: scriptCases[2].1, .javascript), .comment)
    }

    func testTypeScript() {
        XCTAssertEqual(kind(of: "interface", in: scriptCases[3].1, .typescript), .keyword)
        XCTAssertEqual(context(of: "who", in: scriptCases[3].1, .typescript), .code)
        XCTAssertEqual(context(of: "who", in: scriptCases[3].1, .typescript, occurrence: 1), .comment)
    }

    func testHashbang() {
        XCTAssertEqual(names(scriptCases[4].1, .javascript), ["a"])
    }
}
