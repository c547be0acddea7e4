#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes `bytes` to `path` (created or truncated, mode 0644) with plain system calls and no `fsync`:
/// for belay's caches and stamps, which are checked when read and cost one re-check when lost.
/// `FileManager.createFile` writes atomically through an `fsync`, about a millisecond each on the gate's
/// path. Returns whether every byte was written.
package func writePlainFile(_ path: String, _ bytes: [UInt8]) -> Bool {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { return false }
    var written = 0
    var failed = false
    bytes.withUnsafeBytes { buffer in
        while written < buffer.count {
            let step = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            if step < 0 {
                if errno == EINTR { continue }
                failed = true
                return
            }
            written += step
        }
    }
    return close(descriptor) == 0 && !failed
}

/// ``writePlainFile(_:_:)`` to a temporary name beside `path`, then renamed over it: a reader sees the
/// old content or the new, never half of one.
package func replacePlainFile(_ path: String, _ bytes: [UInt8]) -> Bool {
    let temporary = "\(path).\(getpid()).\(UInt64.random(in: 0...UInt64.max)).tmp"
    guard writePlainFile(temporary, bytes), rename(temporary, path) == 0 else {
        unlink(temporary)
        return false
    }
    return true
}
