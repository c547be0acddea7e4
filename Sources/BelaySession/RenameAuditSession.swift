import BelayCore
import BelayGit
import BelayRename
import BelayScan
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
    }

    /// Discovers the repository, lists its tracked files and reads the configuration.
    public func target() throws(BelayError) -> Target {
        let repository = try Repository.discover(git: git)
        let config = try ConfigLoader(git: git, repository: repository).load(scope: .staged).config
        let files = try git.lsFiles(stage: true).filter {
            $0.stage == 0 && $0.mode != FileMode.submodule && $0.mode != FileMode.symlink
        }.map(\.path)
        return Target(root: repository.topLevel, files: files, exclude: config.rename.exclude)
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
        let change = try ChangeReader(git: git, repository: repository).read(scope)
        let analysis = RenameEvidenceFinder.analyze(change.inputs.map(\.versions))
        guard !analysis.renames.isEmpty else { return Inference(renames: [], rejected: analysis.rejected) }
        let config = try ConfigLoader(git: git, repository: repository).load(scope: scope).config
        let stage = RenameStage(git: git, repository: repository, config: config, options: GateOptions(scope: scope))
        let resolution = try stage.resolve(analysis.renames, in: change)
        return Inference(renames: resolution.renames, rejected: analysis.rejected + resolution.rejected)
    }
}
