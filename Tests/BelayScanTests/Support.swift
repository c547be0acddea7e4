import XCTest

@testable import BelayScan

/// Texts of the code-name tokens (identifiers and symbols) of `source`, in order.
func names(_ source: String, _ language: Language) -> [String] {
    let file = ScannedFile(source, language: language)
    return file.tokens.filter { $0.kind == .identifier }.map { file.text(of: $0) }
}

/// `(text, kind)` of every token except newlines.
func kinds(_ source: String, _ language: Language) -> [(String, TokenKind)] {
    let file = ScannedFile(source, language: language)
    return file.tokens.filter { $0.kind != .newline }.map { (file.text(of: $0), $0.kind) }
}

/// The kind of the token whose text is exactly `text` (the `occurrence`-th one).
func kind(of text: String, in source: String, _ language: Language, occurrence: Int = 0) -> TokenKind? {
    kinds(source, language).filter { $0.0 == text }.dropFirst(occurrence).first?.1
}

/// The context of the `occurrence`-th occurrence of `needle` in `source`.
func context(of needle: String, in source: String, _ language: Language, occurrence: Int = 0) -> Context? {
    let bytes = Array(source.utf8)
    let target = Array(needle.utf8)
    var seen = 0
    var index = 0
    while index + target.count <= bytes.count {
        if Array(bytes[index..<index + target.count]) == target {
            if seen == occurrence { return ScannedFile(bytes: bytes, language: language).classify(offset: index) }
            seen += 1
        }
        index += 1
    }
    return nil
}

/// Token index of the `occurrence`-th token whose text is `text`.
func index(of text: String, in file: ScannedFile, occurrence: Int = 0) -> Int {
    let all = file.tokens.indices.filter { file.text($0) == text }
    return all.count > occurrence ? all[occurrence] : -1
}

/// Every fixture used by the lexer tests, for robustness and mutation tests.
let corpus: [(Language, String)] = pythonCases + scriptCases + systemCases + jvmCases + rubyCases
