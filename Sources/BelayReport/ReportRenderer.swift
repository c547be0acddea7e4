import BelayCore

/// Renders a ``Report`` in any ``ReportFormat``. Line and column are computed here from byte offsets with
/// ``LineIndex``; when the provider has no content for a path, line and column are left out.
public struct ReportRenderer: Sendable {
    /// Content of the files diagnostics point into.
    public var sources: SourceProvider
    /// ANSI colour in `text` output (the caller decides: only on a terminal).
    public var colour: Bool
    /// Rule descriptions for SARIF's rule table.
    public var rules: [ReportRule]
    /// belay's version, for SARIF.
    public var toolVersion: String
    /// belay's home page, for SARIF's `informationUri`; left out when `nil`.
    public var informationURI: String?
    /// Most findings `text` lists (the worst first), then how many more there are per rule; `0` lists
    /// all. `json` and `sarif` are always complete.
    public var maxFindings: Int
    /// Where SARIF places results about no file in particular (checks, commits, pushes), since GitHub
    /// code scanning refuses results without a location: the configuration file, line 1.
    public var sarifAnchorPath: String = "belay.json5"

    /// Creates a renderer.
    public init(
        sources: @escaping SourceProvider, colour: Bool = false, rules: [ReportRule] = [],
        toolVersion: String = "0.0.0", informationURI: String? = nil, maxFindings: Int = 0
    ) {
        self.maxFindings = maxFindings
        self.sources = sources
        self.colour = colour
        self.rules = rules
        self.toolVersion = toolVersion
        self.informationURI = informationURI
    }

    /// `report` in `format`, ending with a newline.
    public func render(_ report: Report, as format: ReportFormat) -> String {
        switch format {
        case .text: renderText(report)
        case .json: renderJSON(report)
        case .sarif: renderSARIF(report)
        case .github: renderGitHub(report)
        }
    }
}

/// A location resolved to lines and columns (1-based; columns count characters).
struct ResolvedLocation {
    var path: String
    var line: Int
    var column: Int
    var endLine: Int
    var endColumn: Int
    /// The first line's text without its terminator.
    var lineText: String
}

/// Per-render cache of file contents and line indexes. The credentials that secret findings point at are
/// masked in the content itself (``SecretRedaction/mask(_:ranges:)``, offsets unchanged), so no format can
/// show one: not in the finding's own source line, nor under another finding on the same line.
final class SourceLookup {
    private let provider: SourceProvider
    private var cache: [String: (bytes: [UInt8], index: LineIndex)?] = [:]
    private let secrets: [String: [Range<Int>]]

    init(_ provider: @escaping SourceProvider, masking diagnostics: [Diagnostic]) {
        self.provider = provider
        var secrets: [String: [Range<Int>]] = [:]
        for diagnostic in diagnostics where SecretRedaction.rules.contains(diagnostic.rule) {
            guard let location = diagnostic.location else { continue }
            secrets[location.path, default: []].append(location.start..<max(location.start, location.end))
        }
        self.secrets = secrets
    }

    func resolve(_ location: SourceLocation) -> ResolvedLocation? {
        let entry: (bytes: [UInt8], index: LineIndex)?
        if let cached = cache[location.path] {
            entry = cached
        } else {
            let ranges = secrets[location.path] ?? []
            entry = provider(location.path).map { ranges.isEmpty ? $0 : SecretRedaction.mask($0, ranges: ranges) }
                .map { ($0, LineIndex($0)) }
            cache[location.path] = .some(entry)
        }
        guard let (bytes, index) = entry else { return nil }
        let start = index.position(of: location.start)
        let end = index.position(of: max(location.start, location.end))
        let line0 = index.lineNumber0(at: min(max(0, location.start), bytes.count))
        return ResolvedLocation(
            path: location.path, line: start.line, column: start.column, endLine: end.line,
            endColumn: end.column, lineText: index.lineText(line0))
    }
}
