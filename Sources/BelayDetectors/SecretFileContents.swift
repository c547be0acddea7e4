import BelayCore
import Foundation

/// What `secret-file` reads inside a file: the private key block, the credential assignment, the stored
/// password, and whether a value reads as a secret at all.
extension SecretFileDetector {
    static func privateKeyRange(_ bytes: [UInt8]) -> Range<Int>? {
        let anchor = Array("-----BEGIN ".utf8)
        var index = 0
        while index + anchor.count <= bytes.count {
            if bytes[index] == 0x2D, bytes[index..<(index + anchor.count)].elementsEqual(anchor) {
                let end = bytes[index...].firstIndex(of: 0x0A) ?? bytes.count
                if let (match, _) = SecretBlocks.privateKey(bytes, line: index..<end, at: index) {
                    return match.start..<match.end
                }
            }
            index += 1
        }
        return nil
    }

    /// The first `key = value` line whose key `isCredential` and whose value is real (not empty, not a
    /// `${VAR}` reference, not a placeholder); the range covers the value.
    static func assignment(
        in bytes: [UInt8], separator: UInt8, isCredential: (String) -> Bool
    ) -> (key: String, range: Range<Int>)? {
        let file = SourceFile(path: "", bytes: bytes)
        var found: (key: String, range: Range<Int>)?
        file.forEachLine { line, _ in
            guard found == nil, let equals = bytes[line].firstIndex(of: separator) else { return }
            var key = String(decoding: bytes[line.lowerBound..<equals], as: UTF8.self)
                .trimmingCharacters(in: .whitespaces)
            if key.hasPrefix("export ") { key = String(key.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            guard !key.hasPrefix("#"), !key.hasPrefix(";"), isCredential(key) else { return }
            var start = equals + 1
            var end = line.upperBound
            while start < end, [0x20, 0x09, 0x22, 0x27].contains(bytes[start]) { start += 1 }
            while end > start, [0x20, 0x09, 0x22, 0x27].contains(bytes[end - 1]) { end -= 1 }
            let value = bytes[start..<end]
            guard looksSecret(value) else { return }
            found = (key, start..<end)
        }
        return found
    }

    /// Whether an assigned value reads as a secret: long enough, not a `${VAR}` or `<…>` reference, a
    /// placeholder, a number, a boolean, a path, or a URL without a password.
    static func looksSecret(_ value: ArraySlice<UInt8>) -> Bool {
        guard value.count >= 8, SecretFilters.entropy(value) >= 2.5 else { return false }
        if value.contains(where: { [0x24, 0x3C, 0x7B, 0x20].contains($0) }) { return false }
        if value.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x2E }) { return false }
        let text = String(decoding: value, as: UTF8.self).lowercased()
        if ["true", "false", "none", "null"].contains(text) || text.hasPrefix("/") || text.hasPrefix("./")
            || text.hasPrefix("~")
        {
            return false
        }
        if text.contains("://"), !text.contains("@") { return false }
        if text.contains("%(") || text.hasPrefix("env(") || text.hasPrefix("process.env") { return false }
        return !SecretFilters.isPlaceholder(value, words: SecretTable.builtIn.placeholders)
    }

    /// The password of a git credential store line (`https://user:token@host`) or of a `.netrc` entry
    /// (`machine host login user password secret`).
    static func storedPassword(in bytes: [UInt8]) -> Range<Int>? {
        let text = Array(bytes)
        var index = 0
        while index < text.count {
            if text[index...].starts(with: Array("://".utf8)) {
                var colon = index + 3
                while colon < text.count, ![0x3A, 0x40, 0x0A, 0x2F].contains(text[colon]) { colon += 1 }
                var at = colon + 1
                while at < text.count, ![0x40, 0x0A, 0x2F].contains(text[at]) { at += 1 }
                if colon < text.count, text[colon] == 0x3A, at < text.count, text[at] == 0x40,
                    looksSecret(text[(colon + 1)..<at])
                {
                    return (colon + 1)..<at
                }
            }
            if text[index...].starts(with: Array("password".utf8)), index + 8 < text.count,
                text[index + 8] == 0x20 || text[index + 8] == 0x09
            {
                var start = index + 8
                while start < text.count, text[start] == 0x20 || text[start] == 0x09 { start += 1 }
                var end = start
                while end < text.count, ![0x20, 0x09, 0x0A, 0x0D].contains(text[end]) { end += 1 }
                if looksSecret(text[start..<end]) { return start..<end }
            }
            index += 1
        }
        return nil
    }
}
