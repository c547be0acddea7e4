import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What to run. Every `git` and check invocation in belay is one of these, run by a ``ProcessRunning``.
public struct ProcessRequest: Sendable {
    /// An absolute path, or a name looked up on the `PATH` of ``environment``.
    public var executable: String
    public var arguments: [String]
    /// The child's whole environment. `BELAY_ACTIVE=1` is added (see ``marksChild``) so hooks do not recurse.
    public var environment: [String: String]
    public var workingDirectory: String?
    public var standardInput: [UInt8]?
    /// Seconds before the child (and, with ``ownProcessGroup``, its whole group) is killed.
    public var timeout: Double?
    /// Send stderr into the same stream as stdout, interleaved as written.
    public var mergeOutput: Bool
    /// Start the child as the leader of a new process group, so a timeout kills its children too and
    /// stragglers left behind after it exits are cleaned up.
    public var ownProcessGroup: Bool
    /// Add `BELAY_ACTIVE=1` to the child's environment (default). `belay run` turns it off for the
    /// agent it wraps: the agent's own commits must go through the hooks.
    public var marksChild: Bool

    public init(
        executable: String,
        arguments: [String] = [],
        environment: [String: String],
        workingDirectory: String? = nil,
        standardInput: [UInt8]? = nil,
        timeout: Double? = nil,
        mergeOutput: Bool = false,
        ownProcessGroup: Bool = false,
        marksChild: Bool = true
    ) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.standardInput = standardInput
        self.timeout = timeout
        self.mergeOutput = mergeOutput
        self.ownProcessGroup = ownProcessGroup
        self.marksChild = marksChild
    }
}

/// How a child process ended.
public enum Termination: Sendable, Equatable {
    case exited(Int32)
    case signalled(Int32)
    case timedOut
}

/// A finished child: how it ended, what it wrote, how long it took.
public struct ProcessOutcome: Sendable {
    public var termination: Termination
    public var standardOutput: [UInt8]
    /// Empty when the request merged output.
    public var standardError: [UInt8]
    public var durationSeconds: Double

    public init(termination: Termination, standardOutput: [UInt8], standardError: [UInt8], durationSeconds: Double) {
        self.termination = termination
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.durationSeconds = durationSeconds
    }

    /// True when the child exited with status 0.
    public var succeeded: Bool { termination == .exited(0) }
}

/// The one seam through which belay starts processes. Tests substitute a fake.
public protocol ProcessRunning: Sendable {
    /// Runs the request to completion. Throws ``BelayError/internal(_:)`` only when the child could
    /// not be started at all (the executable is missing or not executable).
    func run(_ request: ProcessRequest) throws(BelayError) -> ProcessOutcome
}

/// Runs real processes with `posix_spawn`, draining stdout and stderr concurrently.
public struct ProcessRunner: ProcessRunning {
    public init() {}

    public func run(_ request: ProcessRequest) throws(BelayError) -> ProcessOutcome {
        let started = monotonicSeconds()
        var environment = request.environment
        if request.marksChild { environment["BELAY_ACTIVE"] = "1" } else { environment["BELAY_ACTIVE"] = nil }
        guard let executable = resolveExecutable(request.executable, path: environment["PATH"]) else {
            throw .internal("cannot run '\(request.executable)': not found on PATH")
        }

        let output = try makePipe()
        let errors = request.mergeOutput ? nil : try makePipe()
        let input = request.standardInput == nil ? nil : try makePipe()

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let input {
            posix_spawn_file_actions_adddup2(&actions, input.read, 0)
        } else {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        }
        posix_spawn_file_actions_adddup2(&actions, output.write, 1)
        posix_spawn_file_actions_adddup2(&actions, errors?.write ?? output.write, 2)
        if let directory = request.workingDirectory {
            guard let addChdir = spawnAddChdir else {
                throw .internal("this C library cannot set a child's working directory")
            }
            let status = directory.withCString { addChdir(&actions, $0) }
            if status != 0 { throw .internal("cannot set working directory '\(directory)'") }
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // belay ignores SIGPIPE (and may have inherited ignored SIGINT or SIGHUP); the child gets
        // default signal handling back.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGPIPE, SIGINT, SIGHUP, SIGTERM] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)
        var flags = Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK)
        if request.ownProcessGroup {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(truncatingIfNeeded: flags))

        let argv = [executable] + request.arguments
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var pid = pid_t()
        var spawnStatus: Int32 = 0
        // Recorded as it starts, so that an interruption stops it; once interrupted, nothing starts.
        let spawned = Interruption.shared.spawnRecorded(ownGroup: request.ownProcessGroup) {
            spawnStatus = withCStringArray(argv) { argvPointer in
                withCStringArray(envp) { envPointer in
                    posix_spawn(&pid, executable, &actions, &attributes, argvPointer, envPointer)
                }
            }
            return spawnStatus == 0 ? pid : nil
        }
        close(output.write)
        if let errors { close(errors.write) }
        if let input { close(input.read) }
        if !spawned || spawnStatus != 0 {
            close(output.read)
            if let errors { close(errors.read) }
            if let input { close(input.write) }
            if !spawned { throw .internal("not running '\(request.executable)': belay was interrupted") }
            throw .internal("cannot run '\(request.executable)': \(String(cString: strerror(spawnStatus)))")
        }

        // Dedicated threads, not Dispatch's pool: blocking reads there stall until the pool grows.
        let drained = DispatchGroup()
        let outputBuffer = ByteSink()
        let errorBuffer = ByteSink()
        startThread(drained) { outputBuffer.drain(output.read) }
        if let errors { startThread(drained) { errorBuffer.drain(errors.read) } }
        if let input, let bytes = request.standardInput {
            startThread(nil) { writeAll(bytes, to: input.write) }
        }

        let watchdog = Watchdog(pid: pid, group: request.ownProcessGroup)
        if let timeout = request.timeout {
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { watchdog.fire() }
        }
        // Wait for the exit without reaping: until it is reaped the pid (and the group id) cannot be
        // reused, so the watchdog, the straggler sweep and an interruption never signal a stranger.
        waitForExit(pid)
        let timedOut = watchdog.finish()
        if request.ownProcessGroup {
            kill(-pid, SIGKILL)  // stragglers that would hold the pipes open
        }
        Interruption.shared.forget(pid)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        drained.wait()

        let termination: Termination
        if timedOut {
            termination = .timedOut
        } else if status & 0x7f == 0 {
            termination = .exited((status >> 8) & 0xff)
        } else {
            termination = .signalled(status & 0x7f)
        }
        let ended = monotonicSeconds()
        if StageTrace.shared.isEnabled {
            let name = ([request.executable] + request.arguments.filter { !$0.hasPrefix("-") }.prefix(1))
                .joined(separator: " ")
            StageTrace.shared.record("process: \(name.prefix(60))", start: started, end: ended)
        }
        return ProcessOutcome(
            termination: termination,
            standardOutput: outputBuffer.bytes,
            standardError: errorBuffer.bytes,
            durationSeconds: ended - started
        )
    }
}

