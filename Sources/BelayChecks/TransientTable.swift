import BelayCore
import Foundation

/// The table of output patterns that mark a failure as transient infrastructure trouble
/// (`rules/transient-errors.json`).
///
/// A pattern is matched case-insensitively (ASCII) and as whole words: where the pattern begins or
/// ends with a letter, digit or `_`, the output's character just outside the match must not be one,
/// so `error code: 524` does not match `error code: 5240` and `ECONNRESET` does not match
/// `onECONNRESET`. A `*` in a pattern stands for any run of characters on the same line.
public struct TransientTable: Sendable, Equatable {
    /// One pattern: text to look for in a check's output and the kind of failure it means.
    public struct Pattern: Codable, Sendable, Equatable {
        /// The text to look for: case-insensitive, whole words, `*` for any run on one line.
        public var text: String
        /// What it means, e.g. `DNS`, `HTTP 503`.
        public var kind: String

        /// Creates a pattern.
        public init(text: String, kind: String) {
            self.text = text
            self.kind = kind
        }
    }

    /// The patterns, in the order they are tried.
    public let patterns: [Pattern]
    private let compiled: [CompiledPattern]

    /// A table of the given patterns.
    public init(patterns: [Pattern]) {
        self.patterns = patterns
        self.compiled = patterns.map { CompiledPattern($0.text) }
    }

    /// The table compiled into belay from `rules/transient-errors.json`.
    public static func builtIn() throws(BelayError) -> TransientTable {
        try decodedBuiltIn.get()
    }

    /// The built-in table, or an empty one if it could not be decoded (a test keeps it decodable): for
    /// ``CheckRunner``'s lazy table, which cannot fail where a check's output is classified.
    public static func builtInOrEmpty() -> TransientTable {
        (try? builtIn()) ?? TransientTable(patterns: [])
    }

    /// Decoded once per process, when a check first fails.
    private static let decodedBuiltIn: Result<TransientTable, BelayError> = {
        do throws(BelayError) {
            // Decoded by hand from the parsed tree: `Codable`'s generic machinery cost most of a millisecond.
            let rule = try RuleData.value("transient-errors.json")
            guard let entries = rule["patterns"]?.array else { throw .internal("rules: 'patterns' must be an array") }
            var patterns: [Pattern] = []
            for entry in entries {
                patterns.append(Pattern(text: try entry.requiredString("text"), kind: try entry.requiredString("kind")))
            }
            return .success(TransientTable(patterns: patterns))
        } catch {
            return .failure(error)
        }
    }()

    /// The kind of the first pattern found in `output`, or `nil`.
    public func classify(output: String) -> String? {
        match(output: output)?.kind
    }

    /// The first pattern found in `output`, or `nil`.
    public func match(output: String) -> Pattern? {
        guard !patterns.isEmpty else { return nil }
        let haystack = output.utf8.map(asciiLowercase)
        return haystack.withUnsafeBufferPointer { buffer in
            compiled.firstIndex { $0.matches(in: buffer) }.map { patterns[$0] }
        }
    }
}

/// A pattern split at its `*`s into lowercased byte runs, with its word-boundary conditions.
private struct CompiledPattern: Sendable, Equatable {
    /// The literal runs between `*`s; empty runs (a leading, trailing or doubled `*`) are dropped.
    let parts: [[UInt8]]
    /// The pattern begins with a word character: the byte before a match must not be one.
    let wordStart: Bool
    /// The pattern ends with a word character: the byte after a match must not be one.
    let wordEnd: Bool

    init(_ text: String) {
        let bytes = text.utf8.map(asciiLowercase)
        parts = bytes.split(separator: UInt8(ascii: "*"), omittingEmptySubsequences: true).map(Array.init)
        wordStart = parts.first?.first.map(isWordByte) ?? false
        wordEnd = parts.last?.last.map(isWordByte) ?? false
    }

    func matches(in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = parts.first else { return false }
        var from = 0
        while let start = find(first, in: haystack, from: from, to: haystack.count) {
            from = start + 1
            if wordStart && start > 0 && isWordByte(haystack[start - 1]) { continue }
            if matchesRest(in: haystack, after: start + first.count) { return true }
        }
        return false
    }

    /// Whether the parts after the first follow `position` on the same line, the last one ending on a
    /// word boundary (or, with one part, whether `position` itself is a boundary).
    private func matchesRest(in haystack: UnsafeBufferPointer<UInt8>, after position: Int) -> Bool {
        func endsWell(_ end: Int) -> Bool {
            !(wordEnd && end < haystack.count && isWordByte(haystack[end]))
        }
        guard parts.count > 1 else { return endsWell(position) }
        let lineEnd = find([UInt8(ascii: "\n")], in: haystack, from: position, to: haystack.count) ?? haystack.count
        var cursor = position
        for part in parts.dropFirst().dropLast() {
            guard let at = find(part, in: haystack, from: cursor, to: lineEnd) else { return false }
            cursor = at + part.count
        }
        let last = parts[parts.count - 1]
        while let at = find(last, in: haystack, from: cursor, to: lineEnd) {
            if endsWell(at + last.count) { return true }
            cursor = at + 1
        }
        return false
    }
}

/// The first index at or after `from` where `needle` occurs entirely before `to` (`memchr` finds each
/// candidate first byte).
private func find(_ needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>, from: Int, to: Int) -> Int? {
    guard let head = needle.first, let base = haystack.baseAddress, to - from >= needle.count else { return nil }
    let last = to - needle.count
    var index = from
    while index <= last {
        guard let hit = memchr(base + index, Int32(head), last - index + 1) else { return nil }
        let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        if needle.count == 1
            || needle.withUnsafeBufferPointer({ memcmp(base + at + 1, $0.baseAddress! + 1, needle.count - 1) }) == 0
        {
            return at
        }
        index = at + 1
    }
    return nil
}

private func asciiLowercase(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
}

private func isWordByte(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
        || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
}
