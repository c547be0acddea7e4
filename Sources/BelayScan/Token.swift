/// What a token is.
public enum TokenKind: UInt8, Sendable, Equatable, CaseIterable {
    /// A name: `foo`, `é`, `` `class` ``, `$el`, `empty?`, a Rust lifetime `'a`.
    case identifier
    /// A reserved word (`def`, `func`, `#if`).
    case keyword
    /// A numeric literal.
    case number
    /// A string or character literal, or one literal piece of an interpolated string.
    case string
    /// A regular-expression literal.
    case regex
    /// A Ruby symbol (`:name`, `:"x"`): code, not text.
    case symbol
    /// A comment.
    case comment
    /// A documentation comment or docstring (`///`, `/** */`, `//!`, a Python docstring).
    case docComment
    /// An operator or delimiter (`(`, `=>`, `,`).
    case punctuation
    /// A line break in code (not inside a literal or a block comment, not after a `\` continuation).
    case newline
}

/// One token: a kind and a byte range of the scanned bytes.
public struct Token: Sendable, Equatable {
    /// What the token is.
    public var kind: TokenKind
    /// Byte offset of the first byte.
    public var start: Int
    /// Byte offset one past the last byte.
    public var end: Int
    /// How many string interpolations enclose this token (0 for ordinary code). Code inside `f"{x}"`,
    /// `` `${x}` ``, `"\(x)"`, `"#{x}"` and `"$x"` has depth 1.
    public var interpolationDepth: UInt8

    /// Creates a token.
    public init(kind: TokenKind, start: Int, end: Int, interpolationDepth: UInt8 = 0) {
        self.kind = kind
        self.start = start
        self.end = end
        self.interpolationDepth = interpolationDepth
    }

    /// The byte range.
    public var range: Range<Int> { start..<end }

    /// Whether the token is code (not a literal's text, a comment, or a line break).
    public var isCode: Bool {
        switch kind {
        case .identifier, .keyword, .number, .symbol, .punctuation: true
        case .string, .regex, .comment, .docComment, .newline: false
        }
    }

    /// Whether the token is a comment or documentation.
    public var isComment: Bool { kind == .comment || kind == .docComment }
}

/// Where an offset sits, for the rename audit.
public enum Context: String, Sendable, Codable {
    /// Code (including code inside a string interpolation).
    case code
    /// A string, character, or regex literal's text.
    case string
    /// A comment.
    case comment
    /// Documentation: doc comments and docstrings.
    case doc
}
