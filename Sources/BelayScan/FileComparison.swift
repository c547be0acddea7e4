/// One changed file compared line by line: both versions scanned, their definitions, and the line diff.
public struct FileComparison: Sendable {
    /// Repository-relative path.
    public let path: String
    /// The old version, scanned.
    public let oldScan: ScannedFile
    /// The new version, scanned.
    public let newScan: ScannedFile
    /// Line ranges of each version.
    public let oldLines: FileLines
    public let newLines: FileLines
    /// The line diff.
    public let hunks: [DiffHunk]
    /// Definitions of each version, by token index.
    public let oldDefinitions: [Int: Definition]
    public let newDefinitions: [Int: Definition]
    /// Code and string tokens of each line (comments and line breaks left out).
    public let oldLineTokens: [[Int]]
    public let newLineTokens: [[Int]]
    /// Every identifier replaced on a removed line by one on its most similar added line of the same hunk,
    /// computed once: `added-not-replaced`, the rename stage and `rename-audit --infer` all read it.
    public private(set) var replacements: [Replacement] = []

    /// A pair of identifiers, one replaced by the other on aligned lines (0-based lines).
    public struct Replacement: Sendable {
        public var oldToken: Int
        public var newToken: Int
        public var oldLine: Int
        public var newLine: Int
        /// Whether every token of the old line survives on the new one, as itself or replaced one for one
        /// (tokens may be added, none removed): a rename (`db_column="old_field"` may join it), not a
        /// rewrite that happens to share half its tokens.
        public var isSubstitution: Bool
    }

    /// Compares the versions; nil when the path is in no supported language.
    public init?(path: String, old: [UInt8], new: [UInt8]) {
        self.init(path: path, old: SharedScan(path: path, bytes: old), new: SharedScan(path: path, bytes: new))
    }

    /// Compares two versions whose scans may already be shared with other rules of the run.
    public init?(path: String, old: SharedScan, new: SharedScan) {
        guard let oldScan = old.scanned, let newScan = new.scanned else { return nil }
        self.path = path
        self.oldScan = oldScan
        self.newScan = newScan
        oldLines = FileLines(old.bytes)
        newLines = FileLines(new.bytes)
        hunks = LineDiff.hunks(oldLines.hashes(old.bytes), newLines.hashes(new.bytes))
        oldDefinitions = old.definitions
        newDefinitions = new.definitions
        oldLineTokens = Self.lineTokens(oldScan, oldLines)
        newLineTokens = Self.lineTokens(newScan, newLines)
        replacements = alignedReplacements()
    }

    /// 0-based line of the new version holding token `k`.
    public func newLine(ofToken k: Int) -> Int { newLines.line(containing: newScan.tokens[k].start) }

    /// Whether an unchanged line of the new version uses `name` as an identifier other than to define it.
    public func usesOnUnchangedLines(_ name: String) -> Bool {
        let unchanged = unchangedNewLines()
        for line in unchanged {
            for k in newLineTokens[line] where newScan.tokens[k].kind == .identifier && newDefinitions[k] == nil {
                if newScan.text(k) == name { return true }
            }
        }
        return false
    }

