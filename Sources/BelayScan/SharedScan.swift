import Foundation

/// One version of one file, scanned at most once however many rules ask: the engine's per-file rules,
/// `added-not-replaced` and the rename stage all look at the same versions in one gate run.
public final class SharedScan: @unchecked Sendable {
    public let path: String
    public let bytes: [UInt8]
    private let lock = NSLock()
    private var scannedDone = false
    private var scannedValue: ScannedFile?
    private var definitionsValue: [Int: Definition]?
    private var comparisonValue: (old: SharedScan, comparison: FileComparison?)?

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    /// The file tokenized and structured for its language, or `nil` for binary files and files in no
    /// supported language.
    public var scanned: ScannedFile? {
        lock.lock()
        defer { lock.unlock() }
        if !scannedDone {
            scannedValue = bytes.prefix(8000).contains(0) ? nil : ScannedFile(path: path, bytes: bytes)
            scannedDone = true
        }
        return scannedValue
    }

    /// The definitions of ``scanned`` (see ``ScannedFile/definitions()``), computed once.
    public var definitions: [Int: Definition] {
        guard let file = scanned else { return [:] }
        lock.lock()
        defer { lock.unlock() }
        if let definitionsValue { return definitionsValue }
        let computed = file.definitions()
        definitionsValue = computed
        return computed
    }

    /// The comparison of `old` with this (new) version, computed once per pair: `added-not-replaced`
    /// and the rename stage both need it. `nil` when either version cannot be scanned.
    public func comparison(from old: SharedScan) -> FileComparison? {
        lock.lock()
        if let cached = comparisonValue, cached.old === old {
            lock.unlock()
            return cached.comparison
        }
        lock.unlock()
        // Computed outside the lock (it takes this object's lock for the scan); a race computes twice.
        let computed = FileComparison(path: path, old: old, new: self)
        lock.lock()
        comparisonValue = (old, computed)
        lock.unlock()
        return computed
    }
}
