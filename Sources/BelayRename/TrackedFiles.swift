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

/// A read buffer reused from file to file by one worker of ``RenameAudit``: it grows to the largest file
/// read and is never shrunk.
struct FileBuffer: ~Copyable {
    private var storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: 1 << 16)

    deinit { storage.deallocate() }

    /// The bytes of the regular file at `path` (relative to the open folder `directory`, or absolute),
    /// valid until the next load; `nil` when it cannot be read (missing, a folder, a submodule).
    mutating func load(_ path: String, in directory: Int32) -> UnsafeBufferPointer<UInt8>? {
        let descriptor = openat(directory, path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let size = Int(info.st_size)
        if size > storage.count {
            storage.deallocate()
            storage = .allocate(capacity: size)
        }
        var total = 0
        while total < size {
            let count = read(descriptor, storage.baseAddress! + total, size - total)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            total += count
        }
        // A file that shrank while being read gives what was there.
        return UnsafeBufferPointer(rebasing: storage[0..<total])
    }
}
