import BelayCore
import Foundation

/// A file the change removes, with the content it had; agent rules judge deletions too.
public struct DeletedFile: Sendable {
    /// Repository-relative path.
    public var path: String
    /// Content before the change.
    public var old: [UInt8]

    /// Creates a deleted file.
    public init(path: String, old: [UInt8]) {
        self.path = path
        self.old = old
    }
}

/// A rule about what an agent does to the repository as a whole: sees changed and deleted files. Runs
/// only when the engine is in agent mode (see ``RuleDescription/agentOnly``).
public protocol AgentChangeDetector: Rule {
    /// Every finding the change introduces.
    func findings(in changes: [FileChangeInput], deleted: [DeletedFile]) -> [Diagnostic]
}

/// The tables of `rules/agent-policy.json`: guarded files, test paths, skip markers and assertions.
public struct AgentPolicy: Sendable, Decodable {
    /// A file whose change can weaken the gate.
    public struct GuardFile: Sendable, Decodable {
        /// `.gitignore`-style glob.
        public var glob: String
        /// Only these sections (TOML/INI headers) or top-level keys (JSON) are guarded; `nil`: the whole file.
        public var sections: [String]?
        /// What the file configures, for messages.
        public var why: String
    }

    public var guardFiles: [GuardFile]
    public var testPaths: [String]
    /// Language → markers that skip, disable or focus a test.
    public var skipMarkers: [String: [String]]
    /// Language → markers that start an assertion.
    public var assertions: [String: [String]]

    /// The policy compiled into the binary.
    public static let builtIn: AgentPolicy =
        (try? RuleData.decode(AgentPolicy.self, from: "agent-policy.json"))
        ?? AgentPolicy(guardFiles: [], testPaths: [], skipMarkers: [:], assertions: [:])

    /// The language of `path` by extension, as the policy's tables name it.
    public static func language(of path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "py": return "python"
        case "js", "jsx", "mjs", "cjs": return "javascript"
        case "ts", "tsx", "mts", "cts": return "typescript"
        case "swift": return "swift"
        case "go": return "go"
        case "rs": return "rust"
        case "java": return "java"
        case "kt", "kts": return "kotlin"
        case "rb": return "ruby"
        default: return nil
        }
    }

    /// Whether `path` holds tests by the policy's `testPaths`.
    public func isTestPath(_ path: String) -> Bool {
        testGlobs.contains { $0.matches(path) }
    }

    var testGlobs: [Glob] { testPaths.compactMap { try? Glob($0) } }
}

/// Lines of a file with comment-only lines dropped, for counting markers.
struct CodeLines {
    /// (byte offset of the first non-blank byte, trimmed text) for every line that is not blank or a comment.
    var lines: [(offset: Int, text: String)] = []

    init(_ bytes: [UInt8]) {
        let index = LineIndex(bytes)
        for line in 0..<index.lineCount {
            let range = index.lineRange(line)
            let text = String(decoding: bytes[range], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty || text.hasPrefix("//") || Self.isHashComment(text) { continue }
            let indent = bytes[range].prefix { $0 == 0x20 || $0 == 0x09 }.count
            lines.append((range.lowerBound + indent, text))
        }
    }
}

extension CodeLines {
    /// `#` starts a comment in Python, Ruby and TOML, but not Rust's `#[ignore]` or Swift's `#expect(`.
    static func isHashComment(_ text: String) -> Bool {
        text.hasPrefix("#") && !text.hasPrefix("#[") && !text.hasPrefix("#expect") && !text.hasPrefix("#require")
    }
}

/// Occurrences of `marker` in `text` that do not continue an identifier on the left (`fit(` is not in
/// `profit(`).
func occurrences(of marker: String, in text: String) -> Int {
    var count = 0
    var searchStart = text.startIndex
    while let range = text.range(of: marker, range: searchStart..<text.endIndex) {
        let boundary =
            range.lowerBound == text.startIndex
            || !(text[text.index(before: range.lowerBound)].isLetter
                || text[text.index(before: range.lowerBound)].isNumber
                || text[text.index(before: range.lowerBound)] == "_")
            || !(marker.first?.isLetter ?? false)
        if boundary { count += 1 }
        searchStart = range.upperBound
    }
    return count
}
