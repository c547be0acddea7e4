import BelayCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGINT, SIGTERM and SIGHUP, for the real process only: the handler writes the signal's number into a
/// pipe (all a handler may safely do) and one dedicated thread acts on it. While `belay run`'s agent
/// runs, the signal is forwarded to it; otherwise belay stops every child it started (each check's
/// whole process group), removes its temporary snapshot and index copies, records the interruption
/// in `<git dir>/belay/interruptions.log`, and exits 128 + the signal. A second signal during that
/// cleanup changes nothing: the first one's cleanup runs to its end.
enum SignalHandling {
    static let handled: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    /// Seconds a child has to exit after SIGTERM before it gets SIGKILL.
    static let grace = 1.0

    /// Installs the handlers. `context` names the command in the log (`belay check`). A signal that
    /// was ignored when belay started (`nohup`, a background job) stays ignored, as a shell does.
    static func install(context: String) {
        var descriptors: [Int32] = [0, 0]
        guard pipe(&descriptors) == 0 else { return }
        for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
        _ = fcntl(descriptors[1], F_SETFL, O_NONBLOCK)  // a flood of signals must never block the handler
        signalPipe = descriptors[1]
        let reader = descriptors[0]

        let thread = Thread { listen(on: reader, context: context) }
        thread.stackSize = 256 * 1024
        thread.start()

        for number in handled {
            var previous = sigaction()
            sigaction(number, nil, &previous)
            if number != SIGTERM && isIgnored(previous) { continue }
            var action = sigaction()
            #if os(Linux)
                action.__sigaction_handler.sa_handler = onSignal
            #else
                action.__sigaction_u.__sa_handler = onSignal
            #endif
            sigemptyset(&action.sa_mask)
            for other in handled { sigaddset(&action.sa_mask, other) }
            action.sa_flags = SA_RESTART
            sigaction(number, &action, nil)
        }
    }

    private static func isIgnored(_ action: sigaction) -> Bool {
        #if os(Linux)
            let handler = action.__sigaction_handler.sa_handler
        #else
            let handler = action.__sigaction_u.__sa_handler
        #endif
        return unsafeBitCast(handler, to: Int.self) == 1  // SIG_IGN
    }

    private static func listen(on reader: Int32, context: String) {
        let terminalDelivers = isatty(0) == 1
        var byte: UInt8 = 0
        while true {
            let count = read(reader, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { return }
            let number = Int32(byte)
            if let agent = Interruption.shared.signalTarget {
                // The agent shares the terminal's process group: a Ctrl-C has reached it already.
                if !(number == SIGINT && terminalDelivers) {
                    kill(agent, number)
                    escalate(agent, after: agentGrace)
                }
                continue
            }
            let summary = Interruption.shared.interrupt(signal: number, grace: grace, context: context)
            if summary.alreadyStopping { continue }
            writeError(message(for: number, summary))
            _exit(128 + number)
        }
    }

    /// Seconds the agent of `belay run` has to exit after a forwarded signal before it gets SIGKILL.
    static let agentGrace = 10.0

    /// Kills the agent if it is still running `seconds` after a forwarded signal: the audit must run.
    private static func escalate(_ agent: pid_t, after seconds: Double) {
        let thread = Thread {
            let deadline = monotonicSeconds() + seconds
            while monotonicSeconds() < deadline {
                if Interruption.shared.signalTarget != agent { return }
                usleep(50_000)
            }
            if Interruption.shared.signalTarget == agent { kill(agent, SIGKILL) }
        }
        thread.stackSize = 128 * 1024
        thread.start()
    }

    static func message(for number: Int32, _ summary: Interruption.Summary) -> String {
        var text =
            "\nbelay: interrupted by \(Interruption.name(of: number)): the gate did not finish, so this is not a pass"
        if summary.stoppedChildren > 0 {
            text += "; stopped \(summary.stoppedChildren) running process(es) and their process groups"
            if summary.killedChildren > 0 { text += " (\(summary.killedChildren) needed SIGKILL)" }
        }
        if summary.removedTemporaries > 0 { text += "; removed its temporary snapshot and index copies" }
        text += ".\n"
        if let log = summary.logPath { text += "belay: recorded in \(log)\n" }
        return text
    }
}

nonisolated(unsafe) private var signalPipe: Int32 = -1

private let onSignal: @convention(c) (Int32) -> Void = { number in
    let saved = errno
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(signalPipe, &byte, 1)
    errno = saved
}

private func writeError(_ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress! + offset, $0.count - offset) }
        if written < 0 && errno == EINTR { continue }
        if written <= 0 { return }
        offset += written
    }
}
