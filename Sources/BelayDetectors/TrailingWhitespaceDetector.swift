import BelayCore

/// `trailing-whitespace`: spaces or tabs at the end of a line, including whitespace-only blank lines.
///
/// In CRLF files the `\r` belongs to the line ending, not the whitespace. Markdown hard line breaks (two or
/// more spaces after text in a `.md` / `.markdown` file) are meaningful and exempt, as pre-commit's
/// `--markdown-linebreak-ext` keeps them; a whitespace-only line is not a break and is reported. Patches,
/// diffs and test snapshots (``TextKind/verbatim``) are exempt: their trailing whitespace is content.
public struct TrailingWhitespaceDetector: Detector {
    /// The rule's id, documentation and examples.
    public static let description = RuleDescription(
        id: "trailing-whitespace",
        summary: "whitespace at the end of an added line, or a whitespace-only blank line",
        rationale: """
            Trailing whitespace is invisible in review, churns diffs when an editor later strips it, and \
            breaks formatter checks. Agents add it often when they paste indented blocks.
            """,
        defaultSeverity: .error,
        hint: "delete the whitespace at the end of the line",
        triggering: [
            .init("name = \"belay\"1️⃣  \nprint(name)\n"),
            .init("def run():\n    setup()\n1️⃣    \n    go()\n"),
            .init("let answer = 42;1️⃣\t\r\n", fileName: "example.js"),
            .init("Some text.1️⃣\t\n", fileName: "README.md"),
        ],
        nonTriggering: [
            .init("name = \"belay\"\nprint(name)\n"),
            .init("let answer = 42;\r\nlet other = 1;\r\n", fileName: "example.js"),
            .init("First line  \nsecond line of the same paragraph\n", fileName: "README.md"),
            .init("@@ -1,2 +1,2 @@\n-old \n+new \n \n", fileName: "fix.patch"),
        ],
        followsConvention: true
    )

    /// Creates the detector.
    public init() {}

    /// Every line ending in spaces or tabs.
    public func findings(in file: SourceFile) -> [Diagnostic] {
        let kind = file.kind
        guard kind != .verbatim else { return [] }
        let markdown = kind == .markdown
        var result: [Diagnostic] = []
        let bytes = file.bytes
        file.forEachLine { content, _ in
            var start = content.upperBound
            var onlySpaces = true
            while start > content.lowerBound, bytes[start - 1] == 0x20 || bytes[start - 1] == 0x09 {
                if bytes[start - 1] == 0x09 { onlySpaces = false }
                start -= 1
            }
            guard start < content.upperBound else { return }
            let blank = start == content.lowerBound
            if markdown, !blank, onlySpaces, content.upperBound - start >= 2 { return }  // hard line break
            result.append(
                Self.diagnostic(
                    blank ? "whitespace-only blank line" : "trailing whitespace", path: file.path, start: start,
                    end: content.upperBound,
                    fix: Fix(
                        message: "delete the trailing whitespace",
                        edits: [TextEdit(start: start, end: content.upperBound, replacement: "")])))
        }
        return result
    }
}
