import XCTest

@testable import BelayScan

let jvmCases: [(Language, String)] = [
    (.java, "String s = \"\"\"\n  a \"b\" \\\"\"\"\n  \"\"\"; char c = '\"'; char q = '\\'';\n/** doc */ int x;\n"),
    (.kotlin, "val s = \"\"\"raw \\ $a ${b + c} \"\"\" + \"x $y ${z} \\$no\"\n/* a /* b */ c */ val `in` = 'q'\n"),
]

final class JVMLexerTests: XCTestCase {
    func testJavaTextBlocksAndChars() {
        let source = jvmCases[0].1
        XCTAssertEqual(names(source, .java), ["String", "s", "c", "q", "x"])
        XCTAssertEqual(kind(of: "/** doc */", in: source, .java), .docComment)
    }

    func testKotlinTemplatesAndNestedComments() {
        let source = jvmCases[1].1
        XCTAssertEqual(names(source, .kotlin), ["s", "a", "b", "c", "y", "z", "`in`"])
        XCTAssertEqual(context(of: "no", in: source, .kotlin), .string)
    }
}
