/// A small `.gitignore`-style glob for the audit's include and exclude lists, until BelayCore's
/// shared `Glob` replaces it. `*` and `?` stay within one path segment, `**` crosses segments
/// (`**/` also matches no folder at all). A pattern without `/` matches any single segment (a
/// file name or a folder name at any depth); one with `/` matches from the repository root. A
/// pattern that matches a folder matches everything under it.
struct PathGlob: Sendable {
    private let pattern: [UInt8]
    private let anySegment: Bool

    init(_ text: String) {
        var bytes = Array(text.utf8)
        while bytes.last == UInt8(ascii: "/") { bytes.removeLast() }
        if bytes.first == UInt8(ascii: "/") {
            bytes.removeFirst()
            anySegment = false
        } else {
            anySegment = !bytes.contains(UInt8(ascii: "/"))
        }
        pattern = bytes
    }

    /// True when `path` (repository-relative, `/`-separated) or one of its folders matches.
    func matches(_ path: String) -> Bool {
        let bytes = Array(path.utf8)
        var segmentStart = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "/") {
            if anySegment {
                if globMatch(pattern, 0, Array(bytes[segmentStart..<index]), 0) { return true }
            } else if globMatch(pattern, 0, Array(bytes[0..<index]), 0) {
                return true
            }
            segmentStart = index + 1
        }
        return false
    }
}

/// Backtracking glob match of `pattern[p...]` against `text[t...]`.
private func globMatch(_ pattern: [UInt8], _ p: Int, _ text: [UInt8], _ t: Int) -> Bool {
    let slash = UInt8(ascii: "/")
    var p = p
    var t = t
    while p < pattern.count {
        let byte = pattern[p]
        if byte == UInt8(ascii: "*") {
            if p + 1 < pattern.count, pattern[p + 1] == UInt8(ascii: "*") {
                let rest = p + 2
                if rest < pattern.count, pattern[rest] == slash {
                    if globMatch(pattern, rest + 1, text, t) { return true }
                    for index in t..<text.count where text[index] == slash {
                        if globMatch(pattern, rest + 1, text, index + 1) { return true }
                    }
                    return false
                }
                return (t...text.count).contains { globMatch(pattern, rest, text, $0) }
            }
            for index in t...text.count {
                if globMatch(pattern, p + 1, text, index) { return true }
                if index < text.count, text[index] == slash { break }
            }
            return false
        }
        guard t < text.count else { return false }
        if byte == UInt8(ascii: "?") {
            if text[t] == slash { return false }
        } else if byte != text[t] {
            return false
        }
        p += 1
        t += 1
    }
    return t == text.count
}