    private func alignedReplacements() -> [Replacement] {
        var result: [Replacement] = []
        for hunk in hunks where !hunk.old.isEmpty && !hunk.new.isEmpty && hunk.old.count * hunk.new.count <= 4096 {
            for removed in hunk.old {
                let before = tokenHashes(oldScan, oldLineTokens[removed])
                guard !before.isEmpty else { continue }
                var best: (line: Int, common: Int, distance: Int)?
                for added in hunk.new {
                    let after = tokenHashes(newScan, newLineTokens[added])
                    let changed = LineDiff.hunks(before, after).reduce(0) { $0 + $1.old.count }
                    let common = before.count - changed
                    guard common * 2 >= max(before.count, after.count) else { continue }
                    let distance = abs((removed - hunk.old.lowerBound) - (added - hunk.new.lowerBound))
                    if best == nil || common > best!.common || (common == best!.common && distance < best!.distance) {
                        best = (added, common, distance)
                    }
                }
                guard let added = best?.line else { continue }
                let oldTokens = oldLineTokens[removed]
                let newTokens = newLineTokens[added]
                let after = tokenHashes(newScan, newTokens)
                let tokenHunks = LineDiff.hunks(before, after)
                let substitution = tokenHunks.allSatisfy { $0.old.count <= $0.new.count }
                for tokenHunk in tokenHunks where tokenHunk.old.count == tokenHunk.new.count {
                    for (o, n) in zip(tokenHunk.old, tokenHunk.new) {
                        let oldToken = oldTokens[o]
                        let newToken = newTokens[n]
                        guard oldScan.tokens[oldToken].kind == .identifier, newScan.tokens[newToken].kind == .identifier
                        else { continue }
                        result.append(
                            Replacement(
                                oldToken: oldToken, newToken: newToken, oldLine: removed, newLine: added,
                                isSubstitution: substitution))
                    }
                }
            }
        }
        return result
    }

    /// The bytes of the new version a local definition is confined to: its function, from the line that
    /// opens it to its last token. A parameter of a function without a body (a stub, an interface or
    /// protocol requirement, an abstract method) is confined to its signature. `nil` for definitions
    /// without a function scope.
    public func functionRange(of definition: Definition) -> Range<Int>? {
        guard let scope = definition.functionScope, let opener = newScan.scopes[scope].opener else {
            guard definition.kind == .parameter,
                let line = newScan.logicalLines.first(where: { $0.contains(definition.token) }), !line.isEmpty
            else { return nil }
            let tokens = newScan.tokens
            return newLines.ranges[newLines.line(containing: tokens[line.lowerBound].start)]
                .lowerBound..<tokens[line.upperBound - 1].end
        }
        let tokens = newScan.tokens
        var head = min(opener, definition.token)
        if let line = newScan.logicalLines.first(where: { $0.contains(head) }), let first = line.first {
            head = min(head, first)
        }
        var last = opener
        var k = opener + 1
        while k < tokens.count {
            if tokens[k].kind != .newline && !tokens[k].isComment {
                guard isInside(newScan.scope(of: k), scope) else { break }
                last = k
            }
            k += 1
        }
        let start = newLines.ranges[newLines.line(containing: tokens[head].start)].lowerBound
        return start..<tokens[last].end
    }

    /// 0-based lines of the new version that the change did not touch.
    public func unchangedNewLines() -> Set<Int> {
        var touched = Set<Int>()
        for hunk in hunks { touched.formUnion(hunk.new) }
        return Set(newLines.ranges.indices).subtracting(touched)
    }

    private func isInside(_ scope: Int, _ ancestor: Int) -> Bool {
        var current: Int? = scope
        while let id = current {
            if id == ancestor { return true }
            current = newScan.scopes[id].parent
        }
        return false
    }

    private func tokenHashes(_ scan: ScannedFile, _ tokens: [Int]) -> [Int] {
        tokens.map { k in
            var hasher = Hasher()
            hasher.combine(scan.tokens[k].kind)
            scan.bytes[scan.tokens[k].range].withUnsafeBytes { hasher.combine(bytes: $0) }
            return hasher.finalize()
        }
    }

    private static func lineTokens(_ scan: ScannedFile, _ lines: FileLines) -> [[Int]] {
        var result = [[Int]](repeating: [], count: lines.ranges.count)
        guard !lines.ranges.isEmpty else { return result }
        var line = 0
        for (k, token) in scan.tokens.enumerated() where token.kind != .newline && !token.isComment {
            while line + 1 < lines.ranges.count, lines.ranges[line + 1].lowerBound <= token.start { line += 1 }
            result[line].append(k)
        }
        return result
    }
}
