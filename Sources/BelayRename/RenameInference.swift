import BelayCore
import BelayScan
import Foundation

/// The renames a change makes and what they left behind. ``BelayScan/RenameEvidenceFinder`` proposes the
/// candidates from the changed files; ``resolve(_:files:exclude:reader:)`` confirms each against the whole
/// tree to be committed (a name still defined in an unchanged file was not renamed) and grades every
/// leftover in the scope its definition has:
///
/// - a local variable: inside its function only;
/// - a parameter: inside its function, and at its own function's call sites that pass it by name
///   (`process_data(old_field=…)`, `load(oldField: …)`);
/// - anything else (module-level names, functions, classes, methods, fields): every tracked file, except
///   inside a function that defines a local or parameter of that name of its own.
///
/// An exact reference in code, a whole string literal or a keyword argument is an error; the name in
/// another naming style in code is an error in a file of another language (the same thing across layers:
/// `oldField` in the frontend for `old_field` in the backend) and a warning in the same language; the name
/// inside a compound identifier, a longer string, a comment or a document is a warning; a wire name kept on
/// purpose (`db_column="old_field"`) is a note.
public enum RenameInference {
    /// The rename candidates of `changes`, before they are checked against the unchanged files.
    public static func infer(_ changes: [FileVersions]) -> [InferredRename] {
        RenameEvidenceFinder.analyze(changes).renames
    }

    /// One leftover of a rename.
    public struct Leftover: Sendable, Equatable {
        /// Where the old name was found.
        public var hit: AuditHit
        /// The rename it is a leftover of.
        public var rename: InferredRename
        /// How sure the finding is: `.error` for a reference, `.warning` for prose and look-alikes, `.note`
        /// for a wire name.
        public var severity: Severity

        /// The `rename-leftover` diagnostic.
        public var diagnostic: Diagnostic {
            guard !hit.wireName else { return hit.diagnostic }
            let place = rename.evidence.first.map { " (renamed at \($0.path):\($0.newLine))" } ?? ""
            let context: String
            switch hit.context {
            case .code: context = hit.compound ? " inside a longer name" : ""
            case .string: context = " in a string"
            case .comment: context = " in a comment"
            case .doc: context = " in a document"
            }
            return Diagnostic(
                rule: AuditHit.rule, severity: severity,
                message: "'\(hit.text)'\(context) is a leftover of the rename \(rename.old) → \(rename.new)\(place)",
                hint: "rename it to '\(hit.suggestion)'",
                location: SourceLocation(path: hit.path, start: hit.start, end: hit.end),
                fix: Fix(
                    message: "rename '\(hit.text)' to '\(hit.suggestion)'",
                    edits: [TextEdit(start: hit.start, end: hit.end, replacement: hit.suggestion)]))
        }
    }

    /// The confirmed renames, the candidates that were not renames after all, and the leftovers.
    public struct Resolution: Sendable {
        public var renames: [InferredRename]
        public var rejected: [RejectedRename]
        public var leftovers: [Leftover]
    }

    /// Confirms `candidates` against every tracked file and searches for their leftovers.
    ///
    /// - Parameters:
    ///   - files: every tracked path (repository-relative).
    ///   - exclude: `rename.exclude` globs, on top of ``RenameAudit/defaultExcludes``.
    ///   - reader: the content of a tracked path as it will be committed.
    public static func resolve(
        _ candidates: [InferredRename], files: [String], exclude: [String],
        reader: @escaping @Sendable (String) -> [UInt8]?
    ) -> Resolution {
        guard !candidates.isEmpty else { return Resolution(renames: [], rejected: [], leftovers: []) }
        let local = candidates.filter { !$0.isRepositoryWide && !$0.isParameter }
        let searched =
            local.count == candidates.count ? Array(Set(local.flatMap { $0.evidence.map(\.path) })).sorted() : files
        let scans = ScanCache()
        let hits = RenameAudit.run(
            repositoryRoot: "", files: searched, renames: candidates.map { ($0.old, $0.new) }, exclude: exclude,
            reader: reader, classifier: scans.factory)
        var byRename: [String: [AuditHit]] = [:]
        for hit in hits { byRename[hit.old + "\u{0}" + hit.new, default: []].append(hit) }

        var renames: [InferredRename] = []
        var rejected: [RejectedRename] = []
        var leftovers: [Leftover] = []
        for rename in candidates {
            let found = byRename[rename.old + "\u{0}" + rename.new] ?? []
            var judge = LeftoverJudge(rename: rename, scans: scans, reader: reader)
            if rename.isRepositoryWide, let still = judge.stillDefined(in: found) {
                let first = rename.evidence.first
                rejected.append(
                    RejectedRename(
                        old: rename.old, new: rename.new, path: first?.path ?? "", line: first?.newLine ?? 0,
                        reason: "the old name is still defined at \(still.path):\(still.line)"))
                continue
            }
            renames.append(rename)
            for hit in found where !rename.isRestyle || hit.text == rename.old {
                if let severity = judge.severity(of: hit) {
                    leftovers.append(Leftover(hit: hit, rename: rename, severity: severity))
                }
            }
        }
        leftovers.sort { ($0.hit.path, $0.hit.start, $0.hit.old) < ($1.hit.path, $1.hit.start, $1.hit.old) }
        return Resolution(renames: renames, rejected: rejected, leftovers: leftovers)
    }
}
