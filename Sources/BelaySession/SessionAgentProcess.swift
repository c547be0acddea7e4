import BelayCore
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the wrapped agent with the console attached: it inherits stdin, stdout and stderr (it may be
/// interactive), and SIGTERM/SIGHUP sent to belay are forwarded to it (by the CLI's signal thread,
/// through ``Interruption/forwardSignals(to:)``). SIGINT from the terminal reaches the agent directly
/// (same process group); belay does not stop for it meanwhile, so that the audit still runs.
public enum SessionAgentProcess {
    static let forwarded: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Runs `command` to completion in `directory` with exactly `environment`.
    public static func run(
        _ command: [String], environment: [String: String], directory: String
    ) throws(BelayError) -> Termination {
        guard let name = command.first else { throw .usage("belay run needs a command to run") }
        guard let executable = resolveExecutable(name, path: environment["PATH"]) else {
            throw .usage("cannot run '\(name)': not found on PATH")
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in forwarded + [SIGPIPE] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setflags(
            &attributes, Int16(truncatingIfNeeded: Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK)))

        let previous = FileManager.default.currentDirectoryPath
        guard FileManager.default.changeCurrentDirectoryPath(directory) else {
            throw .internal("cannot enter \(directory)")
        }
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }

        var pid = pid_t()
        let argv = [executable] + command.dropFirst()
        let envp = environment.map { "\($0.key)=\($0.value)" }
        let status = withCStrings(argv) { argvPointer in
            withCStrings(envp) { envPointer in
                posix_spawn(&pid, executable, nil, &attributes, argvPointer, envPointer)
            }
        }
        guard status == 0 else {
            throw .internal("cannot run '\(name)': \(String(cString: strerror(status)))")
        }
        // The CLI's signal thread forwards SIGTERM and SIGHUP (and SIGINT not from the terminal) to it.
        Interruption.shared.forwardSignals(to: pid)
        // Stop forwarding before reaping: until then the pid cannot belong to anyone else.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
        Interruption.shared.forwardSignals(to: nil)
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) == -1 && errno == EINTR {}
        if waitStatus & 0x7f == 0 { return .exited((waitStatus >> 8) & 0xff) }
        return .signalled(waitStatus & 0x7f)
    }

    private static func withCStrings<R>(
        _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R
    ) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
