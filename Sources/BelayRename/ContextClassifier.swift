/// Where in a file a hit sits.
public enum HitContext: String, Sendable, Codable, CaseIterable {
    /// Program text: an identifier, a key, an expression.
    case code
    /// Inside a string literal.
    case string
    /// Inside a comment.
    case comment
    /// Documentation: a Markdown/RST/text file, a doc comment (`///`, `/**`) or a Python docstring.
    case doc
}

/// Tells which context a byte offset of one file is in. The rename audit makes one per file that
/// has hits; BelayScan's tokenizer will provide the precise one.
public protocol ContextClassifier {
    /// The context of the byte at `offset`.
    func context(at offset: Int) -> HitContext
}

/// Makes the classifier for one file from its repository-relative path and its bytes.
public typealias ContextClassifierFactory = @Sendable (_ path: String, _ bytes: [UInt8]) -> any ContextClassifier

/// A fallback classifier that needs no tokenizer. Documentation files are `doc` throughout;
/// elsewhere it looks only at the hit's own line: a comment marker of the file's language outside
/// quotes makes a `comment` (`///`, `//!` and `/**` a `doc`), an unclosed quote a `string`. Python
/// triple-quoted strings are tracked across lines and count as `doc`. Block comments that span
/// lines are recognised only by their usual ` * ` continuation lines. Offsets asked in increasing
/// order on one line are scanned once. One instance serves one file on one thread.
public final class LineContextClassifier: ContextClassifier {
    /// Where the scan of the last hit's line stopped.
    private struct LineScan {
        var index: Int
        var first: Int
        var quote: UInt8?
        var found: HitContext?
    }

    private var lastScan: LineScan?
    private let docMarkers: [[UInt8]] = ["///", "//!", "/**"].map { Array($0.utf8) }
    private let bytes: [UInt8]
    private let language: LanguageFamily
    private let tripleQuotes: [Int]
    private let commentMarkers: [[UInt8]]
    private let quotes: [UInt8]

    /// Creates the classifier for the file at `path` with content `bytes`.
    public init(path: String, bytes: [UInt8]) {
        self.bytes = bytes
        language = LanguageFamily(path: path)
        tripleQuotes = language == .python ? tripleQuoteOffsets(bytes) : []
        commentMarkers = language.commentMarkers
        quotes = language.quotes
    }

    /// A ``ContextClassifierFactory`` that makes this classifier.
    public static let factory: ContextClassifierFactory = { LineContextClassifier(path: $0, bytes: $1) }

    public func context(at offset: Int) -> HitContext {
        if language == .document { return .doc }
        if insideTripleQuotes(offset) { return .doc }
        var scan: LineScan
        if let saved = lastScan, saved.index <= offset, !bytes[saved.index..<offset].contains(0x0A) {
            scan = saved  // a later hit on the same line continues where the last one stopped
        } else {
            // Look back at most 4 KiB, so that a long minified line stays linear.
            var lineStart = min(offset, bytes.count)
            while lineStart > 0, bytes[lineStart - 1] != 0x0A, offset - lineStart < 4096 { lineStart -= 1 }
            var first = lineStart
            while first < offset, bytes[first] == 0x20 || bytes[first] == 0x09 { first += 1 }
            let continuation = language == .cFamily && first < offset && bytes[first] == UInt8(ascii: "*")
            scan = LineScan(index: lineStart, first: first, quote: nil, found: continuation ? .comment : nil)
        }
        defer { lastScan = scan }
        if let found = scan.found { return found }
        while scan.index < offset {
            let index = scan.index
            let byte = bytes[index]
            if let open = scan.quote {
                if byte == UInt8(ascii: "\\") {
                    scan.index += 2
                    continue
                }
                if byte == open { scan.quote = nil }
            } else if quotes.contains(byte) {
                scan.quote = byte
            } else if let marker = commentMarkers.first(where: { hasPrefix($0, at: index) }),
                language != .unknown || index == scan.first
            {
                let isDoc = docMarkers.contains { hasPrefix($0, at: index) } && marker.first == UInt8(ascii: "/")
                scan.found = isDoc ? .doc : .comment
                return scan.found!
            }
            scan.index += 1
        }
        scan.index = max(scan.index, offset)
        return scan.quote == nil ? .code : .string
    }

