/// belay's own failures. These are never diagnostics: a diagnostic is about the user's change,
/// a `BelayError` is about belay or how it was called.
public enum BelayError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Bad command line. Exit code 2.
    case usage(String)
    /// Bad configuration: the file, the 1-based line (0 when unknown), the key path, and what is wrong. Exit code 2.
    case configuration(file: String, line: Int, key: String, message: String)
    /// belay itself failed (git missing, I/O error, a bug). Exit 3, or 0 with a loud warning when
    /// `onInternalError` is `allow`.
    case `internal`(String)

    public var description: String {
        switch self {
        case .usage(let message):
            return "usage error: \(message)"
        case .configuration(let file, let line, let key, let message):
            let place = line > 0 ? "\(file):\(line)" : file
            let keyPart = key.isEmpty ? "" : " key '\(key)':"
            return "\(place): configuration error:\(keyPart) \(message)"
        case .internal(let message):
            return "internal error: \(message)"
        }
    }

    /// The process exit code this error maps to (before `onInternalError` is applied).
    public var exitCode: Int32 {
        switch self {
        case .usage, .configuration: 2
        case .internal: 3
        }
    }
}
