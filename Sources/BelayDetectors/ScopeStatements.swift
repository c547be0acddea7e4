import BelayScan

// Statements as duplicate-import, duplicate-definition and duplicate-assignment see them.

/// One statement: a logical line, split further after a `{` and before a `}` outside parentheses in brace
/// languages (so `} else {`, `function f() {` and a one-line body each stand alone). An import whose
/// braces span lines (`import {\n a,\n} from 'x'`, `use a::{\n b,\n};`) stays one statement.
struct ScopeStatement {
    /// Token indices, attributes included.
    var range: Range<Int>
    /// The first code token after the leading attributes (`@decorator`, `#[cfg(…)]`).
    var head: Int
    /// Tokens of the attributes before `head`, including attribute-only lines just above.
    var attributes: Range<Int>
    /// Scope and branch path id of `head`.
    var scope: Int
    var branch: Int
}

/// The statements of a scanned file, in order, with small token helpers shared by the duplicate rules.
struct ScopeStatements {
    let file: ScannedFile
    private(set) var list: [ScopeStatement] = []
    let braces: Bool

    init(_ file: ScannedFile) {
        self.file = file
        braces = file.language != .python
        let tokens = file.tokens
        var pendingAttributes: Range<Int>?
        var line = 0
        let lines = file.logicalLines
        while line < lines.count {
            var end = lines[line].upperBound
            var start = lines[line].lowerBound
            var depth = 0
            var k = start
            var isImport = false
            while k < end {
                let token = tokens[k]
                if token.isCode && token.interpolationDepth == 0 {
                    if file.isImportKeyword(k) && depth == 0 { isImport = true }
                    switch punct(k) {
                    case 0x28, 0x5B: depth += 1
                    case 0x29, 0x5D: depth = max(0, depth - 1)
                    case 0x7B where braces && depth == 0:
                        if isImport {
                            // Glue the lines of a multi-line import group.
                            if let close = file.matchingBracket(k), close >= end {
                                while line + 1 < lines.count && lines[line].upperBound <= close { line += 1 }
                                end = lines[line].upperBound
                            }
                        } else {
                            append(start..<(k + 1), &pendingAttributes)
                            start = k + 1
                        }
                    case 0x7D where braces && depth == 0 && !isImport:
                        append(start..<k, &pendingAttributes)
                        start = k + 1
                    default: break
                    }
                }
                k += 1
            }
            append(start..<end, &pendingAttributes)
            line += 1
        }
    }

    private mutating func append(_ range: Range<Int>, _ pendingAttributes: inout Range<Int>?) {
        var first = range.lowerBound
        while first < range.upperBound && !file.tokens[first].isCode { first += 1 }
        guard first < range.upperBound else { return }
        let head = skipAttributes(from: first, to: range.upperBound)
        if head >= range.upperBound || !file.tokens[head].isCode {
            if pendingAttributes == nil { pendingAttributes = first..<range.upperBound }
            pendingAttributes = pendingAttributes!.lowerBound..<range.upperBound
            return
        }
        var attributes = first..<head
        if let pending = pendingAttributes, file.scope(of: pending.lowerBound) == file.scope(of: head) {
            attributes = pending.lowerBound..<head
        }
        pendingAttributes = nil
        list.append(
            ScopeStatement(
                range: range, head: head, attributes: attributes, scope: file.scope(of: head),
                branch: file.branchID(of: head)))
    }

    /// The first token at or after `k` that is not part of an attribute: an annotation
    /// (``ScannedFile/annotationEnd(at:before:)``) or Rust's `#[…]` / `#![…]`.
    func skipAttributes(from start: Int, to end: Int) -> Int {
        var k = start
        while k < end {
            if file.language == .rust, punct(k) == 0x23 {
                var open = k + 1
                if open < end && punct(open) == 0x21 { open += 1 }
                guard open < end, punct(open) == 0x5B, let close = file.matchingBracket(open) else { return k }
                k = nextCode(close + 1, end)
            } else if punct(k) == 0x40, let after = file.annotationEnd(at: k, before: end) {
                k = nextCode(after, end)
            } else {
                return k
            }
        }
        return k
    }

