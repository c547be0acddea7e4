/// One arm of a branching construct: the `else` of an `if`, a `case` of a `switch`, an `#elseif`.
public struct BranchArm: Hashable, Sendable {
    /// Identifies the construct (an if/else chain, try/catch, switch, match, `#if` block) within the file.
    public var construct: Int
    /// 0 for the first arm, 1 for the next, …
    public var arm: Int

    /// Creates an arm.
    public init(construct: Int, arm: Int) {
        self.construct = construct
        self.arm = arm
    }
}

/// What opened a scope.
public enum ScopeKind: String, Sendable {
    /// The whole file.
    case file
    /// The body of a definition (`def`, `func`, `class`, `impl`…).
    case definition
    /// The body of one arm of a branch (`if`, `else`, `case`, `#if`…).
    case branch
    /// Any other block (loops, object literals, closures, `do … end`).
    case block
}

/// A scope: the file, or a block delimited by braces, indentation or `… end`.
public struct Scope: Sendable {
    /// Index in `ScannedFile.scopes`; the file scope is 0.
    public var id: Int
    /// The enclosing scope (`nil` for the file).
    public var parent: Int?
    /// What opened it.
    public var kind: ScopeKind
    /// Token index of the opener (`{`, the `:` before an indented block, a Ruby keyword), if any.
    public var opener: Int?
    /// Nesting depth (file = 0).
    public var depth: Int
}

/// A tokenized file with its structure: matching brackets, logical lines, scopes and branch paths.
///
/// ```swift
/// let file = ScannedFile(bytes: Array("def f(a, a): pass\n".utf8), language: .python)
/// for (index, token) in file.tokens.enumerated() where token.kind == .identifier {
///     print(file.text(of: token), file.scope(of: index), file.branchPath(of: index))
/// }
/// file.classify(offset: 4)  // .code
/// ```
public struct ScannedFile: Sendable {
    /// The language the file was scanned as.
    public let language: Language
    /// The scanned bytes.
    public let bytes: [UInt8]
    /// Tokens in offset order.
    public let tokens: [Token]
    /// Scopes; `scopes[0]` is the file.
    public let scopes: [Scope]
    /// Logical lines as ranges of token indices (newline tokens excluded; empty lines dropped). A Python
    /// logical line spans bracketed and `\`-continued lines; in other languages a line break inside `(…)`
    /// or `[…]` continues the line and `;` ends one.
    public let logicalLines: [Range<Int>]
    let scopeOfToken: [Int32]
    let branchOfToken: [Int32]
    let branchPaths: [[BranchArm]]
    let matching: [Int32]
    let profile: CompiledProfile

    /// Tokenizes `bytes` as `language` and computes the structure.
    public init(bytes: [UInt8], language: Language) {
        self.language = language
        self.bytes = bytes
        profile = CompiledProfile.of(language)
        tokens = tokenize(bytes, language: language)
        var builder = StructureBuilder(bytes: bytes, tokens: tokens, profile: profile)
        builder.run()
        scopes = builder.scopes
        logicalLines = builder.logicalLines
        scopeOfToken = builder.scopeOfToken
        branchOfToken = builder.branchOfToken
        branchPaths = builder.paths
        matching = builder.matching
    }

    /// Scans `source` as `language`.
    public init(_ source: String, language: Language) {
        self.init(bytes: Array(source.utf8), language: language)
    }

    /// Scans a file whose language is detected from its path (or `#!` line); `nil` for other files.
    public init?(path: String, bytes: [UInt8]) {
        let firstLine = String(decoding: bytes.prefix(200).prefix(while: { $0 != 0x0A }), as: UTF8.self)
        guard let language = Language.detect(path: path, firstLine: firstLine) else { return nil }
        self.init(bytes: bytes, language: language)
    }

    /// The text of a token (invalid UTF-8 repaired).
    public func text(of token: Token) -> String {
        String(decoding: bytes[token.start..<token.end], as: UTF8.self)
    }

