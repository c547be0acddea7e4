import BelayCore
import BelayDetectors
import BelayGate
import BelayGit
import BelayReport
import BelaySession
import Foundation

/// `belay check`: the gate on demand.
func runCheck(_ command: ParsedCommand, _ invocation: Invocation) throws(BelayError) -> Int32 {
    let options = try gateOptions(from: command)
    let format = ReportFormat(rawValue: command.value("--format") ?? "text") ?? .text
    return try runGate(
        options, format: format, maxFindings: try maxFindings(command), invocation: invocation, toStderr: false)
}

/// `--max-findings N`: a whole number, `0` for all; the default when absent.
func maxFindings(_ command: ParsedCommand) throws(BelayError) -> Int {
    guard let text = command.value("--max-findings") else { return defaultMaxFindings }
    guard let value = Int(text), value >= 0 else {
        throw .usage("--max-findings needs a whole number of findings (0 lists all), not '\(text)'")
    }
    return value
}

/// The scope and selection flags of `check` as gate options; the scopes exclude each other.
func gateOptions(from command: ParsedCommand) throws(BelayError) -> GateOptions {
    var scopes: [(String, GateOptions.Scope)] = []
    if command.has("--staged") { scopes.append(("--staged", .staged)) }
    if command.has("--all") { scopes.append(("--all", .all)) }
    if let range = command.value("--range") { scopes.append(("--range", .range(range))) }
    if command.has("--working") { scopes.append(("--working", .working)) }
    if command.has("--files") { scopes.append(("--files", .files(command.values("--files")))) }
    if scopes.count > 1 {
        throw .usage("\(scopes.map(\.0).joined(separator: " and ")) exclude each other; choose one")
    }
    let fix = command.has("--fix")
    // `--working` judges edits that are not staged: carrying a fix back would overwrite them.
    if fix, let scope = scopes.first, scope.0 == "--range" || scope.0 == "--all" || scope.0 == "--working" {
        throw .usage("--fix works on the staged change only, not with \(scope.0) (stage the edits, then run --fix)")
    }
    // A range is what CI judges: the push policy runs on it too, measured from the range's start.
    var push: PushTarget? = nil
    if let range = command.value("--range") {
        let ends = range.components(separatedBy: "..")
        let to = ends.count == 2 ? ends[1].trimmingCharacters(in: CharacterSet(charactersIn: ".")) : range
        let from = ends.count == 2 ? ends[0] : range + "^"
        push = PushTarget(tip: to.isEmpty ? "HEAD" : to, branch: nil, rangeBase: from.isEmpty ? "HEAD" : from)
    }
    return GateOptions(
        scope: scopes.first?.1 ?? .staged,
        fix: fix,
        only: command.has("--only") ? Set(command.values("--only")) : nil,
        skip: Set(command.values("--skip")),
        runChecks: !command.has("--no-checks"),
        useCache: !command.has("--no-cache"), push: push)
}

/// Runs the gate, renders the report and maps the verdict to an exit code. Internal failures follow
/// `onInternalError` and are recorded under `.git/belay/`.
func runGate(
    _ options: GateOptions, format: ReportFormat, maxFindings: Int = defaultMaxFindings, invocation: Invocation,
    toStderr: Bool, quietOnPass: Bool = false, onPass: (GateOutcome) -> Void = { _ in }
) throws(BelayError) -> Int32 {
    var gate = Gate(
        runner: invocation.runner, environment: invocation.environment, directory: invocation.workingDirectory)
    let display = ProgressDisplay.make(for: invocation, format: format)
    if let display { gate.progress = { display.observe($0) } }
    defer { display?.stop() }
    let outcome: GateOutcome
    do {
        outcome = try gate.run(options)
        display?.stop()
    } catch .internal(let message) {
        var invocation = invocation
        invocation.internalErrorPolicy = gate.internalErrorPolicy()
        gate.recordInternalError(message)
        invocation.console.err("belay: internal error: \(message)\n")
        return invocation.internalFailure(.internal(message))
    }
    let sources = outcome.sources
    let renderer = ReportRenderer(
        sources: { sources[$0] },
        colour: invocation.console.isTerminal && format == .text && invocation.environment["NO_COLOR"] == nil,
        rules: DetectorRegistry.descriptions.map {
            ReportRule(
                id: $0.id, summary: $0.summary, rationale: $0.rationale, defaultSeverity: $0.defaultSeverity,
                hint: $0.hint)
        },
        toolVersion: belayVersion, maxFindings: maxFindings)
    if quietOnPass && outcome.report.verdict == .pass {
        onPass(outcome)
        return 0
    }
    let text = StageTrace.shared.measure("cli: render the report") { renderer.render(outcome.report, as: format) }
    if toStderr { invocation.console.err(text) } else { invocation.console.out(text) }
    if outcome.report.verdict == .pass { onPass(outcome) }
    return outcome.report.verdict == .block ? 1 : 0
}

/// `belay rules` and `belay explain ID`.
func runRules(_ command: ParsedCommand, _ invocation: Invocation) throws(BelayError) -> Int32 {
    if command.command == "rules" {
        invocation.console.out(RuleDocumentation.rulesTable())
        return 0
    }
    let id = command.positionals[0]
    guard let rule = DetectorRegistry.rule(for: id) else {
        let ids = DetectorRegistry.descriptions.map(\.id)
        let suggestion = closest(id, among: ids).map { " (did you mean '\($0)'?)" } ?? ""
        throw .usage("no rule '\(id)'\(suggestion); 'belay rules' lists them")
    }
    invocation.console.out(RuleDocumentation.explain(rule))
    return 0
}