    /// The first code token at or after `k` (before `end`), or `end`.
    func nextCode(_ k: Int, _ end: Int) -> Int {
        var k = k
        while k < end && !file.tokens[k].isCode { k += 1 }
        return k
    }

    /// The single-byte punctuation at `k`, or 0.
    func punct(_ k: Int) -> UInt8 {
        let token = file.tokens[k]
        return token.kind == .punctuation && token.end - token.start == 1 ? file.bytes[token.start] : 0
    }

    /// Whether the token at `k` is code spelled `word`.
    func isWord(_ k: Int, _ word: String) -> Bool { file.tokens[k].isCode && file.token(k, is: word) }

    /// Whether the tokens at `a` and `b` have the same bytes.
    func sameText(_ a: Int, _ b: Int) -> Bool {
        let x = file.tokens[a]
        let y = file.tokens[b]
        guard x.end - x.start == y.end - y.start else { return false }
        return file.bytes[x.start..<x.end].elementsEqual(file.bytes[y.start..<y.end])
    }

    /// The code tokens of `range` joined without whitespace (`List<String>`, `[Int]`, `Foundation.Date`).
    func compactText(_ range: Range<Int>) -> String {
        var bytes: [UInt8] = []
        for k in range where file.tokens[k].isCode || file.tokens[k].kind == .string {
            if !bytes.isEmpty, isWordByte(bytes[bytes.count - 1]), isWordByte(file.bytes[file.tokens[k].start]) {
                bytes.append(0x20)
            }
            bytes += file.bytes[file.tokens[k].start..<file.tokens[k].end]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || byte == 0x5F || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
    }

    /// `range` split at commas outside brackets (and outside `<…>` when `angles` is set), code tokens only.
    func splitAtCommas(_ range: Range<Int>, angles: Bool = false) -> [Range<Int>] {
        var parts: [Range<Int>] = []
        var start = range.lowerBound
        var depth = 0
        for k in range where file.tokens[k].isCode {
            switch punct(k) {
            case 0x28, 0x5B, 0x7B: depth += 1
            case 0x29, 0x5D, 0x7D: depth -= 1
            case 0x3C where angles: depth += 1
            case 0x3E where angles: depth -= 1
            case 0x2C where depth == 0:
                parts.append(start..<k)
                start = k + 1
            default: if angles && file.token(k, is: ">>") { depth -= 2 }
            }
        }
        parts.append(start..<range.upperBound)
        return parts.filter { nextCode($0.lowerBound, $0.upperBound) < $0.upperBound }
    }

    /// The 1-based line of the token at `k`.
    func lineNumber(of k: Int, in source: SourceFile) -> Int {
        source.lineIndex.lineNumber0(at: file.tokens[k].start) + 1
    }

    /// Whether a `#[cfg…]` / `#[cfg_attr…]` attribute is among `attributes`; its text then separates
    /// groups, so `#[cfg(unix)]` and `#[cfg(windows)]` alternatives never collide.
    func conditionKey(_ statement: ScopeStatement) -> String {
        guard file.language == .rust else { return "" }
        var k = statement.attributes.lowerBound
        var key = ""
        while k < statement.attributes.upperBound {
            if punct(k) == 0x5B, let close = file.matchingBracket(k) {
                let name = nextCode(k + 1, close)
                // `#[cfg(…)]`, and `#[rustversion::nightly]` / `#[rustversion::not(nightly)]`: compiled in
                // only under a condition.
                if name < close,
                    file.token(name, is: "cfg") || file.token(name, is: "cfg_attr")
                        || file.token(name, is: "rustversion")
                {
                    key += compactText(k..<(close + 1))
                }
                k = close + 1
            } else {
                k += 1
            }
        }
        return key
    }
}
