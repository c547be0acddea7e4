import BelayCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where the repository most likely is, found without running git: the nearest `.git` at or above the
/// directory (a folder, or a linked worktree's `gitdir:` file) and the index file git would use. It lets
/// the gate start work that needs only those paths (writing the index's tree, bringing the snapshot to
/// it) beside `git rev-parse` instead of after it. Only a hint: a caller uses what it started only when
/// ``matches(_:)`` says `rev-parse` found the same repository, and git's own overrides of discovery
/// (`GIT_DIR`, `GIT_WORK_TREE`, …) give no hint at all.
public struct RepositoryHint: Sendable, Equatable {
    /// The top level of the working tree.
    public var topLevel: String
    /// The working tree's git directory.
    public var gitDirectory: String
    /// The index file (`GIT_INDEX_FILE` when set: git reads a relative one from the top level).
    public var indexFile: String

    /// belay's own state directory, as ``Repository/belayDirectory``.
    public var belayDirectory: String { gitDirectory + "/belay" }

    /// Variables that move discovery elsewhere: with any of them set, only `rev-parse` can say.
    static let discoveryOverrides = [
        "GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_CEILING_DIRECTORIES", "GIT_DISCOVERY_ACROSS_FILESYSTEM",
    ]

    /// The hint for `directory` (its real path is walked up), or `nil` when there is none to give.
    public static func find(directory: String, environment: [String: String]) -> RepositoryHint? {
        guard !discoveryOverrides.contains(where: { environment[$0] != nil }),
            var current = realPath(directory)
        else { return nil }
        while true {
            let dotGit = current == "/" ? "/.git" : current + "/.git"
            var info = stat()
            if lstat(dotGit, &info) == 0 {
                let kind = info.st_mode & S_IFMT
                let gitDirectory: String?
                if kind == S_IFDIR {
                    gitDirectory = dotGit
                } else if kind == S_IFREG {
                    gitDirectory = linkedGitDirectory(file: dotGit, base: current)
                } else {
                    gitDirectory = nil
                }
                guard let gitDirectory else { return nil }
                var index = gitDirectory + "/index"
                if let named = environment["GIT_INDEX_FILE"], !named.isEmpty {
                    index = named.hasPrefix("/") ? named : (current == "/" ? "" : current) + "/" + named
                    index = URL(fileURLWithPath: index).standardizedFileURL.path
                }
                return RepositoryHint(topLevel: current, gitDirectory: gitDirectory, indexFile: index)
            }
            guard current != "/", let slash = current.lastIndex(of: "/") else { return nil }
            current = slash == current.startIndex ? "/" : String(current[..<slash])
        }
    }

    /// True when `repository` (what `rev-parse` found) is the one this hint named.
    public func matches(_ repository: Repository) -> Bool {
        topLevel == repository.topLevel && gitDirectory == repository.gitDirectory
            && indexFile == repository.indexFile
    }

    /// The directory a `.git` file names (`gitdir: PATH`, relative to the file's folder), resolved.
    private static func linkedGitDirectory(file: String, base: String) -> String? {
        guard let data = FileManager.default.contents(atPath: file) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard text.hasPrefix("gitdir: ") else { return nil }
        let named = text.dropFirst("gitdir: ".count).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !named.isEmpty else { return nil }
        return realPath(named.hasPrefix("/") ? named : base + "/" + named)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
