import BelayCore

/// `conflict-marker`: merge conflict markers left in a file.
///
/// A marker is a line that starts with exactly seven `<`, `|`, `=` or `>` followed by a space or the end
/// of the line (`=======` takes nothing but whitespace after it). `<<<<<<<` and `>>>>>>>` are always
/// reported; `|||||||` and `=======` only inside a block opened by `<<<<<<<`, so a Markdown or RST
/// heading underlined with `=======` is not a conflict.
public struct ConflictMarkerDetector: Detector {
    /// The rule's id, documentation and examples.
    public static let description = RuleDescription(
        id: "conflict-marker",
        summary: "`<<<<<<< `, `=======`, `>>>>>>> ` conflict blocks in what will be committed",
        rationale: """
            A conflict block committed by mistake breaks the build at best and silently ships both sides of \
            a change at worst (in data, config and docs nothing fails). Agents resolving a rebase sometimes \
            stage a file before removing every marker.
            """,
        defaultSeverity: .error,
        hint: "resolve the conflict: keep the intended lines and delete the marker lines",
        triggering: [
            .init(
                "def greet():\n1️⃣<<<<<<< HEAD\n    return 'hi'\n1️⃣=======\n    return 'hello'\n1️⃣>>>>>>> feature\n"),
            .init(
                "1️⃣<<<<<<< ours\na = 1\n1️⃣||||||| base\na = 0\n1️⃣=======\na = 2\n1️⃣>>>>>>> theirs\n",
                fileName: "example.rb"),
            .init("value = 1\n1️⃣>>>>>>> main\n"),
        ],
        nonTriggering: [
            .init("Title\n=======\n\nText.\n", fileName: "README.md"),
            .init("Title\n=======\n", fileName: "index.rst"),
            .init("x = a <<<<<<<< b\n# ======= comment\nprint('>>>>>>>>')\n"),
        ]
    )

    /// Creates the detector.
    public init() {}

    private enum Marker {
        case open, base, separator, close

        var text: String {
            switch self {
            case .open: "<<<<<<<"
            case .base: "|||||||"
            case .separator: "======="
            case .close: ">>>>>>>"
            }
        }
    }

    /// Every conflict marker line.
    public func findings(in file: SourceFile) -> [Diagnostic] {
        var result: [Diagnostic] = []
        var inBlock = false
        var afterSeparator = false
        let bytes = file.bytes
        file.forEachLine { content, _ in
            guard let marker = Self.marker(bytes, content) else { return }
            let message: String
            switch marker {
            case .open:
                inBlock = true
                afterSeparator = false
                message = "conflict marker '<<<<<<<' starts an unresolved conflict"
            case .base:
                guard inBlock, !afterSeparator else { return }
                message = "conflict marker '|||||||' in an unresolved conflict"
            case .separator:
                guard inBlock, !afterSeparator else { return }
                afterSeparator = true
                message = "conflict marker '=======' in an unresolved conflict"
            case .close:
                message =
                    inBlock
                    ? "conflict marker '>>>>>>>' ends an unresolved conflict" : "stray conflict marker '>>>>>>>'"
                inBlock = false
                afterSeparator = false
            }
            result.append(
                Self.diagnostic(message, path: file.path, start: content.lowerBound, end: content.lowerBound + 7))
        }
        return result
    }

    private static func marker(_ bytes: [UInt8], _ line: Range<Int>) -> Marker? {
        guard line.count >= 7 else { return nil }
        let first = bytes[line.lowerBound]
        let marker: Marker
        switch first {
        case UInt8(ascii: "<"): marker = .open
        case UInt8(ascii: "|"): marker = .base
        case UInt8(ascii: "="): marker = .separator
        case UInt8(ascii: ">"): marker = .close
        default: return nil
        }
        for index in line.lowerBound..<(line.lowerBound + 7) where bytes[index] != first { return nil }
        let rest = (line.lowerBound + 7)..<line.upperBound
        if rest.isEmpty { return marker }
        if marker == .separator {
            return rest.allSatisfy { bytes[$0] == 0x20 || bytes[$0] == 0x09 } ? marker : nil
        }
        return bytes[rest.lowerBound] == 0x20 ? marker : nil
    }
}
