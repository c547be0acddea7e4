import BelayCore
import Foundation

/// What tells a real credential from a look-alike once its shape matched: checksums, placeholders, and
/// how random the value is.
enum SecretFilters {
    /// Whether `value` reads as a placeholder: a word of the table's list anywhere in it (`EXAMPLE`,
    /// `xxxx`, `your`, `changeme`), a character repeated six times, a run of six consecutive characters
    /// (`abcdef`, `123456`), or too few distinct characters for its length.
    static func isPlaceholder(_ value: ArraySlice<UInt8>, words: [[UInt8]]) -> Bool {
        let lowered = value.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        for word in words where contains(lowered, word) { return true }
        var repeated = 1
        var ascending = 1
        var descending = 1
        var previous: UInt8?
        var distinct = Set<UInt8>()
        for byte in value {
            distinct.insert(byte)
            if let previous {
                repeated = byte == previous ? repeated + 1 : 1
                ascending = byte == previous &+ 1 ? ascending + 1 : 1
                descending = byte &+ 1 == previous ? descending + 1 : 1
                if repeated >= 6 || ascending >= 6 || descending >= 6 { return true }
            }
            previous = byte
        }
        return value.count >= 12 && distinct.count < max(5, value.count / 6)
    }

    /// Shannon entropy of `value` in bits per byte.
    static func entropy(_ value: ArraySlice<UInt8>) -> Double {
        guard !value.isEmpty else { return 0 }
        var counts = [Int](repeating: 0, count: 256)
        for byte in value { counts[Int(byte)] += 1 }
        let total = Double(value.count)
        return counts.reduce(0.0) { sum, count in
            guard count > 0 else { return sum }
            let p = Double(count) / total
            return sum - p * log2(p)
        }
    }

    /// GitHub's and npm's token checksum: the last six characters are the CRC32 of the rest, in base62
    /// (`0-9A-Za-z`).
    static func hasValidCRC32(_ body: ArraySlice<UInt8>) -> Bool {
        guard body.count > 6 else { return false }
        var decoded: UInt64 = 0
        for byte in body.suffix(6) {
            guard let digit = base62Digit(byte) else { return false }
            decoded = decoded * 62 + UInt64(digit)
        }
        return decoded == UInt64(crc32(body.dropLast(6)))
    }

    /// The base62 encoding of `value` in six characters, as GitHub and npm write their checksums.
    static func base62Checksum(_ value: [UInt8]) -> String {
        let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
        var number = UInt64(crc32(value[...]))
        var digits = [UInt8](repeating: alphabet[0], count: 6)
        for index in stride(from: 5, through: 0, by: -1) {
            digits[index] = alphabet[Int(number % 62)]
            number /= 62
        }
        return String(decoding: digits, as: UTF8.self)
    }

    private static func base62Digit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x5A: byte - 0x41 + 10
        case 0x61...0x7A: byte - 0x61 + 36
        default: nil
        }
    }

    /// CRC-32 (IEEE 802.3, as zlib computes it).
    static func crc32(_ bytes: ArraySlice<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        var index = 0
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0], haystack[index..<(index + needle.count)].elementsEqual(needle) {
                return true
            }
            index += 1
        }
        return false
    }

    /// The base64url (or base64) decoding of `text`, skipping what is not in the alphabet.
    static func base64Decoded(_ text: ArraySlice<UInt8>) -> [UInt8] {
        var bits: UInt32 = 0
        var count = 0
        var out: [UInt8] = []
        for byte in text {
            let value: UInt32
            switch byte {
            case 0x41...0x5A: value = UInt32(byte - 0x41)
            case 0x61...0x7A: value = UInt32(byte - 0x61 + 26)
            case 0x30...0x39: value = UInt32(byte - 0x30 + 52)
            case 0x2D, 0x2B: value = 62
            case 0x5F, 0x2F: value = 63
            default: continue
            }
            bits = bits << 6 | value
            count += 6
            if count >= 8 {
                count -= 8
                out.append(UInt8(truncatingIfNeeded: bits >> UInt32(count)))
            }
        }
        return out
    }
}
