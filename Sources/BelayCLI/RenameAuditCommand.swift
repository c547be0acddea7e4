import BelayCore
import BelayDetectors
import BelayGate
import BelayRename
import BelayReport
import BelayScan
import BelaySession
import Foundation

/// `belay rename-audit OLD NEW` and `belay rename-audit --infer`.
func runRenameAudit(_ command: ParsedCommand, _ invocation: Invocation) throws(BelayError) -> Int32 {
    let session = RenameAuditSession(
        runner: invocation.runner, environment: invocation.environment, directory: invocation.workingDirectory)
    let format = command.value("--format") ?? "text"
    if command.has("--infer") {
        guard command.positionals.isEmpty else { throw .usage("--infer takes no names: belay rename-audit --infer") }
        if command.has("--staged") && command.has("--range") { throw .usage("--staged and --range exclude each other") }
        let scope: GateOptions.Scope = command.value("--range").map { .range($0) } ?? .staged
        let inference = try session.infer(scope)
        let verbose = command.has("--verbose")
        invocation.console.out(
            format == "json"
                ? RenameAuditOutput.inferJSON(inference, verbose: verbose)
                : RenameAuditOutput.inferText(inference, verbose: verbose))
        return 0
    }
    for flag in ["--staged", "--range", "--verbose"] where command.has(flag) {
        throw .usage("\(flag) goes with --infer")
    }
    guard command.positionals.count == 2 else {
        throw .usage("rename-audit needs OLD and NEW: belay rename-audit OLD NEW (or --infer)")
    }
    let (old, new) = (command.positionals[0], command.positionals[1])
    guard !splitWords(old).isEmpty, !splitWords(new).isEmpty else {
        throw .usage("rename-audit: OLD and NEW must be names (letters or digits), got '\(old)' and '\(new)'")
    }
    guard splitWords(old) != splitWords(new) else {
        throw .usage("rename-audit: '\(old)' and '\(new)' are the same name; nothing to audit")
    }
    let trace = StageTrace.shared
    let target = try trace.measure("rename-audit: the repository, its files and configuration") {
        () throws(BelayError) in try session.target()
    }
    for glob in command.values("--include") + command.values("--exclude") {
        do { _ = try Glob(glob) } catch { throw .usage("--include/--exclude: \(error.description)") }
    }
    let hits = trace.measure("rename-audit: search") {
        RenameAudit.run(
            repositoryRoot: target.root, files: target.files, renames: [(old, new)],
            include: command.values("--include").map(target.fromTopLevel),
            exclude: target.exclude + command.values("--exclude").map(target.fromTopLevel),
            classifier: ScanContextClassifier.factory)
    }
    let root = target.root
    switch format {
    case "json":
        invocation.console.out(RenameAuditOutput.json(old: old, new: new, hits: hits))
    case "text":
        invocation.console.out(RenameAuditOutput.text(old: old, new: new, hits: hits))
    default:
        let diagnostics = hits.map(\.diagnostic)
        let blocked = diagnostics.contains { $0.severity == .error }
        let report = Report(verdict: blocked ? .block : .pass, diagnostics: diagnostics, durationMs: 0)
        let renderer = ReportRenderer(
            sources: { path in FileManager.default.contents(atPath: root + "/" + path).map { [UInt8]($0) } },
            rules: [RenameLeftoverRule.description].map {
                ReportRule(
                    id: $0.id, summary: $0.summary, rationale: $0.rationale, defaultSeverity: $0.defaultSeverity,
                    hint: $0.hint)
            }, toolVersion: belayVersion)
        invocation.console.out(renderer.render(report, as: format == "sarif" ? .sarif : .github))
    }
    return hits.contains { !$0.wireName } ? 1 : 0
}

