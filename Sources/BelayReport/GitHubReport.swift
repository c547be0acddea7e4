import BelayChecks
import BelayCore
import Foundation

extension ReportRenderer {
    /// GitHub Actions workflow commands: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=belay
    /// rule-id::message` per diagnostic (`::warning` / `::notice` by severity; the hint follows the message
    /// on its own line), `::error title=belay check NAME::…` per check that did not pass, `::notice` per
    /// note, then the plain summary line.
    func renderGitHub(_ report: Report) -> String {
        let lookup = SourceLookup(sources, masking: report.diagnostics)
        var out = ""
        for diagnostic in report.diagnostics {
            var properties: [(String, String)] = []
            if let location = diagnostic.location {
                properties.append(("file", location.path))
                if let resolved = lookup.resolve(location) {
                    properties += [
                        ("line", "\(resolved.line)"), ("col", "\(resolved.column)"),
                        ("endLine", "\(resolved.endLine)"), ("endColumn", "\(resolved.endColumn)"),
                    ]
                }
            }
            properties.append(("title", "belay \(diagnostic.rule)"))
            var message = diagnostic.message
            if let hint = diagnostic.hint { message += "\nhint: \(hint)" }
            for note in diagnostic.related {
                let place = lookup.resolve(note.location).map { ":\($0.line):\($0.column)" } ?? ""
                message += "\n\(note.location.path)\(place): \(note.message)"
            }
            out += Self.workflowCommand(Self.githubCommand(diagnostic.severity), properties, message)
        }
        for check in report.checks where check.blocks {
            var message = "check '\(check.name)' \(check.status) (\(check.durationMs) ms)"
            if check.status == .transient {
                let retries = max(0, check.attempts - 1)
                message += " — infrastructure: \(check.infrastructure ?? "transient error"), not the change's "
                message += "fault; retried \(retries) time\(retries == 1 ? "" : "s")"
            }
            let tail = check.outputTail(50)
            if !tail.isEmpty { message += "\n" + tail.joined(separator: "\n") }
            out += Self.workflowCommand("error", [("title", "belay check \(check.name)")], message)
        }
        for note in report.notes {
            out += Self.workflowCommand("notice", [("title", "belay")], note)
        }
        return out + report.summary + "\n"
    }

    static func githubCommand(_ severity: Severity) -> String {
        switch severity {
        case .error: "error"
        case .warning: "warning"
        case .note: "notice"
        }
    }

    /// `::command key=value,…::message` with GitHub's escaping: `%`, `\r`, `\n` everywhere, and `:` and `,`
    /// in property values.
    static func workflowCommand(_ command: String, _ properties: [(String, String)], _ message: String) -> String {
        let props = properties.map { "\($0.0)=\(escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(command)\(props.isEmpty ? "" : " " + props)::\(escapeData(message))\n"
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
