import BelayChecks
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
    /// The tree checks should see, when already known (ranges, the working tree's; for the index it is
    /// written only when a check has to run).
    var tree: String?
    /// For the staged scopes: a name for the index's tree that needs no `git write-tree` — HEAD's tree
    /// and the exact staged difference determine the index tree, so equal identities mean equal trees.
    /// The verified-tree cache is looked up under it; a snapshot still needs the real tree.
    var indexIdentity: String?
    /// The index's tree when it was already written (``Gate`` writes it beside discovery); unlike ``tree``
    /// it is not the cache key, so a run that wrote it early and one that did not share cache entries.
    var writtenTree: String? = nil
    /// Extra objects read in the same batch (see ``ChangeReader/read(_:extra:)``).
    var extras: [String: [UInt8]]
    var notes: [String]
    /// Files the change deletes, with their old content (agent rules judge deletions).
    var deleted: [DeletedFile] = []
    /// Paths the index still holds in conflict (stages 1–3): no tree can be written until they are resolved.
    var unmerged: [String] = []
}

/// Reads the change a ``GateOptions/Scope`` names, with one `git cat-file --batch` for all contents.
struct ChangeReader {
    let git: Git
    let repository: Repository
    /// The staged changes against `HEAD`, when already read (see ``Gate``'s concurrent discovery).
    var stagedAgainstHead: [FileChange]? = nil
    /// Objects already read by name (see ``Gate``'s discovery), and every name that read asked for, found
    /// or not: ``read(_:extra:)`` asks git only for the others.
    var prefetchedBlobs: (names: Set<String>, blobs: [String: [UInt8]])? = nil

    /// The object names a full read of `changes` needs (besides the other parents of a merge).
    static func blobNames(_ changes: [FileChange]) -> [String] {
        let relevant = changes.filter { !$0.isSubmodule && !$0.isSymlink }
        return Array(Set(relevant.flatMap { [$0.oldBlob, $0.newBlob] }.compactMap { $0 }.filter(isObjectName)))
    }

    private static func isObjectName(_ id: String) -> Bool { !id.allSatisfy { $0 == "0" } }

    /// The staged changes: prefetched when possible, against the empty tree on an unborn branch.
    private func stagedChanges() throws(BelayError) -> [FileChange] {
        if repository.head != nil, let stagedAgainstHead { return stagedAgainstHead }
        return try git.stagedChanges(head: repository.head)
    }

    /// Reads the change; `extra` object names (e.g. `HEAD:belay.json5`) come back in ``ChangeSet/extras``,
    /// fetched in the same `cat-file --batch` as the contents.
    func read(_ scope: GateOptions.Scope, extra: [String] = []) throws(BelayError) -> ChangeSet {
        switch scope {
        case .staged:
            let changes = try stagedChanges()
            var set = try build(changes, tree: nil, extra: extra)
            set.indexIdentity = identity(of: changes)
            set.unmerged = unmergedPaths(changes)
            return set
        case .files(let paths):
            let wanted = Set(paths.map(repositoryPath))
            let all = try stagedChanges()
            let changes = all.filter { wanted.contains($0.path) }
            var set = try build(changes, tree: nil, extra: extra)
            set.indexIdentity = identity(of: all)
            set.unmerged = unmergedPaths(all)
            let missing = wanted.subtracting(changes.map(\.path)).sorted()
            if !missing.isEmpty { set.notes.append("not staged, so not checked: \(missing.joined(separator: ", "))") }
            return set
        case .range(let text):
            let range = RevisionRange(text)
            guard let from = try git.revParse(range.from), let to = try git.revParse(range.to) else {
                throw .usage("--range \(text): no such revisions")
            }
            let tree = try git.revParse("\(to)^{tree}")
            return try build(git.changes(from: from, to: to), tree: tree, extra: extra)
        case .pushed(let tip, let boundaries):
            let tree = try git.revParse("\(tip)^{tree}")
            guard let primary = boundaries.first else {
                return ChangeSet(
                    inputs: [], sources: [:], stagedPaths: [], tree: tree, indexIdentity: nil,
                    extras: try git.readBlobs(extra), notes: [])
            }
            return try build(
                git.changes(from: primary, to: tip), tree: tree, extra: extra, parents: Array(boundaries.dropFirst()))
        case .working:
            // A tree of the working tree, built in a private index: checks run on a snapshot of it,
            // never in the user's files, and the contents are what `git add -A` would stage.
            let tree = try git.workingTree(of: repository)
            let changes = try git.changes(from: repository.headTree ?? Git.emptyTree, to: tree)
            return try build(changes, tree: tree, extra: extra, againstMergeParents: true)
        case .all:
            // The index against the empty tree: every file a commit would record, each as added
            // (intent-to-add entries are not among them), and unmerged paths once each.
            let changes = try git.stagedChanges(head: nil)
            var set = try build(changes, tree: nil, extra: extra)
            set.unmerged = unmergedPaths(changes)
            return set
        }
    }

