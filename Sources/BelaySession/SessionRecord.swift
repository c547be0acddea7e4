import BelayChecks
import BelayCore
import BelayGate
import BelayReport
import Foundation

/// One finding as a session records it: with line and column resolved, so the record stands alone.
public struct SessionFinding: Codable, Sendable, Equatable {
    public var rule: String
    public var severity: Severity
    public var path: String?
    public var line: Int?
    public var column: Int?
    public var message: String
    public var hint: String?

    /// Creates a finding.
    public init(
        rule: String, severity: Severity, path: String? = nil, line: Int? = nil, column: Int? = nil,
        message: String, hint: String? = nil
    ) {
        self.rule = rule
        self.severity = severity
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    /// `diagnostic`, positioned in `sources` (the content it points into).
    public init(_ diagnostic: Diagnostic, sources: [String: [UInt8]]) {
        self.init(diagnostic, index: diagnostic.location.flatMap { sources[$0.path] }.map { LineIndex($0) })
    }

    /// `diagnostic`, positioned with `index`, the line index of the file it points into.
    init(_ diagnostic: Diagnostic, index: LineIndex?) {
        self.init(
            rule: diagnostic.rule, severity: diagnostic.severity, message: diagnostic.message, hint: diagnostic.hint)
        if let location = diagnostic.location {
            path = location.path
            if let index {
                let position = index.position(of: location.start)
                line = position.line
                column = position.column
            }
        }
    }

    /// Every diagnostic positioned in `sources`, indexing each file once (a flood of findings in one
    /// generated file must not index it once per finding).
    public static func all(_ diagnostics: [Diagnostic], sources: [String: [UInt8]]) -> [SessionFinding] {
        var indexes: [String: LineIndex] = [:]
        return diagnostics.map { diagnostic in
            guard let path = diagnostic.location?.path, let bytes = sources[path] else {
                return SessionFinding(diagnostic, index: nil)
            }
            if indexes[path] == nil { indexes[path] = LineIndex(bytes) }
            return SessionFinding(diagnostic, index: indexes[path])
        }
    }

    /// `path:line:column: rule: message` (as much of the place as is known).
    public var oneLine: String {
        var place = path ?? ""
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return (place.isEmpty ? "" : place + ": ") + "\(severity.rawValue)[\(rule)]: \(message)"
    }
}

/// The verdict on one commit that appeared during a session.
public struct SessionCommit: Codable, Sendable, Equatable {
    /// Full commit id.
    public var id: String
    public var subject: String
    /// The session's hook passed this commit's tree.
    public var passedGate: Bool
    /// `pass` or `block`.
    public var verdict: Verdict
    /// Findings of the after-the-fact check (empty for commits that passed the gate).
    public var findings: [SessionFinding]
    public var checks: [CheckResult]
    /// For a commit git wrote without running pre-commit by design (`rebase`, `cherry-pick`, `revert`):
    /// the operation, from the reflog. Such a commit is checked at the end of the session like any
    /// other, but it is not a bypass.
    public var rewrittenBy: String? = nil
}

/// The verdict on changes left uncommitted at the end of a round.
public struct SessionWorkingTree: Codable, Sendable, Equatable {
    public var verdict: Verdict
    public var findings: [SessionFinding]
    public var checks: [CheckResult]
}

/// One run of the agent and the audit after it.
public struct SessionRound: Codable, Sendable, Equatable {
    /// 1-based.
    public var number: Int
    /// The agent's exit status; `nil` when a signal ended it (see ``signal``).
    public var exitCode: Int32?
    public var signal: Int32?
    public var durationMs: Int
    /// Every commit that appeared on any ref since the session started, oldest first.
    public var commits: [SessionCommit]
    /// `nil` when nothing was left uncommitted.
    public var workingTree: SessionWorkingTree?
    /// Findings about the session as a whole (`protected-branch`).
    public var findings: [SessionFinding]
    public var verdict: Verdict
}

/// What `--quarantine` did to one branch.
public struct SessionQuarantine: Codable, Sendable, Equatable {
    /// `refs/heads/NAME`.
    public var ref: String
    /// Where the agent's commits are kept (`refs/belay/quarantine/<session>/NAME`).
    public var keptAt: String
    /// The branch's tip before (the agent's last commit) and after (the last good commit).
    public var from: String
    public var to: String
}

/// Everything about one `belay run` session, written to `<git dir>/belay/sessions/<id>.json`.
public struct SessionRecord: Codable, Sendable, Equatable {
    public var version: Int = 1
    public var id: String
    /// The agent's command line.
    public var command: [String]
    public var directory: String
    /// ISO 8601.
    public var startedAt: String
    public var endedAt: String?
    public var durationMs: Int
    /// The branch checked out when the agent started.
    public var branch: String?
    /// Every ref (and `HEAD`) → commit at the start and at the end.
    public var startRefs: [String: String]
    public var endRefs: [String: String]
    public var rounds: [SessionRound]
    /// `pass` when the last round passed.
    public var verdict: Verdict
    public var quarantine: [SessionQuarantine]

    /// Commits of the last round that need fixing.
    public var blockedCommits: [SessionCommit] { rounds.last?.commits.filter { $0.verdict == .block } ?? [] }
}

/// Reads and writes session records under `<git dir>/belay/sessions/`.
public struct SessionStore: Sendable {
    /// `<git dir>/belay/sessions`.
    public let directory: String

    /// The store of the repository whose belay directory is `belayDirectory`.
    public init(belayDirectory: String) { self.directory = belayDirectory + "/sessions" }

    /// The working directory of session `id` (hooks, shim, passed trees, feedback).
    public func sessionDirectory(_ id: String) -> String { "\(directory)/\(id)" }

    /// Writes `record` atomically.
    public func save(_ record: SessionRecord) throws(BelayError) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try encoder.encode(record).write(
                to: URL(fileURLWithPath: "\(directory)/\(record.id).json"), options: .atomic)
        } catch {
            throw .internal("cannot write the session record: \(error.localizedDescription)")
        }
    }

    /// Every recorded session, oldest first. Unreadable files are skipped.
    public func list() -> [SessionRecord] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().compactMap { load(path: "\(directory)/\($0)") }
    }

    /// The session whose id is `id` or starts with it (unique prefix).
    public func find(_ id: String) throws(BelayError) -> SessionRecord {
        if let exact = load(path: "\(directory)/\(id).json") { return exact }
        let matches = list().filter { $0.id.hasPrefix(id) }
        guard matches.count == 1, let match = matches.first else {
            throw .usage(
                matches.isEmpty
                    ? "no session '\(id)'; 'belay log' lists them"
                    : "'\(id)' matches \(matches.count) sessions; give more of the id")
        }
        return match
    }

    private func load(path: String) -> SessionRecord? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(SessionRecord.self, from: data)
    }
}
