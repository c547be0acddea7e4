import BelayChecks
import BelayCore

extension ReportRenderer {
    /// Most lines of a check's output shown; longer output keeps its end, where failures are reported.
    static let outputLineLimit = 200

    /// Compiler-style text: each diagnostic with its source line, caret and hint, then the checks, then a
    /// one-line summary.
    func renderText(_ report: Report) -> String {
        let lookup = SourceLookup(sources, masking: report.diagnostics)
        var out = ""
        let (shown, omitted) = Self.bounded(report.diagnostics, to: maxFindings)
        for diagnostic in shown {
            out += textBlock(diagnostic, lookup: lookup) + "\n"
        }
        if !omitted.isEmpty {
            out += paint(Self.omissionLine(omitted), bold: true) + "\n\n"
        }
        for check in report.checks {
            out += textLine(check)
        }
        for note in report.notes {
            out += paint("belay: note: ", .cyan) + note + "\n"
        }
        let summary = report.summary
        out += paint(summary, report.verdict == .pass ? .green : .red, bold: true) + "\n"
        return out
    }

    /// The findings to list, worst first (errors, then warnings, then notes; otherwise in report order),
    /// at most `limit` of them (`0`: all), and the ones left out.
    static func bounded(_ diagnostics: [Diagnostic], to limit: Int) -> (shown: [Diagnostic], omitted: [Diagnostic]) {
        func rank(_ severity: Severity) -> Int {
            switch severity {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }
        let ordered = diagnostics.enumerated().sorted {
            (rank($0.element.severity), $0.offset) < (rank($1.element.severity), $1.offset)
        }.map(\.element)
        guard limit > 0, ordered.count > limit else { return (ordered, []) }
        return (Array(ordered.prefix(limit)), Array(ordered.dropFirst(limit)))
    }

    /// `…and 299950 more (299949 trailing-whitespace, 1 final-newline): `belay check --format json` for all`
    static func omissionLine(_ omitted: [Diagnostic]) -> String {
        var counts: [String: Int] = [:]
        for diagnostic in omitted { counts[diagnostic.rule, default: 0] += 1 }
        let perRule = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.value) \($0.key)" }
        return "…and \(omitted.count) more (\(perRule.joined(separator: ", "))): "
            + "`belay check --format json` for all (or --max-findings 0)"
    }

    private func textBlock(_ diagnostic: Diagnostic, lookup: SourceLookup) -> String {
        let severityColour: Colour =
            switch diagnostic.severity {
            case .error: .red
            case .warning: .yellow
            case .note: .cyan
            }
        let label = paint("\(diagnostic.severity.rawValue)[\(diagnostic.rule)]", severityColour, bold: true)
        var out: String
        let resolved = diagnostic.location.flatMap { lookup.resolve($0) }
        if let resolved {
            out = paint("\(resolved.path):\(resolved.line):\(resolved.column):", bold: true)
            out += " \(label): \(paint(diagnostic.message, bold: true))\n"
            out += excerpt(resolved, colour: severityColour)
        } else if let location = diagnostic.location {
            out = paint("\(location.path):", bold: true) + " \(label): \(paint(diagnostic.message, bold: true))\n"
        } else {
            out = paint("belay:", bold: true) + " \(label): \(paint(diagnostic.message, bold: true))\n"
        }
        if let hint = diagnostic.hint {
            out += "  " + paint("= hint:", .cyan, bold: true) + " \(hint)\n"
        }
        for note in diagnostic.related {
            if let related = lookup.resolve(note.location) {
                out += paint("\(related.path):\(related.line):\(related.column):", bold: true)
                out += " " + paint("note:", .cyan, bold: true) + " \(note.message)\n"
                out += excerpt(related, colour: .cyan)
            } else {
                out += paint("\(note.location.path):", bold: true) + " " + paint("note:", .cyan, bold: true)
                out += " \(note.message)\n"
            }
        }
        return out
    }

    /// The source line, then `^` under the column and `~` under the rest of the range on that line. The
    /// caret's indent copies tabs from the source line so it lines up in any tab width.
    private func excerpt(_ location: ResolvedLocation, colour: Colour) -> String {
        let characters = Array(location.lineText)
        var indent = ""
        for character in characters.prefix(max(0, location.column - 1)) {
            indent += character == "\t" ? "\t" : " "
        }
        let lastColumn = location.endLine == location.line ? location.endColumn : characters.count + 1
        let tildes = max(0, min(lastColumn, characters.count + 1) - location.column - 1)
        let marker = "^" + String(repeating: "~", count: tildes)
        return location.lineText + "\n" + indent + paint(marker, colour, bold: true) + "\n"
    }

    private func textLine(_ check: CheckResult) -> String {
        let colour: Colour =
            switch check.status {
            case .passed: .green
            case .skipped: .none
            case .transient: .yellow
            default: .red
            }
        var line = "check \(check.name): " + paint(check.status.rawValue, colour, bold: true)
        var details = ["\(check.durationMs) ms"]
        if check.attempts > 1 { details.append("\(check.attempts) attempts") }
        if check.cached { details.append("cached") }
        line += " (" + details.joined(separator: ", ") + ")"
        if check.status == .transient {
            let retries = max(0, check.attempts - 1)
            line += " (infrastructure: \(check.infrastructure ?? "transient error") — not your change's fault; "
            line += "retried \(retries) time\(retries == 1 ? "" : "s"))"
        }
        line += "\n"
        guard [.failed, .timeout, .transient, .error].contains(check.status) else { return line }
        var outputLines = check.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while outputLines.last?.isEmpty == true { outputLines.removeLast() }
        if outputLines.count > Self.outputLineLimit {
            let omitted = outputLines.count - Self.outputLineLimit
            outputLines = ["… \(omitted) earlier lines omitted"] + outputLines.suffix(Self.outputLineLimit)
        }
        for outputLine in outputLines {
            line += outputLine.isEmpty ? "\n" : "    " + outputLine + "\n"
        }
        return line
    }

    enum Colour: String {
        case none = ""
        case red = "31"
        case green = "32"
        case yellow = "33"
        case cyan = "36"
    }

    private func paint(_ text: String, _ colour: Colour = .none, bold: Bool = false) -> String {
        guard self.colour, colour != .none || bold else { return text }
        let codes = [bold ? "1" : nil, colour == .none ? nil : colour.rawValue].compactMap { $0 }
        return "\u{1B}[" + codes.joined(separator: ";") + "m" + text + "\u{1B}[0m"
    }
}
