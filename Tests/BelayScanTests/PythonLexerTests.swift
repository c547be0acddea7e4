import XCTest

@testable import BelayScan

let pythonCases: [(Language, String)] = [
    (.python, "x = \"a b\"  # c d\ny = 'e' + x\n"),
    (.python, "s = f\"{x['a']} {y:>{w}} {{z}} {'}'} {v!r:>10}\" + q\n"),
    (.python, "s = \"\"\"a\n\"b\" inner ''' \n\"\"\"\nq = '''x\"\"\"'''\n"),
    (.python, "a = rb'\\d' + Rb\"x\" + u'x' + fr'{k}\\d' + br\"y\" + B'z' + t\"{tt}\"\n"),
    (
        .python,
        "\"\"\"Module doc.\"\"\"\nclass C:\n    '''Class doc.'''\n    def f(self):\n        \"doc f\"\n        return \"not doc\"\n"
    ),
    (.python, "r = r\"\\\"\" + x\ns = \"open\nafter = 1\n"),
    (.python, "f(a,\n  b)\nc = 1 + \\\n    2\n"),
    (.python, "s = f'''{\n  a\n}''' + f\"{f'{b}'}\"\n"),
]

final class PythonLexerTests: XCTestCase {
    func testCommentsAndStringsHideNames() {
        XCTAssertEqual(names(pythonCases[0].1, .python), ["x", "y", "x"])
        XCTAssertEqual(kind(of: "# c d", in: pythonCases[0].1, .python), .comment)
    }

    func testFStringInterpolationIsCode() {
        XCTAssertEqual(names(pythonCases[1].1, .python), ["s", "x", "y", "w", "v", "q"])
        XCTAssertEqual(kind(of: "'a'", in: pythonCases[1].1, .python), .string)
        XCTAssertEqual(kind(of: "'}'", in: pythonCases[1].1, .python), .string)
        XCTAssertEqual(context(of: "z", in: pythonCases[1].1, .python), .string)
        let file = ScannedFile(pythonCases[1].1, language: .python)
        XCTAssertEqual(file.tokens[index(of: "x", in: file)].interpolationDepth, 1)
    }

    func testTripleQuotedStrings() {
        XCTAssertEqual(names(pythonCases[2].1, .python), ["s", "q"])
        XCTAssertEqual(context(of: "inner", in: pythonCases[2].1, .python), .string)
    }

    func testPrefixes() {
        XCTAssertEqual(names(pythonCases[3].1, .python), ["a", "k", "tt"])
    }

    func testDocstrings() {
        let source = pythonCases[4].1
        XCTAssertEqual(kind(of: "\"\"\"Module doc.\"\"\"", in: source, .python), .docComment)
        XCTAssertEqual(kind(of: "'''Class doc.'''", in: source, .python), .docComment)
        XCTAssertEqual(kind(of: "\"doc f\"", in: source, .python), .docComment)
        XCTAssertEqual(kind(of: "\"not doc\"", in: source, .python), .string)
        XCTAssertEqual(context(of: "Class", in: source, .python), .doc)
    }

    func testRawStringQuoteAndUnterminatedString() {
        XCTAssertEqual(names(pythonCases[5].1, .python), ["r", "x", "s", "after"])
    }

    func testLogicalLinesAndContinuation() {
        let file = ScannedFile(pythonCases[6].1, language: .python)
        XCTAssertEqual(file.logicalLines.count, 2)
        XCTAssertEqual(file.logicalLines.map { file.text($0.lowerBound) }, ["f", "c"])
        let open = index(of: "(", in: file)
        XCTAssertEqual(file.matchingBracket(open), index(of: ")", in: file))
    }

    func testNestedFStringsAndMultilineFields() {
        XCTAssertEqual(names(pythonCases[7].1, .python), ["s", "a", "b"])
    }
}
