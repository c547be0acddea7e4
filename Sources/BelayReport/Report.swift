import BelayChecks
import BelayCore
import Foundation

/// Whether the change may be committed.
public enum Verdict: String, Codable, Sendable, Equatable {
    /// No error-level finding, every check passed or was skipped.
    case pass
    /// An error-level finding or a check that did not pass.
    case block
}

extension CheckResult {
    /// The last `limit` lines of ``output``, without trailing blank lines.
    func outputTail(_ limit: Int) -> [Substring] {
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false)
        while lines.last?.trimmingCharacters(in: .whitespaces).isEmpty == true { lines.removeLast() }
        return Array(lines.suffix(limit))
    }
}

/// What a rule is, for formats that describe rules (SARIF's `tool.driver.rules`).
public struct ReportRule: Sendable, Equatable {
    /// Stable rule id.
    public var id: String
    /// One line: what the rule flags.
    public var summary: String
    /// Why it matters.
    public var rationale: String
    /// Severity when not overridden.
    public var defaultSeverity: Severity
    /// How to resolve a finding.
    public var hint: String?

    /// Creates a rule description.
    public init(id: String, summary: String, rationale: String, defaultSeverity: Severity, hint: String? = nil) {
        self.id = id
        self.summary = summary
        self.rationale = rationale
        self.defaultSeverity = defaultSeverity
        self.hint = hint
    }
}

/// Everything one `belay check` found.
public struct Report: Sendable, Equatable {
    /// Pass or block.
    public var verdict: Verdict
    /// Findings, in the order to show them.
    public var diagnostics: [Diagnostic]
    /// Check results, in the order to show them.
    public var checks: [CheckResult]
    /// Total wall time in milliseconds.
    public var durationMs: Int
    /// Remarks about the run itself (e.g. "internal error ignored: …"); shown by `text` and `github`.
    public var notes: [String]

    /// Creates a report.
    public init(
        verdict: Verdict, diagnostics: [Diagnostic], checks: [CheckResult] = [], durationMs: Int,
        notes: [String] = []
    ) {
        self.verdict = verdict
        self.diagnostics = diagnostics
        self.checks = checks
        self.durationMs = durationMs
        self.notes = notes
    }

    /// The one-line summary that ends `text` and `github` output, e.g.
    /// `belay: blocked — 2 errors, 1 warning; checks 1 passed, 1 failed (48 ms)`.
    public var summary: String {
        func counted(_ count: Int, _ noun: String) -> String { "\(count) \(noun)\(count == 1 ? "" : "s")" }
        var findings: [String] = []
        for (severity, noun) in [(Severity.error, "error"), (.warning, "warning"), (.note, "note")] {
            let count = diagnostics.filter { $0.severity == severity }.count
            if count > 0 { findings.append(counted(count, noun)) }
        }
        var line = "belay: \(verdict == .pass ? "pass" : "blocked") — "
        line += findings.isEmpty ? "no findings" : findings.joined(separator: ", ")
        let statuses = ["passed", "failed", "timeout", "transient", "error", "skipped"]
        let checkCounts = statuses.compactMap { status -> String? in
            let count = checks.filter { $0.status.rawValue == status }.count
            return count > 0 ? "\(count) \(status)" : nil
        }
        if !checkCounts.isEmpty { line += "; checks " + checkCounts.joined(separator: ", ") }
        return line + " (\(durationMs) ms)"
    }
}

/// Returns the content of a repository-relative path (the version the diagnostics point into), or `nil`.
public typealias SourceProvider = @Sendable (String) -> [UInt8]?

/// An output format of `--format`.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// Compiler-style text.
    case text
    /// DESIGN.md JSON, version 1.
    case json
    /// SARIF 2.1.0.
    case sarif
    /// GitHub Actions workflow commands.
    case github
}
