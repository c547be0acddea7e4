import BelayChecks
import BelayCore
import Foundation

extension ReportRenderer {
    /// DESIGN.md JSON version 1, keys sorted, pretty-printed. `hint` is left out when there is none;
    /// `path`, `line` and `column` are left out for findings without a location (line and column also
    /// when the source is unavailable).
    func renderJSON(_ report: Report) -> String {
        let lookup = SourceLookup(sources, masking: report.diagnostics)
        let document = JSONDocument(
            version: 1, verdict: report.verdict.rawValue,
            diagnostics: report.diagnostics.map { diagnostic in
                let place = Self.place(diagnostic.location, lookup)
                return JSONDocument.Finding(
                    rule: diagnostic.rule, severity: diagnostic.severity.rawValue, path: diagnostic.location?.path,
                    line: place?.line, column: place?.column, message: diagnostic.message, hint: diagnostic.hint,
                    related: diagnostic.related.map { note in
                        let place = Self.place(note.location, lookup)
                        return JSONDocument.Related(
                            path: note.location.path, line: place?.line, column: place?.column, message: note.message)
                    })
            },
            checks: report.checks.map {
                JSONDocument.Check(
                    name: $0.name, status: $0.status.rawValue, attempts: $0.attempts, durationMs: $0.durationMs,
                    output: $0.output)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func place(_ location: SourceLocation?, _ lookup: SourceLookup) -> (line: Int, column: Int)? {
        guard let location, let resolved = lookup.resolve(location) else { return nil }
        return (resolved.line, resolved.column)
    }
}

/// The shape of `--format json`, version 1.
private struct JSONDocument: Encodable {
    struct Related: Encodable {
        var path: String
        var line: Int?
        var column: Int?
        var message: String
    }

    struct Finding: Encodable {
        var rule: String
        var severity: String
        var path: String?
        var line: Int?
        var column: Int?
        var message: String
        var hint: String?
        var related: [Related]
    }

    struct Check: Encodable {
        var name: String
        var status: String
        var attempts: Int
        var durationMs: Int
        var output: String
    }

    var version: Int
    var verdict: String
    var diagnostics: [Finding]
    var checks: [Check]
}
