import BelayCore
import BelayScan

/// `added-not-replaced`: an added line (or argument) that copies a surviving one with the old name swapped
/// for the new, in a change that elsewhere replaces that old name with the new one. Without that rename
/// evidence a look-alike new line is just new code.
public struct AddedNotReplacedDetector: ChangeDetector {
    /// The rule's id, documentation and examples.
    public static let description = RuleDescription(
        id: "added-not-replaced",
        summary:
            "an added line or argument that copies a surviving one with the old name swapped for the new: the old one should have been replaced",
        rationale: """
            Renaming means replacing. An agent that adds `new_field = …` next to `old_field = …`, or passes \
            `process_data(new_field, old_field)`, leaves both names alive: the old one keeps being read and \
            written, and the bug surfaces far from the change. belay flags an added line that equals a line the \
            change left in place once the new name is read as the old one, but only when the change replaces \
            the old name with the new one somewhere else (the rename evidence).
            """,
        defaultSeverity: .error,
        hint: "replace the old line (or argument) instead of adding a new one next to it",
        triggering: [
            .init(
                """
                # elsewhere the change renames process_data(old_field) to process_data(new_field)
                class Record(models.Model):
                    old_field = models.CharField(max_length=50)
                    1️⃣new_field = models.CharField(max_length=50)

                """, fileName: "app/models.py"),
            .init(
                """
                # the change turned process_data(old_field) into:
                process_data(1️⃣new_field, old_field)

                """, fileName: "app/views.py"),
        ],
        nonTriggering: [
            .init(
                """
                # no rename anywhere in the change: a new field that merely looks like an old one
                class Record(models.Model):
                    old_field = models.CharField(max_length=50)
                    new_field = models.CharField(max_length=50)

                """, fileName: "app/models.py")
        ]
    )

    /// Creates the detector.
    public init() {}

    public func findings(in changes: [FileChangeInput]) -> [Diagnostic] {
        let analysis = RenameEvidenceFinder.analyze(changes.map(\.versions))
        // The evidence: renames the change makes, and new names it switched references to while the old
        // definition stayed. A look-alike line with neither is just new code.
        var evidence: [String: (old: String, new: String, places: Set<String>)] = [:]
        for rename in analysis.renames + analysis.siblings where !rename.isRestyle {
            let key = rename.new
            guard evidence[key] == nil else { continue }
            let places = Set(
                analysis.replacements.filter { $0.old == rename.old && $0.new == rename.new }.map {
                    "\($0.path):\($0.newLine)"
                })
            evidence[key] = (rename.old, rename.new, places)
        }
        guard !evidence.isEmpty else { return [] }
        var result: [Diagnostic] = []
        for file in analysis.files {
            result += copiedLines(file, evidence)
        }
        return result
    }

    private func copiedLines(
        _ file: FileComparison, _ evidence: [String: (old: String, new: String, places: Set<String>)]
    ) -> [Diagnostic] {
        let scan = file.newScan
        let surviving = file.unchangedNewLines()
        var bySignature: [[String]: Int] = [:]
        for line in surviving.sorted() where !file.newLineTokens[line].isEmpty {
            bySignature[signature(scan, file.newLineTokens[line], swap: nil)] =
                bySignature[
                    signature(scan, file.newLineTokens[line], swap: nil)] ?? line
        }
        var result: [Diagnostic] = []
        for hunk in file.hunks {
            for line in hunk.new {
                let tokens = file.newLineTokens[line]
                for k in tokens where scan.tokens[k].kind == .identifier {
                    let key = scan.text(k)
                    guard let rename = evidence[key], !rename.places.contains("\(file.path):\(line + 1)") else {
                        continue
                    }
                    // A new function, method or type beside the old one is new API, not a copied line.
                    if let defined = file.newDefinitions[k], [.function, .method, .class].contains(defined.kind) {
                        break
                    }
                    // A local or parameter of the line's own function is a live variable of that name.
                    if isBound(file, k) { break }
                    let swap = (key, rename.old)
                    if let original = bySignature[signature(scan, tokens, swap: swap)] {
                        let start = tokens[0]
                        result.append(
                            finding(
                                "this line copies line \(original + 1) with '\(rename.old)' → '\(rename.new)', but line \(original + 1) is still there: replace it instead of adding",
                                file: file, at: scan.tokens[start].start,
                                end: scan.tokens[tokens[tokens.count - 1]].end,
                                original: original))
                        break
                    }
                    if let argument = copiedArgument(file, tokens, at: k, old: swap.1) {
                        result.append(
                            finding(
                                "this argument copies '\(scan.text(argument))' with '\(rename.old)' → '\(rename.new)', but '\(scan.text(argument))' is still passed: replace it instead of adding",
                                file: file, at: scan.tokens[k].start, end: scan.tokens[k].end,
                                original: file.newLines.line(containing: scan.tokens[argument].start)))
                        break
                    }
                }
            }
        }
        return result
    }

