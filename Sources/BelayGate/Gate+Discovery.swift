import BelayChecks
import BelayCore
import BelayDetectors
import BelayGit
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension Gate {
    /// Finds the repository and, for the staged scopes, reads beside `rev-parse` the staged changes
    /// (`diff-index`) and then, in one `cat-file --batch`, every object they name and the configuration.
    ///
    /// When the checks will likely need a snapshot — a ``RepositoryHint`` names the index, the working
    /// tree has a `belay.json5` whose checks match a staged path, and the checks did not already pass on
    /// this very index (``IndexStamp``) — the index's tree is written beside `rev-parse` too, and the
    /// snapshot is brought to it while the contents are read (``Prefetched/snapshot(for:)``). The working
    /// tree's configuration only decides whether to start early; the committed one decides what runs.
    func discover(for scope: GateOptions.Scope, writingTree: Bool, useCache: Bool) throws(BelayError) -> (
        Repository, Prefetched
    ) {
        switch scope {
        case .staged, .files: break
        default: return (try Repository.discover(git: git), Prefetched())
        }
        let box = PrefetchBox()
        let ready = DispatchGroup()
        let changesRead = DispatchGroup()
        let git = self.git
        func wantsTree(indexFile: String, belayDirectory: String, topLevel: String) -> Bool {
            access(topLevel + "/" + Config.fileName, F_OK) == 0
                && !(useCache && IndexStamp.matchesLastPass(indexFile: indexFile, belayDirectory: belayDirectory))
        }
        changesRead.enter()
        // The tree first: the snapshot waits for it, and what starts first gets a core first.
        let hint = writingTree ? RepositoryHint.find(directory: git.directory, environment: git.environment) : nil
        var hinted = false
        if let hint, wantsTree(indexFile: hint.indexFile, belayDirectory: hint.belayDirectory, topLevel: hint.topLevel)
        {
            hinted = true
            ready.enter()
            box.snapshotting.enter()
            Thread {
                let tree = try? StageTrace.shared.measure("gate: write the tree early") { () throws(BelayError) in
                    try git.writeTree(indexFile: hint.indexFile, belayDirectory: hint.belayDirectory)
                }
                box.tree = tree
                ready.leave()
                changesRead.wait()
                if let tree, let changes = box.changes, Self.checksWouldRun(in: hint.topLevel, changes: changes) {
                    box.snapshot = try? StageTrace.shared.measure("gate: prepare the snapshot early") {
                        () throws(BelayError) in
                        try StagedSnapshot.prepare(
                            git: git, gitDirectory: hint.gitDirectory, belayDirectory: hint.belayDirectory,
                            topLevel: hint.topLevel, tree: tree)
                    }
                }
                box.snapshotting.leave()
            }.start()
        }
        startThread(ready) {
            let changes = try? git.stagedChanges(head: "HEAD")
            box.changes = changes
            changesRead.leave()
            guard let changes else { return }
            let names = ChangeReader.blobNames(changes) + Prefetched.configurationNames
            if let blobs = try? git.readBlobs(names) { box.blobs = (Set(names), blobs) }
        }
        let repository: Repository
        do {
            repository = try Repository.discover(git: git)
        } catch {
            ready.wait()
            box.release()
            throw error
        }
        let confirmed = hinted && hint?.matches(repository) == true
        if hinted && !confirmed {
            ready.wait()  // the hint named another index: neither its tree nor its snapshot is this one's
            box.release()
            box.tree = nil
        }
        if writingTree, !confirmed, repository.head != nil,
            wantsTree(
                indexFile: repository.indexFile, belayDirectory: repository.belayDirectory,
                topLevel: repository.topLevel)
        {
            let rooted = git.rooted(at: repository)
            startThread(ready) {
                box.tree = try? StageTrace.shared.measure("gate: write the tree early") { () throws(BelayError) in
                    try rooted.writeTree(of: repository)
                }
            }
        }
        // This thread would only wait for git now: it builds the rules' tables meanwhile.
        StageTrace.shared.measure("gate: rule tables") { DetectorEngine.prepareTables() }
        ready.wait()
        return (
            repository, Prefetched(changes: box.changes, blobs: box.blobs, tree: box.tree, box: box)
        )
    }

    /// Whether the working tree's `belay.json5` has a check whose `files` match one of the staged paths
    /// `changes` add or modify (a guess about the committed configuration, which is usually the same).
    private static func checksWouldRun(in topLevel: String, changes: [FileChange]) -> Bool {
        guard let bytes = FileManager.default.contents(atPath: topLevel + "/" + Config.fileName),
            let config = try? Config.parse([UInt8](bytes), file: Config.fileName, ruleIDs: DetectorRegistry.ids),
            !config.checks.isEmpty
        else { return false }
        let staged = changes.filter { !$0.isSubmodule && !$0.isSymlink && $0.kind != .deleted }.compactMap(\.newPath)
        let runner = CheckRunner(
            runner: ProcessRunner(), environment: [:], transient: config.transient,
            table: TransientTable(patterns: []))
        return runner.needsToRun(config.checks, stagedPaths: staged)
    }
}

