/// One occurrence of an old name in a file's bytes.
public struct Hit: Sendable, Equatable {
    /// Byte offset of the first byte of ``text``.
    public var start: Int
    /// Byte offset one past the last byte of ``text``.
    public var end: Int
    /// The whole identifier (or kebab/dotted chain, or prose phrase) that contains the old name,
    /// exactly as written: replacing `start..<end` with ``suggestion`` performs the rename.
    public var text: String
    /// How the old name is written here.
    public var variant: NamingStyle
    /// True when the old name is part of a longer identifier (`getOldField`, `OLD_FIELD_MAX`).
    public var compound: Bool
    /// ``text`` with the old name replaced by the new one in the same style (`getNewField`).
    public var suggestion: String

    /// Creates a hit.
    public init(start: Int, end: Int, text: String, variant: NamingStyle, compound: Bool, suggestion: String) {
        self.start = start
        self.end = end
        self.text = text
        self.variant = variant
        self.compound = compound
        self.suggestion = suggestion
    }
}

/// Finds every spelling of an old name in bytes, in one pass.
///
/// A hit is an identifier whose words contain the old name's words as a whole, contiguous run:
/// `old_field`, `getOldField`, `old_field_id`, `OldFieldSerializer`, `OLD_FIELD_MAX`, `__old_field`.
/// Words must match whole, so `hold_fields`, `bold_field`, `old_fieldset` and the plural `oldFields`
/// (old|fields is not old|field) are not hits. Names of two or more words are also found as
/// kebab-case (`old-field`), dotted (`old.field`) and prose (`Old field`, single spaces, any case),
/// and as one flat word (`oldfield`) when that is at least 8 characters long. An identifier that
/// spells the new name around the old one (renaming `name` to `full_name`, the text `full_name`) is
/// not a hit.
public struct RenameMatcher: Sendable {
    /// The old name as given.
    public let old: String
    /// The new name as given.
    public let new: String
    /// The old name's lowercase words.
    public let oldWords: [String]
    /// The new name's lowercase words.
    public let newWords: [String]
    let oldBytes: [[UInt8]]
    let newBytes: [[UInt8]]
    let flat: [UInt8]?
    let newContainsOld: Bool
    /// One finder, or two when every word has non-ASCII letters (the second finds the upper-case form).
    let finders: [CandidateFinder]

    /// Prepares a matcher for renaming `old` to `new` (any naming style).
    public init(old: String, new: String) {
        self.old = old
        self.new = new
        let oldWords = splitWords(old)
        let newWords = splitWords(new)
        self.oldWords = oldWords
        self.newWords = newWords
        let oldBytes = oldWords.map { Array($0.utf8) }
        self.oldBytes = oldBytes
        newBytes = newWords.map { Array($0.utf8) }
        let joined = oldWords.joined()
        flat = oldWords.count >= 2 && joined.count >= NamingStyle.minimumFlatLength ? Array(joined.utf8) : nil
        newContainsOld =
            newWords.count > oldWords.count
            && (0...(newWords.count - oldWords.count)).contains {
                Array(newWords[$0..<$0 + oldWords.count]) == oldWords
            }
        let rarest = oldBytes.min { rarity($0) < rarity($1) }
        var finders = rarest.map { [CandidateFinder(word: $0)] } ?? []
        if let rarest, rarest.contains(where: { $0 >= 0x80 }) {
            let upper = Array(String(decoding: rarest, as: UTF8.self).uppercased().utf8).map(asciiLowercased)
            if upper != rarest { finders.append(CandidateFinder(word: upper)) }
        }
        self.finders = finders
    }

    /// Every hit in `bytes`, in file order.
    public func hits(in bytes: [UInt8]) -> [Hit] {
        bytes.withUnsafeBufferPointer { hits(in: $0) }
    }

