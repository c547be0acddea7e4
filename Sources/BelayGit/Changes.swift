import BelayCore
import Foundation

/// One entry of the index, as `git ls-files -z [--stage]` lists it.
public struct IndexEntry: Sendable, Equatable {
    /// Repository-relative path.
    public var path: String
    /// Octal mode (`100644`…); `nil` without `--stage`.
    public var mode: String?
    /// Blob id; `nil` without `--stage`.
    public var blob: String?
    /// Merge stage: 0 normally, 1–3 for a conflicted path.
    public var stage: Int

    /// Memberwise initializer.
    public init(path: String, mode: String? = nil, blob: String? = nil, stage: Int = 0) {
        self.path = path
        self.mode = mode
        self.blob = blob
        self.stage = stage
    }
}

/// Parses `git ls-files -z` output; with `stage`, each record is `mode SP blob SP stage TAB path`.
/// One pass over the bytes (a large repository lists tens of thousands of paths on every audit).
public func parseLsFiles(_ bytes: [UInt8], stage: Bool) throws(BelayError) -> [IndexEntry] {
    var entries: [IndexEntry] = []
    try bytes.withUnsafeBufferPointer { (buffer) throws(BelayError) in
        var start = 0
        while start < buffer.count {
            var end = start
            while end < buffer.count && buffer[end] != 0 { end += 1 }
            defer { start = end + 1 }
            guard end > start else { continue }
            let record = UnsafeBufferPointer(rebasing: buffer[start..<end])
            guard stage else {
                entries.append(IndexEntry(path: String(decoding: record, as: UTF8.self)))
                continue
            }
            guard let entry = stagedEntry(record) else {
                let text = String(decoding: record, as: UTF8.self)
                throw .internal(
                    record.contains(0x09) ? "ls-files: unexpected record '\(text)'" : "ls-files: no tab in '\(text)'")
            }
            entries.append(entry)
        }
    }
    return entries
}

/// `mode SP blob SP stage TAB path`, or `nil` when the record has another shape.
private func stagedEntry(_ record: UnsafeBufferPointer<UInt8>) -> IndexEntry? {
    guard let tab = record.firstIndex(of: 0x09) else { return nil }
    let fields = record[..<tab].split(separator: 0x20)
    guard fields.count == 3, !fields[2].isEmpty, fields[2].allSatisfy({ $0 &- 0x30 < 10 }), fields[2].count < 10
    else { return nil }
    let number = fields[2].reduce(0) { $0 * 10 + Int($1 - 0x30) }
    return IndexEntry(
        path: String(decoding: UnsafeBufferPointer(rebasing: record[(tab + 1)...]), as: UTF8.self),
        mode: String(decoding: UnsafeBufferPointer(rebasing: fields[0]), as: UTF8.self),
        blob: String(decoding: UnsafeBufferPointer(rebasing: fields[1]), as: UTF8.self), stage: number)
}

extension Git {
    /// What the index holds compared with `head` (the empty tree when `nil`): what a commit would record.
    public func stagedChanges(head: String?) throws(BelayError) -> [FileChange] {
        try parseRawDiff(run(GitArguments.stagedDiff + [head ?? Git.emptyTree, "--"]))
    }

    /// The changes between two commits or trees (a range, a pushed commit against its parent).
    public func changes(from: String, to: String) throws(BelayError) -> [FileChange] {
        try parseRawDiff(run(GitArguments.treeDiff + [from, to, "--"]))
    }

    /// The working tree, untracked files included (ignored ones not), compared with `head`. Entries
    /// whose content exists only on disk have `newBlob == nil`: read them from ``Repository/topLevel``.
    public func workingChanges(head: String?) throws(BelayError) -> [FileChange] {
        var changes = try parseRawDiff(run(GitArguments.workingDiff + [head ?? Git.emptyTree, "--"]))
        let untracked = try parseLsFiles(run(GitArguments.untracked), stage: false)
        for entry in untracked {
            changes.append(
                FileChange(
                    kind: .added, oldPath: nil, newPath: entry.path, oldMode: FileMode.none,
                    newMode: diskMode(directory + "/" + entry.path), oldBlob: nil, newBlob: nil))
        }
        return changes
    }

    /// The index's entries, with mode and blob id when `stage` is true.
    public func lsFiles(stage: Bool) throws(BelayError) -> [IndexEntry] {
        try parseLsFiles(run(stage ? GitArguments.lsFilesStage : GitArguments.lsFiles), stage: stage)
    }

    /// The blob id the index holds for `path` (stage 0), or `nil` when the path is not staged.
    public func indexBlob(path: String) throws(BelayError) -> String? {
        try indexEntry(path: path)?.blob
    }

    /// The index entry (stage 0) for `path`, with mode and blob id, or `nil` when the path is not staged.
    public func indexEntry(path: String) throws(BelayError) -> IndexEntry? {
        let output = try run([GitArguments.literalPathspecs] + GitArguments.lsFilesStage + ["--", path])
        return try parseLsFiles(output, stage: true).first { $0.path == path && $0.stage == 0 }
    }

