import BelayCore

/// The allow markers in a migration's comments: belay's own
/// `belay: allow destructive-migration(<kind>[, <kind>]) -- <reason>` (the reason is required; a marker
/// without one, or naming no known kind, allows nothing), squawk's `squawk-ignore <rules>` and
/// `squawk-ignore-file`, and Atlas' `atlas:nolint [checks]`. A marker allows the statement it is on or the
/// one right under it (comment lines between them allowed); in the file's header (the comments before
/// any code) it allows the whole file.
struct MigrationMarkers {
    struct Marker {
        /// Kinds allowed; `nil` is every kind.
        var kinds: Set<String>?
        var line: Int
        var fileWide: Bool
    }

    private(set) var markers: [Marker] = []
    private var commentLines: Set<Int> = []
    private let lineIndex: LineIndex

    /// squawk's rules, by the kind each covers.
    static let squawkRules: [String: Set<String>] = [
        "ban-drop-column": ["drop-column", "drop-and-add"], "ban-drop-table": ["drop-table"],
        "renaming-column": ["rename-column"], "renaming-table": ["rename-table"],
        "changing-column-type": ["change-type"], "adding-not-nullable-field": ["not-null"],
        "adding-required-field": ["not-null"], "ban-truncate-cascade": ["truncate"],
    ]
    /// Atlas' checks and analyzers, by the kind each covers.
    static let atlasChecks: [String: Set<String>] = [
        "destructive": ["drop-column", "drop-table", "drop-and-add"], "ds102": ["drop-table"],
        "ds103": ["drop-column", "drop-and-add"], "backward_incompatible": ["rename-column", "rename-table"],
        "bc101": ["rename-table"], "bc102": ["rename-column"], "data_depend": ["not-null", "change-type"],
        "mf103": ["not-null"], "mf104": ["not-null"],
    ]

    /// Reads the markers of `comments` (byte ranges and text); `codeStart` is where the first code is.
    init(comments: [(start: Int, end: Int, text: String)], codeStart: Int, bytes: [UInt8], lineIndex: LineIndex) {
        self.lineIndex = lineIndex
        for comment in comments {
            let first = lineIndex.lineNumber0(at: comment.start)
            let last = lineIndex.lineNumber0(at: max(comment.start, comment.end - 1))
            // A line is a comment line when nothing but blanks comes before its comment.
            var lineStart = comment.start
            while lineStart > 0, bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
            let alone = bytes[lineStart..<min(comment.start, bytes.count)].allSatisfy { $0 == 0x20 || $0 == 0x09 }
            for line in (alone ? first : first + 1)...max(last, alone ? first : first + 1) where line <= last {
                commentLines.insert(line)
            }
            let header = comment.end <= codeStart
            for part in comment.text.split(separator: "\n") {
                if let marker = Self.marker(String(part), line: last, header: header) { markers.append(marker) }
            }
        }
    }

    static func marker(_ text: String, line: Int, header: Bool) -> Marker? {
        let lower = text.lowercased()
        if let range = lower.range(of: "squawk-ignore-file") {
            return Marker(kinds: kinds(lower[range.upperBound...], table: squawkRules), line: line, fileWide: true)
        }
        if let range = lower.range(of: "squawk-ignore") {
            return Marker(kinds: kinds(lower[range.upperBound...], table: squawkRules), line: line, fileWide: header)
        }
        if let range = lower.range(of: "atlas:nolint") {
            return Marker(kinds: kinds(lower[range.upperBound...], table: atlasChecks), line: line, fileWide: header)
        }
        guard let belay = lower.range(of: "belay:") else { return nil }
        var rest = lower[belay.upperBound...].drop { $0 == " " }
        guard rest.hasPrefix("allow") else { return nil }
        rest = rest.dropFirst("allow".count).drop { $0 == " " }
        guard rest.hasPrefix("destructive-migration("), let close = rest.firstIndex(of: ")") else { return nil }
        let named = rest[rest.index(rest.startIndex, offsetBy: "destructive-migration(".count)..<close]
            .split(separator: ",").map { $0.trimmingCharacters(in: [" "]) }
        guard !named.isEmpty, named.allSatisfy({ MigrationSettings.kinds.contains($0) }) else { return nil }
        let after = rest[rest.index(after: close)...].drop { $0 == " " }
        guard after.hasPrefix("--"), after.dropFirst(2).contains(where: { $0.isLetter || $0.isNumber }) else {
            return nil
        }
        return Marker(kinds: Set(named), line: line, fileWide: header)
    }

    /// The kinds the names after a squawk or Atlas marker cover: `nil` (every kind) when none is named, an
    /// empty set when the names cover none of belay's kinds.
    static func kinds(_ text: Substring, table: [String: Set<String>]) -> Set<String>? {
        let names = text.split { $0 == " " || $0 == "," || $0 == "\t" }.map(String.init)
            .prefix { $0.first?.isLetter == true || $0.first?.isNumber == true }
        let known = names.filter { $0 != "*/" && !$0.hasPrefix("--") }
        if known.isEmpty { return nil }
        return known.reduce(into: Set<String>()) { $0.formUnion(table[$1] ?? []) }
    }

    /// Whether a marker allows `kind` for the statement at bytes `start..<end`.
    func allows(_ kind: String, start: Int, end: Int) -> Bool {
        let first = lineIndex.lineNumber0(at: start)
        let last = lineIndex.lineNumber0(at: max(start, end - 1))
        var above = first - 1
        var lines = Set(first...last)
        while above >= 0, commentLines.contains(above) {
            lines.insert(above)
            above -= 1
        }
        return markers.contains { marker in
            (marker.kinds?.contains(kind) ?? true) && (marker.fileWide || lines.contains(marker.line))
        }
    }
}
