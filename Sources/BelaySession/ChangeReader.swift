import BelayCore
import BelayDetectors
import BelayGit
import Foundation

/// A change, read once: the old and new version of every changed text file.
struct ChangeSet: Sendable {
    /// Inputs for the detector engine.
    var inputs: [FileChangeInput]
    /// New versions by path, for rendering diagnostics.
    var sources: [String: [UInt8]]
    /// Paths the change adds or modifies (what `{files}` may expand to).
    var stagedPaths: [String]
    /// The tree checks should see, when already known (ranges, `--all` fills it lazily).
    var tree: String?
    /// Checks run in the working tree itself instead of a snapshot (`--working`).
    var runsInWorkingTree: Bool
    var notes: [String]
    /// Files the change deletes, with their old content (agent rules judge deletions).
    var deleted: [DeletedFile] = []
}

/// Reads the change a ``GateOptions/Scope`` names, with one `git cat-file --batch` for all contents.
struct ChangeReader {
    let git: Git
    let repository: Repository

    func read(_ scope: GateOptions.Scope) throws(BelayError) -> ChangeSet {
        switch scope {
        case .staged:
            return try build(git.stagedChanges(head: repository.head), tree: nil)
        case .files(let paths):
            let wanted = Set(paths.map(normalize))
            let changes = try git.stagedChanges(head: repository.head).filter { wanted.contains($0.path) }
            var set = try build(changes, tree: nil)
            let missing = wanted.subtracting(changes.map(\.path)).sorted()
            if !missing.isEmpty { set.notes.append("not staged, so not checked: \(missing.joined(separator: ", "))") }
            return set
        case .range(let text):
            let range = RevisionRange(text)
            guard let from = try git.revParse(range.from), let to = try git.revParse(range.to) else {
                throw .usage("--range \(text): no such revisions")
            }
            let tree = try git.revParse("\(to)^{tree}")
            return try build(git.changes(from: from, to: to), tree: tree)
        case .working:
            var set = try build(git.workingChanges(head: repository.head), tree: nil)
            set.runsInWorkingTree = true
            return set
        case .all:
            let entries = try git.lsFiles(stage: true).filter {
                $0.stage == 0 && $0.mode != FileMode.submodule && $0.mode != FileMode.symlink
            }
            let changes = entries.map {
                FileChange(
                    kind: .added, oldPath: nil, newPath: $0.path, oldMode: FileMode.none,
                    newMode: $0.mode ?? FileMode.regular, oldBlob: nil, newBlob: $0.blob)
            }
            return try build(changes, tree: nil)
        }
    }

    private func normalize(_ path: String) -> String {
        var path = path
        while path.hasPrefix("./") { path.removeFirst(2) }
        return path
    }

    private func build(_ changes: [FileChange], tree: String?) throws(BelayError) -> ChangeSet {
        let relevant = changes.filter { !$0.isSubmodule && !$0.isSymlink }
        let ids = relevant.flatMap { [$0.oldBlob, $0.newBlob] }.compactMap { $0 }.filter { !isNullObject($0) }
        let blobs = try git.readBlobs(Array(Set(ids)))
        var inputs: [FileChangeInput] = []
        var sources: [String: [UInt8]] = [:]
        var stagedPaths: [String] = []
        for change in relevant where change.kind != .deleted {
            guard let path = change.newPath else { continue }
            let new: [UInt8]
            if let id = change.newBlob, !isNullObject(id), let bytes = blobs[id] {
                new = bytes
            } else if let bytes = FileManager.default.contents(atPath: "\(repository.topLevel)/\(path)") {
                new = [UInt8](bytes)  // --working: content that exists only on disk
            } else {
                continue
            }
            let old = change.oldBlob.flatMap { isNullObject($0) ? nil : blobs[$0] }
            inputs.append(FileChangeInput(path: path, old: old, new: new))
            sources[path] = new
            stagedPaths.append(path)
        }
        let deleted = relevant.filter { $0.kind == .deleted }.compactMap { change -> DeletedFile? in
            guard let path = change.oldPath, let id = change.oldBlob, let old = blobs[id] else { return nil }
            return DeletedFile(path: path, old: old)
        }
        return ChangeSet(
            inputs: inputs, sources: sources, stagedPaths: stagedPaths, tree: tree, runsInWorkingTree: false,
            notes: [], deleted: deleted)
    }

    private func isNullObject(_ id: String) -> Bool { id.allSatisfy { $0 == "0" } }
}