    /// The bytes git writes to the working file `path` for `blob` (smudge filters, `eol`, `autocrlf`).
    public func checkoutBytes(blob: String, path: String) throws(BelayError) -> [UInt8] {
        try run(GitArguments.catFileFilters + ["--path=\(path)", blob])
    }

    /// Writes `bytes`, clean-filtered as git would for `path` (`eol`, `autocrlf`, filters), as a blob.
    public func hashObject(_ bytes: [UInt8], path: String) throws(BelayError) -> String {
        let output = try run(GitArguments.hashObjectStdin + ["--path=\(path)"], input: bytes)
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stages the existing `blob` at `path` with `mode` in the real index.
    public func stage(blob: String, path: String, mode: String) throws(BelayError) {
        try run(GitArguments.updateIndexInfo, input: Array("\(mode) \(blob)\t\(path)".utf8) + [0])
    }

    /// The tree id of the index `repository.indexFile` names (which honours `GIT_INDEX_FILE`).
    /// `git write-tree` rewrites the index it reads, so it runs on a private copy: the user's index
    /// stays byte-for-byte untouched, mtime included.
    public func writeTree(of repository: Repository) throws(BelayError) -> String {
        try writeTree(indexFile: repository.indexFile, belayDirectory: repository.belayDirectory)
    }

    /// ``writeTree(of:)`` for an index file and belay directory known before discovery (see
    /// ``RepositoryHint``); git finds the repository from this handle's directory.
    public func writeTree(indexFile: String, belayDirectory: String) throws(BelayError) -> String {
        try onIndexCopy(indexFile: indexFile, belayDirectory: belayDirectory, "write-tree") {
            scratch throws(BelayError) in
            try run(GitArguments.writeTree, overriding: ["GIT_INDEX_FILE": scratch])
        }
    }

    /// The tree id of the working tree as `git add -A` would stage it: tracked files as they are on
    /// disk, untracked files that are not ignored, deleted files absent. Built in a private copy of the
    /// index (its stat data spare rehashing unchanged files); the user's index and files are untouched.
    /// Blobs are written to the object database, as `git add` would.
    public func workingTree(of repository: Repository) throws(BelayError) -> String {
        try onIndexCopy(indexFile: repository.indexFile, belayDirectory: repository.belayDirectory, "working-tree") {
            scratch throws(BelayError) in
            let environment = ["GIT_INDEX_FILE": scratch]
            try run(GitArguments.addAll, overriding: environment)
            return try run(GitArguments.writeTree, overriding: environment)
        }
    }

    /// Runs `body` with the path of a private copy of the index, removed afterwards; returns its output
    /// as a trimmed line.
    private func onIndexCopy(
        indexFile: String, belayDirectory: String, _ name: String, _ body: (String) throws(BelayError) -> [UInt8]
    ) throws(BelayError) -> String {
        let scratch = belayDirectory + "/\(name)-\(getpid()).index"
        let token = Interruption.shared.addCleanup {
            unlink(scratch)
            unlink(scratch + ".lock")
        }
        defer { Interruption.shared.removeCleanup(token) }
        if mkdir(belayDirectory, 0o755) != 0 && errno != EEXIST {
            do {
                try FileManager.default.createDirectory(atPath: belayDirectory, withIntermediateDirectories: true)
            } catch {
                throw .internal("cannot create '\(belayDirectory)': \(error)")
            }
        }
        unlink(scratch)
        defer {
            unlink(scratch)
            unlink(scratch + ".lock")
        }
        if let failure = copyPlainFile(indexFile, to: scratch) {
            throw .internal("cannot copy the index '\(indexFile)': \(failure)")
        }
        let output = try body(scratch)
        return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes `bytes` as a blob and stages it at `path` in the real index (the one `GIT_INDEX_FILE`
    /// names, if set). Used by `--fix` to carry fixed content back. Returns the blob id.
    @discardableResult
    public func stage(_ bytes: [UInt8], path: String, mode: String = FileMode.regular) throws(BelayError) -> String {
        let output = try run(GitArguments.hashObjectStdin + ["--path=\(path)"], input: bytes)
        let blob = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        try run(GitArguments.updateIndexInfo, input: Array("\(mode) \(blob)\t\(path)".utf8) + [0])
        return blob
    }
}

/// The git mode a file on disk would be staged with.
func diskMode(_ path: String) -> String {
    var info = stat()
    guard lstat(path, &info) == 0 else { return FileMode.none }
    switch info.st_mode & S_IFMT {
    case S_IFLNK: return FileMode.symlink
    case S_IFDIR: return FileMode.submodule
    default: return info.st_mode & 0o100 != 0 ? FileMode.executable : FileMode.regular
    }
}
