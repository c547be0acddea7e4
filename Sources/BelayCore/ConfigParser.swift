extension Config {
    /// Parses and validates the bytes of a `belay.json5`.
    ///
    /// ``JSON5Parser`` reads the JSON5 syntax; the schema in DESIGN.md is then checked by hand. Every problem
    /// (a syntax error, a duplicate key, an unknown key, a wrong type, a missing `name` or `run`, a duplicate
    /// check name, a bad severity, a bad glob) throws ``BelayError/configuration(file:line:key:message:)``
    /// naming `file`, the 1-based line of the offending key and its key path (`checks[1].timout`), with a
    /// "did you mean" when a known key is close. Rule ids under `rules` are checked only when `ruleIDs` is
    /// given (the detector registry knows them; this target does not), with the same line and key-path
    /// reporting.
    public static func parse(_ bytes: [UInt8], file: String, ruleIDs: [String]? = nil) throws(BelayError) -> Config {
        let document: JSON5Parser.Located
        do {
            document = try JSON5Parser.parseLocated(bytes)
        } catch {
            switch error.kind {
            case .duplicateKey(let path):
                throw .configuration(file: file, line: error.line, key: path, message: "the key appears twice")
            case .empty:
                throw .configuration(
                    file: file, line: 1, key: "", message: "invalid JSON5: the file is empty; write {} for the defaults"
                )
            case .syntax:
                throw .configuration(file: file, line: error.line, key: "", message: "invalid JSON5: \(error.message)")
            }
        }
        return try ConfigReader(file: file, lines: document.lines, ruleIDs: ruleIDs).config(document.value)
    }
}

/// Suggests the candidate closest to `word` when it is plausibly a typo of it.
func closestMatch(to word: String, in candidates: [String]) -> String? {
    let lowered = Array(word.lowercased())
    var best: (String, Int)?
    for candidate in candidates {
        let other = candidate.lowercased()
        if lowered.count >= 3, other.hasPrefix(String(lowered)) || String(lowered).hasPrefix(other) {
            return candidate
        }
        let distance = editDistance(lowered, Array(candidate.lowercased()))
        let limit = max(1, min(3, candidate.count / 3))
        if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
    }
    return best?.0
}

private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
        var row = [i + 1]
        for (j, y) in b.enumerated() {
            row.append(min(previous[j + 1] + 1, row[j] + 1, previous[j] + (x == y ? 0 : 1)))
        }
        previous = row
    }
    return previous[b.count]
}
