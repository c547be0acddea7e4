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

    public init(runner: any ProcessRunning, environment: [String: String], directory: String) {
        self.git = Git(runner: runner, environment: environment, directory: directory)
        self.environment = environment
    }

    /// Judges the change `options` describe.
    public func run(_ options: GateOptions) throws(BelayError) -> GateOutcome {
        let started = monotonicSeconds()
        let repository = try Repository.discover(git: git)
        let loader = ConfigLoader(git: git, repository: repository)
        let configNames = loader.names(for: options.scope)
        let reader = ChangeReader(git: git, repository: repository)
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
            git: git, repository: repository, environment: environment, config: config, useCache: options.useCache)
        var notes = loaded.notes
        if options.fix && options.runChecks {
            // Fix first, then judge what the fixes left: the findings must describe the fixed files.
            notes += try stage.fix(selected, change: change)
            change = try reader.read(options.scope)
        }
        notes += change.notes
        let judged = change

        // Built-in rules run on this thread's sibling while the checks run here.
        let engine = DetectorEngine(settings: config.rules, only: options.only, skip: options.skip)
        let renames = RenameStage(git: git, repository: repository, config: config, options: options)
        let findings = FindingsBox()
        let detecting = DispatchGroup()
        DispatchQueue.global().async(group: detecting) {
            let found = engine.run(changes: judged.inputs, mode: options.scope == .all ? .all : .changed)
            let leftovers = renames.findings(in: judged)
            findings.value = found + leftovers.diagnostics
            findings.sources = leftovers.sources
        }

        var checks: [CheckResult] = []
        if options.runChecks && !selected.isEmpty {
            let staged = try stage.run(selected, change: judged)
            checks = staged.results
            notes += staged.notes
        }
        detecting.wait()

        let diagnostics = findings.value
        let blocked = diagnostics.contains { $0.severity == .error } || checks.contains { $0.status.blocks }
        let report = Report(
            verdict: blocked ? .block : .pass,
            diagnostics: diagnostics,
            checks: checks.map(\.reportCheck),
            durationMs: Int((monotonicSeconds() - started) * 1000),
            notes: notes)
        let sources = judged.sources.merging(findings.sources) { staged, _ in staged }
        return GateOutcome(report: report, sources: sources, config: config, repository: repository)
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

private final class FindingsBox: @unchecked Sendable {
    var value: [Diagnostic] = []
    var sources: [String: [UInt8]] = [:]
}

/// A cheap similarity for suggestions: shared prefix length, negated.
private func editDistanceHint(_ a: String, _ b: String) -> Int {
    -zip(a, b).prefix { $0 == $1 }.count
}

extension CheckStatus {
    /// Anything but `passed` and `skipped` blocks the commit.
    var blocks: Bool { self != .passed && self != .skipped }
}

extension CheckResult {
    var reportCheck: ReportCheck {
        ReportCheck(
            name: name, status: status.rawValue, attempts: attempts, durationMs: durationMs, output: output,
            infrastructure: infrastructure, cached: cached)
    }
}