/// The text and JSON forms of `rename-audit`'s results.
enum RenameAuditOutput {
    /// Compiler-style: `path:line:col: variant 'text' in context → 'suggestion'`, the line and a caret.
    static func text(old: String, new: String, hits: [AuditHit]) -> String {
        var out = ""
        var previousPath: String?
        for hit in hits {
            if let previousPath, previousPath != hit.path { out += "\n" }
            previousPath = hit.path
            let note = hit.wireName ? " (wire name kept on purpose: note)" : ""
            out +=
                "\(hit.path):\(hit.line):\(hit.column): \(hit.variant.rawValue) '\(hit.text)' in \(hit.context.rawValue) → '\(hit.suggestion)'\(note)\n"
            let indent = hit.lineText.prefix(hit.column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
            out += "    \(hit.lineText)\n    \(indent)\(String(repeating: "^", count: max(1, hit.text.count)))\n"
        }
        let errors = hits.filter { !$0.wireName }
        let files = Set(errors.map(\.path)).count
        if errors.isEmpty {
            out += "no leftovers of '\(old)' (renamed to '\(new)')"
        } else {
            out +=
                "\(out.isEmpty ? "" : "\n")\(errors.count) leftover\(errors.count == 1 ? "" : "s") of '\(old)' in \(files) file\(files == 1 ? "" : "s")"
        }
        let notes = hits.count - errors.count
        return out + (notes > 0 ? ", \(notes) wire name\(notes == 1 ? "" : "s") kept as notes" : "") + "\n"
    }

    /// `{version: 1, renames: [{old, new}], hits: [{path, line, column, text, variant, context, …}]}`.
    static func json(old: String, new: String, hits: [AuditHit]) -> String {
        struct Hit: Encodable {
            var path: String, line: Int, column: Int, text: String, variant: String, context: String
            var compound: Bool, wireName: Bool, suggestion: String
        }
        struct Output: Encodable {
            var version = 1
            var renames: [[String: String]]
            var hits: [Hit]
        }
        let output = Output(
            renames: [["old": old, "new": new]],
            hits: hits.map {
                Hit(
                    path: $0.path, line: $0.line, column: $0.column, text: $0.text, variant: $0.variant.rawValue,
                    context: $0.context.rawValue, compound: $0.compound, wireName: $0.wireName,
                    suggestion: $0.suggestion)
            })
        return encode(output)
    }

    /// One rename per paragraph, with its evidence; with `verbose`, the rejected candidates after them.
    static func inferText(_ inference: RenameAuditSession.Inference, verbose: Bool) -> String {
        var out = inference.renames.isEmpty ? "no renames inferred from the change\n" : ""
        for rename in inference.renames {
            let scope: String
            if rename.isRepositoryWide {
                scope = "the whole repository"
            } else {
                scope = rename.isParameter ? "its function and its keyword call sites" : "its function"
            }
            out += "\(rename.old) → \(rename.new)  (searched in \(scope))\n"
            for evidence in rename.evidence {
                out +=
                    "    \(evidence.path):\(evidence.oldLine) → \(evidence.newLine): the \(evidence.kind.rawValue) definition was renamed, and '\(rename.old)' is defined nowhere else\n"
            }
        }
        if verbose && !inference.rejected.isEmpty {
            out += "\nnot renames:\n"
            for rejected in inference.rejected {
                out +=
                    "    \(rejected.old) → \(rejected.new) at \(rejected.path):\(rejected.line): \(rejected.reason)\n"
            }
        }
        return out
    }

    /// `{version: 1, renames: [{old, new, repositoryWide, evidence: [{path, oldLine, newLine, kind}]}]}`, and
    /// with `verbose` `rejected: [{old, new, path, line, reason}]`.
    static func inferJSON(_ inference: RenameAuditSession.Inference, verbose: Bool) -> String {
        struct Evidence: Encodable { var path: String, oldLine: Int, newLine: Int, kind: String }
        struct Rename: Encodable {
            var old: String, new: String, repositoryWide: Bool
            var evidence: [Evidence]
        }
        struct Rejected: Encodable { var old: String, new: String, path: String, line: Int, reason: String }
        struct Output: Encodable {
            var version = 1
            var renames: [Rename]
            var rejected: [Rejected]?
        }
        return encode(
            Output(
                renames: inference.renames.map { rename in
                    Rename(
                        old: rename.old, new: rename.new, repositoryWide: rename.isRepositoryWide,
                        evidence: rename.evidence.map {
                            Evidence(path: $0.path, oldLine: $0.oldLine, newLine: $0.newLine, kind: $0.kind.rawValue)
                        })
                },
                rejected: verbose
                    ? inference.rejected.map {
                        Rejected(old: $0.old, new: $0.new, path: $0.path, line: $0.line, reason: $0.reason)
                    } : nil))
    }

    private static func encode<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
