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
    /// The push policy's analysis, when the gate judged a push.
    public var pushed: PushAnalysis?
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
    ///
    /// For the staged scopes discovery reads the staged changes, their objects and the configuration beside
    /// `rev-parse`, writes the tree and prepares the snapshot (see ``discover(for:writingTree:useCache:)``);
    /// the checks need only the staged paths, and run while the built-in rules build the change's inputs
    /// from those objects and judge them on another thread. A push
    /// is first judged by the push policy, which also says what the push publishes (the content scope).
    public func run(_ requested: GateOptions) throws(BelayError) -> GateOutcome {
        let started = monotonicSeconds()
        let trace = StageTrace.shared
        var chosen = requested
        let (repository, prefetched) = try trace.measure("gate: discover") { () throws(BelayError) in
            try discover(
                for: requested.scope, writingTree: requested.runChecks && !requested.fix, useCache: requested.useCache)
        }
        defer { prefetched.finish() }
        Interruption.shared.recordInterruptions(in: repository.belayDirectory)
        let git = self.git.rooted(at: repository)
        let loader = ConfigLoader(git: git, repository: repository)
        var pushed = PushAnalysis()
        if let target = chosen.push {
            pushed = try analyzePush(target, options: &chosen, git: git, loader: loader)
        }
        let options = chosen
        let configNames = loader.names(for: options.scope)
        var reader = ChangeReader(git: git, repository: repository)
        reader.stagedAgainstHead = prefetched.changes
        reader.prefetchedBlobs = prefetched.blobs
        // The checks need only the staged paths and the index's identity: the contents are read beside them.
        var change: ChangeSet
        let loaded: ConfigLoader.Loaded
        var contentsPending = false
        if !options.fix, let blobs = prefetched.configuration(named: configNames, head: repository.head),
            let outline = reader.outline(options.scope)
        {
            change = outline
            change.writtenTree = prefetched.tree
            contentsPending = true
            loaded = try trace.measure("gate: load the configuration") { () throws(BelayError) in
                try loader.load(scope: options.scope, blobs: blobs)
            }
        } else {
            // One cat-file batch reads the configuration and what the prefetch did not read.
            change = try trace.measure("gate: read the change") { () throws(BelayError) in
                try reader.read(options.scope, extra: [configNames.committed, configNames.staged].compactMap { $0 })
            }
            loaded = try trace.measure("gate: load the configuration") { () throws(BelayError) in
                try loader.load(scope: options.scope, blobs: change.extras)
            }
        }
        let config = loaded.config
        try validateSelection(options, config: config)

        let selected = config.checks.filter { check in
            (options.only.map { $0.contains(check.name) } ?? true) && !options.skip.contains(check.name)
        }
        let stage = CheckStage(
            git: git, repository: repository, environment: environment, config: config, useCache: options.useCache,
            progress: progress)
        var fixNotes: [String] = []
        // An unresolved conflict leaves no tree to fix or check: the gate blocks and names the paths.
        let unmerged = change.unmerged
        if options.fix && options.runChecks && unmerged.isEmpty {
            // Fix first, then judge what the fixes left: the findings must describe the fixed files.
            fixNotes += try stage.fix(selected, change: change)
            // The fixes restaged files: what discovery read of the index is stale.
            reader.stagedAgainstHead = nil
            reader.prefetchedBlobs = nil
            change = try reader.read(options.scope)
        } else if options.fix && options.runChecks {
            fixNotes.append("--fix: not run: the index has unresolved conflicts; resolve them first")
        }
        let outlined = change

        // Built-in rules run on this thread's sibling while the checks run here (the detectors are made
        // there too: their descriptions and tables are built on first use).
        let renames = RenameStage(git: git, repository: repository, config: config, options: options)
        let migrations = MigrationStage(config: config, agentMode: options.agentMode)
        let findings = FindingsBox()
        let detecting = DispatchGroup()
        let contentReader = reader
        let contentsPendingNow = contentsPending
        DispatchQueue.global().async(group: detecting) {
            let judged: ChangeSet
            if contentsPendingNow {
                do throws(BelayError) {
                    judged = try trace.measure("gate: read the change") { () throws(BelayError) in
                        try contentReader.read(options.scope)
                    }
                } catch {
                    findings.error = error
                    return
                }
            } else {
                judged = outlined
            }
            findings.change = judged
            let found = trace.measure("gate: built-in rules") {
                DetectorEngine(
                    settings: config.rules, only: options.only, skip: options.skip, agentMode: options.agentMode,
                    secrets: config.secrets, migrations: config.migrations
                ).run(
                    changes: judged.inputs, mode: options.scope == .all ? .all : .changed, deleted: judged.deleted)
            }
            let escalated = trace.measure("gate: migration stage") {
                migrations.escalate(found, change: judged) { () throws(BelayError) in
                    try renames.contents(judged)
                }
            }
            let leftovers = trace.measure("gate: rename stage") { renames.findings(in: judged) }
            findings.value = escalated.diagnostics + leftovers.diagnostics
            findings.sources = leftovers.sources.merging(escalated.sources) { kept, _ in kept }
        }

        var checks: [CheckResult] = []
        var checkNotes: [String] = []
        if options.runChecks && !selected.isEmpty && !unmerged.isEmpty {
            checks = UnmergedPaths.notRun(selected, paths: unmerged)
        } else if options.runChecks && !selected.isEmpty {
            let staged = try trace.measure("gate: checks") { () throws(BelayError) in
                try stage.run(selected, change: outlined, prepared: prefetched.snapshot(for:))
            }
            checks = staged.results
            checkNotes = staged.notes
        }
        detecting.wait()
        if let error = findings.error { throw error }
        let judged = findings.change ?? outlined
        let history = try publishedSecrets(pushed, found: findings.value, options: options, config: config, git: git)

        let diagnostics =
            UnmergedPaths.findings(unmerged) + pushed.diagnostics + findings.value + history
            + agentStateFindings(options, config: config, repository: repository)
        let blocked = diagnostics.contains { $0.severity == .error } || checks.contains { $0.status.blocks }
        let report = Report(
            verdict: blocked ? .block : .pass,
            diagnostics: diagnostics,
            checks: checks,
            durationMs: Int((monotonicSeconds() - started) * 1000),
            notes: loaded.notes + pushed.notes + fixNotes + judged.notes + checkNotes)
        let sources = judged.sources.merging(findings.sources) { staged, _ in staged }
        return GateOutcome(
            report: report, sources: sources, config: config, repository: repository,
            pushed: options.push == nil ? nil : pushed)
    }

    /// The push policy on `target`, with the configuration the push is measured by (the range's base, or
    /// the remote branch's old tip, or `HEAD`); the content scope becomes what the push publishes.
    private func analyzePush(
        _ target: PushTarget, options: inout GateOptions, git: Git, loader: ConfigLoader
    ) throws(BelayError) -> PushAnalysis {
        var policyBase = "HEAD"
        if let base = target.rangeBase ?? target.oldTip, try git.objectExists(base) { policyBase = base }
        let config = try loader.load(scope: .range("\(policyBase)..\(policyBase)")).config
        let policy = PushPolicy(
            git: git, config: config, agentMode: options.agentMode, only: options.only, skip: options.skip)
        let analysis = try policy.analyze(target)
        guard let tip = target.tip else {
            options.scope = .pushed(tip: Git.emptyTree, boundaries: [])
            return analysis
        }
        // A CI range keeps its plain diff unless other branches' commits are inside it.
        if let base = target.rangeBase, let from = try git.revParse(base), analysis.boundaries == [from] {
            return analysis
        }
        options.scope = .pushed(tip: tip, boundaries: analysis.boundaries)
        return analysis
    }

    /// The secret rules on each commit a push publishes before its tip, less what the tip's own judgement
    /// already reports (the same rule and the same message in the same file).
    private func publishedSecrets(
        _ pushed: PushAnalysis, found: [Diagnostic], options: GateOptions, config: Config, git: Git
    ) throws(BelayError) -> [Diagnostic] {
        let selected = PublishedSecrets.rules.filter { rule in
            (options.only.map { $0.contains(rule) } ?? true) && !options.skip.contains(rule)
        }
        guard pushed.published.count > 1, !selected.isEmpty else { return [] }
        let earlier = Array(pushed.published.dropFirst())  // newest first: the tip was judged with the change
        return try PublishedSecrets(git: git, config: config, agentMode: options.agentMode, rules: selected)
            .findings(in: earlier, reported: found)
    }

    /// Agent rules about the repository's state rather than the change: committing onto a protected branch.
    private func agentStateFindings(
        _ options: GateOptions, config: Config, repository: Repository
    ) -> [Diagnostic] {
        guard options.agentMode, options.scope == .staged,
            var finding = ProtectedBranchDetector.finding(
                branch: repository.branch, protected: config.protectedBranches),
            let severity = config.severity(
                of: "protected-branch", fallback: finding.severity, only: options.only, skip: options.skip)
        else { return [] }
        finding.severity = severity
        return [finding]
    }

    /// `--only` and `--skip` must name rules or checks that exist: a typo must not silently skip nothing.
    private func validateSelection(_ options: GateOptions, config: Config) throws(BelayError) {
        let checkNames = Set(config.checks.map(\.name))
        let requested = (options.only ?? []).union(options.skip)
        let unknown = DetectorRegistry.validate(ids: requested.subtracting(checkNames)).sorted()
        if let first = unknown.first {
            let known = DetectorRegistry.ids + checkNames.sorted()
            let suggestion = known.min { editDistanceHint(first, $0) < editDistanceHint(first, $1) }
            throw .usage(
                "'\(first)' is neither a rule nor a configured check (did you mean '\(suggestion ?? "")'? see 'belay rules')"
            )
        }
    }
}

/// What the detecting thread found, read after it is waited for.
private final class FindingsBox: @unchecked Sendable {
    var value: [Diagnostic] = []
    var sources: [String: [UInt8]] = [:]
    /// The change with its contents, when they were read beside the checks.
    var change: ChangeSet?
    var error: BelayError?
}

/// A cheap similarity for suggestions: shared prefix length, negated.
private func editDistanceHint(_ a: String, _ b: String) -> Int {
    -zip(a, b).prefix { $0 == $1 }.count
}