    /// For the staged scopes, when the staged changes were prefetched: what the checks need before any
    /// content is read (the paths `{files}` may expand to, the index's identity, the unmerged paths), as
    /// a change without contents. ``read(_:extra:)`` gives the same paths with the contents.
    func outline(_ scope: GateOptions.Scope) -> ChangeSet? {
        guard repository.head != nil, let all = stagedAgainstHead else { return nil }
        let changes: [FileChange]
        switch scope {
        case .staged:
            changes = all
        case .files(let paths):
            let wanted = Set(paths.map(repositoryPath))
            changes = all.filter { wanted.contains($0.path) }
        default:
            return nil
        }
        let staged = changes.filter { !$0.isSubmodule && !$0.isSymlink && $0.kind != .deleted }.compactMap(\.newPath)
        var set = ChangeSet(
            inputs: [], sources: [:], stagedPaths: staged, tree: nil, indexIdentity: identity(of: all), extras: [:],
            notes: [])
        set.unmerged = unmergedPaths(all)
        return set
    }

    private func unmergedPaths(_ changes: [FileChange]) -> [String] {
        changes.filter { $0.kind == .unmerged }.map(\.path).sorted()
    }

    private func identity(of changes: [FileChange]) -> String {
        var text = "index-tree\n\(repository.headTree ?? Git.emptyTree)\n"
        for change in changes {
            let fields = [
                change.kind.letter, change.oldMode, change.newMode, change.oldBlob ?? "-", change.newBlob ?? "-",
                change.oldPath ?? "-", change.newPath ?? "-",
            ]
            text += fields.joined(separator: "\u{0}") + "\n"
        }
        return "index:" + SHA256.hex(Array(text.utf8))
    }

    /// `path` as given on the command line (relative to the current directory, like git's own
    /// pathspecs, or absolute) as a path relative to the top level.
    private func repositoryPath(_ path: String) -> String {
        let top = repository.topLevel
        let directory = URL(fileURLWithPath: git.invocationDirectory).resolvingSymlinksInPath().path
        let base = path.hasPrefix("/") ? "" : directory + "/"
        var parts: [Substring] = []
        for part in (base + path).split(separator: "/") where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        let absolute = "/" + parts.joined(separator: "/")
        return absolute.hasPrefix(top + "/") ? String(absolute.dropFirst(top.count + 1)) : path
    }

