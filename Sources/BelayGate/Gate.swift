// BelayGate: one change in, one report out. It reads the change (staged, a range, the working tree),
// the configuration at the change's base, runs the configured checks on a snapshot of what will be
// committed and, beside them, the built-in rules and the rename search. `belay check`, the git hooks, the
// agent hooks and agent sessions all run it.
import BelayChecks
import BelayCore
import BelayDetectors
import BelayGit
import BelayReport
import Dispatch
import Foundation

/// The result of one run of the gate: the report, and what is needed to render it.
public struct GateOutcome: Sendable {
    public var report: Report
    /// File contents the diagnostics point into (the versions that will be committed).
    public var sources: [String: [UInt8]]
    public var config: Config
    public var repository: Repository
}

/// The gate: belay's built-in rules on what the change adds, and the configured checks on a snapshot
/// of exactly what will be committed. `belay check`, the git hooks and agent sessions all run this.
public struct Gate: Sendable {
    public let git: Git
    public let environment: [String: String]
    /// Told as each check starts and finishes, from the checks' threads: the CLI's progress display.
    public var progress: (@Sendable (CheckRunner.Event) -> Void)?

    public init(runner: any ProcessRunning, environment: [String: String], directory: String) {
        self.git = Git(runner: runner, environment: environment, directory: directory)
        self.environment = environment
    }

    /// Judges the change `options` describe.
    public func run(_ options: GateOptions) throws(BelayError) -> GateOutcome {
        let started = monotonicSeconds()
        let (repository, prefetched) = try discover(for: options.scope)
        Interruption.shared.recordInterruptions(in: repository.belayDirectory)
        let git = self.git.rooted(at: repository)
        let loader = ConfigLoader(git: git, repository: repository)
        let configNames = loader.names(for: options.scope)
        var reader = ChangeReader(git: git, repository: repository)
        reader.stagedAgainstHead = prefetched
        // One cat-file batch reads the configuration and the change's contents together.
        var change = try reader.read(
            options.scope, extra: [configNames.committed, configNames.staged].compactMap { $0 })
        let loaded = try loader.load(scope: options.scope, blobs: change.extras)
        let config = loaded.config
        try validateSelection(options, config: config)

        let selected = config.checks.filter { check in
            (options.only.map { $0.contains(check.name) } ?? true) && !options.skip.contains(check.name)
        }
        let stage = CheckStage(
            git: git, repository: repository, environment: environment, config: config, useCache: options.useCache,
            progress: progress)
        var notes = loaded.notes
        // An unresolved conflict leaves no tree to fix or check: the gate blocks and names the paths.
        let unmerged = change.unmerged
        if options.fix && options.runChecks && unmerged.isEmpty {
            // Fix first, then judge what the fixes left: the findings must describe the fixed files.
            notes += try stage.fix(selected, change: change)
            change = try reader.read(options.scope)
        } else if options.fix && options.runChecks {
            notes.append("--fix: not run: the index has unresolved conflicts; resolve them first")
        }
        notes += change.notes
        let judged = change

        // Built-in rules run on this thread's sibling while the checks run here.
        let engine = DetectorEngine(
            settings: config.rules, only: options.only, skip: options.skip, agentMode: options.agentMode,
            secrets: config.secrets, migrations: config.migrations)
        let renames = RenameStage(git: git, repository: repository, config: config, options: options)
        let migrations = MigrationStage(config: config, agentMode: options.agentMode)
        let findings = FindingsBox()
        let detecting = DispatchGroup()
        DispatchQueue.global().async(group: detecting) {
            let found = engine.run(
                changes: judged.inputs, mode: options.scope == .all ? .all : .changed, deleted: judged.deleted)
            let escalated = migrations.escalate(found, change: judged) { () throws(BelayError) in
                try renames.contents(judged)
            }
            let leftovers = renames.findings(in: judged)
            findings.value = escalated.diagnostics + leftovers.diagnostics
            findings.sources = leftovers.sources.merging(escalated.sources) { kept, _ in kept }
        }

        var checks: [CheckResult] = []
        if options.runChecks && !selected.isEmpty && !unmerged.isEmpty {
            checks = UnmergedPaths.notRun(selected, paths: unmerged)
        } else if options.runChecks && !selected.isEmpty {
            let staged = try stage.run(selected, change: judged)
            checks = staged.results
            notes += staged.notes
        }
        detecting.wait()

        let diagnostics =
            UnmergedPaths.findings(unmerged) + findings.value
            + agentStateFindings(options, config: config, repository: repository)
        let blocked = diagnostics.contains { $0.severity == .error } || checks.contains { $0.status.blocks }
        let report = Report(
            verdict: blocked ? .block : .pass,
            diagnostics: diagnostics,
            checks: checks,
            durationMs: Int((monotonicSeconds() - started) * 1000),
            notes: notes)
        let sources = judged.sources.merging(findings.sources) { staged, _ in staged }
        return GateOutcome(report: report, sources: sources, config: config, repository: repository)
    }

