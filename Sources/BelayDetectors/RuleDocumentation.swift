import BelayCore

/// The text of `belay rules` and `belay explain ID`: pure functions of the rule descriptions.
public enum RuleDocumentation {
    /// A table of rules: id, default severity and summary, one rule per line, sorted by id.
    public static func rulesTable(_ rules: [any Rule.Type] = DetectorRegistry.all) -> String {
        let descriptions = rules.map { $0.description }.sorted { $0.id < $1.id }
        let idWidth = max(2, descriptions.map(\.id.count).max() ?? 0)
        let severityWidth = "default".count
        func row(_ id: String, _ severity: String, _ summary: String) -> String {
            id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  "
                + severity.padding(toLength: severityWidth, withPad: " ", startingAt: 0) + "  " + summary
        }
        var lines = [row("id", "default", "summary")]
        for description in descriptions {
            lines.append(row(description.id, description.defaultSeverity.rawValue, description.summary))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The documentation of `rule`: summary, why it matters, default severity, the fix, and its examples.
    /// Triggering examples are shown with a caret and the message under each finding; a carriage return
    /// is shown as `␍` so line-ending findings are visible.
    public static func explain(_ rule: any Rule.Type) -> String {
        let description = rule.description
        var out = "\(description.id): \(description.summary)\n\n"
        out += "Why: \(description.rationale)\n\n"
        out += "Default severity: \(description.defaultSeverity.rawValue)\n"
        out += "Fix: \(description.hint)\n"
        if !description.triggering.isEmpty {
            out += "\nTriggering examples:\n"
            for example in description.triggering {
                out += "\n" + render(example, rule: rule)
            }
        }
        if !description.nonTriggering.isEmpty {
            out += "\nNot triggering:\n"
            for example in description.nonTriggering {
                out += "\n" + render(example, rule: nil)
            }
        }
        return out
    }

    /// One example under a `--- file name` header; with `rule`, each finding is shown under its line.
    static func render(_ example: RuleDescription.Example, rule: (any Rule.Type)?) -> String {
        let marked = MarkedText(example.code)
        let file = SourceFile(path: example.fileName, bytes: marked.bytes)
        var findings: [Diagnostic] = []
        if case .file(let detector) = rule?.instantiate() { findings = detector.findings(in: file) }
        var out = "    --- \(example.fileName)\n"
        if file.bytes.isEmpty { out += "    (empty file)\n" }
        file.forEachLine { content, ending in
            let text = String(decoding: file.bytes[content], as: UTF8.self)
            out += "    " + text + (ending == .crlf ? "␍" : "") + "\n"
            let onLine = findings.filter { diagnostic in
                guard let start = diagnostic.location?.start else { return false }
                return start >= content.lowerBound
                    && (start < content.upperBound + ending.length
                        || (ending == .none && start == content.upperBound))
            }
            for diagnostic in onLine {
                let start = diagnostic.location!.start
                let prefix = file.bytes[content.lowerBound..<min(start, content.upperBound)]
                var indent = ""
                for character in String(decoding: prefix, as: UTF8.self) {
                    indent += character == "\t" ? "\t" : " "
                }
                out += "    " + indent + "^ " + diagnostic.message + "\n"
            }
        }
        return out
    }
}
