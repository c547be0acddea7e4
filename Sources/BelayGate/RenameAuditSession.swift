import BelayCore
import BelayGit
import BelayRename
import BelayScan
import Dispatch
import Foundation

/// What `belay rename-audit` needs from the repository: the tracked files, `rename.exclude` from the
/// committed configuration, and the renames a change makes.
public struct RenameAuditSession: Sendable {
    let git: Git

    /// A session for the repository containing `directory`.
    public init(runner: any ProcessRunning, environment: [String: String], directory: String) {
        git = Git(runner: runner, environment: environment, directory: directory)
    }

    /// The repository to audit.
    public struct Target: Sendable {
        /// The working tree's top level.
        public var root: String
        /// Every tracked path, repository-relative.
        public var files: [String]
        /// `rename.exclude` from `belay.json5` at HEAD (the staged one when HEAD has none).
        public var exclude: [String]
        /// Where belay was started, relative to the top level (`""` at the top level, else `docs/`):
        /// globs the user typed are relative to it, like git's pathspecs.
        public var prefix: String

        /// `glob`, typed in ``prefix``, as a pattern relative to the top level. A pattern without a
        /// `/` matches at any depth below the current directory, as in a `.gitignore` there.
        public func fromTopLevel(_ glob: String) -> String {
            guard !prefix.isEmpty else { return glob }
            let body = glob.hasPrefix("/") ? String(glob.dropFirst()) : glob
            let anchored = body.dropLast(body.hasSuffix("/") ? 1 : 0).contains("/") || glob.hasPrefix("/")
            return prefix + (anchored ? "" : "**/") + body
        }
    }

    /// Discovers the repository, lists its tracked files and reads the configuration.
    public func target() throws(BelayError) -> Target {
        let repository = try Repository.discover(git: git)
        let git = git.rooted(at: repository)
        // The configuration is read while git lists the index: two processes that need not wait for each other.
        let loading = ConfigBox()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            loading.result = Result { () throws(BelayError) in
                try ConfigLoader(git: git, repository: repository).load(scope: .staged).config
            }
            done.signal()
        }
        thread.start()
        let listed = Result { () throws(BelayError) in try git.lsFiles(stage: true) }
        done.wait()
        let config = try loading.result!.get()
        let files = try listed.get().filter {
            $0.stage == 0 && $0.mode != FileMode.submodule && $0.mode != FileMode.symlink
        }.map(\.path)
        let here = URL(fileURLWithPath: git.invocationDirectory).resolvingSymlinksInPath().path
        let prefix =
            here.hasPrefix(repository.topLevel + "/") ? String(here.dropFirst(repository.topLevel.count + 1)) + "/" : ""
        return Target(root: repository.topLevel, files: files, exclude: config.rename.exclude, prefix: prefix)
    }

    /// What inference concluded about the change `scope` names (`.staged` or `.range`): the renames it
    /// makes, confirmed against every tracked file, and the candidates that rename nothing, with why.
    public struct Inference: Sendable {
        public var renames: [InferredRename]
        public var rejected: [RejectedRename]
    }

    /// Infers the renames of the change `scope` names.
    public func infer(_ scope: GateOptions.Scope) throws(BelayError) -> Inference {
        let repository = try Repository.discover(git: git)
        let git = git.rooted(at: repository)
        let change = try ChangeReader(git: git, repository: repository).read(scope)
        let analysis = RenameEvidenceFinder.analyze(change.inputs.map(\.versions))
        guard !analysis.renames.isEmpty else { return Inference(renames: [], rejected: analysis.rejected) }
        let config = try ConfigLoader(git: git, repository: repository).load(scope: scope).config
        let stage = RenameStage(git: git, repository: repository, config: config, options: GateOptions(scope: scope))
        let resolution = try stage.resolve(analysis.renames, in: change)
        return Inference(renames: resolution.renames, rejected: analysis.rejected + resolution.rejected)
    }
}

private final class ConfigBox: @unchecked Sendable {
    var result: Result<Config, BelayError>?
}
