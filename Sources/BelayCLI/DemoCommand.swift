import BelayCore
import BelaySession

/// `belay demo`: the README's first command.
func runDemo(_ command: ParsedCommand, _ invocation: Invocation) throws(BelayError) -> Int32 {
    let demo = Demo(
        runner: invocation.runner, environment: invocation.environment,
        colour: invocation.console.isTerminal && invocation.environment["NO_COLOR"] == nil)
    let outcomes = try demo.run(keep: command.has("--keep")) { invocation.console.out($0) }
    // The demo is also a smoke test: a scene that did not end as scripted is belay's own failure.
    let unexpected = outcomes.filter { $0.passed != $0.expectedPass }
    if !unexpected.isEmpty {
        invocation.console.err("belay demo: \(unexpected.count) scene(s) did not end as expected\n")
        return 3
    }
    return 0
}
