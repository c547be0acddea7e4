import BelayCore
import BelayDetectors
import BelayGit

/// The secret rules on each commit a push publishes, not only on its tip: a credential one commit adds
/// and a later one deletes is still published. One `git diff-tree --stdin` and one `cat-file --batch`
/// for all the commits, and the rules in this process: a push of 40 commits costs a few milliseconds,
/// not 40 runs of the gate.
public struct PublishedSecrets: Sendable {
    let git: Git
    let engine: DetectorEngine

    /// The secret rules among `rules` (both by default) with `config`'s settings.
    public init(
        git: Git, config: Config, agentMode: Bool, rules: Set<String> = PublishedSecrets.rules
    ) {
        self.git = git
        self.engine = DetectorEngine(
            settings: config.rules, only: rules.intersection(Self.rules), agentMode: agentMode,
            secrets: config.secrets)
    }

    /// The rules this pass runs.
    public static let rules: Set<String> = ["secret-token", "secret-file"]

    /// The secret findings each of `commits` introduces against its parents (for a merge: against all of
    /// them). Each finding names its commit and file in the message and has no location: the file as the
    /// push leaves it may not hold that line any more, and a credential is never shown in full.
    /// A finding equal to one of `reported` (the same rule, file and message: the tip's own judgement
    /// already shows it) is left out.
    public func findings(in commits: [GraphCommit], reported: [Diagnostic] = []) throws(BelayError) -> [Diagnostic] {
        let known = Set(reported.map(Self.identity))
        guard !commits.isEmpty else { return [] }
        var changes: [String: [FileChange]] = [:]
        let simple = commits.filter { $0.parents.count <= 1 }
        if !simple.isEmpty {
            let input = Array(simple.map { $0.id + "\n" }.joined().utf8)
            let output = try git.run(
                ["diff-tree", "--stdin", "--root", "-r", "-z", "--raw", "--no-renames", "--no-abbrev"], input: input)
            changes = try Self.split(output)
        }
        for merge in commits where merge.parents.count > 1 {
            changes[merge.id] = try git.changes(from: merge.parents[0], to: merge.id)
        }
        // Every blob, and each merge's other parents' versions, in one batch.
        var names: [String] = []
        for commit in commits {
            for change in changes[commit.id] ?? [] where change.kind != .deleted {
                names += [change.oldBlob, change.newBlob].compactMap { $0 }.filter { !isNull($0) }
                if let path = change.newPath, !path.contains("\n") {
                    names += commit.parents.dropFirst().map { "\($0):\(path)" }
                }
            }
        }
        let blobs = try git.readBlobs(names)
        var results: [Diagnostic] = []
        for commit in commits {
            var inputs: [FileChangeInput] = []
            for change in changes[commit.id] ?? [] where change.kind != .deleted {
                guard !change.isSubmodule, !change.isSymlink, let path = change.newPath, let id = change.newBlob,
                    let new = blobs[id]
                else { continue }
                let old = change.oldBlob.flatMap { isNull($0) ? nil : blobs[$0] }
                let others = commit.parents.dropFirst().compactMap { blobs["\($0):\(path)"] }
                inputs.append(FileChangeInput(path: path, old: old, new: new, otherOlds: others))
            }
            guard !inputs.isEmpty else { continue }
            let sources = Dictionary(inputs.map { ($0.path, $0.newFile) }, uniquingKeysWith: { first, _ in first })
            for var finding in engine.run(changes: inputs, mode: .changed) where !known.contains(Self.identity(finding))
            {
                var place = ""
                if let location = finding.location {
                    let line = sources[location.path].map { $0.lineIndex.lineNumber0(at: location.start) + 1 }
                    place = " in \(location.path)" + (line.map { ":\($0)" } ?? "")
                }
                finding.message = "commit \(commit.id.prefix(12))\(place): \(finding.message)"
                finding.location = nil
                finding.fix = nil
                results.append(finding)
            }
        }
        return results
    }

    private static func identity(_ finding: Diagnostic) -> String {
        "\(finding.rule)\u{0}\(finding.location?.path ?? "")\u{0}\(finding.message)"
    }

    /// `diff-tree --stdin -z` output: each commit's id, then its raw records (with `--no-renames`, a
    /// status field and one path each).
    static func split(_ output: [UInt8]) throws(BelayError) -> [String: [FileChange]] {
        var result: [String: [FileChange]] = [:]
        var fields = output.split(separator: 0, omittingEmptySubsequences: false)
        if fields.last?.isEmpty == true { fields.removeLast() }
        var current: String? = nil
        var chunk: [UInt8] = []
        func flush() throws(BelayError) {
            if let current, !chunk.isEmpty { result[current] = try parseRawDiff(chunk) }
            chunk = []
        }
        var index = 0
        while index < fields.count {
            let field = fields[index]
            if field.first == UInt8(ascii: ":"), index + 1 < fields.count {
                chunk += Array(field) + [0] + Array(fields[index + 1]) + [0]
                index += 2
            } else {
                try flush()
                current = String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                index += 1
            }
        }
        try flush()
        return result
    }
}

private func isNull(_ id: String) -> Bool { id.allSatisfy { $0 == "0" } }
