import BelayCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `git ls-files -z`: every tracked path, NUL-separated, never quoted.
let gitListTrackedFiles = ["ls-files", "-z"]

/// The tracked files of the repository at `root` (repository-relative paths), from `git ls-files -z`.
/// Throws ``BelayError/internal(_:)`` when git cannot run or fails.
public func listTrackedFiles(
    root: String,
    runner: any ProcessRunning = ProcessRunner(),
    environment: [String: String] = ProcessInfo.processInfo.environment
) throws(BelayError) -> [String] {
    let request = ProcessRequest(
        executable: "git", arguments: ["-C", root] + gitListTrackedFiles, environment: environment)
    let outcome = try runner.run(request)
    guard outcome.succeeded else {
        let message = String(decoding: outcome.standardError, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        throw .internal("git ls-files failed in '\(root)': \(message)")
    }
    return parseNullSeparatedPaths(outcome.standardOutput)
}

/// Splits NUL-separated output (`git ls-files -z`) into paths; empty entries are dropped.
public func parseNullSeparatedPaths(_ bytes: [UInt8]) -> [String] {
    bytes.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
}

/// The bytes of a regular file, or nil when it cannot be read (missing, a folder, a submodule).
func readFile(atPath path: String) -> [UInt8]? {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
    let size = Int(info.st_size)
    return [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
        var total = 0
        while total < size {
            let count = read(descriptor, buffer.baseAddress! + total, size - total)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            total += count
        }
        initialized = total  // a file that shrank while being read gives what was there
    }
}
