import BelayChecks
import BelayCore
import BelayGit
import Foundation

/// Runs the configured checks on exactly what will be committed: in a snapshot of the tree (the
/// index's, a commit's, or for `--working` the working tree's), never in the user's working tree. A
/// snapshot is prepared only when some check has to run: checks with no matching file are skipped,
/// verified trees come from the cache.
struct CheckStage {
    let git: Git
    let repository: Repository
    let environment: [String: String]
    let config: Config
    let useCache: Bool
    /// Told as checks start and finish (a progress display on a terminal).
    var progress: (@Sendable (CheckRunner.Event) -> Void)? = nil

    struct Result {
        var results: [CheckResult]
        var notes: [String]
    }

    private var cache: VerifiedTreeCache? {
        useCache ? VerifiedTreeCache(directory: repository.belayDirectory + "/cache", version: belayVersion) : nil
    }

    private func makeRunner(
        cache: VerifiedTreeCache?, tree: String?, environment: [String: String]? = nil
    ) -> CheckRunner {
        var runner = CheckRunner(
            runner: git.runner, environment: environment ?? self.environment, transient: config.transient,
            cache: cache, treeID: tree, lazyTable: TransientTable.builtInOrEmpty)
        runner.observer = progress
        return runner
    }

    /// Runs `checks` on a snapshot of the change's tree; `prepared` may hand over a snapshot already
    /// brought to that tree (discovery's, prepared beside the reads).
    func run(
        _ checks: [CheckDefinition], change: ChangeSet, prepared: ((String) -> StagedSnapshot?)? = nil
    ) throws(BelayError) -> Result {
        // The cache is keyed by the index's identity when it is known without `git write-tree`.
        let cacheKey: String
        if let known = change.tree ?? change.indexIdentity {
            cacheKey = known
        } else {
            cacheKey = try git.writeTree(of: repository)
        }
        let runner = makeRunner(cache: cache, tree: cacheKey)
        guard runner.needsToRun(checks, stagedPaths: change.stagedPaths) else {
            // Everything is skipped or verified already: no tree to write, no snapshot to prepare.
            let results = runner.run(checks, in: repository.topLevel, stagedPaths: change.stagedPaths)
            if useCache && results.contains(where: \.cached) && !IndexStamp.matchesLastPass(repository) {
                IndexStamp.recordPass(repository)
            }
            return Result(results: results, notes: [])
        }
        let tree: String
        if let known = change.tree ?? change.writtenTree {
            tree = known
        } else {
            tree = try git.writeTree(of: repository)
        }
        let snapshot: StagedSnapshot
        if let early = prepared?(tree) {
            snapshot = early
        } else {
            snapshot = try StageTrace.shared.measure("gate: prepare the snapshot") { () throws(BelayError) in
                try StagedSnapshot.prepare(git: git, repository: repository, tree: tree)
            }
        }
        defer { snapshot.release() }
        var checkEnvironment = environment
        for (key, value) in snapshot.environmentOverrides { checkEnvironment[key] = value }
        // The snapshot is reused and `read-tree` can rewrite a file within the same second at the same
        // size: Python would then trust a stale `.pyc` (it compares seconds and size) and test old code.
        if checkEnvironment["PYTHONDONTWRITEBYTECODE"] == nil { checkEnvironment["PYTHONDONTWRITEBYTECODE"] = "1" }
        let snapshotRunner = makeRunner(cache: cache, tree: cacheKey, environment: checkEnvironment)
        let results = snapshotRunner.run(checks, in: snapshot.directory, stagedPaths: change.stagedPaths)
        if useCache && results.allSatisfy({ $0.status == .passed || $0.status == .skipped }) {
            IndexStamp.recordPass(repository)
        }
        return Result(results: results.map { pointingAtRepository($0, from: snapshot.directory) }, notes: [])
    }

    /// Check output names files by their snapshot paths; an agent must edit the real ones.
    private func pointingAtRepository(_ result: CheckResult, from snapshotDirectory: String) -> CheckResult {
        var result = result
        result.output = result.output.replacingOccurrences(of: snapshotDirectory, with: repository.topLevel)
        return result
    }

    /// `--fix`: runs each check's fix command on a snapshot of the index and carries the changed files
    /// back into the index and the working tree (see ``FixCarryBack``), but only where the working copy
    /// equals the staged copy; a partially staged file is reported and left alone.
    func fix(_ checks: [CheckDefinition], change: ChangeSet) throws(BelayError) -> [String] {
        let fixable = checks.filter { $0.fix != nil }
        guard !fixable.isEmpty else { return ["--fix: no configured check has a `fix` command"] }
        // Carrying a fix back stages it: with another git holding the index, nothing may be written.
        if FileManager.default.fileExists(atPath: repository.indexFile + ".lock") {
            throw .usage(
                "--fix: \(repository.indexFile).lock exists: another git process is using the index; run --fix again when it is done (or remove the stale lock)"
            )
        }
        let tree = try git.writeTree(of: repository)
        let snapshot = try StagedSnapshot.prepare(git: git, repository: repository, tree: tree)
        defer { snapshot.release() }
        let results = makeRunner(cache: nil, tree: nil).run(
            fixable, in: snapshot.directory, stagedPaths: change.stagedPaths, useFix: true)
        var notes: [String] = []
        for result in results where result.status != .passed && result.status != .skipped {
            notes.append("--fix: the fix command of '\(result.name)' ended \(result.status.rawValue)")
        }
        let carrier = FixCarryBack(git: git, repository: repository)
        var carried: [String] = []
        for file in try snapshot.changedFiles() {
            // One file's index entry and working copy change together, even when belay is interrupted.
            let outcome = try Interruption.shared.critical { () throws(BelayError) in try carrier.carry(file) }
            switch outcome ?? .leftAlone("--fix: \(file.path) was not carried back: belay was interrupted") {
            case .carried: carried.append(file.path)
            case .unchanged: break
            case .leftAlone(let note): notes.append(note)
            }
        }
        if !carried.isEmpty { notes.append("--fix: fixed and staged \(carried.joined(separator: ", "))") }
        return notes
    }
}
