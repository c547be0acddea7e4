/// Finds every place where one lowercase word occurs in a buffer, ignoring ASCII case: the
/// matcher's first, fast pass. It compares eight bytes at a time at the word's two rarest bytes
/// (the "generic SIMD" substring search, done in a machine word), so most of the input is rejected
/// without a branch per byte; only blocks where both bytes agree are checked in full.
struct CandidateFinder: Sendable {
    /// The word, lowercase UTF-8.
    let needle: [UInt8]
    private let firstOffset: Int
    private let secondOffset: Int
    private let firstByte: UInt8
    private let secondByte: UInt8
    private let firstFold: UInt8
    private let secondFold: UInt8

    init(word: [UInt8]) {
        precondition(!word.isEmpty, "cannot search for an empty word")
        needle = word
        let ranked = word.indices.sorted { (byteFrequency(word[$0]), $0) < (byteFrequency(word[$1]), $1) }
        firstOffset = ranked[0]
        secondOffset = ranked.count > 1 ? ranked[1] : ranked[0]
        firstByte = word[firstOffset]
        secondByte = word[secondOffset]
        firstFold = isLowerASCIILetter(firstByte) ? 0x20 : 0
        secondFold = isLowerASCIILetter(secondByte) ? 0x20 : 0
    }

    /// Calls `body` with the offset of each occurrence, in increasing order.
    @inline(__always)
    func forEach(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
        let count = bytes.count
        let length = needle.count
        guard count >= length, let base = bytes.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        let lastStart = count - length
        let reach = max(firstOffset, secondOffset) + 8
        // SWAR, eight bytes per step: a lane of `first ^ target | second ^ target` is zero exactly
        // where both bytes match. (Swift's SIMD types compile to per-lane loops here; this does not.)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let firstTarget = ones &* UInt64(firstByte)
        let secondTarget = ones &* UInt64(secondByte)
        let firstMask = ones &* UInt64(firstFold)
        let secondMask = ones &* UInt64(secondFold)
        var position = 0
        while position + reach <= count {
            let first = raw.loadUnaligned(fromByteOffset: position + firstOffset, as: UInt64.self)
            let second = raw.loadUnaligned(fromByteOffset: position + secondOffset, as: UInt64.self)
            let both = ((first | firstMask) ^ firstTarget) | ((second | secondMask) ^ secondTarget)
            if (both &- ones) & ~both & highs != 0 {
                for lane in 0..<8 {
                    let start = position + lane
                    if start <= lastStart && matches(bytes, at: start) { body(start) }
                }
            }
            position += 8
        }
        while position <= lastStart {
            if matches(bytes, at: position) { body(position) }
            position += 1
        }
    }

    /// True when the needle occurs at `start`, ignoring ASCII case.
    @inline(__always)
    func matches(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        for index in 0..<needle.count where asciiLowercased(bytes[start + index]) != needle[index] {
            return false
        }
        return true
    }
}

@inline(__always)
func asciiLowercased(_ byte: UInt8) -> UInt8 {
    byte &- 0x41 < 26 ? byte | 0x20 : byte
}

@inline(__always)
private func isLowerASCIILetter(_ byte: UInt8) -> Bool {
    byte &- 0x61 < 26
}

/// Rough frequency rank of a byte in source code and prose (higher is more common), used to pick
/// the rarest bytes of a word to search for.
private func byteFrequency(_ byte: UInt8) -> Int {
    let common: [UInt8] = Array("etaoinsrlcdhupmfgbywvkxjqz".utf8)
    if let index = common.firstIndex(of: byte) { return 40 - index }
    switch byte {
    case 0x30...0x39: return 22
    case 0x5F: return 28
    case 0x80...: return 1
    default: return 10
    }
}