/// Seconds on a monotonic clock.
public func monotonicSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Finds an executable the way a shell would, on the given `PATH`.
public func resolveExecutable(_ name: String, path: String?) -> String? {
    if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
    for directory in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
        let candidate = directory.isEmpty ? name : "\(directory)/\(name)"
        if access(candidate, X_OK) == 0 { return candidate }
    }
    return nil
}

/// Blocks until `pid` has exited, leaving it a zombie for `waitpid` to reap.
private func waitForExit(_ pid: pid_t) {
    var info = siginfo_t()
    while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
}

private typealias AddChdir =
    @convention(c) (
        UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>
    ) -> Int32

/// `posix_spawn_file_actions_addchdir_np` (glibc 2.29+, macOS 10.15+), looked up at run time
/// because the Swift C module does not export it.
private let spawnAddChdir: AddChdir? = {
    #if os(Linux)
        let defaultHandle: UnsafeMutableRawPointer? = nil  // glibc's RTLD_DEFAULT
    #else
        let defaultHandle = UnsafeMutableRawPointer(bitPattern: -2)  // Darwin's RTLD_DEFAULT
    #endif
    guard let symbol = dlsym(defaultHandle, "posix_spawn_file_actions_addchdir_np") else { return nil }
    return unsafeBitCast(symbol, to: AddChdir.self)
}()

private func startThread(_ group: DispatchGroup?, _ body: @escaping @Sendable () -> Void) {
    group?.enter()
    let thread = Thread {
        body()
        group?.leave()
    }
    thread.stackSize = 256 * 1024
    thread.start()
}

private struct Pipe {
    var read: Int32
    var write: Int32
}

private func makePipe() throws(BelayError) -> Pipe {
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw .internal("cannot create a pipe: \(String(cString: strerror(errno)))") }
    _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
    _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
    return Pipe(read: fds[0], write: fds[1])
}

private func writeAll(_ bytes: [UInt8], to fd: Int32) {
    bytes.withUnsafeBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                break  // the child closed its stdin; that is its business
            }
            offset += written
        }
    }
    close(fd)
}

private func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}

/// Collects everything read from one pipe. Written by one reader thread, read after it finishes.
private final class ByteSink: @unchecked Sendable {
    private(set) var bytes: [UInt8] = []

    func drain(_ fd: Int32) {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: chunk[0..<count])
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        close(fd)
    }
}

/// Kills a child on timeout, unless it has already been reaped (its pid may then be reused).
private final class Watchdog: @unchecked Sendable {
    private let pid: pid_t
    private let group: Bool
    private var lock = pthread_mutex_t()
    private var reaped = false
    private var fired = false

    init(pid: pid_t, group: Bool) {
        self.pid = pid
        self.group = group
        pthread_mutex_init(&lock, nil)
    }

    deinit { pthread_mutex_destroy(&lock) }

    func fire() {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        guard !reaped else { return }
        fired = true
        kill(group ? -pid : pid, SIGKILL)
    }

    /// Marks the child reaped; returns whether the timeout had fired.
    func finish() -> Bool {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        reaped = true
        return fired
    }
}
