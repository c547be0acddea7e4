import BelayCore

/// `mixed-line-endings`: a line whose ending (LF or CRLF) differs from the file's majority ending (ties
/// count as LF). Through the engine only the lines a change introduces are reported. Patches and diffs
/// (``TextKind/verbatim``) are exempt: a hunk of a CRLF file carries its CRLF lines as content.
public struct MixedLineEndingsDetector: Detector {
    /// The rule's id, documentation and examples.
    public static let description = RuleDescription(
        id: "mixed-line-endings",
        summary: "an added line whose ending (LF or CRLF) differs from the file's",
        rationale: """
            A file with mixed line endings shows spurious whole-file diffs, confuses tools that split on one \
            kind of newline, and usually means a line was pasted from another platform by an editor or agent.
            """,
        defaultSeverity: .error,
        hint: "use the same line ending as the rest of the file",
        triggering: [
            .init("first = 1\nsecond = 21️⃣\r\nthird = 3\n"),
            .init("a = 1\r\nb = 21️⃣\nc = 3\r\n"),
            .init("one\ntwo1️⃣\r\n", fileName: "notes.txt"),
        ],
        nonTriggering: [
            .init("first = 1\nsecond = 2\n"),
            .init("first = 1\r\nsecond = 2\r\nno final newline"),
            .init("--- a/w.bat\n+++ b/w.bat\n@@ -1 +1 @@\n-echo a\r\n+echo b\r\n", fileName: "w.diff"),
        ],
        followsConvention: true
    )

    /// Creates the detector.
    public init() {}

    /// Every line ending that is not the file's majority ending.
    public func findings(in file: SourceFile) -> [Diagnostic] {
        guard file.kind != .verbatim else { return [] }
        var lf = 0
        var crlf = 0
        file.forEachLine { _, ending in
            switch ending {
            case .lf: lf += 1
            case .crlf: crlf += 1
            case .none: break
            }
        }
        guard lf > 0, crlf > 0 else { return [] }
        let majority: LineEnding = crlf > lf ? .crlf : .lf
        var result: [Diagnostic] = []
        file.forEachLine { content, ending in
            guard ending != .none, ending != majority else { return }
            let message =
                ending == .crlf
                ? "line ends with CRLF but the file uses LF" : "line ends with LF but the file uses CRLF"
            result.append(
                Self.diagnostic(
                    message, path: file.path, start: content.upperBound, end: content.upperBound + ending.length,
                    fix: Fix(
                        message: "use \(majority == .lf ? "LF" : "CRLF")",
                        edits: [
                            TextEdit(
                                start: content.upperBound, end: content.upperBound + ending.length,
                                replacement: majority == .lf ? "\n" : "\r\n")
                        ])))
        }
        return result
    }
}