    /// The text of the token at `index`.
    public func text(_ index: Int) -> String { text(of: tokens[index]) }

    /// Whether the token at `index` is exactly `word` (no allocation).
    public func token(_ index: Int, is word: String) -> Bool {
        let token = tokens[index]
        var k = token.start
        for byte in word.utf8 {
            guard k < token.end, bytes[k] == byte else { return false }
            k += 1
        }
        return k == token.end
    }

    /// The scope id of the token at `index`.
    public func scope(of index: Int) -> Int { Int(scopeOfToken[index]) }

    /// The innermost enclosing scope of `scope` that is a definition body or the file.
    public func definitionScope(of scope: Int) -> Int {
        var id = scope
        while scopes[id].kind != .definition && scopes[id].kind != .file, let parent = scopes[id].parent { id = parent }
        return id
    }

    /// The branch arms enclosing the token at `index`, outermost first (empty in straight-line code).
    public func branchPath(of index: Int) -> [BranchArm] { branchPaths[Int(branchOfToken[index])] }

    /// A small id for `branchPath(of:)`: two tokens have equal ids exactly when their paths are equal.
    public func branchID(of index: Int) -> Int { Int(branchOfToken[index]) }

    /// Whether the tokens at `a` and `b` sit in different arms of one construct, so at most one of them runs.
    public func inExclusiveBranches(_ a: Int, _ b: Int) -> Bool {
        let pathA = branchPath(of: a)
        let pathB = branchPath(of: b)
        for (armA, armB) in zip(pathA, pathB) {
            if armA == armB { continue }
            return armA.construct == armB.construct
        }
        return false
    }

    /// The index of the bracket matching the bracket token at `index` (`(`↔`)`, `[`↔`]`, `{`↔`}`), if any.
    public func matchingBracket(_ index: Int) -> Int? {
        let other = matching[index]
        return other >= 0 ? Int(other) : nil
    }

    /// Whether the token at `index` is a keyword that opens a definition (`def`, `func`, `class`…).
    public func isDefinitionKeyword(_ index: Int) -> Bool {
        tokens[index].kind != .string && profile.definitionKeywords.contains(bytes, tokens[index].range)
    }

    /// Whether the token at `index` is an import keyword (`import`, `from`, `use`, `require`…).
    public func isImportKeyword(_ index: Int) -> Bool {
        tokens[index].isCode && profile.importKeywords.contains(bytes, tokens[index].range)
    }

    /// Whether the token at `index` is a branch keyword (`if`, `elif`, `case`, `#if`…).
    public func isBranchKeyword(_ index: Int) -> Bool {
        tokens[index].isCode && profile.branchKeywords.contains(bytes, tokens[index].range)
    }

    /// The index of the token containing `offset`, if a token does.
    public func tokenIndex(at offset: Int) -> Int? {
        var low = 0
        var high = tokens.count
        while low < high {
            let mid = (low + high) / 2
            if tokens[mid].end <= offset { low = mid + 1 } else { high = mid }
        }
        // Tokens are ordered by start; an interpolated token may follow its string piece at the same start.
        var k = low
        while k < tokens.count && tokens[k].start <= offset {
            if tokens[k].end > offset { return k }
            k += 1
        }
        return nil
    }

    /// Whether `offset` is in code, a literal's text, a comment, or documentation. Offsets between tokens
    /// (whitespace) are code.
    public func classify(offset: Int) -> Context {
        guard let index = tokenIndex(at: offset) else { return .code }
        switch tokens[index].kind {
        case .string, .regex: return .string
        case .comment: return .comment
        case .docComment: return .doc
        default: return .code
        }
    }

    /// The context of a byte range: the first non-code context it touches, else code.
    public func classify(range: Range<Int>) -> Context {
        var k = range.lowerBound
        while k < range.upperBound {
            let context = classify(offset: k)
            if context != .code { return context }
            k += 1
        }
        return .code
    }
}
