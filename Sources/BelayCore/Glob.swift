/// A `.gitignore`-style path pattern, as used by `checks[].files` and `rename.exclude`.
///
/// - A pattern without a `/` (a trailing one aside) matches a file or folder name at any depth:
///   `*.py` matches `a.py` and `src/a.py`.
/// - A pattern with a `/` is anchored to the repository root (a leading `/` is dropped):
///   `src/*.py` matches `src/a.py` but not `lib/src/a.py`.
/// - `*` and `?` never cross `/`; `**/x`, `x/**` and `a/**/b` cross any number of folders.
/// - `[abc]`, `[a-z]`, `[!a-z]` (or `[^a-z]`) are character classes; `\` escapes the next character.
/// - A trailing `/` makes the pattern match folders only, i.e. every path under such a folder.
/// - As in `.gitignore`, everything under a matched folder is matched too: `build` matches `build/x.o`.
///
/// Negation (`!pattern`) is not supported and is rejected; write `\!` for a literal `!`.
/// Matching works on Unicode scalars, with no regular expressions and no `fnmatch`.
public struct Glob: Sendable, Hashable, CustomStringConvertible {
    /// The pattern as written.
    public let pattern: String
    private let tokens: [Token]
    private let anchored: Bool
    private let directoryOnly: Bool
    /// Runs of two or more literal characters; every one must occur in a matching candidate. A cheap
    /// test that rejects most paths before the matcher runs (`**/migrations/**` needs "migrations").
    private let literalRuns: [[Unicode.Scalar]]
    /// ``literalRuns`` in UTF-8: a path lacking one of them cannot match, which is checked on the path's
    /// bytes before it is decoded (see ``GlobSet/matches(_:)``).
    private let literalBytes: [[UInt8]]
    /// Whether backtracking can revisit states (two or more wildcards): only then is a memo needed.
    private let needsMemo: Bool

    /// Compiles `pattern`. Throws ``BelayError/configuration(file:line:key:message:)`` with an empty file
    /// and key and line 0 when the pattern is malformed; callers add where it came from.
    public init(_ pattern: String) throws(BelayError) {
        self.pattern = pattern
        var scalars = Array(pattern.unicodeScalars)
        func bad(_ message: String) -> BelayError {
            .configuration(file: "", line: 0, key: "", message: "invalid glob '\(pattern)': \(message)")
        }
        if scalars.first == "!" { throw bad("negation ('!') is not supported; write '\\!' for a literal '!'") }
        var directoryOnly = false
        if scalars.count > 1, scalars.last == "/", !Glob.isEscaped(scalars, at: scalars.count - 1) {
            scalars.removeLast()
            directoryOnly = true
        }
        if scalars.first == "/" {
            scalars.removeFirst()
            self.anchored = true
        } else {
            self.anchored = scalars.contains("/")
        }
        if scalars.isEmpty || scalars == ["/"] { throw bad("the pattern is empty") }
        self.directoryOnly = directoryOnly
        let tokens = try Glob.compile(scalars, bad)
        self.tokens = tokens
        var runs: [[Unicode.Scalar]] = []
        var run: [Unicode.Scalar] = []
        var wildcards = 0
        for token in tokens {
            if case .literal(let scalar) = token {
                run.append(scalar)
                continue
            }
            if run.count >= 2 { runs.append(run) }
            run = []
            switch token {
            case .star, .folders, .everything: wildcards += 1
            default: break
            }
        }
        if run.count >= 2 { runs.append(run) }
        self.literalRuns = runs
        self.literalBytes = runs.map { run in run.flatMap { Array(String($0).utf8) } }
        self.needsMemo = wildcards >= 2
    }

    public static func == (lhs: Glob, rhs: Glob) -> Bool { lhs.pattern == rhs.pattern }
    public func hash(into hasher: inout Hasher) { hasher.combine(pattern) }

    /// Whether the repository-relative `path` (folders separated by `/`) matches.
    public func matches(_ path: String) -> Bool {
        matches(scalars: Glob.subject(path))
    }

    /// `path` as the matcher sees it: Unicode scalars, without a leading `./` or trailing `/`.
    static func subject(_ path: String) -> [Unicode.Scalar] {
        var subject = Array(path.unicodeScalars)
        if subject.starts(with: ["." as Unicode.Scalar, "/"]) { subject.removeFirst(2) }
        while subject.last == "/" { subject.removeLast() }
        return subject
    }

    func matches(scalars subject: [Unicode.Scalar]) -> Bool {
        if subject.isEmpty { return false }
        for run in literalRuns where !Glob.contains(subject, run) { return false }
        // Component boundaries: the pattern may match the whole path or any folder above the file.
        var ends: [Int] = []
        for (index, scalar) in subject.enumerated() where scalar == "/" { ends.append(index) }
        if !directoryOnly { ends.append(subject.count) }
        var start = 0
        for end in ends {
            let candidate = anchored ? subject[0..<end] : subject[start..<end]
            if match(tokens, ArraySlice(candidate)) { return true }
            start = end + 1
        }
        return false
    }

    /// The pattern as written.
    public var description: String { pattern }

    private enum Token: Sendable, Hashable {
        case literal(Unicode.Scalar)
        case anyOne
        case star
        /// `**/`: zero or more whole folders.
        case folders
        /// A trailing `**`: one or more characters of any kind, `/` included.
        case everything
        case set(negated: Bool, ranges: [ClosedRange<UInt32>])
    }

    private static func isEscaped(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        var backslashes = 0
        var cursor = index - 1
        while cursor >= 0, scalars[cursor] == "\\" {
            backslashes += 1
            cursor -= 1
        }
        return backslashes % 2 == 1
    }

