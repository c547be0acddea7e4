// BelayCore: the values every other target shares — diagnostics, configuration, belay's own
// errors, the process seam, line indexing and the data compiled in from `rules/`.

/// How serious a finding is. `error` blocks a commit; `warning` and `note` do not.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case note
    case warning
    case error

    private var rank: Int {
        switch self {
        case .note: 0
        case .warning: 1
        case .error: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A place in a file, as a byte range into the file's content (the version that will be committed).
/// Line and column are computed only when rendering, with ``LineIndex``.
public struct SourceLocation: Codable, Sendable, Hashable {
    /// Repository-relative path, `/`-separated.
    public var path: String
    /// Byte offset of the first byte.
    public var start: Int
    /// Byte offset one past the last byte (`start` for an empty range).
    public var end: Int

    public init(path: String, start: Int, end: Int? = nil) {
        self.path = path
        self.start = start
        self.end = end ?? start
    }
}

/// A secondary location that explains a finding ("first declared here").
public struct RelatedNote: Codable, Sendable, Hashable {
    public var location: SourceLocation
    public var message: String

    public init(location: SourceLocation, message: String) {
        self.location = location
        self.message = message
    }
}

/// One byte-range replacement that a fix applies.
public struct TextEdit: Codable, Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var replacement: String

    public init(start: Int, end: Int, replacement: String) {
        self.start = start
        self.end = end
        self.replacement = replacement
    }
}

/// A mechanical fix for a finding.
public struct Fix: Codable, Sendable, Hashable {
    public var message: String
    public var edits: [TextEdit]

    public init(message: String, edits: [TextEdit]) {
        self.message = message
        self.edits = edits
    }
}

/// A finding: what a rule saw, where, and what to do about it.
public struct Diagnostic: Codable, Sendable, Hashable {
    /// Stable rule id, e.g. `duplicate-parameter`.
    public var rule: String
    public var severity: Severity
    public var message: String
    /// The action to take ("replace the old parameter instead of adding a new one").
    public var hint: String?
    /// Where; `nil` for findings about a commit or session rather than a file.
    public var location: SourceLocation?
    public var related: [RelatedNote]
    public var fix: Fix?

    public init(
        rule: String,
        severity: Severity,
        message: String,
        hint: String? = nil,
        location: SourceLocation?,
        related: [RelatedNote] = [],
        fix: Fix? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.hint = hint
        self.location = location
        self.related = related
        self.fix = fix
    }
}