    /// Agent rules about the repository's state rather than the change: committing onto a protected branch.
    private func agentStateFindings(
        _ options: GateOptions, config: Config, repository: Repository
    ) -> [Diagnostic] {
        guard options.agentMode, options.scope == .staged, config.rules["protected-branch"] != .off,
            options.only.map({ $0.contains("protected-branch") }) ?? true, !options.skip.contains("protected-branch")
        else { return [] }
        guard
            var finding = ProtectedBranchDetector.finding(
                branch: repository.branch, protected: config.protectedBranches)
        else { return [] }
        finding.severity = config.rules["protected-branch"]?.severity ?? finding.severity
        return [finding]
    }

    /// Discovers the repository and, for the staged scopes, reads the staged changes against `HEAD` at
    /// the same time: the two git processes do not depend on each other, and on the cache-hit path
    /// every process saved is a millisecond or two. On an unborn branch the prefetch fails and is
    /// ignored (the reader falls back to the empty tree).
    private func discover(for scope: GateOptions.Scope) throws(BelayError) -> (Repository, [FileChange]?) {
        switch scope {
        case .staged, .files: break
        default: return (try Repository.discover(git: git), nil)
        }
        let box = PrefetchBox()
        let done = DispatchSemaphore(value: 0)
        let git = self.git
        let thread = Thread {
            box.changes = try? git.stagedChanges(head: "HEAD")
            done.signal()
        }
        thread.start()
        let repository: Repository
        do {
            repository = try Repository.discover(git: git)
        } catch {
            done.wait()
            throw error
        }
        done.wait()
        return (repository, box.changes)
    }

    /// `--only` and `--skip` must name rules or checks that exist: a typo must not silently skip nothing.
    private func validateSelection(_ options: GateOptions, config: Config) throws(BelayError) {
        let checkNames = Set(config.checks.map(\.name))
        let requested = (options.only ?? []).union(options.skip)
        let unknown = DetectorRegistry.validate(ids: requested.subtracting(checkNames)).sorted()
        if let first = unknown.first {
            let known = DetectorRegistry.descriptions.map(\.id) + checkNames.sorted()
            let suggestion = known.min { editDistanceHint(first, $0) < editDistanceHint(first, $1) }
            throw .usage(
                "'\(first)' is neither a rule nor a configured check (did you mean '\(suggestion ?? "")'? see 'belay rules')"
            )
        }
    }
}

private final class PrefetchBox: @unchecked Sendable {
    var changes: [FileChange]?
}

private final class FindingsBox: @unchecked Sendable {
    var value: [Diagnostic] = []
    var sources: [String: [UInt8]] = [:]
}

/// A cheap similarity for suggestions: shared prefix length, negated.
private func editDistanceHint(_ a: String, _ b: String) -> Int {
    -zip(a, b).prefix { $0 == $1 }.count
}
