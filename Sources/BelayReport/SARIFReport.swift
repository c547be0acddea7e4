import BelayChecks
import BelayCore
import Foundation

extension ReportRenderer {
    /// The SARIF URI of the 2.1.0 schema.
    static let sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"

    /// SARIF 2.1.0: one run, belay as the driver with its rule table, one result per diagnostic. Columns
    /// count Unicode code points (`columnKind: unicodeCodePoints`), regions end exclusively. Checks that did
    /// not pass become results with rule id `check/<name>` (level `error`; the message holds the status and
    /// the last lines of output), so every blocking reason appears in the log.
    ///
    /// Every result has a location: GitHub code scanning rejects a whole upload when one result has none
    /// (`locationFromSarifResult: expected at least one location`). A result about no file in particular
    /// (a check, a commit, a push) is placed at line 1 of ``sarifAnchorPath``, where checks and the push
    /// policy are configured.
    func renderSARIF(_ report: Report) -> String {
        let lookup = SourceLookup(sources, masking: report.diagnostics)
        var ruleTable: [[String: Any]] = rules.map { rule in
            var entry: [String: Any] = [
                "id": rule.id,
                "shortDescription": ["text": rule.summary],
                "fullDescription": ["text": rule.rationale],
                "defaultConfiguration": ["level": Self.sarifLevel(rule.defaultSeverity)],
            ]
            if let hint = rule.hint { entry["help"] = ["text": hint] }
            return entry
        }
        var results: [[String: Any]] = report.diagnostics.map { sarifResult($0, lookup: lookup) }
        for check in report.checks where check.blocks {
            let id = "check/\(check.name)"
            ruleTable.append([
                "id": id, "shortDescription": ["text": "configured check '\(check.name)'"],
                "defaultConfiguration": ["level": "error"],
            ])
            var text = "check '\(check.name)' \(check.status) after \(check.attempts) attempt"
            text += check.attempts == 1 ? "" : "s"
            if check.status == .transient {
                text += " (infrastructure: \(check.infrastructure ?? "transient error") — not the change's fault)"
            }
            let tail = check.outputTail(50)
            if !tail.isEmpty { text += "\n" + tail.joined(separator: "\n") }
            results.append(["ruleId": id, "level": "error", "message": ["text": text], "locations": anchorLocations])
        }
        var driver: [String: Any] = ["name": "belay", "version": toolVersion, "rules": ruleTable]
        if let informationURI { driver["informationUri"] = informationURI }
        let log: [String: Any] = [
            "$schema": Self.sarifSchema,
            "version": "2.1.0",
            "runs": [
                [
                    "tool": ["driver": driver],
                    "columnKind": "unicodeCodePoints",
                    "results": results,
                ] as [String: Any]
            ],
        ]
        let options: JSONSerialization.WritingOptions = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? JSONSerialization.data(withJSONObject: log, options: options)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func sarifLevel(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "note"
        }
    }

    private func sarifResult(_ diagnostic: Diagnostic, lookup: SourceLookup) -> [String: Any] {
        var result: [String: Any] = [
            "ruleId": diagnostic.rule,
            "level": Self.sarifLevel(diagnostic.severity),
            "message": ["text": diagnostic.message],
        ]
        if let index = rules.firstIndex(where: { $0.id == diagnostic.rule }) { result["ruleIndex"] = index }
        if let hint = diagnostic.hint { result["properties"] = ["hint": hint] }
        if let location = diagnostic.location {
            result["locations"] = [["physicalLocation": physicalLocation(location, lookup)]]
        } else {
            result["locations"] = anchorLocations
        }
        if !diagnostic.related.isEmpty {
            result["relatedLocations"] = diagnostic.related.enumerated().map { index, note -> [String: Any] in
                [
                    "id": index + 1,
                    "physicalLocation": physicalLocation(note.location, lookup),
                    "message": ["text": note.message],
                ]
            }
        }
        return result
    }

    /// The location of a result about no file in particular: line 1 of ``sarifAnchorPath``.
    private var anchorLocations: [[String: Any]] {
        [
            [
                "physicalLocation": [
                    "artifactLocation": ["uri": sarifAnchorPath, "uriBaseId": "%SRCROOT%"],
                    "region": ["startLine": 1],
                ] as [String: Any]
            ]
        ]
    }

    private func physicalLocation(_ location: SourceLocation, _ lookup: SourceLookup) -> [String: Any] {
        var physical: [String: Any] = ["artifactLocation": ["uri": location.path, "uriBaseId": "%SRCROOT%"]]
        if let resolved = lookup.resolve(location) {
            physical["region"] = [
                "startLine": resolved.line, "startColumn": resolved.column,
                "endLine": resolved.endLine, "endColumn": resolved.endColumn,
            ]
        }
        return physical
    }
}
