// Splitting identifiers into lowercase words. One byte-level splitter serves both the public
// `String` API and the matcher's hot path, so the two can never disagree.
//
// Rules:
// - `_`, `-`, `.`, spaces and any other non-identifier character separate words.
// - A lowercase letter or digit followed by an uppercase letter starts a new word (`oldField`).
// - An uppercase run followed by a lowercase letter gives its last capital to the next word
//   (`HTTPServer` → http|server).
// - Digits stay attached to the letters before them (`oauth2Token` → oauth2|token,
//   `parseHTTPResponse2` → parse|http|response2, `v2` → v2); a lowercase letter after a digit
//   continues the word (`vec3d`), a capital starts a new one (`HTTP2Server` → http2|server).
//   Consequence: `old_field2` is not a spelling of `old_field` (its words are old|field2).
// - Non-ASCII letters are letters (`größe_wert` → größe|wert); their case comes from Unicode.

/// What one character is, for word splitting.
enum CharacterClass: Equatable {
    case upper
    case lower  // also letters without case and combining marks
    case digit
    case underscore
    case other  // ends an identifier
}

/// Classifies the character starting at `offset`; returns its class and its length in bytes.
/// Invalid UTF-8 counts as one `other` byte.
@inline(__always)
func classify(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> (CharacterClass, Int) {
    let byte = bytes[offset]
    if byte < 0x80 {
        switch byte {
        case 0x61...0x7A: return (.lower, 1)
        case 0x41...0x5A: return (.upper, 1)
        case 0x30...0x39: return (.digit, 1)
        case 0x5F: return (.underscore, 1)
        default: return (.other, 1)
        }
    }
    return classifyScalar(bytes, offset)
}

/// The slow path of ``classify(_:_:)`` for non-ASCII characters.
private func classifyScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> (CharacterClass, Int) {
    guard let (scalar, length) = decodeScalar(bytes, offset) else { return (.other, 1) }
    let properties = scalar.properties
    if properties.isUppercase { return (.upper, length) }
    if properties.isAlphabetic { return (.lower, length) }
    switch properties.generalCategory {
    case .decimalNumber: return (.digit, length)
    case .nonspacingMark, .spacingMark, .enclosingMark, .letterNumber: return (.lower, length)
    default: return (.other, length)
    }
}

/// Decodes one UTF-8 scalar at `offset`, or nil when the bytes there are not valid UTF-8.
func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> (Unicode.Scalar, Int)? {
    let lead = bytes[offset]
    let length: Int
    var value: UInt32
    switch lead {
    case 0xC2...0xDF: (length, value) = (2, UInt32(lead & 0x1F))
    case 0xE0...0xEF: (length, value) = (3, UInt32(lead & 0x0F))
    case 0xF0...0xF4: (length, value) = (4, UInt32(lead & 0x07))
    default: return nil
    }
    guard offset + length <= bytes.count else { return nil }
    for index in 1..<length {
        let next = bytes[offset + index]
        guard next & 0xC0 == 0x80 else { return nil }
        value = value << 6 | UInt32(next & 0x3F)
    }
    guard let scalar = Unicode.Scalar(value) else { return nil }
    return (scalar, length)
}

/// Byte ranges of the words in `range`, which may contain separators.
func wordRanges(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Range<Int>] {
    var words: [Range<Int>] = []
    var wordStart = -1
    var previous = CharacterClass.other
    var previousStart = range.lowerBound
    var offset = range.lowerBound
    while offset < range.upperBound {
        let (kind, length) = classify(bytes, offset)
        switch kind {
        case .underscore, .other:
            if wordStart >= 0 { words.append(wordStart..<offset) }
            wordStart = -1
        case .upper:
            if wordStart < 0 {
                wordStart = offset
            } else if previous == .lower || previous == .digit {
                words.append(wordStart..<offset)
                wordStart = offset
            }
        case .lower:
            if wordStart < 0 {
                wordStart = offset
            } else if previous == .upper && previousStart > wordStart {
                words.append(wordStart..<previousStart)
                wordStart = previousStart
            }
        case .digit:
            if wordStart < 0 { wordStart = offset }
        }
        previous = kind
        previousStart = offset
        offset += length
    }
    if wordStart >= 0 { words.append(wordStart..<range.upperBound) }
    return words
}

/// An identifier taken apart: the underscores around it and its lowercase words.
public struct SplitIdentifier: Sendable, Equatable {
    /// Leading underscores (`__` in `__old_field`), kept when suggesting a replacement.
    public var prefix: String
    /// The words, lowercased.
    public var words: [String]
    /// Trailing underscores (`_` in `class_`).
    public var suffix: String

    /// Creates a split identifier from its parts.
    public init(prefix: String, words: [String], suffix: String) {
        self.prefix = prefix
        self.words = words
        self.suffix = suffix
    }
}

/// Splits an identifier or phrase into lowercase words: snake_case, camelCase, PascalCase,
/// SCREAMING_SNAKE, kebab-case, dotted.names and prose all work; see the rules at the top of this file.
///
///     splitWords("HTTPServer")      // ["http", "server"]
///     splitWords("__old_field")     // ["old", "field"]
///     splitWords("oauth2Token")     // ["oauth2", "token"]
public func splitWords(_ identifier: String) -> [String] {
    splitIdentifier(identifier).words
}

/// Splits an identifier into its leading underscores, lowercase words and trailing underscores.
public func splitIdentifier(_ identifier: String) -> SplitIdentifier {
    let bytes = Array(identifier.utf8)
    let prefix = String(identifier.prefix { $0 == "_" })
    let suffix = prefix.count == identifier.count ? "" : String(identifier.reversed().prefix { $0 == "_" })
    let words = bytes.withUnsafeBufferPointer { buffer in
        wordRanges(buffer, 0..<buffer.count).map { String(decoding: buffer[$0], as: UTF8.self).lowercased() }
    }
    return SplitIdentifier(prefix: prefix, words: words, suffix: suffix)
}

/// Start of the identifier that ends at (or contains the byte before) `offset`.
func identifierStart(_ bytes: UnsafeBufferPointer<UInt8>, endingAt offset: Int) -> Int {
    var start = offset
    while start > 0 {
        var lead = start - 1
        while lead > 0, bytes[lead] & 0xC0 == 0x80, start - lead < 4 { lead -= 1 }
        if classify(bytes, lead).0 == .other { break }
        start = lead
    }
    return start
}

/// End of the identifier that continues at `offset`.
func identifierEnd(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int {
    var end = offset
    while end < bytes.count {
        let (kind, length) = classify(bytes, end)
        if kind == .other { break }
        end += length
    }
    return min(end, bytes.count)
}

/// True when the word at `range` equals the lowercase `target`, ignoring case.
func wordEquals(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ target: [UInt8]) -> Bool {
    if range.count == target.count {
        var index = 0
        while index < target.count {
            let byte = bytes[range.lowerBound + index]
            if byte >= 0x80 { break }
            if asciiLowercased(byte) != target[index] { return false }
            index += 1
        }
        if index == target.count { return true }
    }
    guard bytes[range].contains(where: { $0 >= 0x80 }) || target.contains(where: { $0 >= 0x80 }) else { return false }
    return String(decoding: bytes[range], as: UTF8.self).lowercased() == String(decoding: target, as: UTF8.self)
}
