import Foundation

/// A variant of a code example for detector tests: the code hidden in a comment or string form of its
/// language (nothing in it may be reported), or shifted behind a multibyte prefix (findings must move by
/// exactly `shift` bytes).
public struct Mutation: Sendable, Equatable {
    /// What was done, e.g. `line comment`, `f-string`, `multibyte comment prefix`.
    public var name: String
    /// The mutated source.
    public var text: String
    /// `true` when the code is hidden inside a comment or literal and must produce no code tokens.
    public var hidesCode: Bool
    /// For a prefix mutation, the byte offset by which every original offset moves; 0 otherwise.
    public var shift: Int
}

/// The mutations of `code` for `language`: the code in each comment and string form of the language
/// (escaped so that it stays inside), and after a multibyte (`é🙂`) comment line and string line.
public func mutations(of code: String, language: Language) -> [Mutation] {
    let lines = code.split(separator: "\n", omittingEmptySubsequences: false).map { line in
        line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
    }
    var result: [Mutation] = []
    func hide(_ name: String, _ text: String) {
        result.append(Mutation(name: name, text: text, hidesCode: true, shift: 0))
    }
    func perLine(_ transform: (String) -> String) -> String {
        lines.map { $0.isEmpty ? $0 : transform($0) }.joined(separator: "\n")
    }
    func escaped(_ line: String, quote: String, extra: [(String, String)] = []) -> String {
        var text = line.replacingAll("\\", with: "\\\\").replacingAll(quote, with: "\\" + quote)
        for (from, to) in extra { text = text.replacingAll(from, with: to) }
        return text
    }
    let hashes = String(repeating: "#", count: longestHashRun(code) + 1)
    let slashComments: Bool
    switch language {
    case .python:
        slashComments = false
        hide("line comment", perLine { "# " + $0 })
        hide(
            "docstring",
            "\"\"\"\n" + code.replacingAll("\\", with: "\\\\").replacingAll("\"", with: "\\\"") + "\n\"\"\"\n")
        hide(
            "single-quoted triple string",
            "'''\n" + code.replacingAll("\\", with: "\\\\").replacingAll("'", with: "\\'") + "\n'''\n")
        hide("string", perLine { "\"" + escaped($0, quote: "\"") + "\"" })
        hide("single-quoted string", perLine { "'" + escaped($0, quote: "'") + "'" })
        hide("f-string text", perLine { "f\"" + escaped($0, quote: "\"", extra: [("{", "{{"), ("}", "}}")]) + "\"" })
        hide("raw string", perLine { "r\"" + escaped($0, quote: "\"") + "\"" })
        hide("raw byte string", perLine { "rb'" + escaped($0, quote: "'") + "'" })
        hide("raw f-string", perLine { "fr'" + escaped($0, quote: "'", extra: [("{", "{{"), ("}", "}}")]) + "'" })
    case .ruby:
        slashComments = false
        hide("line comment", perLine { "# " + $0 })
        hide("=begin comment", "=begin\n" + perLine { $0.hasPrefix("=end") ? " " + $0 : $0 } + "\n=end\n")
        hide("single-quoted string", perLine { "'" + escaped($0, quote: "'") + "'" })
        hide("string", perLine { "\"" + escaped($0, quote: "\"", extra: [("#", "\\#")]) + "\"" })
        hide("%q literal", perLine { "%q{" + escaped($0, quote: "{", extra: [("}", "\\}")]) + "}" })
        hide("%w literal", perLine { "%w[" + escaped($0, quote: "[", extra: [("]", "\\]")]) + "]" })
        hide("squiggly heredoc", "<<~BELAY_EOS\n" + escaped(code, quote: "#") + "\nBELAY_EOS\n")
        hide("quoted heredoc", "<<-'BELAY_EOS'\n" + code + "\nBELAY_EOS\n")
    default:
        slashComments = true
        hide("line comment", perLine { "// " + $0 })
        hide("block comment", "/*\n" + code.replacingAll("*/", with: "* /").replacingAll("/*", with: "/ *") + "\n*/\n")
        hide(
            "doc block comment",
            "/**\n" + code.replacingAll("*/", with: "* /").replacingAll("/*", with: "/ *") + "\n*/\n")
        let dollar: [(String, String)] = language == .kotlin ? [("$", "\\$")] : []
        hide("string", perLine { "\"" + escaped($0, quote: "\"", extra: dollar) + "\";" })
    }
    switch language {
    case .javascript, .typescript:
        hide("single-quoted string", perLine { "'" + escaped($0, quote: "'") + "';" })
        hide("template literal", "`\n" + escaped(code, quote: "`", extra: [("$", "\\$")]) + "\n`;\n")
        hide(
            "regex literal",
            perLine { "/" + escaped($0, quote: "/", extra: [("[", "\\["), ("]", "\\]")]) + "/;" })
    case .swift:
        hide("doc line comment", perLine { "/// " + $0 })
        hide("multi-line string", "\"\"\"\n" + escaped(code, quote: "\"") + "\n\"\"\"\n")
        hide("raw string", perLine { hashes + "\"" + $0 + "\"" + hashes })
        hide("raw multi-line string", hashes + "\"\"\"\n" + code + "\n\"\"\"" + hashes + "\n")
    case .rust:
        hide("doc line comment", perLine { "/// " + $0 })
        hide("inner doc comment", perLine { "//! " + $0 })
        hide("multi-line string", "\"" + escaped(code, quote: "\"") + "\";\n")
        hide("raw string", "r" + hashes + "\"" + code + "\"" + hashes + ";\n")
        hide("byte string", perLine { "b\"" + escaped($0, quote: "\"") + "\";" })
    case .go:
        hide("raw string", "`" + code.replacingAll("`", with: "'") + "`\n")
    case .java:
        hide("text block", "\"\"\"\n" + escaped(code, quote: "\"") + "\n\"\"\";\n")
    case .kotlin:
        hide(
            "raw string",
            "\"\"\"\n" + code.replacingAll("\"\"\"", with: "\" \" \"").replacingAll("$", with: "$ ") + "\n\"\"\"\n")
    default: break
    }
    let comment = slashComments ? "// é🙂 prefix\n" : "# é🙂 prefix\n"
    let string = slashComments ? "\"é🙂\";\n" : "\"é🙂\"\n"
    for (name, prefix) in [("multibyte comment prefix", comment), ("multibyte string prefix", string)] {
        result.append(Mutation(name: name, text: prefix + code, hidesCode: false, shift: prefix.utf8.count))
    }
    return result
}

/// Longest run of `#` (so a raw-string delimiter can be made longer than any in the code).
private func longestHashRun(_ code: String) -> Int {
    var longest = 0
    var run = 0
    for byte in code.utf8 {
        run = byte == 0x23 ? run + 1 : 0
        longest = max(longest, run)
    }
    return longest
}

extension String {
    fileprivate func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        return replacingOccurrences(of: target, with: replacement)
    }
}