/// What discovery read beside `rev-parse` (see ``Gate/discover(for:writingTree:useCache:)``).
struct Prefetched {
    /// The configuration's object names, read before `HEAD`'s id is known.
    static let configurationNames = ["HEAD:\(Config.fileName)", ":\(Config.fileName)"]

    var changes: [FileChange]?
    /// The objects ``changes`` and ``configurationNames`` name: every name asked for, and those found
    /// (`nil` when the changes were not prefetched).
    var blobs: (names: Set<String>, blobs: [String: [UInt8]])?
    /// The index's tree, when written during discovery.
    var tree: String?
    /// The snapshot prepared early, still being prepared when discovery returns.
    var box: PrefetchBox?

    /// The snapshot prepared beside the reads, when it holds `tree`; otherwise it is released (the caller
    /// prepares its own) and `nil`. Waits until the early preparation has ended.
    func snapshot(for tree: String) -> StagedSnapshot? {
        guard let box else { return nil }
        box.snapshotting.wait()
        guard let snapshot = box.snapshot else { return nil }
        box.snapshot = nil
        if snapshot.tree == tree { return snapshot }
        snapshot.release()
        return nil
    }

    /// Waits for discovery's threads and releases a snapshot nobody took.
    func finish() { box?.release() }

    /// The prefetched configuration under the names ``ConfigLoader/names(for:)`` gave, or `nil` when not
    /// prefetched.
    func configuration(named names: (committed: String?, staged: String), head: String?) -> [String: [UInt8]]? {
        guard let configuration = blobs?.blobs else { return nil }
        var blobs: [String: [UInt8]] = [:]
        if let committed = names.committed, head != nil { blobs[committed] = configuration[Self.configurationNames[0]] }
        blobs[names.staged] = configuration[Self.configurationNames[1]]
        return blobs
    }
}

/// What discovery's threads read; each field is read only after the group that covers its writer was
/// waited for (`snapshotting` for ``snapshot``).
final class PrefetchBox: @unchecked Sendable {
    var changes: [FileChange]?
    var blobs: (names: Set<String>, blobs: [String: [UInt8]])?
    var tree: String?
    var snapshot: StagedSnapshot?
    let snapshotting = DispatchGroup()

    /// Waits for the early snapshot and releases it if nobody took it.
    func release() {
        snapshotting.wait()
        snapshot?.release()
        snapshot = nil
    }
}

/// A dedicated thread (blocking on a child process must not hold one of Dispatch's few workers).
func startThread(_ group: DispatchGroup, _ body: @escaping @Sendable () -> Void) {
    group.enter()
    let thread = Thread {
        body()
        group.leave()
    }
    thread.start()
}
