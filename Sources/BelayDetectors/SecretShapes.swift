import BelayCore

/// The credential shapes of `rules/secrets.json`, compiled for matching bytes: each shape's anchors are
/// grouped by first byte, so one pass over a line finds every candidate.
struct SecretTable: Sendable {
    /// A set of bytes (a character class such as `A-Za-z0-9_-`).
    struct ByteSet: Sendable {
        private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        init(_ spec: String = "") {
            let bytes = Array(spec.utf8)
            var index = 0
            while index < bytes.count {
                if index + 2 < bytes.count, bytes[index + 1] == 0x2D {
                    for byte in bytes[index]...bytes[index + 2] { insert(byte) }
                    index += 3
                } else {
                    insert(bytes[index])
                    index += 1
                }
            }
        }

        mutating func insert(_ byte: UInt8) {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }

        func contains(_ byte: UInt8) -> Bool {
            let bit = UInt64(1) << UInt64(byte & 63)
            switch byte >> 6 {
            case 0: return words.0 & bit != 0
            case 1: return words.1 & bit != 0
            case 2: return words.2 & bit != 0
            default: return words.3 & bit != 0
            }
        }

        static let alphanumeric = ByteSet("A-Za-z0-9")
    }

    /// A literal, or a run of a class with a length range.
    struct Segment: Sendable {
        var literal: [UInt8]?
        var chars: ByteSet
        var min: Int
        var max: Int
    }

    /// Shapes matched in code rather than by segments.
    enum Kind: String, Sendable {
        case segments, pem, urlPassword = "url-password"
    }

    /// One credential shape.
    struct Shape: Sendable {
        var id: String
        var name: String
        var anchors: [[UInt8]]
        var before: [Segment]
        var after: [Segment]
        var crc32: Bool
        var entropy: Double?
        var mixedCase: Int?
        var secretFrom: Int?
        var kind: Kind
        var severity: Severity
        /// Paths where a finding of this shape is a warning.
        var warningIn: [Glob]
    }

    var shapes: [Shape]
    var skipPaths: [Glob]
    /// Paths where private keys are test fixtures: reported as warnings.
    var fixturePaths: [Glob]
    var maxLineLength: Int
    var placeholders: [[UInt8]]
    var knownExamples: Set<String>
    /// `(shape index, anchor index)` by the anchor's first byte.
    var anchorsByFirstByte: [[(shape: Int, anchor: Int)]]
    /// One bit per byte pair that starts an anchor (every anchor has at least two bytes).
    private var pairs = [UInt64](repeating: 0, count: 1024)

    /// Whether the bytes `first`, `second` start some anchor.
    @inline(__always)
    func opensAnchor(_ first: UInt8, _ second: UInt8) -> Bool {
        let pair = Int(first) << 8 | Int(second)
        return pairs[pair >> 6] & (1 << UInt64(pair & 63)) != 0
    }

    /// The table compiled into the binary.
    static let builtIn: SecretTable = {
        do {
            return try SecretTable(Raw(rule: RuleData.value("secrets.json")))
        } catch {
            preconditionFailure("rules/secrets.json: \(error)")
        }
    }()