    private static func compile(
        _ scalars: [Unicode.Scalar], _ bad: (String) -> BelayError
    ) throws(BelayError) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case "\\":
                guard index + 1 < scalars.count else { throw bad("a trailing '\\' escapes nothing") }
                tokens.append(.literal(scalars[index + 1]))
                index += 2
            case "?":
                tokens.append(.anyOne)
                index += 1
            case "*":
                var end = index
                while end < scalars.count, scalars[end] == "*" { end += 1 }
                let atFolderStart = index == 0 || scalars[index - 1] == "/"
                if end - index >= 2, atFolderStart, end == scalars.count {
                    tokens.append(.everything)
                    index = end
                } else if end - index >= 2, atFolderStart, scalars[end] == "/" {
                    tokens.append(.folders)
                    index = end + 1
                } else {
                    tokens.append(.star)
                    index = end
                }
            case "[":
                let (token, next) = try compileSet(scalars, from: index, bad)
                tokens.append(token)
                index = next
            default:
                tokens.append(.literal(scalar))
                index += 1
            }
        }
        return tokens
    }

    /// Compiles the class opening at `start`; returns it and the index after its `]`.
    private static func compileSet(
        _ scalars: [Unicode.Scalar], from start: Int, _ bad: (String) -> BelayError
    ) throws(BelayError) -> (Token, Int) {
        var index = start + 1
        var negated = false
        if index < scalars.count, scalars[index] == "!" || scalars[index] == "^" {
            negated = true
            index += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while index < scalars.count {
            var scalar = scalars[index]
            if scalar == "]" && !first { return (.set(negated: negated, ranges: ranges), index + 1) }
            first = false
            if scalar == "\\" {
                index += 1
                guard index < scalars.count else { break }
                scalar = scalars[index]
            }
            var upper = scalar
            if index + 2 < scalars.count, scalars[index + 1] == "-", scalars[index + 2] != "]" {
                index += 2
                if scalars[index] == "\\" {
                    index += 1
                    guard index < scalars.count else { break }
                }
                upper = scalars[index]
                if upper.value < scalar.value {
                    throw bad("the range '\(scalar)-\(upper)' is reversed")
                }
            }
            ranges.append(scalar.value...upper.value)
            index += 1
        }
        throw bad("'[' at offset \(start) is never closed")
    }

    /// Backtracking matcher; `failed` memoizes (token, subject) positions that cannot match, so the
    /// worst case stays polynomial.
    /// False when `path` (its UTF-8 bytes) certainly does not match: it lacks a literal run of the pattern.
    func mayMatch(utf8 path: UnsafeBufferPointer<UInt8>) -> Bool {
        literalBytes.allSatisfy { run in
            guard run.count <= path.count else { return false }
            let first = run[0]
            var index = 0
            while index + run.count <= path.count {
                if path[index] == first && path[index..<index + run.count].elementsEqual(run) { return true }
                index += 1
            }
            return false
        }
    }

    private static func contains(_ text: [Unicode.Scalar], _ run: [Unicode.Scalar]) -> Bool {
        guard run.count <= text.count, let first = run.first else { return run.isEmpty }
        var index = 0
        while index + run.count <= text.count {
            if text[index] == first && text[index..<index + run.count].elementsEqual(run) { return true }
            index += 1
        }
        return false
    }

    private func match(_ tokens: [Token], _ subject: ArraySlice<Unicode.Scalar>) -> Bool {
        let text = Array(subject)
        // States that failed already; only patterns with two or more wildcards can revisit one.
        var failed = needsMemo ? [Bool](repeating: false, count: (tokens.count + 1) * (text.count + 1)) : []
        func step(_ t: Int, _ s: Int) -> Bool {
            if t == tokens.count { return s == text.count }
            let state = t * (text.count + 1) + s
            if needsMemo && failed[state] { return false }
            let result: Bool
            switch tokens[t] {
            case .literal(let scalar):
                result = s < text.count && text[s] == scalar && step(t + 1, s + 1)
            case .anyOne:
                result = s < text.count && text[s] != "/" && step(t + 1, s + 1)
            case .set(let negated, let ranges):
                if s < text.count, text[s] != "/" {
                    let inside = ranges.contains { $0.contains(text[s].value) }
                    result = inside != negated && step(t + 1, s + 1)
                } else {
                    result = false
                }
            case .star:
                var end = s
                var found = step(t + 1, end)
                while !found, end < text.count, text[end] != "/" {
                    end += 1
                    found = step(t + 1, end)
                }
                result = found
            case .folders:
                var found = step(t + 1, s)
                var cursor = s
                while !found, cursor < text.count {
                    if text[cursor] == "/", cursor > s { found = step(t + 1, cursor + 1) }
                    cursor += 1
                }
                result = found
            case .everything:
                var found = false
                var end = s + 1
                while !found, end <= text.count {
                    found = step(t + 1, end)
                    end += 1
                }
                result = found
            }
            if !result && needsMemo { failed[state] = true }
            return result
        }
        return step(0, 0)
    }
}

/// Several globs matched against one path, which is decoded once.
public struct GlobSet: Sendable {
    public let globs: [Glob]

    public init(_ globs: [Glob]) { self.globs = globs }

    public var isEmpty: Bool { globs.isEmpty }

    /// Whether any of the globs matches `path`.
    public func matches(_ path: String) -> Bool {
        guard !globs.isEmpty else { return false }
        // Most paths lack every pattern's literal text: rejected on their bytes, never decoded.
        var path = path
        let possible = path.withUTF8 { bytes in globs.contains { $0.mayMatch(utf8: bytes) } }
        guard possible else { return false }
        let subject = Glob.subject(path)
        return globs.contains { $0.matches(scalars: subject) }
    }
}
