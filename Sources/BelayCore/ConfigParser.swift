import Foundation

extension Config {
    /// Parses and validates the bytes of a `belay.json5`.
    ///
    /// Foundation reads the JSON5 syntax; the schema in DESIGN.md is then checked by hand. Every problem
    /// (a syntax error, an unknown key, a wrong type, a missing `name` or `run`, a duplicate check name, a
    /// bad severity, a bad glob) throws ``BelayError/configuration(file:line:key:message:)`` naming `file`,
    /// the 1-based line of the offending key and its key path (`checks[1].timout`), with a "did you mean"
    /// when a known key is close. Rule ids under `rules` are checked only when `ruleIDs` is given (the
    /// detector registry knows them; this target does not), with the same line and key-path reporting.
    public static func parse(_ bytes: [UInt8], file: String, ruleIDs: [String]? = nil) throws(BelayError) -> Config {
        let locator = JSON5Locator(bytes)
        let root: JSON5Value
        do {
            let decoder = JSONDecoder()
            decoder.allowsJSON5 = true
            root = try decoder.decode(JSON5Value.self, from: Data(bytes))
        } catch {
            if let duplicate = locator.duplicates.first {
                throw .configuration(
                    file: file, line: duplicate.line, key: duplicate.path, message: "the key appears twice")
            }
            var (line, detail) = syntaxErrorLocation(error, bytes: bytes)
            if line == 0, let found = locator.syntaxErrorLine {
                line = found
                detail = "look for a missing comma, colon, quote or bracket here or just before"
            }
            throw .configuration(file: file, line: line, key: "", message: "invalid JSON5: \(detail)")
        }
        if let duplicate = locator.duplicates.first {
            throw .configuration(
                file: file, line: duplicate.line, key: duplicate.path, message: "the key appears twice")
        }
        return try ConfigReader(file: file, lines: locator.lines, ruleIDs: ruleIDs).config(root)
    }

    /// The line Foundation names in a syntax error ("… around line 3, column 7"), and its message.
    static func syntaxErrorLocation(_ error: any Error, bytes: [UInt8]) -> (line: Int, detail: String) {
        var messages: [String] = []
        var current: (any Error)? = error
        while let next = current {
            if case DecodingError.dataCorrupted(let context) = next {
                messages.append(context.debugDescription)
                current = context.underlyingError
            } else {
                let nsError = next as NSError
                if let debug = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { messages.append(debug) }
                current = nsError.userInfo[NSUnderlyingErrorKey] as? any Error
            }
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            return (1, "the file is empty; write {} for the defaults")
        }
        for message in messages.reversed() {
            if let line = number(after: "line ", in: message) { return (line, message) }
        }
        // No line in the message: a character index, if there is one, can still be turned into a line.
        for message in messages.reversed() {
            if let offset = number(after: "character ", in: message), offset <= bytes.count {
                let line = 1 + bytes[0..<offset].count(where: { $0 == 0x0A })
                return (line, message)
            }
        }
        return (0, messages.last ?? "\(error)")
    }

    private static func number(after marker: String, in message: String) -> Int? {
        guard let range = message.range(of: marker) else { return nil }
        let digits = message[range.upperBound...].prefix(while: { $0.isASCII && $0.isNumber })
        return Int(digits)
    }
}

/// A JSON5 value as Foundation decoded it, keeping booleans, numbers and strings apart.
enum JSON5Value: Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON5Value])
    case object([String: JSON5Value])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSON5Value].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSON5Value].self))
        }
    }

    /// How messages name this kind of value.
    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
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