    init(_ raw: Raw) throws(BelayError) {
        var globs: [Glob] = []
        for pattern in raw.skipPaths { globs.append(try Glob(pattern)) }
        skipPaths = globs
        var fixtures: [Glob] = []
        for pattern in raw.fixturePaths { fixtures.append(try Glob(pattern)) }
        fixturePaths = fixtures
        maxLineLength = raw.maxLineLength
        placeholders = raw.placeholders.map { Array($0.utf8) }
        knownExamples = Set(raw.knownExamples)
        shapes = raw.shapes.map { shape in
            func segments(_ raw: [Raw.Segment]?) -> [Segment] {
                (raw ?? []).map { segment in
                    if let literal = segment.literal {
                        return Segment(literal: Array(literal.utf8), chars: ByteSet(), min: 0, max: 0)
                    }
                    let low = segment.length ?? segment.min ?? 1
                    return Segment(
                        literal: nil, chars: ByteSet(segment.chars ?? ""), min: low,
                        max: segment.length ?? segment.max ?? low)
                }
            }
            return Shape(
                id: shape.id, name: shape.name, anchors: shape.anchors.map { Array($0.utf8) },
                before: segments(shape.before), after: segments(shape.after), crc32: shape.checksum == "crc32-base62",
                entropy: shape.entropy, mixedCase: shape.mixedCase, secretFrom: shape.secretFrom,
                kind: shape.kind.flatMap(Kind.init(rawValue:)) ?? .segments,
                severity: shape.severity == "warning" ? .warning : .error,
                warningIn: (shape.warningIn ?? []).compactMap { try? Glob($0) })
        }
        var byFirst = [[(shape: Int, anchor: Int)]](repeating: [], count: 256)
        for (shapeIndex, shape) in shapes.enumerated() {
            for (anchorIndex, anchor) in shape.anchors.enumerated() {
                byFirst[Int(anchor[0])].append((shapeIndex, anchorIndex))
                let pair = Int(anchor[0]) << 8 | Int(anchor[1])
                pairs[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
        anchorsByFirstByte = byFirst
    }

    /// The JSON form of the table (decoded by hand from the parsed tree: see ``Raw/init(rule:)``).
    struct Raw {
        struct Segment {
            var literal: String?
            var chars: String?
            var length: Int?
            var min: Int?
            var max: Int?
        }
        struct Shape {
            var id: String
            var name: String
            var anchors: [String]
            var before: [Segment]?
            var after: [Segment]?
            var checksum: String?
            var entropy: Double?
            var mixedCase: Int?
            var secretFrom: Int?
            var kind: String?
            var severity: String?
            var warningIn: [String]?
        }
        var skipPaths: [String]
        var fixturePaths: [String]
        var maxLineLength: Int
        var placeholders: [String]
        var knownExamples: [String]
        var shapes: [Shape]
    }
}

extension SecretTable.Raw {
    /// Reads `rules/secrets.json`'s tree. By hand, not through `Codable`: the table is read on every run,
    /// and the generic decoding machinery cost more than a millisecond of each.
    init(rule: RuleValue) throws(BelayError) {
        skipPaths = try rule.requiredStrings("skipPaths")
        fixturePaths = try rule.requiredStrings("fixturePaths")
        guard let length = rule["maxLineLength"]?.integer else {
            throw .internal("rules: 'maxLineLength' must be a number")
        }
        maxLineLength = length
        placeholders = try rule.requiredStrings("placeholders")
        knownExamples = try rule.requiredStrings("knownExamples")
        guard let entries = rule["shapes"]?.array else { throw .internal("rules: 'shapes' must be an array") }
        var shapes: [Shape] = []
        for entry in entries { shapes.append(try Shape(rule: entry)) }
        self.shapes = shapes
    }
}

extension SecretTable.Raw.Shape {
    init(rule: RuleValue) throws(BelayError) {
        func segments(_ key: String) throws(BelayError) -> [SecretTable.Raw.Segment]? {
            guard let value = rule[key] else { return nil }
            guard let entries = value.array else { throw .internal("rules: '\(key)' must be an array") }
            return entries.map { entry in
                SecretTable.Raw.Segment(
                    literal: entry["literal"]?.string, chars: entry["chars"]?.string, length: entry["length"]?.integer,
                    min: entry["min"]?.integer, max: entry["max"]?.integer)
            }
        }
        self.init(
            id: try rule.requiredString("id"), name: try rule.requiredString("name"),
            anchors: try rule.requiredStrings("anchors"), before: try segments("before"), after: try segments("after"),
            checksum: rule["checksum"]?.string, entropy: rule["entropy"]?.number, mixedCase: rule["mixedCase"]?.integer,
            secretFrom: rule["secretFrom"]?.integer, kind: rule["kind"]?.string, severity: rule["severity"]?.string,
            warningIn: rule["warningIn"]?.strings)
    }
}

extension SecretTable {
    /// Whether a private key at `path` is a test fixture (a warning, not an error).
    func isFixture(_ path: String) -> Bool { fixturePaths.contains { $0.matches(path) } }
}

/// A match of a segment shape: where it starts and ends, and where its secret part starts.
struct ShapeMatch {
    var start: Int
    var end: Int
    var secretStart: Int
}

extension SecretTable.Shape {
    /// The match of this shape whose anchor `anchor` sits at `position` in `bytes[line]`, if any.
    func match(_ bytes: [UInt8], line: Range<Int>, anchor: [UInt8], at position: Int) -> ShapeMatch? {
        var start = position
        for segment in before.reversed() {
            if let literal = segment.literal {
                guard start - literal.count >= line.lowerBound,
                    bytes[(start - literal.count)..<start].elementsEqual(literal)
                else { return nil }
                start -= literal.count
                continue
            }
            var run = 0
            while run < segment.max, start - run - 1 >= line.lowerBound, segment.chars.contains(bytes[start - run - 1])
            {
                run += 1
            }
            guard run >= segment.min else { return nil }
            start -= run
        }
        if start > line.lowerBound {
            let previous = bytes[start - 1]
            if SecretTable.ByteSet.alphanumeric.contains(previous) { return nil }
            if let first = before.first, first.literal == nil, first.chars.contains(previous) { return nil }
        }
        var starts = [Int](repeating: 0, count: after.count + 1)
        guard let end = matchAfter(bytes, line: line, segment: 0, at: position + anchor.count, starts: &starts)
        else { return nil }
        let secretStart = secretFrom.map { starts[min($0, after.count)] } ?? start
        return ShapeMatch(start: start, end: end, secretStart: secretStart)
    }

    /// Matches `after[segment...]` from `position`, longest runs first, and returns the end.
    private func matchAfter(
        _ bytes: [UInt8], line: Range<Int>, segment: Int, at position: Int, starts: inout [Int]
    ) -> Int? {
        starts[segment] = position
        guard segment < after.count else {
            guard position < line.upperBound else { return position }
            let next = bytes[position]
            if SecretTable.ByteSet.alphanumeric.contains(next) { return nil }
            if let last = after.last, last.literal == nil, last.chars.contains(next) { return nil }
            return position
        }
        let current = after[segment]
        if let literal = current.literal {
            guard position + literal.count <= line.upperBound,
                bytes[position..<(position + literal.count)].elementsEqual(literal)
            else { return nil }
            return matchAfter(bytes, line: line, segment: segment + 1, at: position + literal.count, starts: &starts)
        }
        var run = 0
        while run < current.max, position + run < line.upperBound, current.chars.contains(bytes[position + run]) {
            run += 1
        }
        guard run >= current.min else { return nil }
        for length in stride(from: run, through: current.min, by: -1) {
            if let end = matchAfter(bytes, line: line, segment: segment + 1, at: position + length, starts: &starts) {
                return end
            }
        }
        return nil
    }
}