    /// The old name passed in the same argument or parameter list as the new name at `k`, if any: both
    /// directly in the list (not inside a nested call) and both passed values or parameters, not labels
    /// (`start(address: .hostname(hostname))` passes one argument).
    private func copiedArgument(_ file: FileComparison, _ tokens: [Int], at k: Int, old: String) -> Int? {
        let scan = file.newScan
        guard let position = tokens.firstIndex(of: k), position > 0 else { return nil }
        var depth = 0
        var open: Int?
        for index in stride(from: position - 1, through: 0, by: -1) {
            let text = scan.text(tokens[index])
            if text == ")" { depth += 1 }
            if text == "(" {
                if depth == 0 {
                    open = index
                    break
                }
                depth -= 1
            }
        }
        guard let open, let close = scan.matchingBracket(tokens[open]) else { return nil }
        let previous = scan.text(tokens[position - 1])
        guard previous == "(" || previous == ",", !isLabel(file, k, before: close) else { return nil }
        var nesting = 0
        for other in (tokens[open] + 1)..<close where scan.tokens[other].isCode {
            let text = scan.text(other)
            if text == "(" || text == "[" || text == "{" { nesting += 1 }
            if text == ")" || text == "]" || text == "}" { nesting -= 1 }
            guard nesting == 0, other != k, scan.tokens[other].kind == .identifier,
                text == old, scan.scope(of: other) == scan.scope(of: k),
                !isLabel(file, other, before: close)
            else { continue }
            let before = scan.tokens[(tokens[open])..<other].lastIndex { $0.isCode }.map { scan.text($0) }
            if before == "(" || before == "," { return other }
        }
        return nil
    }

    /// Whether the name at `k` is a parameter or local of the function it sits in: passing it next to the
    /// old name passes two live values (`register(database, manager)` in `registerManager(database, manager)`).
    private func isBound(_ file: FileComparison, _ k: Int) -> Bool {
        let scan = file.newScan
        var enclosing: Set<Int> = []
        var id: Int? = scan.scope(of: k)
        while let current = id {
            enclosing.insert(current)
            id = scan.scopes[current].parent
        }
        let name = scan.text(k)
        return file.newDefinitions.values.contains { definition in
            definition.name == name && (definition.kind == .parameter || definition.kind == .variable)
                && definition.functionScope.map(enclosing.contains) == true
        }
    }

    /// Whether the identifier at `k` labels an argument (`name:` or `name=`) rather than passing a value; a
    /// parameter with a type or a default (`new_field: str`) is not a label.
    private func isLabel(_ file: FileComparison, _ k: Int, before close: Int) -> Bool {
        let scan = file.newScan
        if file.newDefinitions[k]?.kind == .parameter { return false }
        guard let next = scan.tokens[(k + 1)..<close].firstIndex(where: { $0.isCode }) else { return false }
        let text = scan.text(next)
        return text == ":" || text == "="
    }

    /// A line's tokens as text, identifiers normalized, with `swap` (new → old) applied.
    private func signature(_ scan: ScannedFile, _ tokens: [Int], swap: (String, String)?) -> [String] {
        tokens.map { k in
            let text = scan.text(k)
            if let swap, scan.tokens[k].kind == .identifier, text == swap.0 { return swap.1 }
            return text
        }
    }

    private func finding(
        _ message: String, file: FileComparison, at start: Int, end: Int, original: Int
    ) -> Diagnostic {
        var diagnostic = Self.diagnostic(message, path: file.path, start: start, end: end)
        let range = file.newLines.ranges[original]
        var first = range.lowerBound
        while first < range.upperBound, file.newScan.bytes[first] == 0x20 || file.newScan.bytes[first] == 0x09 {
            first += 1
        }
        diagnostic.related = [
            RelatedNote(
                location: SourceLocation(path: file.path, start: first, end: range.upperBound),
                message: "the line it copies, still there")
        ]
        return diagnostic
    }
}
