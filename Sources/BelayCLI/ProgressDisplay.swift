import BelayChecks
import BelayCore
import BelayReport
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which checks are running, on a terminal's stderr: one line per running check with its elapsed time,
/// redrawn in place a few times a second, and a line for each check as it finishes (like prek and
/// lefthook). Only for text output on a terminal; never in a pipe, with `NO_COLOR` or `TERM=dumb`, in
/// the json, sarif or github formats, or inside agent hooks.
final class ProgressDisplay: @unchecked Sendable {
    private let write: (String) -> Void
    private let lock = NSLock()
    private var running: [(name: String, started: Double)] = []
    private var drawn = 0
    private var stopped = false
    private static let frames = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")
    private var frame = 0

    /// A display for `invocation` when it should have one, else `nil`.
    static func make(for invocation: Invocation, format: ReportFormat) -> ProgressDisplay? {
        let environment = invocation.environment
        guard invocation.console.isErrorTerminal, format == .text, environment["NO_COLOR"].map(\.isEmpty) ?? true,
            environment["TERM"] != "dumb"
        else { return nil }
        let console = invocation.console
        return ProgressDisplay(write: { console.err($0) })
    }

    init(write: @escaping (String) -> Void) {
        self.write = write
        let thread = Thread { [weak self] in
            while let display = self, display.tick() {
                usleep(200_000)
            }
        }
        thread.stackSize = 128 * 1024
        thread.start()
    }

    /// What the gate calls, from the checks' threads.
    func observe(_ event: CheckRunner.Event) {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return }
        switch event {
        case .started(let name):
            running.append((name, monotonicSeconds()))
            redraw(finished: nil)
        case .finished(let result):
            running.removeAll { $0.name == result.name }
            let duration = Self.seconds(Double(result.durationMs) / 1000)
            redraw(finished: "belay: check \(result.name): \(result.status.rawValue) (\(duration))")
        }
    }

    /// Clears the running lines; the display draws nothing more.
    func stop() {
        lock.lock()
        defer { lock.unlock() }
        running = []
        redraw(finished: nil)
        stopped = true
    }

    /// Redraws the elapsed times; false once stopped.
    private func tick() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !stopped else { return false }
        frame += 1
        if !running.isEmpty { redraw(finished: nil) }
        return true
    }

    /// Moves up over the lines drawn last time, clears them, prints `finished` for good, then the running ones.
    private func redraw(finished: String?) {
        var text = drawn > 0 ? "\r\u{1B}[\(drawn)A\u{1B}[J" : ""
        if let finished { text += finished + "\n" }
        let now = monotonicSeconds()
        let spinner = Self.frames[frame % Self.frames.count]
        for check in running {
            text += "\(spinner) running \(check.name) (\(Self.seconds(now - check.started)))\n"
        }
        drawn = running.count
        if !text.isEmpty { write(text) }
    }

    private static func seconds(_ value: Double) -> String {
        String(format: "%.1f s", value)
    }
}
