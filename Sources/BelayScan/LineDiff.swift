/// A region where two sequences differ: `old` elements were replaced by `new` ones (either may be empty).
public struct DiffHunk: Sendable, Equatable {
    /// Indices in the old sequence.
    public var old: Range<Int>
    /// Indices in the new sequence.
    public var new: Range<Int>

    /// Creates a hunk.
    public init(old: Range<Int>, new: Range<Int>) {
        self.old = old
        self.new = new
    }
}

/// A small Myers diff (O((N+M)·D) time, O(D²) memory) over sequences of hashes: lines of two file versions,
/// or the tokens of two aligned lines. Common prefixes and suffixes are stripped first; when the middle
/// needs more than ``maximumEdits`` edits it is reported as one hunk.
public enum LineDiff {
    /// Edit distance beyond which the middle of a diff is not aligned further.
    public static let maximumEdits = 2000

    /// The hunks that turn `old` into `new`, in order.
    public static func hunks(_ old: [Int], _ new: [Int]) -> [DiffHunk] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
            old[old.count - 1 - suffix] == new[new.count - 1 - suffix]
        {
            suffix += 1
        }
        let a = old[prefix..<(old.count - suffix)]
        let b = new[prefix..<(new.count - suffix)]
        if a.isEmpty && b.isEmpty { return [] }
        guard let matches = matchedPairs(a, b) else {
            return [DiffHunk(old: a.startIndex..<a.endIndex, new: b.startIndex..<b.endIndex)]
        }
        var result: [DiffHunk] = []
        var x = a.startIndex
        var y = b.startIndex
        for (i, j) in matches + [(a.endIndex, b.endIndex)] {
            if i > x || j > y { result.append(DiffHunk(old: x..<i, new: y..<j)) }
            x = i + 1
            y = j + 1
        }
        return result
    }

    /// The matched index pairs of a shortest edit script, ascending; nil when it needs too many edits.
    static func matchedPairs(_ a: ArraySlice<Int>, _ b: ArraySlice<Int>) -> [(Int, Int)]? {
        let n = a.count
        let m = b.count
        let limit = min(n + m, maximumEdits)
        let offset = limit + 1
        var v = [Int](repeating: 0, count: 2 * limit + 3)
        var trace: [[Int]] = []
        for d in 0...limit {
            for k in stride(from: -d, through: d, by: 2) {
                var x =
                    k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])
                    ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n, y < m, a[a.startIndex + x] == b[b.startIndex + y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n && y >= m { return backtrack(trace, d: d, n: n, m: m, a0: a.startIndex, b0: b.startIndex) }
            }
            trace.append(Array(v[(offset - d)...(offset + d)]))
        }
        return nil
    }

    private static func backtrack(_ trace: [[Int]], d final: Int, n: Int, m: Int, a0: Int, b0: Int) -> [(Int, Int)] {
        var pairs: [(Int, Int)] = []
        var x = n
        var y = m
        var d = final
        while d > 0 {
            let previous = trace[d - 1]
            func at(_ k: Int) -> Int { previous[k + d - 1] }
            let k = x - y
            let previousK = k == -d || (k != d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1
            let previousX = at(previousK)
            let previousY = previousX - previousK
            while x > previousX, y > previousY {
                pairs.append((a0 + x - 1, b0 + y - 1))
                x -= 1
                y -= 1
            }
            x = previousX
            y = previousY
            d -= 1
        }
        while x > 0, y > 0 {
            pairs.append((a0 + x - 1, b0 + y - 1))
            x -= 1
            y -= 1
        }
        return pairs.reversed()
    }
}

/// The lines of a file: where each starts and ends (terminator and a trailing `\r` excluded).
public struct FileLines: Sendable {
    /// Byte range of each line's content.
    public let ranges: [Range<Int>]

    /// Splits `bytes` at `\n`; a final line without a terminator counts, a trailing `\n` opens none.
    public init(_ bytes: [UInt8]) {
        var ranges: [Range<Int>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            ranges.append(start..<(index > start && bytes[index - 1] == 0x0D ? index - 1 : index))
            start = index + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        self.ranges = ranges
    }

    /// The 0-based line containing `offset` (the last line for offsets past the end).
    public func line(containing offset: Int) -> Int {
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].lowerBound <= offset { low = middle + 1 } else { high = middle }
        }
        return max(0, low - 1)
    }

    /// A hash of each line's content with surrounding spaces and tabs ignored.
    public func hashes(_ bytes: [UInt8]) -> [Int] {
        ranges.map { range in
            var lower = range.lowerBound
            var upper = range.upperBound
            while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
            while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
            var hasher = Hasher()
            hasher.combine(upper - lower)
            bytes[lower..<upper].withUnsafeBytes { hasher.combine(bytes: $0) }
            return hasher.finalize()
        }
    }
}
