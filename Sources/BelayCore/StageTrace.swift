#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Stage timings for profiling belay itself: with `BELAY_TRACE=1` in the environment, the gate's stages
/// and every process belay starts are recorded (start and end, on the monotonic clock) and the CLI prints
/// them to stderr before it exits. Off, it costs one branch per stage: nothing is recorded or allocated.
package final class StageTrace: @unchecked Sendable {
    /// The process's trace, on when `BELAY_TRACE` is set (and not `0`) when belay starts.
    package static let shared = StageTrace(
        enabled: {
            guard let value = getenv("BELAY_TRACE") else { return false }
            return String(cString: value) != "0"
        }())

    /// Whether stages are recorded.
    package let isEnabled: Bool
    private let origin: Double
    private var lock = pthread_mutex_t()
    private var spans: [(name: String, start: Double, end: Double)] = []

    package init(enabled: Bool) {
        isEnabled = enabled
        origin = monotonicSeconds()
        pthread_mutex_init(&lock, nil)
    }

    /// Runs `body`, recording how long it took under `name` when tracing.
    package func measure<T, E: Error>(_ name: @autoclosure () -> String, _ body: () throws(E) -> T) throws(E) -> T {
        guard isEnabled else { return try body() }
        let start = monotonicSeconds()
        defer { record(name(), start: start, end: monotonicSeconds()) }
        return try body()
    }

    /// Records a span measured elsewhere.
    package func record(_ name: String, start: Double, end: Double) {
        guard isEnabled else { return }
        pthread_mutex_lock(&lock)
        spans.append((name, start, end))
        pthread_mutex_unlock(&lock)
    }

    /// One line per span, in the order they started: milliseconds since belay started, duration, name.
    package func report() -> String {
        pthread_mutex_lock(&lock)
        let sorted = spans.sorted { $0.start < $1.start }
        pthread_mutex_unlock(&lock)
        var text = "belay trace (ms since start, duration ms, stage):\n"
        for span in sorted {
            text += "  \(milliseconds(span.start - origin)) \(milliseconds(span.end - span.start)) \(span.name)\n"
        }
        text += "  \(milliseconds(monotonicSeconds() - origin)) total\n"
        return text
    }

    private func milliseconds(_ seconds: Double) -> String {
        let tenths = Int((seconds * 10_000).rounded())
        let text = "\(tenths / 10).\(tenths % 10)"
        return String(repeating: " ", count: max(0, 7 - text.count)) + text
    }
}