    /// The other parents of a merge in progress (`MERGE_HEAD` may name several).
    private func otherParents() -> [String] {
        guard repository.inProgress == .merge,
            let data = FileManager.default.contents(atPath: repository.gitDirectory + "/MERGE_HEAD")
        else { return [] }
        return String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init)
    }

    /// `againstMergeParents`: judge a merge in progress against every parent (the index and the working
    /// tree do; a range of commits does not). `parents`: the other commits to judge against (a push's
    /// boundaries); a file whose new version one of them already has is not part of the change.
    private func build(
        _ changes: [FileChange], tree: String?, extra: [String], againstMergeParents: Bool? = nil,
        parents explicit: [String]? = nil
    ) throws(BelayError) -> ChangeSet {
        var relevant = changes.filter { !$0.isSubmodule && !$0.isSymlink }
        // A merge commit is judged against every parent: what the other branch brought is not new.
        let parents = explicit ?? ((againstMergeParents ?? (tree == nil)) ? otherParents() : [])
        if explicit != nil, !parents.isEmpty {
            relevant = try withoutPublishedVersions(relevant, parents: parents)
        }
        let ids = Self.blobNames(relevant)
        let parentNames = parents.flatMap { parent in
            relevant.compactMap { $0.newPath }.filter { !$0.contains("\n") }.map { "\(parent):\($0)" }
        }
        let wanted = ids + extra + parentNames
        var blobs: [String: [UInt8]] = [:]
        if let prefetchedBlobs {
            blobs = prefetchedBlobs.blobs
            let missing = wanted.filter { !prefetchedBlobs.names.contains($0) }
            if !missing.isEmpty { blobs.merge(try git.readBlobs(missing)) { known, _ in known } }
        } else {
            blobs = try git.readBlobs(wanted)
        }
        var inputs: [FileChangeInput] = []
        var sources: [String: [UInt8]] = [:]
        var stagedPaths: [String] = []
        for change in relevant where change.kind != .deleted {
            guard let path = change.newPath else { continue }
            let new: [UInt8]
            if let id = change.newBlob, !isNullObject(id), let bytes = blobs[id] {
                new = bytes
            } else if let bytes = FileManager.default.contents(atPath: "\(repository.topLevel)/\(path)") {
                new = [UInt8](bytes)  // an unmerged path: its only version is the file on disk
            } else {
                continue
            }
            let old = change.oldBlob.flatMap { isNullObject($0) ? nil : blobs[$0] }
            let otherOlds = parents.compactMap { blobs["\($0):\(path)"] }
            inputs.append(FileChangeInput(path: path, old: old, new: new, otherOlds: otherOlds))
            sources[path] = new
            stagedPaths.append(path)
        }
        let deleted = relevant.filter { $0.kind == .deleted }.compactMap { change -> DeletedFile? in
            guard let path = change.oldPath, let id = change.oldBlob, let old = blobs[id] else { return nil }
            return DeletedFile(path: path, old: old)
        }
        return ChangeSet(
            inputs: inputs, sources: sources, stagedPaths: stagedPaths, tree: tree,
            indexIdentity: nil, extras: blobs.filter { extra.contains($0.key) }, notes: [], deleted: deleted)
    }

    /// `changes` without the files whose new version (or, for a deletion, whose absence) one of `parents`
    /// already has: another published branch brought them, so this push does not publish them.
    private func withoutPublishedVersions(_ changes: [FileChange], parents: [String]) throws(BelayError) -> [FileChange]
    {
        let paths = changes.compactMap { $0.newPath ?? $0.oldPath }.filter { !$0.contains("\n") }
        let names = parents.flatMap { parent in paths.map { "\(parent):\($0)" } }
        guard !names.isEmpty else { return changes }
        let input = Array((names.joined(separator: "\n") + "\n").utf8)
        let output = try git.run(["cat-file", "--batch-check=%(objectname)"], input: input)
        let lines = output.split(separator: 0x0A, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
        var present: [String: Set<String>] = [:]  // path → the blob ids the parents hold
        for (index, name) in names.enumerated() where index < lines.count {
            let path = String(name[name.index(after: name.firstIndex(of: ":")!)...])
            let field = lines[index]
            present[path, default: []].insert(field.hasSuffix(" missing") ? "-" : field)
        }
        return changes.filter { change in
            guard let path = change.newPath ?? change.oldPath, let held = present[path] else { return true }
            if change.kind == .deleted { return !held.contains("-") }
            return !(change.newBlob.map(held.contains) ?? false)
        }
    }

    private func isNullObject(_ id: String) -> Bool { id.allSatisfy { $0 == "0" } }
}
