/// A naming style: how the words of a name are joined and cased.
public enum NamingStyle: String, Sendable, Codable, CaseIterable {
    /// `old_field`
    case snake
    /// `oldField`
    case camel
    /// `OldField`
    case pascal
    /// `OLD_FIELD`
    case screaming
    /// `old-field`
    case kebab
    /// `old.field`
    case dotted
    /// `old field`, matched case-insensitively in any text.
    case prose
    /// `oldfield` / `OLDFIELD`: only for names of two or more words whose flat form is at least
    /// ``minimumFlatLength`` characters, so short flat words (`idx`, `toid`) do not add noise.
    case flat

    /// Shortest flat spelling worth searching for.
    public static let minimumFlatLength = 8
}

/// One way of writing a name.
public struct Spelling: Sendable, Hashable {
    /// The naming style.
    public var style: NamingStyle
    /// The name written in that style.
    public var text: String

    /// Creates a spelling.
    public init(style: NamingStyle, text: String) {
        self.style = style
        self.text = text
    }
}

/// Every spelling of a name given as lowercase words. A one-word name has three distinct spellings
/// (`field`, `Field`, `FIELD`, named snake, pascal and screaming); longer names have one per style,
/// `flat` only when it is long enough (see ``NamingStyle/flat``).
public func spellings(of words: [String]) -> [Spelling] {
    guard !words.isEmpty else { return [] }
    if words.count == 1 {
        return [.snake, .pascal, .screaming].map { Spelling(style: $0, text: respell(words, like: $0)) }
    }
    return NamingStyle.allCases.compactMap { style in
        let text = respell(words, like: style)
        if style == .flat && text.count < NamingStyle.minimumFlatLength { return nil }
        return Spelling(style: style, text: text)
    }
}

/// Writes lowercase words in a naming style: `respell(["new", "field"], like: .camel)` is `newField`.
///
/// `sample`, the text being replaced, refines the case for the styles that do not fix it: an
/// all-capital sample gives an all-capital result (`OLD-FIELD` → `NEW-FIELD`, `OLDFIELD` → `NEWFIELD`)
/// and a capitalised prose sample a capitalised result (`Old field` → `New field`).
public func respell(_ newWords: [String], like style: NamingStyle, matching sample: String? = nil) -> String {
    let words = newWords.map { $0.lowercased() }
    let shouting = sample.map(isAllCapitals) ?? false
    let joined: String
    switch style {
    case .snake: joined = words.joined(separator: "_")
    case .camel: joined = words.enumerated().map { $0.offset == 0 ? $0.element : capitalized($0.element) }.joined()
    case .pascal: return words.map(capitalized).joined()
    case .screaming: return words.joined(separator: "_").uppercased()
    case .kebab: joined = words.joined(separator: "-")
    case .dotted: joined = words.joined(separator: ".")
    case .prose:
        let text = words.joined(separator: " ")
        if shouting { return text.uppercased() }
        if let first = sample?.unicodeScalars.first, first.properties.isUppercase { return capitalized(text) }
        return text
    case .flat: joined = words.joined()
    }
    return shouting && style != .camel ? joined.uppercased() : joined
}

/// `word` with its first character in upper case.
func capitalized(_ word: String) -> String {
    guard let first = word.first else { return word }
    return first.uppercased() + word.dropFirst()
}

/// True when `text` has cased letters and all of them are capitals.
func isAllCapitals(_ text: String) -> Bool {
    var sawCapital = false
    for scalar in text.unicodeScalars {
        if scalar.properties.isLowercase { return false }
        if scalar.properties.isUppercase { sawCapital = true }
    }
    return sawCapital
}
