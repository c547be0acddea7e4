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
    let written = bytes.withUnsafeBytes { writeAll(descriptor, $0) }
    return close(descriptor) == 0 && written
}

/// Copies `source` to `destination` (created or truncated, mode 0644) with plain reads and writes; a
/// missing source copies nothing. Returns the failure, if any. For the index, copied on every gate run
/// (`FileManager.copyItem` took milliseconds for it under load).
package func copyPlainFile(_ source: String, to destination: String) -> String? {
    let input = open(source, O_RDONLY | O_CLOEXEC)
    if input < 0 { return errno == ENOENT ? nil : String(cString: strerror(errno)) }
    defer { close(input) }
    let output = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    if output < 0 { return String(cString: strerror(errno)) }
    defer { close(output) }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
        if count == 0 { return nil }
        if count < 0 {
            if errno == EINTR { continue }
            return String(cString: strerror(errno))
        }
        let written = buffer.withUnsafeBytes { writeAll(output, UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        if !written { return String(cString: strerror(errno)) }
    }
}

/// Writes all of `bytes` to `descriptor`, retrying short and interrupted writes.
private func writeAll(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
    var written = 0
    while written < bytes.count {
        let step = write(descriptor, bytes.baseAddress! + written, bytes.count - written)
        if step < 0 {
            if errno == EINTR { continue }
            return false
        }
        written += step
    }
    return true
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