    /// True when an odd number of Python triple quotes come before `offset`.
    private func insideTripleQuotes(_ offset: Int) -> Bool {
        var low = 0
        var high = tripleQuotes.count
        while low < high {
            let middle = (low + high) / 2
            if tripleQuotes[middle] < offset { low = middle + 1 } else { high = middle }
        }
        return low % 2 == 1
    }

    private func hasPrefix(_ marker: [UInt8], at offset: Int) -> Bool {
        offset + marker.count <= bytes.count && bytes[offset..<offset + marker.count].elementsEqual(marker)
    }
}

/// Families of languages that share comment and quote syntax.
enum LanguageFamily: Equatable {
    case document, python, hash, cFamily, rust, dashDash, semicolon, markup, unknown

    init(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let lower = name.lowercased()
        let ext = lower.contains(".") ? String(lower.split(separator: ".").last!) : ""
        switch ext {
        case "md", "markdown", "mdx", "rst", "txt", "adoc", "asciidoc", "org", "rdoc", "textile": self = .document
        case "py", "pyi", "pyx": self = .python
        case "rb", "sh", "bash", "zsh", "fish", "yaml", "yml", "toml", "pl", "pm", "r", "cfg", "conf", "mk", "cmake",
            "tf", "nix", "ps1", "properties", "env", "gemspec", "rake", "dockerfile":
            self = .hash
        case "c", "h", "cc", "cpp", "hpp", "cxx", "m", "mm", "js", "jsx", "mjs", "cjs", "ts", "tsx", "swift", "go",
            "java", "kt", "kts", "scala", "cs", "php", "dart", "groovy", "gradle", "proto", "json5", "css", "scss",
            "less", "zig", "v":
            self = .cFamily
        case "rs": self = .rust
        case "sql", "lua", "hs", "elm", "ada": self = .dashDash
        case "lisp", "el", "clj", "cljs", "scm", "asm", "s", "ini": self = .semicolon
        case "html", "htm", "xml", "vue", "svelte", "svg": self = .markup
        default:
            if ["readme", "license", "copying", "authors", "contributors"].contains(lower) {
                self = .document
            } else if ["makefile", "dockerfile", "gemfile", "rakefile", "podfile"].contains(lower) {
                self = .hash
            } else {
                self = .unknown
            }
        }
    }

    /// Line comment markers, longest first within a family.
    var commentMarkers: [[UInt8]] {
        let markers: [String]
        switch self {
        case .python, .hash: markers = ["#"]
        case .cFamily, .rust: markers = ["//", "/*"]
        case .dashDash: markers = ["--"]
        case .semicolon: markers = [";"]
        case .markup: markers = ["<!--"]
        case .unknown: markers = ["#", "//"]
        case .document: markers = []
        }
        return markers.map { Array($0.utf8) }
    }

    /// Bytes that open and close a string on one line.
    var quotes: [UInt8] {
        switch self {
        case .rust: [UInt8(ascii: "\"")]
        case .cFamily: [UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`")]
        default: [UInt8(ascii: "\""), UInt8(ascii: "'")]
        }
    }
}

/// Offsets of every `"""` and `'''` in a Python file, in order (a rough docstring map).
private func tripleQuoteOffsets(_ bytes: [UInt8]) -> [Int] {
    var offsets: [Int] = []
    var index = 0
    while index + 2 < bytes.count {
        let byte = bytes[index]
        if (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")) && bytes[index + 1] == byte
            && bytes[index + 2] == byte
        {
            offsets.append(index)
            index += 3
        } else {
            index += 1
        }
    }
    return offsets
}