    /// Every hit in `bytes`, in file order.
    public func hits(in bytes: UnsafeBufferPointer<UInt8>) -> [Hit] {
        var found: [Hit] = []
        var scannedUpTo = 0
        let check = { (candidate: Int) in
            guard candidate >= scannedUpTo else { return }
            let start = identifierStart(bytes, endingAt: candidate)
            let end = identifierEnd(bytes, from: candidate)
            scannedUpTo = end
            guard let hit = hit(bytes, start..<end) else { return }
            if let last = found.last, hit.start < last.end { return }
            scannedUpTo = max(scannedUpTo, hit.end)
            found.append(hit)
        }
        if finders.count == 1 {
            finders[0].forEach(in: bytes, check)
        } else {
            var candidates: [Int] = []
            for finder in finders { finder.forEach(in: bytes) { candidates.append($0) } }
            candidates.sort()
            candidates.forEach(check)
        }
        return found
    }

    /// The hit for the identifier at `range`, found inside it or in a chain through it.
    private func hit(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Hit? {
        let words = wordRanges(bytes, range)
        if let hit = identifierHit(bytes, range, words) { return hit }
        if oldWords.count >= 2, words.count == 1, words[0] == range {
            return chainHit(bytes, range)
        }
        return nil
    }

    /// The old name as a run of words inside one identifier.
    private func identifierHit(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ words: [Range<Int>])
        -> Hit?
    {
        let count = oldBytes.count
        var runs: [(first: Int, count: Int, flat: Bool)] = []
        var index = 0
        while index < words.count {
            if index + count <= words.count,
                (0..<count).allSatisfy({ wordEquals(bytes, words[index + $0], oldBytes[$0]) }),
                !spellsNewName(bytes, words, index)
            {
                runs.append((index, count, false))
                index += count
            } else if let flat, wordEquals(bytes, words[index], flat) {
                runs.append((index, 1, true))
                index += 1
            } else {
                index += 1
            }
        }
        guard !runs.isEmpty else { return nil }
        let hasUnderscores =
            words.count > 1 && bytes[words[0].lowerBound..<words[words.count - 1].upperBound].contains(0x5F)
        var suggestion = ""
        var cursor = range.lowerBound
        var variant = NamingStyle.snake
        for (offset, run) in runs.enumerated() {
            let runRange = words[run.first].lowerBound..<words[run.first + run.count - 1].upperBound
            let runText = String(decoding: bytes[runRange], as: UTF8.self)
            let style =
                run.flat
                ? .flat
                : identifierStyle(
                    runText, words: run.count, underscored: hasUnderscores, compound: words.count > run.count)
            if offset == 0 { variant = style }
            suggestion += String(decoding: bytes[cursor..<runRange.lowerBound], as: UTF8.self)
            suggestion += respell(newWords, like: style, matching: runText)
            cursor = runRange.upperBound
        }
        suggestion += String(decoding: bytes[cursor..<range.upperBound], as: UTF8.self)
        let compound = runs.count > 1 || words.count != runs[0].count
        return Hit(
            start: range.lowerBound, end: range.upperBound, text: String(decoding: bytes[range], as: UTF8.self),
            variant: variant, compound: compound, suggestion: suggestion)
    }

    /// True when the old name's run at word `index` sits inside a run that spells the new name.
    private func spellsNewName(_ bytes: UnsafeBufferPointer<UInt8>, _ words: [Range<Int>], _ index: Int) -> Bool {
        guard newContainsOld else { return false }
        let lowest = max(0, index + oldBytes.count - newBytes.count)
        for first in stride(from: lowest, through: index, by: 1) where first + newBytes.count <= words.count {
            if (0..<newBytes.count).allSatisfy({ wordEquals(bytes, words[first + $0], newBytes[$0]) }) { return true }
        }
        return false
    }

    /// The old name spread over single-word identifiers joined by one `-`, `.` or space.
    private func chainHit(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Hit? {
        for (position, word) in oldBytes.enumerated() where wordEquals(bytes, range, word) {
            let separatorAt = position > 0 ? range.lowerBound - 1 : range.upperBound
            guard separatorAt >= 0, separatorAt < bytes.count else { continue }
            let separator = bytes[separatorAt]
            let style: NamingStyle
            switch separator {
            case UInt8(ascii: "-"): style = .kebab
            case UInt8(ascii: "."): style = .dotted
            case UInt8(ascii: " "): style = .prose
            default: continue
            }
            var start = range.lowerBound
            var end = range.upperBound
            var matched = true
            for previous in stride(from: position - 1, through: 0, by: -1) {
                guard let word = singleWord(bytes, before: start, separator: separator),
                    wordEquals(bytes, word, oldBytes[previous])
                else { matched = false; break }
                start = word.lowerBound
            }
            for next in (position + 1)..<oldBytes.count where matched {
                guard let word = singleWord(bytes, after: end, separator: separator),
                    wordEquals(bytes, word, oldBytes[next])
                else { matched = false; break }
                end = word.upperBound
            }
            guard matched else { continue }
            let runText = String(decoding: bytes[start..<end], as: UTF8.self)
            var outer = start..<end
            if style != .prose {
                while let word = neighbour(bytes, before: outer.lowerBound, separator: separator) {
                    outer = word.lowerBound..<outer.upperBound
                }
                while let word = neighbour(bytes, after: outer.upperBound, separator: separator) {
                    outer = outer.lowerBound..<word.upperBound
                }
            }
            let suggestion =
                String(decoding: bytes[outer.lowerBound..<start], as: UTF8.self)
                + respell(newWords, like: style, matching: runText)
                + String(decoding: bytes[end..<outer.upperBound], as: UTF8.self)
            return Hit(
                start: outer.lowerBound, end: outer.upperBound,
                text: String(decoding: bytes[outer], as: UTF8.self), variant: style,
                compound: outer != start..<end, suggestion: suggestion)
        }
        return nil
    }

    private func singleWord(_ bytes: UnsafeBufferPointer<UInt8>, before offset: Int, separator: UInt8) -> Range<Int>? {
        guard let range = neighbour(bytes, before: offset, separator: separator) else { return nil }
        return wordRanges(bytes, range) == [range] ? range : nil
    }

    private func singleWord(_ bytes: UnsafeBufferPointer<UInt8>, after offset: Int, separator: UInt8) -> Range<Int>? {
        guard let range = neighbour(bytes, after: offset, separator: separator) else { return nil }
        return wordRanges(bytes, range) == [range] ? range : nil
    }

    /// The identifier just before `separator` at `offset - 1`, if there is one.
    private func neighbour(_ bytes: UnsafeBufferPointer<UInt8>, before offset: Int, separator: UInt8) -> Range<Int>? {
        guard offset >= 2, bytes[offset - 1] == separator else { return nil }
        let start = identifierStart(bytes, endingAt: offset - 1)
        return start < offset - 1 ? start..<(offset - 1) : nil
    }

    /// The identifier just after `separator` at `offset`, if there is one.
    private func neighbour(_ bytes: UnsafeBufferPointer<UInt8>, after offset: Int, separator: UInt8) -> Range<Int>? {
        guard offset + 1 < bytes.count, bytes[offset] == separator else { return nil }
        let end = identifierEnd(bytes, from: offset + 1)
        return end > offset + 1 ? (offset + 1)..<end : nil
    }
}

/// The naming style of the old name's run of words inside an identifier.
private func identifierStyle(_ run: String, words: Int, underscored: Bool, compound: Bool) -> NamingStyle {
    if isAllCapitals(run) { return .screaming }
    if underscored || words > 1 && run.contains("_") { return .snake }
    if let first = run.unicodeScalars.first, first.properties.isUppercase { return .pascal }
    return compound || words > 1 ? .camel : .snake
}

/// How rare a word is likely to be: lower is rarer. Longer words are rarer; an ASCII word comes
/// first, because ASCII case folding finds all its spellings with one search.
private func rarity(_ word: [UInt8]) -> Int {
    (word.contains { $0 >= 0x80 } ? 1000 : 0) - word.count
}
