import BelayCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a command writes. The real one writes to file descriptors 1 and 2; tests capture.
public final class Console: @unchecked Sendable {
    private let writeOut: (String) -> Void
    private let writeErr: (String) -> Void
    /// Whether stdout is a terminal (colour, progress).
    public let isTerminal: Bool
    /// Whether stderr is a terminal (the progress display of running checks).
    public let isErrorTerminal: Bool
    private let readInput: () -> [UInt8]

    public init(
        isTerminal: Bool = false,
        isErrorTerminal: Bool = false,
        stdin: @escaping () -> [UInt8] = { [] },
        out: @escaping (String) -> Void,
        err: @escaping (String) -> Void
    ) {
        self.writeOut = out
        self.writeErr = err
        self.isTerminal = isTerminal
        self.isErrorTerminal = isErrorTerminal
        self.readInput = stdin
    }

    /// The process's own stdin, stdout and stderr. A closed pipe is not a crash: SIGPIPE is ignored
    /// and writes to a closed descriptor are dropped.
    public static func standard() -> Console {
        signal(SIGPIPE, SIG_IGN)
        return Console(
            isTerminal: isatty(1) == 1,
            isErrorTerminal: isatty(2) == 1,
            stdin: { readAll(0) },
            out: { if !Interruption.shared.isInterrupted { writeFully(1, $0) } },
            err: { if !Interruption.shared.isInterrupted { writeFully(2, $0) } })
    }

    func out(_ text: String) { writeOut(text) }
    func err(_ text: String) { writeErr(text) }
    func readStdin() -> [UInt8] { readInput() }
}

private func writeFully(_ fd: Int32, _ text: String) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if written < 0 {
            if errno == EINTR { continue }
            return  // EPIPE: the reader went away
        }
        offset += written
    }
}

private func readAll(_ fd: Int32) -> [UInt8] {
    var result: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if count > 0 {
            result += chunk[0..<count]
        } else if count < 0 && errno == EINTR {
            continue
        } else {
            return result
        }
    }
}
