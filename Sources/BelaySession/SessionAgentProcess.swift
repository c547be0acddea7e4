import BelayCore
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs the wrapped agent with the console attached: it inherits stdin, stdout and stderr (it may be
/// interactive), and SIGTERM/SIGHUP sent to belay are forwarded to it. SIGINT from the terminal reaches
/// the agent directly (same process group); belay ignores it meanwhile so that the audit still runs.
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

        let sources = forwarded.map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            return DispatchSource.makeSignalSource(signal: number, queue: .global())
        }
        let child = ChildPID()
        let terminalDelivers = isatty(0) == 1
        for (number, source) in zip(forwarded, sources) {
            source.setEventHandler {
                if number == SIGINT && terminalDelivers { return }
                if let pid = child.value { kill(pid, number) }
            }
            source.resume()
        }
        defer {
            for (number, source) in zip(forwarded, sources) {
                source.cancel()
                signal(number, SIG_DFL)
            }
        }

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
        child.value = pid
        var waitStatus: Int32 = 0
        while waitpid(pid, &waitStatus, 0) == -1 && errno == EINTR {}
        child.value = nil
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

private final class ChildPID: @unchecked Sendable {
    private let lock = NSLock()
    private var pid: pid_t?

    var value: pid_t? {
        get { lock.withLock { pid } }
        set { lock.withLock { pid = newValue } }
    }
}
