import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What belay must undo when it is interrupted (SIGINT, SIGTERM, SIGHUP): the children it is running
/// and the temporary files it made. ``ProcessRunner`` registers every child it starts; the snapshot
/// and the index copies register their removal. The CLI's signal thread calls ``interrupt(signal:grace:)``
/// once; after that no new child is started, so nothing keeps running once belay has gone.
///
/// A library never installs the handler, prints or exits: it only keeps this record.
public final class Interruption: @unchecked Sendable {
    /// The one record of this process.
    public static let shared = Interruption()

    private let lock = NSLock()
    private var children: [pid_t: Bool] = [:]  // pid → leads its own process group
    private var cleanups: [Int: @Sendable () -> Void] = [:]
    private var nextToken = 0
    private var received: Int32?
    private var forwardTarget: pid_t?
    private var logDirectory: String?
    private var criticalDepth = 0
    private let criticalDone = NSCondition()
    /// Spawns under way (started before any interruption): the stop waits for them to be recorded.
    private var spawning = 0

    init() {}

    /// The signal that interrupted belay, once one has.
    public var signal: Int32? { lock.withLock { received } }

    /// True once belay has been interrupted: start nothing new, write nothing more.
    public var isInterrupted: Bool { signal != nil }

    // MARK: children

    /// Runs `spawn` (which starts one child and returns its pid, or `nil` when it could not) and records
    /// the child; an interruption waits for every spawn under way to be recorded before it stops the
    /// children, so none slips through. Spawns on other threads are not held up by this one (a spawn
    /// lasts until the child has exec'd). Returns `false`, without calling `spawn`, once belay has been
    /// interrupted.
    func spawnRecorded(ownGroup: Bool, _ spawn: () -> pid_t?) -> Bool {
        let allowed = lock.withLock { () -> Bool in
            // Inside a critical section the work must be able to finish, interrupted or not.
            guard received == nil || criticalDepth > 0 else { return false }
            spawning += 1
            return true
        }
        guard allowed else { return false }
        let pid = spawn()
        lock.withLock {
            if let pid { children[pid] = ownGroup }
            spawning -= 1
        }
        return true
    }

    /// Forgets a child that has exited and is about to be reaped (its pid is still reserved).
    func forget(_ pid: pid_t) {
        lock.withLock { _ = children.removeValue(forKey: pid) }
    }

    // MARK: critical sections

    /// Runs `body` (a change to the user's index and working tree that must not be left half-made,
    /// such as carrying one fixed file back) to its end: an interruption waits for it before it stops
    /// anything, and a second signal changes nothing. Once belay has been interrupted, `body` does not
    /// start and the result is `nil`.
    public func critical<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T? {
        let entered = lock.withLock { () -> Bool in
            guard received == nil else { return false }
            criticalDepth += 1
            return true
        }
        guard entered else { return nil }
        defer {
            lock.withLock { criticalDepth -= 1 }
            criticalDone.lock()
            criticalDone.broadcast()
            criticalDone.unlock()
        }
        return try body()
    }

    /// Waits until no critical section runs, at most `seconds`.
    private func waitForCriticalSections(seconds: Double) {
        let deadline = Date().addingTimeInterval(seconds)
        criticalDone.lock()
        defer { criticalDone.unlock() }
        while lock.withLock({ criticalDepth }) > 0 && Date() < deadline {
            _ = criticalDone.wait(until: min(deadline, Date().addingTimeInterval(0.05)))
        }
    }

    // MARK: temporary files

    /// Registers `cleanup` (removing a temporary snapshot or index copy) to run on interruption;
    /// returns the token for ``removeCleanup(_:)`` once the caller has cleaned up itself.
    public func addCleanup(_ cleanup: @escaping @Sendable () -> Void) -> Int {
        lock.lock()
        defer { lock.unlock() }
        nextToken += 1
        cleanups[nextToken] = cleanup
        return nextToken
    }

    /// Unregisters a cleanup added with ``addCleanup(_:)``.
    public func removeCleanup(_ token: Int) {
        lock.withLock { _ = cleanups.removeValue(forKey: token) }
    }

    // MARK: the log and the wrapped agent

    /// Where the interruption is recorded (`<git dir>/belay`), once the repository is known.
    public func recordInterruptions(in belayDirectory: String) {
        lock.withLock { logDirectory = belayDirectory }
    }

