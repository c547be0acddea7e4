import XCTest

@testable import BelayScan

/// Detector-style examples (duplicates, tricky literals) per language.
let mutationExamples: [(Language, String)] =
    corpus + [
        (.python, "def f(a, b, a):\n    return {\"k\": 1, 'k': 2}\nimport os\nimport os\n"),
        (.javascript, "function f(a, a) { return { k: 1, k: `${a}` } }\nimport x from 'y'\n"),
        (.typescript, "function f(a: number, a: string): void {}\n"),
        (.swift, "func f(a: Int, a: Int) -> String { \"\\(a)\" }\n"),
        (.go, "func f(a int, a int) { m := map[string]int{\"k\": 1, \"k\": 2} }\n"),
        (.rust, "fn f(a: i32, a: i32) -> &'static str { \"x\" }\n"),
        (.java, "void f(int a, int a) { String s = \"a\"; }\n"),
        (.kotlin, "fun f(a: Int, a: Int) = \"$a ${a}\"\n"),
        (.ruby, "def f(a, a)\n  { k: 1, \"k\" => 2 }\nend\n"),
    ]

final class MutationTests: XCTestCase {
    func testHiddenCodeProducesNoCodeTokens() {
        for (language, code) in mutationExamples {
            for mutation in mutations(of: code, language: language) where mutation.hidesCode {
                let file = ScannedFile(mutation.text, language: language)
                let leaked = file.tokens.filter { token in
                    token.kind == .identifier || token.kind == .keyword || token.kind == .number
                        || token.kind == .symbol
                }
                XCTAssertTrue(
                    leaked.isEmpty,
                    "\(language) \(mutation.name) leaks \(leaked.map { file.text(of: $0) }) from:\n\(mutation.text)")
                // Every original identifier occurrence is non-code in the mutation.
                for token in ScannedFile(code, language: language).tokens where token.kind == .identifier {
                    let name = String(decoding: Array(code.utf8)[token.range], as: UTF8.self)
                    if let range = mutation.text.range(of: name) {
                        let offset = mutation.text.utf8.distance(from: mutation.text.startIndex, to: range.lowerBound)
                        XCTAssertNotEqual(file.classify(offset: offset), .code, "\(language) \(mutation.name): \(name)")
                    }
                }
            }
        }
    }

    func testPrefixesShiftOffsetsExactly() {
        for (language, code) in mutationExamples where !code.hasPrefix("#!") {  // a hashbang only counts first
            let original = ScannedFile(code, language: language).tokens
            for mutation in mutations(of: code, language: language) where !mutation.hidesCode {
                let shifted = ScannedFile(mutation.text, language: language).tokens.filter {
                    $0.start >= mutation.shift
                }
                func normal(_ kind: TokenKind) -> TokenKind { kind == .docComment ? .string : kind }
                let expected = original.map {
                    "\(normal($0.kind)) \($0.start + mutation.shift)..<\($0.end + mutation.shift)"
                }
                let actual = shifted.map { "\(normal($0.kind)) \($0.start)..<\($0.end)" }
                XCTAssertEqual(actual, expected, "\(language) \(mutation.name):\n\(mutation.text)")
            }
        }
    }

    func testEveryLanguageHasCommentAndStringMutations() {
        for language in Language.allCases {
            let names = mutations(of: "x = 1", language: language).map(\.name)
            XCTAssertTrue(names.contains("line comment"), "\(language)")
            XCTAssertTrue(names.contains("string"), "\(language)")
            XCTAssertTrue(names.contains("multibyte comment prefix"), "\(language)")
        }
    }
}
