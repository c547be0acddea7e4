import BelayCore
import BelayScan
import Foundation

/// One version of one file, as bytes, with its line index.
public struct SourceFile: Sendable {
    /// Repository-relative path, `/`-separated.
    public let path: String
    /// The file's content.
    public let bytes: [UInt8]
    /// Byte offset → line and column.
    public let lineIndex: LineIndex
    /// The scan of this version, shared with every rule of the run that looks at it.
    public let shared: SharedScan

    /// Indexes `bytes` as the content of `path`.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
        self.lineIndex = LineIndex(bytes)
        self.shared = SharedScan(path: path, bytes: bytes)
    }

    /// The file tokenized and structured for its language (detected from the path or a `#!` line), or
    /// `nil` for files in no supported language and binary files. Computed once, on first use, and
    /// shared by every rule that looks at this version of the file.
    public var scanned: ScannedFile? { shared.scanned }

    /// The lower-cased extension of the file name (`md` for `docs/README.MD`), or `""`.
    public var fileExtension: String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }

    /// Whether the content looks binary: a NUL byte within the first 8000 bytes (git's heuristic), or a
    /// PDF (Illustrator `.ai` files too), whose text header hides binary streams further in.
    public var isBinary: Bool { Self.isBinary(bytes) }

    /// What the file's whitespace means, from its name (and, for a file without an extension, its first line).
    public var kind: TextKind {
        switch fileExtension {
        case "patch", "diff", "snap", "ambr", "tsv": return .verbatim
        case "md", "markdown", "mdown", "mkd", "mkdn", "mdx": return .markdown
        case "": return Self.startsLikeDiff(bytes) ? .verbatim : .text
        default: return .text
        }
    }

    /// Whether `bytes` opens like a unified diff or a `git format-patch` mail (a quilt patch without an
    /// extension, `debian/patches/fix-build`): `diff `, `Index: `, `--- ` then `+++ `, or
    /// `From <40 hex digits> `.
    static func startsLikeDiff(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(400)
        if head.starts(with: "diff ".utf8) || head.starts(with: "Index: ".utf8) { return true }
        if head.starts(with: "--- ".utf8), let newline = head.firstIndex(of: 0x0A) {
            return head[(newline + 1)...].starts(with: "+++ ".utf8)
        }
        guard head.starts(with: "From ".utf8), head.count > 45, head[45] == 0x20 else { return false }
        return head[5..<45].allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// Whether `bytes` looks binary: a NUL byte within the first 8000 bytes (git's heuristic), or `%PDF-`.
    public static func isBinary(_ bytes: [UInt8]) -> Bool {
        bytes.prefix(8000).contains(0) || bytes.starts(with: "%PDF-".utf8)
    }

    /// Calls `body` for every line in order, without allocating: the content range (terminator excluded)
    /// and the terminator. A final line without `\n` has ending ``LineEnding/none``; an empty file has no
    /// lines, and a trailing `\n` does not open a new line.
    public func forEachLine(_ body: (_ content: Range<Int>, _ ending: LineEnding) -> Void) {
        bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var start = 0
            while start < count {
                var index = start
                while index < count, buffer[index] != 0x0A { index += 1 }
                if index == count {
                    body(start..<count, .none)
                    return
                }
                if index > start, buffer[index - 1] == 0x0D {
                    body(start..<(index - 1), .crlf)
                } else {
                    body(start..<index, .lf)
                }
                start = index + 1
            }
        }
    }
}

/// What whitespace means in a text file, decided once from its name for every whitespace rule.
public enum TextKind: Sendable, Equatable {
    /// Source code, configuration, prose: trailing whitespace and stray line endings are mistakes.
    case text
    /// Markdown: two or more spaces after text are a hard line break.
    case markdown
    /// Every byte of a line is content, trailing whitespace and CRLF included: a patch or diff (`.patch`,
    /// `.diff`, an extensionless quilt patch: the patched file's lines, which it must match), a test
    /// snapshot (Jest and insta `.snap`, syrupy `.ambr`: the expected output), tab-separated values (`.tsv`:
    /// a trailing tab is an empty last field). Changing it breaks the patch, the test or the data.
    case verbatim
}

/// How a line ends.
public enum LineEnding: String, Sendable {
    /// `\n`
    case lf
    /// `\r\n`
    case crlf
    /// The last line of a file without a final newline.
    case none

    /// Byte length of the terminator.
    public var length: Int {
        switch self {
        case .lf: 1
        case .crlf: 2
        case .none: 0
        }
    }
}

/// One file of a change: its old version (`nil` when the change adds the file) and its new version.
public struct FileChangeInput: Sendable {
    /// Repository-relative path of the new version.
    public let path: String
    /// Content before the change; `nil` for an added file.
    public let old: [UInt8]?
    /// Content that will be committed.
    public let new: [UInt8]
    /// Other versions the change starts from: the other parents of a merge. A finding already present
    /// in any of the old versions is not new.
    public let otherOlds: [[UInt8]]
    /// The new version as a source file whose scan every rule of the run shares.
    public let newFile: SourceFile
    /// The old version likewise, or `nil` for an added file.
    public let oldFile: SourceFile?

    /// Creates a file change.
    public init(path: String, old: [UInt8]?, new: [UInt8], otherOlds: [[UInt8]] = []) {
        self.path = path
        self.old = old
        self.new = new
        self.otherOlds = otherOlds
        self.newFile = SourceFile(path: path, bytes: new)
        self.oldFile = old.map { SourceFile(path: path, bytes: $0) }
    }

    /// Both versions for the rename analysis, with their shared scans.
    public var versions: FileVersions {
        FileVersions(path: path, old: old, new: new, oldShared: oldFile?.shared, newShared: newFile.shared)
    }
}