    /// While `belay run`'s agent runs, signals are for it: the CLI forwards them instead of stopping.
    public func forwardSignals(to pid: pid_t?) {
        lock.withLock { forwardTarget = pid }
    }

    /// The agent that signals are forwarded to, if one is running.
    public var signalTarget: pid_t? { lock.withLock { forwardTarget } }

    // MARK: stopping

    /// What ``interrupt(signal:grace:)`` did.
    public struct Summary: Sendable, Equatable {
        /// Children (checks' process groups, git) that were still running and were stopped.
        public var stoppedChildren: Int
        /// Of those, the ones that ignored SIGTERM for the grace period and were killed.
        public var killedChildren: Int
        /// Temporary snapshots and index copies removed.
        public var removedTemporaries: Int
        /// `<git dir>/belay/interruptions.log`, when the interruption could be recorded there.
        public var logPath: String?
        /// True when another signal already started the stop: this call did nothing.
        public var alreadyStopping: Bool
    }

    /// Stops everything belay started, once any critical section has finished: sends SIGTERM to every running child (the whole process group
    /// of a check), SIGKILL to those still there after `grace` seconds, waits until their runners
    /// have reaped them, then removes the registered temporary files and appends a line to
    /// `interruptions.log`. Only the first call does anything; later ones return at once.
    public func interrupt(signal number: Int32, grace: Double, context: String) -> Summary {
        lock.lock()
        if received != nil {
            lock.unlock()
            return Summary(
                stoppedChildren: 0, killedChildren: 0, removedTemporaries: 0, logPath: nil, alreadyStopping: true)
        }
        received = number
        lock.unlock()
        waitForCriticalSections(seconds: 30)
        // No spawn starts now (outside a critical section); those under way are about to be recorded.
        while lock.withLock({ spawning > 0 }) { usleep(1000) }
        let running = lock.withLock { children }

        for (pid, ownGroup) in running { kill(ownGroup ? -pid : pid, SIGTERM) }
        var remaining = waitForReaping(Set(running.keys), seconds: grace)
        lock.withLock {
            for pid in remaining { if let ownGroup = children[pid] { kill(ownGroup ? -pid : pid, SIGKILL) } }
        }
        let killed = remaining.count
        remaining = waitForReaping(remaining, seconds: 5)

        let pending = lock.withLock { () -> [@Sendable () -> Void] in
            let all = cleanups.sorted { $0.key < $1.key }.map(\.value)
            cleanups = [:]
            return all
        }
        for cleanup in pending { cleanup() }
        let summary = Summary(
            stoppedChildren: running.count, killedChildren: killed, removedTemporaries: pending.count,
            logPath: nil, alreadyStopping: false)
        return record(summary, signal: number, context: context)
    }

    /// Waits until none of `pids` is recorded any more (each runner forgets its child when it exits), at
    /// most `seconds`; returns those still recorded.
    private func waitForReaping(_ pids: Set<pid_t>, seconds: Double) -> Set<pid_t> {
        let deadline = monotonicSeconds() + seconds
        while true {
            let left = lock.withLock { pids.filter { children[$0] != nil } }
            if left.isEmpty || monotonicSeconds() >= deadline { return left }
            usleep(10_000)
        }
    }

    private func record(_ summary: Summary, signal number: Int32, context: String) -> Summary {
        guard let directory = lock.withLock({ logDirectory }) else { return summary }
        var summary = summary
        let path = directory + "/interruptions.log"
        let line =
            "\(ISO8601DateFormatter().string(from: Date())) belay \(belayVersion): \(context) interrupted by "
            + "\(Interruption.name(of: number)); stopped \(summary.stoppedChildren) running process(es) "
            + "(\(summary.killedChildren) killed after ignoring SIGTERM), removed \(summary.removedTemporaries) "
            + "temporary path(s)\n"
        mkdir(directory, 0o755)
        let descriptor = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        if descriptor >= 0 {
            let bytes = Array(line.utf8)
            if bytes.withUnsafeBytes({ write(descriptor, $0.baseAddress, $0.count) }) == bytes.count {
                summary.logPath = path
            }
            close(descriptor)
        }
        return summary
    }

    /// `SIGINT`, `SIGTERM`, `SIGHUP`, or `signal N`.
    public static func name(of number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        default: "signal \(number)"
        }
    }
}
