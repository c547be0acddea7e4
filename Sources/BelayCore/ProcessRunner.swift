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

        let watchdog = Watchdog(pid: pid, group: request.ownProcessGroup)
        if let timeout = request.timeout {
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { watchdog.fire() }
        }
        // One poll loop on this thread feeds stdin and drains stdout and stderr: no thread per pipe.
        let collected = exchange(
            pid: pid, output: output.read, errors: errors?.read, input: input?.write,
            bytes: request.standardInput ?? [], ownGroup: request.ownProcessGroup)
        // Wait for the exit without reaping: until it is reaped the pid (and the group id) cannot be
        // reused, so the watchdog, the straggler sweep and an interruption never signal a stranger.
        waitForExit(pid)
        let timedOut = watchdog.finish()
        if request.ownProcessGroup {
            kill(-pid, SIGKILL)  // stragglers started in the background
        }
        Interruption.shared.forget(pid)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}

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
            standardOutput: collected.output,
            standardError: collected.errors,
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

/// Writes `bytes` to `input` (closed when done, or when the child closes its end) while reading
/// `output` and `errors` to their end, with `poll`. When the child leads its own process group and has
/// exited while something it started in the background still holds the pipes, the group is killed so
/// that the pipes close (checked every 20 ms while the pipes are quiet).
private func exchange(
    pid: pid_t, output: Int32, errors: Int32?, input: Int32?, bytes: [UInt8], ownGroup: Bool
) -> (output: [UInt8], errors: [UInt8]) {
    var collected: [[UInt8]] = [[], []]
    var readers: [Int32?] = [output, errors]
    var writer = input
    var written = 0
    if let fd = writer {
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        if bytes.isEmpty {
            close(fd)
            writer = nil
        }
    }
    // A child that closes its stdin early makes a write raise SIGPIPE (directed at this thread): blocked
    // here and consumed below, so that the write just fails, whatever the process does with SIGPIPE.
    var pipeSignal = sigset_t()
    sigemptyset(&pipeSignal)
    sigaddset(&pipeSignal, SIGPIPE)
    var previousMask = sigset_t()
    if writer != nil { pthread_sigmask(SIG_BLOCK, &pipeSignal, &previousMask) }
    defer {
        if input != nil && !bytes.isEmpty {
            var pending = sigset_t()
            if sigpending(&pending) == 0, sigismember(&pending, SIGPIPE) == 1 {
                var noWait = timespec(tv_sec: 0, tv_nsec: 0)
                _ = sigtimedwait(&pipeSignal, nil, &noWait)
            }
            pthread_sigmask(SIG_SETMASK, &previousMask, nil)
        }
    }
    var chunk = [UInt8](repeating: 0, count: 65536)
    while readers.contains(where: { $0 != nil }) || writer != nil {
        var fds: [pollfd] = []
        for reader in readers { fds.append(pollfd(fd: reader ?? -1, events: Int16(POLLIN), revents: 0)) }
        fds.append(pollfd(fd: writer ?? -1, events: Int16(POLLOUT), revents: 0))
        let ready = poll(&fds, nfds_t(fds.count), ownGroup ? 20 : -1)
        if ready < 0 {
            if errno == EINTR { continue }
            break
        }
        if ready == 0 {
            var info = siginfo_t()
            if waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0, info._sifields._kill.si_pid == pid {
                kill(-pid, SIGKILL)
            }
            continue
        }
        for index in 0..<2 where fds[index].revents != 0 {
            guard let fd = readers[index] else { continue }
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                collected[index].append(contentsOf: chunk[0..<count])
            } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                close(fd)
                readers[index] = nil
            }
        }
        if let fd = writer, fds[2].revents != 0 {
            let count = bytes.withUnsafeBytes { buffer in
                write(fd, buffer.baseAddress! + written, buffer.count - written)
            }
            if count > 0 { written += count }
            // Done, or the child closed its stdin (that is its business).
            if written == bytes.count || (count < 0 && errno != EINTR && errno != EAGAIN) {
                close(fd)
                writer = nil
            }
        }
    }
    for fd in readers.compactMap({ $0 }) { close(fd) }
    if let writer { close(writer) }
    return (collected[0], collected[1])
}

private func withCStringArray<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
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
