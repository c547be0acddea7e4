import BelayCore

/// One file's change between two versions, as git's raw diff reports it.
public struct FileChange: Sendable, Equatable {
    /// What happened to the file.
    public enum Kind: Sendable, Equatable {
        /// A new file.
        case added
        /// Content or mode changed.
        case modified
        /// The file is gone.
        case deleted
        /// Moved, possibly edited (see ``FileChange/similarity``).
        case renamed
        /// Copied from ``FileChange/oldPath`` (only with copy detection).
        case copied
        /// The file became a symlink, a submodule, or the other way round.
        case typeChanged
        /// Still conflicted in the index (only while a merge is unresolved).
        case unmerged

        /// git's status letter (`A`, `M`, `D`, `R`, `C`, `T`, `U`).
        public var letter: String {
            switch self {
            case .added: "A"
            case .modified: "M"
            case .deleted: "D"
            case .renamed: "R"
            case .copied: "C"
            case .typeChanged: "T"
            case .unmerged: "U"
            }
        }
    }

    /// What happened.
    public var kind: Kind
    /// The path before; `nil` for an added file.
    public var oldPath: String?
    /// The path after; `nil` for a deleted file.
    public var newPath: String?
    /// Octal mode before, e.g. `100644`; `000000` when the file did not exist.
    public var oldMode: String
    /// Octal mode after; `000000` when the file no longer exists.
    public var newMode: String
    /// Blob id before; `nil` when there is none.
    public var oldBlob: String?
    /// Blob id after; `nil` when there is none, or when the content is only in the working tree
    /// (read it from disk).
    public var newBlob: String?
    /// Rename or copy similarity, 0–100; `nil` for other kinds.
    public var similarity: Int?

    /// Memberwise initializer.
    public init(
        kind: Kind, oldPath: String?, newPath: String?, oldMode: String, newMode: String, oldBlob: String?,
        newBlob: String?, similarity: Int? = nil
    ) {
        self.kind = kind
        self.oldPath = oldPath
        self.newPath = newPath
        self.oldMode = oldMode
        self.newMode = newMode
        self.oldBlob = oldBlob
        self.newBlob = newBlob
        self.similarity = similarity
    }

    /// The path the change is reported at: the new path, or the old one for a deletion.
    public var path: String { newPath ?? oldPath ?? "" }

    /// A submodule (gitlink, mode `160000`) on either side; belay never reads these as files.
    public var isSubmodule: Bool { oldMode == FileMode.submodule || newMode == FileMode.submodule }

    /// A symlink (mode `120000`) on either side.
    public var isSymlink: Bool { oldMode == FileMode.symlink || newMode == FileMode.symlink }
}

/// Git's file modes, as the octal strings raw diffs and `ls-files --stage` print.
public enum FileMode {
    /// A regular file.
    public static let regular = "100644"
    /// An executable file.
    public static let executable = "100755"
    /// A symbolic link; the blob holds the target.
    public static let symlink = "120000"
    /// A submodule commit.
    public static let submodule = "160000"
    /// No file.
    public static let none = "000000"
}

/// Parses `git diff-index` / `git diff-tree` output made with `-z --raw --no-abbrev`:
/// `:oldmode newmode oldsha newsha status NUL path NUL [newpath NUL]`. Blob ids of all zeros become `nil`.
public func parseRawDiff(_ bytes: [UInt8]) throws(BelayError) -> [FileChange] {
    var fields = bytes.split(separator: 0, omittingEmptySubsequences: false)
    if fields.last?.isEmpty == true { fields.removeLast() }
    var changes: [FileChange] = []
    var index = 0
    func next() throws(BelayError) -> String {
        guard index < fields.count else { throw .internal("raw diff: a path is missing after a header") }
        defer { index += 1 }
        return String(decoding: fields[index], as: UTF8.self)
    }
    while index < fields.count {
        let header = String(decoding: fields[index], as: UTF8.self)
        index += 1
        let parts = header.split(separator: " ")
        guard header.first == ":", parts.count == 5 else {
            throw .internal("raw diff: unexpected header '\(header)'")
        }
        let oldMode = String(parts[0].dropFirst())
        let newMode = String(parts[1])
        let oldBlob = objectID(parts[2])
        let newBlob = objectID(parts[3])
        let status = parts[4]
        let score = Int(status.dropFirst())
        let kind: FileChange.Kind
        switch status.first {
        case "A": kind = .added
        case "M": kind = .modified
        case "D": kind = .deleted
        case "R": kind = .renamed
        case "C": kind = .copied
        case "T": kind = .typeChanged
        case "U": kind = .unmerged
        default: throw .internal("raw diff: unknown status '\(status)' in '\(header)'")
        }
        let first = try next()
        var oldPath: String? = first
        var newPath: String? = first
        if kind == .renamed || kind == .copied {
            newPath = try next()
        } else if kind == .added {
            oldPath = nil
        } else if kind == .deleted {
            newPath = nil
        }
        changes.append(
            FileChange(
                kind: kind, oldPath: oldPath, newPath: newPath, oldMode: oldMode, newMode: newMode,
                oldBlob: oldBlob, newBlob: newBlob,
                similarity: kind == .renamed || kind == .copied ? score : nil))
    }
    return changes
}

private func objectID(_ field: Substring) -> String? {
    field.allSatisfy { $0 == "0" } ? nil : String(field)
}

/// True when `bytes` look binary the way git decides it: a NUL byte in the first 8000 bytes.
public func isBinary(_ bytes: [UInt8]) -> Bool {
    bytes.prefix(8000).contains(0)
}

/// True when `bytes` look binary the way git decides it: a NUL byte in the first 8000 bytes.
public func isBinary(_ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.prefix(8000).contains(0)
}
