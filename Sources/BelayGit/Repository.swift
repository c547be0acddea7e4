import BelayCore
import Foundation

/// What git is in the middle of, judged by the files it leaves in the git directory.
public enum InProgressOperation: String, Sendable, Equatable {
    /// `MERGE_HEAD` exists.
    case merge
    /// `rebase-merge/` or `rebase-apply/` exists.
    case rebase
    /// `CHERRY_PICK_HEAD` exists.
    case cherryPick = "cherry-pick"
    /// `REVERT_HEAD` exists.
    case revert
}

/// Where a repository's parts are, found with one `git rev-parse` call. All paths are absolute.
public struct Repository: Sendable, Equatable {
    /// The top level of the working tree.
    public var topLevel: String
    /// This working tree's git directory (`.git`, or `.git/worktrees/NAME` for a linked worktree).
    public var gitDirectory: String
    /// The directory shared by all working trees (objects, refs, config).
    public var commonDirectory: String
    /// The hooks directory git really uses (honours `core.hooksPath`).
    public var hooksDirectory: String
    /// The index file git uses (honours `GIT_INDEX_FILE`).
    public var indexFile: String
    /// The commit `HEAD` points at, or `nil` in an empty repository or on an unborn branch.
    public var head: String?
    /// The tree of `HEAD`, or `nil` when there is no `HEAD` commit.
    public var headTree: String?
    /// The checked-out branch (`main`, not `refs/heads/main`), or `nil` when `HEAD` is detached.
    public var branch: String?
    /// A merge, rebase, cherry-pick or revert in progress, or `nil`.
    public var inProgress: InProgressOperation?

    /// Memberwise initializer, for tests and callers that already know the layout.
    public init(
        topLevel: String, gitDirectory: String, commonDirectory: String, hooksDirectory: String,
        indexFile: String, head: String?, headTree: String? = nil, branch: String?, inProgress: InProgressOperation?
    ) {
        self.topLevel = topLevel
        self.gitDirectory = gitDirectory
        self.commonDirectory = commonDirectory
        self.hooksDirectory = hooksDirectory
        self.indexFile = indexFile
        self.head = head
        self.headTree = headTree
        self.branch = branch
        self.inProgress = inProgress
    }

    /// Finds the repository containing `git.directory`. Throws ``BelayError/usage(_:)`` outside a
    /// repository (being called in the wrong place is not belay failing), ``BelayError/internal(_:)``
    /// when git fails otherwise (its message included) or in a bare repository.
    public static func discover(git: Git) throws(BelayError) -> Repository {
        let outcome = try git.outcome(GitArguments.discover)
        let stderr = String(decoding: outcome.standardError, as: UTF8.self)
        if !outcome.succeeded, stderr.contains("not a git repository") {
            throw .usage("\(git.directory) is not inside a git repository")
        }
        guard outcome.succeeded else { throw .internal(Git.failureMessage(GitArguments.discover, outcome)) }
        let output = outcome.standardOutput
        var lines = String(decoding: output, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        if lines.last == "" { lines.removeLast() }
        guard lines.count == 5 || lines.count == 7 else {
            throw .internal("git rev-parse: unexpected discovery output: \(lines)")
        }
        let gitDirectory = lines[1]
        return Repository(
            topLevel: lines[0], gitDirectory: gitDirectory, commonDirectory: standardized(lines[2]),
            hooksDirectory: lines[3], indexFile: lines[4], head: lines.count == 7 ? lines[5] : nil,
            headTree: lines.count == 7 ? lines[6] : nil,
            branch: branchName(gitDirectory: gitDirectory), inProgress: inProgress(gitDirectory: gitDirectory))
    }

    /// The branch `HEAD` names (also when unborn), read from `<git dir>/HEAD`; `nil` when detached.
    static func branchName(gitDirectory: String) -> String? {
        guard let data = FileManager.default.contents(atPath: gitDirectory + "/HEAD") else { return nil }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let prefix = "ref: refs/heads/"
        return text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : nil
    }

    static func inProgress(gitDirectory: String) -> InProgressOperation? {
        let manager = FileManager.default
        func exists(_ name: String) -> Bool { manager.fileExists(atPath: gitDirectory + "/" + name) }
        if exists("rebase-merge") || exists("rebase-apply") { return .rebase }
        if exists("MERGE_HEAD") { return .merge }
        if exists("CHERRY_PICK_HEAD") { return .cherryPick }
        if exists("REVERT_HEAD") { return .revert }
        return nil
    }

    private static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }

    /// Where belay keeps its own per-working-tree state (`<git dir>/belay`).
    public var belayDirectory: String { gitDirectory + "/belay" }
}
