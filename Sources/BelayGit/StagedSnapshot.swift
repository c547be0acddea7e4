import BelayCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A directory holding exactly the content of one tree (normally the index's: what will be
/// committed), in which checks run. The user's working tree and index are never touched.
///
/// The snapshot is persistent — `<git dir>/belay/snapshot/tree`, with its own index beside it — and is
/// brought to a new tree with one `git read-tree --reset -u`: only files whose content changed are
/// rewritten, and files a previous check modified or deleted (their stat data no longer match the
/// snapshot's index) are restored. Files checks create (`.ruff_cache`, `__pycache__`) stay. A lock
/// keeps concurrent belay runs apart: the loser gets a fresh temporary snapshot, removed on release.
public final class StagedSnapshot: @unchecked Sendable {
    /// The snapshot's working tree: run checks here.
    public let directory: String
    /// The tree the snapshot holds.
    public let tree: String
    /// The snapshot's own index file.
    public let indexFile: String
    /// True for a one-off snapshot (the persistent one was locked); it is deleted on release.
    public let isTemporary: Bool
    private let git: Git
    private let root: String
    private let state = NSLock()
    private var lockDescriptor: Int32?
    private var cleanupToken: Int?

    /// Top-level folders of installed dependencies, symlinked from the real working tree when they
    /// exist there and the tree does not track them, so tools still resolve.
    public static let dependencyFolders = [
        ".venv", "venv", "node_modules", ".build", "vendor/bundle", ".tox", "target",
    ]

    /// Extra configuration for every git call on the snapshot: the real repository's sparse
    /// patterns, fsmonitor and split index belong to the real working tree, not to this one.
    static let snapshotConfiguration = [
        "-c", "core.sparseCheckout=false", "-c", "core.fsmonitor=false", "-c", "core.splitIndex=false",
    ]

    private let gitDirectory: String

    private init(
        git: Git, gitDirectory: String, root: String, tree: String, isTemporary: Bool, lockDescriptor: Int32?
    ) {
        self.gitDirectory = gitDirectory
        self.root = root
        self.directory = root + "/tree"
        self.indexFile = root + "/index"
        self.tree = tree
        self.isTemporary = isTemporary
        self.lockDescriptor = lockDescriptor
        self.git = git
    }

    deinit { release() }

    /// Brings the snapshot to `tree` (from ``Git/writeTree(of:)``) and locks it until ``release()``.
    public static func prepare(git: Git, repository: Repository, tree: String) throws(BelayError) -> StagedSnapshot {
        try prepare(
            git: git, gitDirectory: repository.gitDirectory, belayDirectory: repository.belayDirectory,
            topLevel: repository.topLevel, tree: tree)
    }

    /// ``prepare(git:repository:tree:)`` with the paths known before discovery (see ``RepositoryHint``).
    public static func prepare(
        git: Git, gitDirectory: String, belayDirectory: String, topLevel: String, tree: String
    ) throws(BelayError) -> StagedSnapshot {
        let persistent = belayDirectory + "/snapshot"
        try makeDirectory(persistent + "/tree")
        let descriptor = open(persistent + "/lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw .internal("cannot open \(persistent)/lock: \(errorText())") }
        let snapshot: StagedSnapshot
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
            removeAbandonedSnapshots(in: belayDirectory)
            snapshot = StagedSnapshot(
                git: git, gitDirectory: gitDirectory, root: persistent, tree: tree, isTemporary: false,
                lockDescriptor: descriptor)
        } else {
            close(descriptor)
            let root = belayDirectory + "/snapshot-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            // Registered before it exists: an interruption removes it even half-made.
            let token = Interruption.shared.addCleanup { removeTemporarySnapshot(at: root) }
            do {
                try makeDirectory(root + "/tree")
            } catch {
                Interruption.shared.removeCleanup(token)
                throw error
            }
            snapshot = StagedSnapshot(
                git: git, gitDirectory: gitDirectory, root: root, tree: tree, isTemporary: true, lockDescriptor: nil)
            snapshot.cleanupToken = token
        }
        do {
            try snapshot.update(realTopLevel: topLevel)
        } catch {
            snapshot.release()
            throw error
        }
        return snapshot
    }

    /// Deletes temporary snapshots (`snapshot-<pid>-<n>`) whose process no longer exists: left behind by
    /// a belay that was killed before it could release them. Those of live processes are in use.
    static func removeAbandonedSnapshots(in belayDirectory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: belayDirectory) else { return }
        for name in names where name.hasPrefix("snapshot-") {
            let fields = name.split(separator: "-")
            guard fields.count == 3, let pid = pid_t(fields[1]), pid > 0 else { continue }
            if kill(pid, 0) == 0 || errno != ESRCH { continue }  // alive (or not ours to judge)
            try? FileManager.default.removeItem(atPath: belayDirectory + "/" + name)
        }
    }

    /// Environment entries for commands run in the snapshot, so that a `git` they start sees the
    /// snapshot (its index, its working tree) and not the user's.
    public var environmentOverrides: [String: String] {
        ["GIT_WORK_TREE": directory, "GIT_INDEX_FILE": indexFile, "GIT_DIR": gitDirectory]
    }

    private func update(realTopLevel: String) throws(BelayError) {
        removeDependencyLinks(in: directory)
        // Holding the snapshot, a lock on its index can only be left by a git killed mid-write.
        unlink(indexFile + ".lock")
        let arguments = GitArguments.readTreeReset + ["--no-recurse-submodules", tree]
        do {
            try snapshotGit(arguments)
        } catch {
            // A snapshot index left corrupt by a killed run: start over from an empty index.
            unlink(indexFile)
            try snapshotGit(arguments)
        }
        linkDependencies(from: realTopLevel)
    }

    /// Runs git on the snapshot: its index, its working tree, the real object database.
    @discardableResult
    private func snapshotGit(_ arguments: [String]) throws(BelayError) -> [UInt8] {
        try git.run(
            Self.snapshotConfiguration + arguments,
            overriding: [
                "GIT_DIR": gitDirectory, "GIT_WORK_TREE": directory, "GIT_INDEX_FILE": indexFile,
                "GIT_PREFIX": "",
            ])
    }

    private func linkDependencies(from realTopLevel: String) {
        for name in Self.dependencyFolders {
            let source = realTopLevel + "/" + name
            let link = directory + "/" + name
            var info = stat()
            guard stat(source, &info) == 0, info.st_mode & S_IFMT == S_IFDIR, lstat(link, &info) != 0 else { continue }
            if let slash = name.lastIndex(of: "/") {
                try? makeDirectory(directory + "/" + name[..<slash])
            }
            symlink(source, link)
        }
    }

    /// Files in the snapshot whose content no longer matches ``tree`` — what a `--fix` run changed —
    /// with their new bytes (`nil` when deleted) and mode, for the caller to carry back.
    public func changedFiles() throws(BelayError) -> [SnapshotFile] {
        _ = try? snapshotGit(GitArguments.refreshIndex)  // exits 1 when files differ; that is the point
        let changes = try parseRawDiff(snapshotGit(GitArguments.diffFiles))
        return changes.compactMap { change -> SnapshotFile? in
            guard let path = change.newPath ?? change.oldPath, !change.isSubmodule else { return nil }
            if change.kind == .deleted || diskMode(directory + "/" + path) == FileMode.none {
                return SnapshotFile(path: path, mode: FileMode.none, bytes: nil)
            }
            let full = directory + "/" + path
            let mode = diskMode(full)
            let bytes: [UInt8]?
            if mode == FileMode.symlink {
                bytes = (try? FileManager.default.destinationOfSymbolicLink(atPath: full)).map { Array($0.utf8) }
            } else {
                bytes = FileManager.default.contents(atPath: full).map { [UInt8]($0) }
            }
            return SnapshotFile(path: path, mode: mode, bytes: bytes)
        }
    }

    /// Unlocks the persistent snapshot, or deletes a temporary one. Safe to call more than once.
    public func release() {
        state.lock()
        defer { state.unlock() }
        if let descriptor = lockDescriptor {
            flock(descriptor, LOCK_UN)
            close(descriptor)
            lockDescriptor = nil
        }
        if isTemporary {
            removeTemporarySnapshot(at: root)
            if let token = cleanupToken { Interruption.shared.removeCleanup(token) }
            cleanupToken = nil
        }
    }
}

/// Deletes a temporary snapshot, unlinking its dependency links first: never follow a link into the
/// user's dependencies.
private func removeTemporarySnapshot(at root: String) {
    guard FileManager.default.fileExists(atPath: root) else { return }
    removeDependencyLinks(in: root + "/tree")
    try? FileManager.default.removeItem(atPath: root)
}

/// Removes the links ``StagedSnapshot/dependencyFolders`` made in a snapshot's tree.
private func removeDependencyLinks(in directory: String) {
    for name in StagedSnapshot.dependencyFolders {
        let path = directory + "/" + name
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK,
            let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path),
            target.hasPrefix("/")
        {
            unlink(path)
        }
    }
}

/// A file of a snapshot that differs from the snapshot's tree.
public struct SnapshotFile: Sendable, Equatable {
    /// Repository-relative path.
    public var path: String
    /// The mode on disk; ``FileMode/none`` when deleted.
    public var mode: String
    /// The new content (a symlink's target), or `nil` when the file was deleted.
    public var bytes: [UInt8]?
}

private func makeDirectory(_ path: String) throws(BelayError) {
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
        throw .internal("cannot create \(path): \(error)")
    }
}

private func errorText() -> String { String(cString: strerror(errno)) }
