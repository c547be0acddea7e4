import BelayCore

/// `final-newline`: a non-empty text file whose last byte is not `\n`.
public struct FinalNewlineDetector: Detector {
    /// The rule's id, documentation and examples.
    public static let description = RuleDescription(
        id: "final-newline",
        summary: "a changed text file that does not end with a newline",
        rationale: """
            POSIX text files end with a newline. Without it, `cat` glues the next prompt to the last line, \
            diffs show "\\ No newline at end of file", and the next edit to the last line touches two lines.
            """,
        defaultSeverity: .warning,
        hint: "add a newline at the end of the file",
        triggering: [
            .init("print('done')1️⃣"),
            .init("first\nlast line1️⃣", fileName: "notes.txt"),
        ],
        nonTriggering: [
            .init("print('done')\n"),
            .init(""),
            .init("a = 1\r\n"),
        ]
    )

    /// Creates the detector.
    public init() {}

    /// One finding at the end of a non-empty file that lacks a final newline.
    public func findings(in file: SourceFile) -> [Diagnostic] {
        guard let last = file.bytes.last, last != 0x0A else { return [] }
        let end = file.bytes.count
        return [
            Self.diagnostic(
                "no newline at end of file", path: file.path, start: end,
                fix: Fix(message: "add a final newline", edits: [TextEdit(start: end, end: end, replacement: "\n")]))
        ]
    }
}
