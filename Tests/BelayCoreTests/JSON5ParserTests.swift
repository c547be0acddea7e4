import Foundation
import XCTest

@testable import BelayCore

/// The one JSON5 reader: full JSON5 as users write it, lines by key path, and syntax errors with a line.
final class JSON5ParserTests: XCTestCase {
    func parse(_ text: String) throws -> RuleValue { try JSON5Parser.parse(Array(text.utf8)) }

    func number(_ text: String) throws -> Double {
        guard case .number(let value) = try parse(text) else { throw BelayError.internal("not a number: \(text)") }
        return value
    }

    func testNumberForms() throws {
        let cases: [(String, Double)] = [
            ("0", 0), ("-0", -0.0), ("42", 42), ("+1", 1), ("-7", -7), ("0x1F", 31), ("0XFF", 255), ("-0x10", -16),
            (".5", 0.5), ("5.", 5), ("-.25", -0.25), ("1e3", 1000), ("2E-2", 0.02), ("1.5e+2", 150),
            ("12345678901234567890", 12_345_678_901_234_567_168), ("Infinity", .infinity), ("-Infinity", -.infinity),
            ("+Infinity", .infinity),
        ]
        for (text, expected) in cases { XCTAssertEqual(try number(text), expected, text) }
        XCTAssertTrue(try number("NaN").isNaN)
        XCTAssertTrue(try number("-NaN").isNaN)
    }

    func testStringForms() throws {
        let cases: [(String, String)] = [
            (#"'it\'s'"#, "it's"), (#""say \"hi\"""#, "say \"hi\""), ("'a\"b'", "a\"b"), ("\"a'b\"", "a'b"),
            (#"'\n\t\r\b\f\v\0'"#, "\n\t\r\u{8}\u{C}\u{B}\0"), (#"'\x41\u00e9'"#, "Aé"),
            (#"'\ud83d\ude00'"#, "😀"), (#"'\ud83d'"#, "\u{FFFD}"), (#"'\ude00x'"#, "\u{FFFD}x"),
            ("'line \\\ncontinued'", "line continued"), ("'crlf \\\r\ncontinued'", "crlf continued"),
            ("'ls \\\u{2028}continued'", "ls continued"), (#"'\q\/\\'"#, "q/\\"), ("'héllo ✓'", "héllo ✓"),
            ("'a\u{2028}b'", "a\u{2028}b"),
        ]
        for (text, expected) in cases { XCTAssertEqual(try parse(text).string, expected, text) }
    }

    func testKeysCommentsAndTrailingCommas() throws {
        let value = try parse(
            """
            \u{FEFF}// comment
            { $dollar: 1, _under: 2, camelCase3: 3, 'single': 4, "double": 5, café: 6, \\u0061b: 7,
              /* block */ nested: { list: [1, 2, ], }, }
            """)
        for (key, expected) in [
            "$dollar": 1.0, "_under": 2, "camelCase3": 3, "single": 4, "double": 5, "café": 6, "ab": 7,
        ] {
            guard case .number(let found)? = value[key] else { return XCTFail("missing \(key)") }
            XCTAssertEqual(found, expected, key)
        }
        XCTAssertEqual(value["nested"]?["list"]?.array?.count, 2)
    }

    /// Whatever Foundation's JSON5 reader accepts here, ours reads to the same values. (Not line
    /// continuations: Foundation keeps the newline, where JSON5 says `\` + newline stands for nothing.)
    func testAgreesWithFoundationOnValidDocuments() throws {
        struct Doc: Codable, Equatable {
            var a: [Double]
            var s: [String]
            var b: Bool?
            var o: [String: String]
        }
        let text = """
            // header
            { a: [0x1F, .5, 5., +1, -2e2, 1E-1,], s: ['x', "y\\u0041", '\\ud83d\\ude00'], b: true, o: { 'k-1': "v", $k: '', }, }
            """
        let ours = try RuleValueDecoder.decode(Doc.self, from: Array(text.utf8))
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        XCTAssertEqual(ours, try decoder.decode(Doc.self, from: Data(text.utf8)))
    }

    func testLinesByKeyPath() throws {
        let located = try JSON5Parser.parseLocated(
            Array("{\n  a: [\n    1,\n    { 'b c': 2 }],\n  // x: 1\n  d: 'e\\\nf',\n  g: 3 }".utf8))
        XCTAssertEqual(
            located.lines, ["": 1, "a": 2, "a[0]": 3, "a[1]": 4, "a[1].b c": 4, "d": 6, "g": 8])
    }

    func assertFailure(
        _ text: String, line: Int, _ fragment: String, file: StaticString = #filePath, sourceLine: UInt = #line
    ) {
        do {
            _ = try JSON5Parser.parseLocated(Array(text.utf8))
            XCTFail("parsed: \(text)", file: file, line: sourceLine)
        } catch {
            XCTAssertEqual(error.line, line, error.message, file: file, line: sourceLine)
            XCTAssertTrue(
                error.message.contains(fragment), "'\(error.message)' lacks '\(fragment)'", file: file,
                line: sourceLine)
        }
    }

    func testSyntaxErrorsNameTheLineAndWhatWasExpected() {
        assertFailure("{\n  a: 01 }", line: 2, "leading zero")
        assertFailure("{\n  a: 1x }", line: 2, "'1x' is not a number")
        assertFailure("{ a: 0x }", line: 1, "'0x' is not a number")
        assertFailure("{ a: . }", line: 1, "not a number")
        assertFailure("{ a: 1e }", line: 1, "'1e' is not a number")
        assertFailure("{ a: Inf }", line: 1, "unexpected 'Inf'")
        assertFailure("{\n  a: yes }", line: 2, "strings need quotes")
        assertFailure("{\n  trailing-whitespace: 'off' }", line: 2, "'trailing-whitespace' needs quotes")
        assertFailure("{ 1a: 2 }", line: 1, "expected a key")
        assertFailure("{ a 1 }", line: 1, "expected ':' after the key 'a'")
        assertFailure("{ a: }", line: 1, "expected a value, found '}'")
        assertFailure("{\n  a: [1 2] }", line: 2, "missing comma")
        assertFailure("{\n  a: 1\n", line: 1, "never closed")
        assertFailure("[\n  1,\n", line: 1, "never closed")
        assertFailure("{\n  /* open\n}", line: 2, "comment")
        assertFailure("{\n  a: 'x\\q\n  ", line: 2, "not closed")
        assertFailure("{ a: 'x\\1' }", line: 1, "not a JSON5 escape")
        assertFailure("{ a: '\\u12' }", line: 1, "hex digits")
        assertFailure("// only a comment\n", line: 1, "empty")
        assertFailure("{} {}", line: 1, "after the end")
    }

    func testDuplicateKeysAreFailuresWithTheirPath() {
        XCTAssertThrowsError(try JSON5Parser.parseLocated(Array("{ a: { b: 1,\n b: 2 } }".utf8))) { error in
            let failure = error as? JSON5Parser.Failure
            XCTAssertEqual(failure?.kind, .duplicateKey(path: "a.b"))
            XCTAssertEqual(failure?.line, 2)
        }
        XCTAssertThrowsError(try parse("{ a: 1, 'a': 2 }"))
    }
}
