/// Maps byte offsets in a file to 1-based line and column numbers. Columns count characters
/// (Unicode scalars), not bytes. Built once per file, O(log lines) per lookup.
public struct LineIndex: Sendable {
    /// Byte offset at which each line starts; always begins with 0.
    public let lineStarts: [Int]
    private let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        var starts = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
        self.bytes = bytes
    }

    /// Number of lines (a trailing newline does not open a new line).
    public var lineCount: Int {
        if let last = lineStarts.last, last == bytes.count, lineStarts.count > 1 { return lineStarts.count - 1 }
        return lineStarts.count
    }

    /// 0-based line containing `offset`.
    public func lineNumber0(at offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// 1-based line and column (in characters) of `offset`.
    public func position(of offset: Int) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, bytes.count))
        let line = lineNumber0(at: clamped)
        var column = 1
        for index in lineStarts[line]..<clamped where bytes[index] & 0xC0 != 0x80 {
            column += 1  // one per character: UTF-8 continuation bytes do not count
        }
        return (line + 1, column)
    }

    /// Byte range of 0-based `line`, without its line terminator (`\n` or `\r\n`).
    public func lineRange(_ line: Int) -> Range<Int> {
        let start = lineStarts[line]
        var end = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : bytes.count
        if end < start { end = start }
        if end > start, end <= bytes.count, end - 1 >= start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return start..<end
    }

    /// Text of 0-based `line` (invalid UTF-8 repaired), without its terminator.
    public func lineText(_ line: Int) -> String {
        String(decoding: bytes[lineRange(line)], as: UTF8.self)
    }
}
