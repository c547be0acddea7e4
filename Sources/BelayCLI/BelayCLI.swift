// BelayCLI: parses the command line, runs a command, writes to stdout/stderr and chooses the
// exit code. The only target that prints.
import BelayCore
import BelaySession
import Foundation

/// Entry point for the `belay` executable.
public enum BelayCLI {
    /// Runs belay with `arguments` (including the program name) and returns the exit code.
    public static func main(arguments: [String], environment: [String: String]) -> Int32 {
        let trace = StageTrace.shared  // `BELAY_TRACE=1`: its clock starts here
        // Linked as `git` first on a `belay run` session's PATH: the git shim.
        if let name = arguments.first, name == "git" || name.hasSuffix("/git") {
            return runGitShim(Array(arguments.dropFirst()), environment: environment)
        }
        let words = arguments.dropFirst().prefix { !$0.hasPrefix("-") }.prefix(2)
        SignalHandling.install(context: (["belay"] + words).joined(separator: " "))
        let invocation = Invocation(
            environment: environment,
            workingDirectory: currentDirectory(),
            console: .standard(),
            runner: ProcessRunner(),
            executablePath: executablePath(arguments.first, environment: environment))
        let code = run(Array(arguments.dropFirst()), invocation)
        if trace.isEnabled { invocation.console.err(trace.report()) }
        // Interrupted: the signal thread is cleaning up and exits with 128 + the signal, never this code.
        while Interruption.shared.isInterrupted { pause() }
        return code
    }

    /// Runs belay in-process: `arguments` without the program name.
    public static func run(_ arguments: [String], _ invocation: Invocation) -> Int32 {
        let console = invocation.console
        var invocation = invocation
        var arguments = arguments
        do throws(BelayError) {
            // git-style `-C DIR`: run as if started in DIR.
            while arguments.first == "-C" {
                guard arguments.count >= 2 else { throw .usage("option '-C' needs a directory: -C DIR") }
                let directory = arguments[1]
                invocation.workingDirectory =
                    directory.hasPrefix("/") ? directory : invocation.workingDirectory + "/" + directory
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: invocation.workingDirectory, isDirectory: &isDirectory),
                    isDirectory.boolValue
                else { throw .usage("-C \(directory): no such directory") }
                arguments.removeFirst(2)
            }
            let command = try parseCommandLine(arguments)
            return try dispatch(command, invocation)
        } catch let error {
            console.err("belay: \(error.description)\n")
            if case .internal = error {
                return invocation.internalFailure(error)
            }
            return error.exitCode
        }
    }

    static func dispatch(_ command: ParsedCommand, _ invocation: Invocation) throws(BelayError) -> Int32 {
        let console = invocation.console
        switch command.command {
        case "version":
            console.out("belay \(belayVersion)\n")
            return 0
        case "help":
            console.out(try helpText(for: command.positionals.first))
            return 0
        case "check":
            return try runCheck(command, invocation)
        case "install", "uninstall":
            return try runInstall(command, invocation)
        case "hook":
            return try runHook(command, invocation)
        case "rules", "explain":
            return try runRules(command, invocation)
        case "demo":
            return try runDemo(command, invocation)
        case "init":
            return try runInit(command, invocation)
        case "run":
            return try runSession(command, invocation)
        case "log":
            return try runLog(command, invocation)
        case "rename-audit":
            return try runRenameAudit(command, invocation)
        case "doctor":
            return try runDoctor(command, invocation)
        default:
            throw .usage("'belay \(command.command)' is not available in this build")
        }
    }

    /// The absolute path of the running binary, for hook scripts.
    static func executablePath(_ argument0: String?, environment: [String: String]) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 { return String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        guard let argument0 else { return "belay" }
        if argument0.hasPrefix("/") { return argument0 }
        if argument0.contains("/") { return FileManager.default.currentDirectoryPath + "/" + argument0 }
        return resolveExecutable(argument0, path: environment["PATH"]) ?? argument0
    }
}

/// The current directory (`getcwd`; `FileManager` is not set up on the way to every gate run for it).
func currentDirectory() -> String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    guard getcwd(&buffer, buffer.count) != nil else { return FileManager.default.currentDirectoryPath }
    return String(cString: buffer)
}

/// Everything a command needs from the outside world; tests build their own.
public struct Invocation: Sendable {
    public var environment: [String: String]
    public var workingDirectory: String
    public var console: Console
    public var runner: ProcessRunning
    /// Absolute path of the belay binary (hook scripts call it).
    public var executablePath: String
    /// Set once the configuration is known; decides what an internal failure does.
    public var internalErrorPolicy: InternalErrorPolicy = .allow

    public init(
        environment: [String: String], workingDirectory: String, console: Console, runner: ProcessRunning,
        executablePath: String
    ) {
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.console = console
        self.runner = runner
        self.executablePath = executablePath
    }

    /// Applies `onInternalError`: a loud warning and exit 0 (`allow`), or exit 3 (`block`).
    func internalFailure(_ error: BelayError) -> Int32 {
        switch internalErrorPolicy {
        case .block:
            console.err("belay: the gate could not run; blocking because onInternalError is \"block\".\n")
            return 3
        case .allow:
            console.err(
                """
                belay: WARNING: belay itself failed, so NOTHING WAS CHECKED.
                belay: the commit is allowed because onInternalError is "allow"; set it to "block" to stop instead.

                """)
            return 0
        }
    }
}
