/// How a credential is shown: never whole. Every output path (messages, the source line under a text
/// finding, session records, hook reasons) goes through this one place.
public enum SecretRedaction {
    /// Rules whose locations cover a credential: renderers mask those bytes in every source excerpt.
    public static let rules: Set<String> = ["secret-token", "secret-file"]

    /// The shown form of `secret`: its visible prefix (``visiblePrefixLength(_:)``), `…`, and the last four
    /// characters when the rest is long enough that four characters give nothing useful away.
    public static func redacted(_ secret: String) -> String {
        let bytes = Array(secret.utf8)
        let prefix = visiblePrefixLength(bytes)
        let rest = bytes.count - prefix
        let tail =
            rest >= 16 && bytes.suffix(4).allSatisfy({ $0 < 0x80 })
            ? String(decoding: bytes.suffix(4), as: UTF8.self) : ""
        return String(decoding: bytes.prefix(prefix), as: UTF8.self) + "…" + tail
    }

    /// How many leading bytes of a secret are a public marker rather than secret material: up to and
    /// including the last `_`, `-` or `.` among the first 16 bytes (`ghp_`, `sk-ant-api03-`, `xoxb-`),
    /// else the first four bytes of a long value (`AKIA`), else nothing (a password).
    public static func visiblePrefixLength(_ secret: [UInt8]) -> Int {
        let length = markerLength(secret)
        return secret.prefix(length).allSatisfy { $0 < 0x80 } ? length : 0  // never half a character
    }

    private static func markerLength(_ secret: [UInt8]) -> Int {
        if secret.starts(with: Array("-----BEGIN ".utf8)) {  // the header line of a PEM block
            var index = 11
            while index + 5 <= secret.count, secret[index] != 0x0A {
                if secret[index..<(index + 5)].allSatisfy({ $0 == 0x2D }) { return index + 5 }
                index += 1
            }
            return min(index, secret.count)
        }
        var cut = 0
        for (index, byte) in secret.prefix(16).enumerated() where byte == 0x5F || byte == 0x2D || byte == 0x2E {
            cut = index + 1
        }
        if cut > 0 && secret.count - cut >= 16 { return cut }
        return secret.count >= 20 ? 4 : 0
    }

    /// `bytes` with every range of `ranges` masked in place: the visible prefix and the last four bytes of
    /// a long secret stay, every other byte except line breaks becomes `*`. Offsets and line numbers do not
    /// move, so a renderer can point into the masked text exactly as into the original.
    public static func mask(_ bytes: [UInt8], ranges: [Range<Int>]) -> [UInt8] {
        var masked = bytes
        for range in ranges {
            let lower = max(0, min(range.lowerBound, bytes.count))
            let upper = max(lower, min(range.upperBound, bytes.count))
            let secret = Array(bytes[lower..<upper])
            let keepHead = visiblePrefixLength(secret)
            let keepTail = secret.count - keepHead >= 16 && secret.suffix(4).allSatisfy({ $0 < 0x80 }) ? 4 : 0
            var index = lower + keepHead
            while index < upper - keepTail {
                if masked[index] != 0x0A && masked[index] != 0x0D { masked[index] = 0x2A }
                index += 1
            }
        }
        return masked
    }
}
