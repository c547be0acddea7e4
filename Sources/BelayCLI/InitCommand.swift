import BelayCore
import BelayGit
import BelaySession
import Foundation

/// `belay init`: a starter `belay.json5` for the stack found in the current directory.
func runInit(_ command: ParsedCommand, _ invocation: Invocation) throws(BelayError) -> Int32 {
    let console = invocation.console
    let directory = invocation.workingDirectory
    let target = "\(directory)/\(Config.fileName)"
    let starter = StarterConfig(directory: directory, path: invocation.environment["PATH"])
    if FileManager.default.fileExists(atPath: target) && !command.has("--force") {
        console.err("belay: \(Config.fileName) exists already; leaving it alone (use --force to overwrite)\n")
    } else {
        do {
            try Data(starter.render().utf8).write(to: URL(fileURLWithPath: target))
        } catch {
            throw .internal("cannot write \(target): \(error.localizedDescription)")
        }
        let stacks = starter.detectedStacks()
        let found = stacks.isEmpty ? "no known stack" : stacks.joined(separator: ", ")
        console.out("wrote \(Config.fileName) (found: \(found)); commit it, then run 'belay install'\n")
    }
    if let agent = command.value("--agent") {
        let git = Git(runner: invocation.runner, environment: invocation.environment, directory: directory)
        console.out(try SessionAgentConfig.install(agent: agent, git: git) + "\n")
    }
    return 0
}
