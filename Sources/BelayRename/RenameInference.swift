import BelayCore
import BelayScan

/// The renames a change makes, inferred from the old and new versions of its files (see
/// ``BelayScan/RenameEvidenceFinder`` for the rules), and the search for their leftovers, each in the
/// scope that matches its definition:
///
/// - a local variable: inside its function only;
/// - a parameter: inside its function, and at call sites anywhere that pass it by name
///   (`old_field=…`, `oldField: …`); a renamed keyword argument is searched at call sites only;
/// - anything else (module-level names, functions, classes, methods, fields, imports):
///   every tracked file.
public enum RenameInference {
    /// The renames `changes` makes, sorted by old name.
    public static func infer(_ changes: [FileVersions]) -> [InferredRename] {
        RenameEvidenceFinder.analyze(changes).renames
    }

    /// One leftover of an inferred rename.
    public struct Leftover: Sendable, Equatable {
        /// The hit.
        public var hit: AuditHit
        /// The rename it is a leftover of.
        public var rename: InferredRename

        /// The `rename-leftover` diagnostic: an error with a fix, or a note for a wire name.
        public var diagnostic: Diagnostic {
            guard !hit.wireName else { return hit.diagnostic }
            let place = rename.evidence.first.map { " (renamed at \($0.path):\($0.newLine))" } ?? ""
            let context = hit.context == .code ? "" : " in a \(hit.context == .doc ? "document" : hit.context.rawValue)"
            return Diagnostic(
                rule: AuditHit.rule, severity: .error,
                message: "'\(hit.text)'\(context) is a leftover of the rename \(rename.old) → \(rename.new)\(place)",
                hint: "rename it to '\(hit.suggestion)'",
                location: SourceLocation(path: hit.path, start: hit.start, end: hit.end),
                fix: Fix(
                    message: "rename '\(hit.text)' to '\(hit.suggestion)'",
                    edits: [TextEdit(start: hit.start, end: hit.end, replacement: hit.suggestion)]))
        }
    }

    /// Searches for the leftovers of `renames`.
    ///
    /// - Parameters:
    ///   - files: every tracked path (repository-relative).
    ///   - exclude: `rename.exclude` globs, on top of ``RenameAudit/defaultExcludes``.
    ///   - reader: the content of a tracked path as it will be committed.
    public static func leftovers(
        of renames: [InferredRename], files: [String], exclude: [String],
        reader: @escaping @Sendable (String) -> [UInt8]?
    ) -> [Leftover] {
        let wide = renames.filter(\.isRepositoryWide)
        let callable: Set<DefinitionKind> = [.parameter, .keywordArgument]
        let parameters = renames.filter { !$0.isRepositoryWide && $0.evidence.contains { callable.contains($0.kind) } }
        let local = renames.filter { !$0.isRepositoryWide && !$0.evidence.contains { callable.contains($0.kind) } }
        var result: [Leftover] = []
        let search = { (renames: [InferredRename], paths: [String]) -> [Leftover] in
            guard !renames.isEmpty, !paths.isEmpty else { return [] }
            let hits = RenameAudit.run(
                repositoryRoot: "", files: paths, renames: renames.map { ($0.old, $0.new) }, exclude: exclude,
                reader: reader, classifier: ScanContextClassifier.factory)
            return hits.compactMap { hit in
                renames.first { $0.old == hit.old && $0.new == hit.new }.map { Leftover(hit: hit, rename: $0) }
            }
        }
        result += search(wide, files)
        result += search(parameters, files).filter { isInsideFunction($0) || isKeywordArgument($0.hit, reader) }
        let localPaths = Array(Set(local.flatMap { $0.evidence.map(\.path) })).sorted()
        result += search(local, localPaths).filter(isInsideFunction)
        return result.sorted { ($0.hit.path, $0.hit.start, $0.hit.old) < ($1.hit.path, $1.hit.start, $1.hit.old) }
    }

    private static func isInsideFunction(_ leftover: Leftover) -> Bool {
        leftover.rename.evidence.contains { evidence in
            evidence.path == leftover.hit.path && evidence.functionRange?.contains(leftover.hit.start) == true
        }
    }

    /// `f(old_field=…)`, `f(x, oldField: …)`: the hit names an argument, right after `(` or `,` and
    /// before `=` (not `==`) or `:` (not `::`).
    private static func isKeywordArgument(_ hit: AuditHit, _ reader: (String) -> [UInt8]?) -> Bool {
        guard hit.context == .code, let bytes = reader(hit.path) else { return false }
        var before = hit.start - 1
        while before >= 0, bytes[before] == 0x20 || bytes[before] == 0x09 || bytes[before] == 0x0A { before -= 1 }
        guard before >= 0, bytes[before] == UInt8(ascii: "(") || bytes[before] == UInt8(ascii: ",") else {
            return false
        }
        var after = hit.end
        while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
        guard after < bytes.count, bytes[after] == UInt8(ascii: "=") || bytes[after] == UInt8(ascii: ":") else {
            return false
        }
        return after + 1 >= bytes.count || bytes[after + 1] != bytes[after]
    }
}
