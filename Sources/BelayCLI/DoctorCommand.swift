import BelayCore
import BelayGit
import BelaySession

/// `belay doctor`: one line per thing examined, `ok` or `FIX` with what to do; exit 1 when anything
/// needs fixing.
func runDoctor(_ command: ParsedCommand, _ invocation: Invocation) throws(BelayError) -> Int32 {
    let git = Git(
        runner: invocation.runner, environment: invocation.environment, directory: invocation.workingDirectory)
    let items = try Doctor(git: git).examine()
    var text = ""
    for item in items {
        text += "\(item.ok ? "ok " : "FIX") \(item.subject): \(item.detail)\n"
        if let fix = item.fix { text += "    → \(fix)\n" }
    }
    let problems = items.filter { !$0.ok }.count
    text +=
        problems == 0
        ? "belay doctor: the gate is in place\n"
        : "belay doctor: \(problems) thing\(problems == 1 ? "" : "s") to fix\n"
    invocation.console.out(text)
    return problems == 0 ? 0 : 1
}
