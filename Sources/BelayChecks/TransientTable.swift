import BelayCore

/// The table of output patterns that mark a failure as transient infrastructure trouble
/// (`rules/transient-errors.json`).
public struct TransientTable: Sendable, Equatable {
    /// One pattern: a case-insensitive substring of a check's output and the kind of failure it means.
    public struct Pattern: Codable, Sendable, Equatable {
        /// The substring to look for, matched case-insensitively.
        public var text: String
        /// What it means, e.g. `DNS`, `HTTP 503`.
        public var kind: String

        /// Creates a pattern.
        public init(text: String, kind: String) {
            self.text = text
            self.kind = kind
        }
    }

    private struct File: Codable {
        var patterns: [Pattern]
    }

    /// The patterns, in the order they are tried.
    public let patterns: [Pattern]
    private let lowered: [String]

    /// A table of the given patterns.
    public init(patterns: [Pattern]) {
        self.patterns = patterns
        self.lowered = patterns.map { $0.text.lowercased() }
    }

    /// The table compiled into belay from `rules/transient-errors.json`.
    public static func builtIn() throws(BelayError) -> TransientTable {
        try decodedBuiltIn.get()
    }

    /// Decoded once per process: the gate asks for it on the way to every check.
    private static let decodedBuiltIn: Result<TransientTable, BelayError> = {
        do throws(BelayError) {
            return .success(
                TransientTable(patterns: try RuleData.decode(File.self, from: "transient-errors.json").patterns))
        } catch {
            return .failure(error)
        }
    }()

    /// The kind of the first pattern found in `output` (case-insensitively), or `nil`.
    public func classify(output: String) -> String? {
        guard !patterns.isEmpty else { return nil }
        let haystack = output.lowercased()
        for (index, needle) in lowered.enumerated() where !needle.isEmpty && haystack.contains(needle) {
            return patterns[index].kind
        }
        return nil
    }
}
