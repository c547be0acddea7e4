import BelayCore

/// How a string form embeds code.
public enum InterpolationStyle: String, Codable, Sendable {
    /// Python f-strings and t-strings: `{expr}`, `{{` escapes a brace, `{x:>{w}}` format specs.
    case braces
    /// JavaScript / TypeScript template literals: `${expr}`.
    case dollarBrace
    /// Kotlin: `$name` and `${expr}`.
    case dollar
    /// Swift: `\(expr)`, or `\#(expr)` inside `#"…"#`.
    case backslashParen
    /// Ruby: `#{expr}`.
    case hashBrace
}

/// How a language delimits scopes.
public enum ScopeStyle: String, Codable, Sendable {
    /// Python: indentation.
    case indentation
    /// `{` … `}`.
    case braces
    /// Ruby: `def` / `class` / `if` / `do` … `end` (and braces for blocks).
    case end
}

/// One quoted form of a language (`"…"`, `'''…'''`, `` `…` ``).
public struct StringForm: Codable, Sendable {
    /// Opening delimiter.
    public var open: String
    /// Closing delimiter.
    public var close: String
    /// Whether backslash escapes apply.
    public var escapes: Bool
    /// Whether the literal may span lines (otherwise an unterminated literal stops at the line end).
    public var multiline: Bool
    /// How the form embeds code, if it does.
    public var interpolation: InterpolationStyle?
    /// `string` (default) or `char`.
    public var kind: String?
}

/// A string prefix (`r`, `f`, `rb`, `b`…) and what it changes.
public struct StringPrefix: Codable, Sendable {
    /// The prefix letters, exactly as written.
    public var text: String
    /// Backslashes do not escape.
    public var raw: Bool?
    /// The prefix makes the string interpolating.
    public var interpolation: InterpolationStyle?
}

/// A block comment form.
public struct BlockComment: Codable, Sendable {
    /// Opening delimiter, e.g. `/*`.
    public var open: String
    /// Closing delimiter, e.g. `*/`.
    public var close: String
    /// Whether block comments nest (Swift, Rust, Kotlin).
    public var nests: Bool
    /// Openings that make the comment documentation (`/**`, `/*!`).
    public var docOpens: [String]?
}

/// The lexical profile of one language, as declared in `rules/languages.json`.
public struct LanguageProfile: Codable, Sendable {
    /// The language's name (`python`, `javascript`, …).
    public var name: String
    /// File extensions without the dot.
    public var extensions: [String]
    /// Exact file names (`Rakefile`).
    public var fileNames: [String]?
    /// Interpreter names recognised on a `#!` line.
    public var shebangs: [String]
    /// Line comment starts.
    public var lineComments: [String]
    /// Line comment starts that make documentation (`///`, `//!`).
    public var docLineComments: [String]
    /// Block comment forms.
    public var blockComments: [BlockComment]
    /// Quoted forms, longest opening first.
    public var strings: [StringForm]
    /// String prefixes.
    public var prefixes: [StringPrefix]?
    /// ASCII characters besides letters that may start an identifier.
    public var identifierStart: String
    /// ASCII characters besides letters and digits that may continue an identifier.
    public var identifierPart: String
    /// Characters that may end an identifier (Ruby `?` and `!`).
    public var identifierSuffixes: String?
    /// Whether `` `name` `` is an identifier (Swift, Kotlin).
    public var backtickIdentifiers: Bool?
    /// Reserved words.
    public var keywords: [String]
    /// Words that open a definition.
    public var definitionKeywords: [String]
    /// Words that import.
    public var importKeywords: [String]
    /// Words that open or continue a branch.
    public var branchKeywords: [String]
    /// Keywords after which `/` starts a regex literal.
    public var regexPrecedingKeywords: [String]?
    /// How scopes are delimited.
    public var scopeStyle: ScopeStyle
    /// Switches for lexing and parsing that live in Swift code (`annotations`: `@` opens an annotation,
    /// attribute or decorator, see ``ScannedFile/annotationEnd(at:before:)``).
    public var features: [String]
}

/// The whole of `rules/languages.json`.
struct LanguageTable: Codable, Sendable {
    var operators: [String]
    var languages: [LanguageProfile]

    /// Decoded once from the embedded rules; an undecodable table yields no profiles (a test guards this).
    static let shared: LanguageTable? = try? LanguageTable(rule: RuleData.value("languages.json"))

    /// The profiles by language (a profile naming no ``Language`` is left out).
    static let profiles: [Language: LanguageProfile] = {
        var result: [Language: LanguageProfile] = [:]
        for profile in shared?.languages ?? [] {
            if let language = Language(rawValue: profile.name) { result[language] = profile }
        }
        return result
    }()
}

/// A set of byte strings looked up without allocating.
struct ByteWordSet: Sendable {
    private var buckets: [Int: [[UInt8]]] = [:]

    init(_ words: [String]) {
        for word in words {
            let bytes = Array(word.utf8)
            guard let first = bytes.first else { continue }
            buckets[bytes.count << 8 | Int(first), default: []].append(bytes)
        }
    }

    func contains(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        guard !range.isEmpty, range.upperBound <= bytes.count,
            let list = buckets[range.count << 8 | Int(bytes[range.lowerBound])]
        else { return false }
        outer: for word in list {
            var index = range.lowerBound
            for byte in word {
                if bytes[index] != byte { continue outer }
                index += 1
            }
            return true
        }
        return false
    }
}
