import BelayCore

/// Everything a user needs to know about a rule; the examples double as its tests and its `belay explain`
/// text.
public struct RuleDescription: Sendable {
    /// A snippet of source used to document and test a rule.
    public struct Example: Sendable {
        /// Source text. In triggering examples each expected finding is marked with `1️⃣` at the exact place
        /// where its location starts; the marker is not part of the source.
        public var code: String
        /// The file name the snippet is checked as; its extension decides the language.
        public var fileName: String

        /// Creates an example checked as `fileName`.
        public init(_ code: String, fileName: String = "example.py") {
            self.code = code
            self.fileName = fileName
        }
    }

    /// Stable rule id, e.g. `trailing-whitespace`.
    public var id: String
    /// One line: what the rule flags.
    public var summary: String
    /// Why it matters.
    public var rationale: String
    /// Severity when `belay.json5` does not override it.
    public var defaultSeverity: Severity
    /// The action that resolves a finding.
    public var hint: String
    /// Snippets that must produce exactly the marked findings.
    public var triggering: [Example]
    /// Snippets that must produce no finding.
    public var nonTriggering: [Example]
    /// The rule judges what an agent does (a `belay run` session or an agent hook), not a person's
    /// commit: the engine runs it only in agent mode.
    public var agentOnly: Bool
    /// A style rule that follows the repository's own convention: when the files a change touches already
    /// break it, the project evidently tolerates it, and a new finding is a warning instead of an error.
    public var followsConvention: Bool
    /// A finding is identified by its message alone, not by the text of its line: reformatting the
    /// statement (Black, Prettier) or adding a marker to it does not make an old finding new.
    public var identifiedByMessage: Bool

    /// Creates a description.
    public init(
        id: String, summary: String, rationale: String, defaultSeverity: Severity, hint: String,
        triggering: [Example], nonTriggering: [Example], agentOnly: Bool = false, followsConvention: Bool = false,
        identifiedByMessage: Bool = false
    ) {
        self.id = id
        self.summary = summary
        self.rationale = rationale
        self.defaultSeverity = defaultSeverity
        self.hint = hint
        self.triggering = triggering
        self.nonTriggering = nonTriggering
        self.agentOnly = agentOnly
        self.followsConvention = followsConvention
        self.identifiedByMessage = identifiedByMessage
    }
}
