import BelayCore

/// The two shapes that segments cannot say: a private key block (its header names the kind, its body
/// must be there), and a connection URL with a password (which is only a secret to a real host).
enum SecretBlocks {
    /// A private key block whose `-----BEGIN ` sits at `position`: the match covers the header to the end
    /// of the `-----END …-----` line (or of the body), and its value is the body.
    static func privateKey(_ bytes: [UInt8], line: Range<Int>, at position: Int) -> (ShapeMatch, String)? {
        let nameStart = position + 11
        var close = nameStart
        while close + 5 <= line.upperBound, close - nameStart <= 40 {
            if bytes[close..<(close + 5)].allSatisfy({ $0 == 0x2D }) { break }
            guard (0x41...0x5A).contains(bytes[close]) || bytes[close] == 0x20 else { return nil }
            close += 1
        }
        guard close + 5 <= line.upperBound, close - nameStart <= 40 else { return nil }
        let name = String(decoding: bytes[nameStart..<close], as: UTF8.self)
        guard name.hasSuffix("PRIVATE KEY") || name == "PGP PRIVATE KEY BLOCK" else { return nil }
        // The body: the rest of the header's line (a key in a JSON string, `\n` escaped), else the lines below.
        var body: [UInt8] = []
        var end = close + 5
        if close + 5 < line.upperBound {
            var index = close + 5
            var escaped = false
            while index < line.upperBound {
                let byte = bytes[index]
                if byte == 0x2D, bytes[index..<line.upperBound].starts(with: Array("-----END ".utf8)) {
                    end = lastDashes(bytes, from: index + 9, before: line.upperBound) ?? index
                    break
                }
                if escaped {
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                } else if SecretTable.ByteSet.base64.contains(byte) {
                    body.append(byte)
                    end = index + 1
                } else if byte != 0x20 {
                    break
                }
                index += 1
            }
        } else {
            var lineStart = line.upperBound + 1
            var count = 0
            while lineStart < bytes.count, count < 400 {
                let lineEnd = bytes[lineStart...].firstIndex(of: 0x0A) ?? bytes.count
                var content = bytes[lineStart..<lineEnd]
                while let first = content.first, first == 0x20 || first == 0x09 { content = content.dropFirst() }
                while let last = content.last, last == 0x20 || last == 0x09 || last == 0x0D {
                    content = content.dropLast()
                }
                if content.starts(with: Array("-----END ".utf8)) {
                    end = lastDashes(bytes, from: content.startIndex + 9, before: content.endIndex) ?? content.endIndex
                    break
                }
                if content.allSatisfy(SecretTable.ByteSet.base64.contains) {
                    body += content
                    end = content.endIndex
                } else if !content.contains(0x3A) {  // not a `Proc-Type:` header line
                    break
                }
                lineStart = lineEnd + 1
                count += 1
            }
        }
        guard body.count >= 64 else { return nil }
        let lowered = body.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }
        for word in ["example", "redacted", "placeholder"] where SecretFilters.contains(lowered, Array(word.utf8)) {
            return nil
        }
        if SecretFilters.contains(body, Array("xxxx".utf8)) || SecretFilters.contains(body, Array("XXXX".utf8)) {
            return nil
        }
        return (ShapeMatch(start: position, end: end, secretStart: position), name)
    }

    private static func lastDashes(_ bytes: [UInt8], from start: Int, before end: Int) -> Int? {
        var index = start
        while index + 5 <= end {
            if bytes[index..<(index + 5)].allSatisfy({ $0 == 0x2D }) { return index + 5 }
            index += 1
        }
        return nil
    }

    static let urlSchemes: Set<String> = [
        "postgres", "postgresql", "mysql", "mariadb", "mongodb", "mongodb+srv", "redis", "rediss", "amqp", "amqps",
        "mssql", "sqlserver", "oracle", "cockroachdb", "clickhouse", "nats", "ldap", "ldaps", "ftp", "sftp", "smtp",
        "smtps",
    ]
    static let userStop = SecretTable.ByteSet(":/@ \t\"'`<>\\?#")
    static let passwordStop = SecretTable.ByteSet("@/ \t\"'`<>\\")
    static let hostChars = SecretTable.ByteSet("A-Za-z0-9.-")
    static let schemeChars = SecretTable.ByteSet("a-zA-Z0-9+")
    static let obviousPasswords: Set<String> = [
        "password", "passwd", "pass", "pwd", "secret", "postgres", "mysql", "root", "admin", "guest", "test",
        "redis", "mongo", "rabbitmq", "docker", "default", "user", "username",
    ]

    /// A password in a database, broker or mail URL whose `://` sits at `position`, to a host that is
    /// neither local nor a documentation example; the match covers the password only.
    static func urlPassword(_ bytes: [UInt8], line: Range<Int>, at position: Int, placeholders: [[UInt8]])
        -> (ShapeMatch, String)?
    {
        var schemeStart = position
        while schemeStart > line.lowerBound, position - schemeStart < 20, schemeChars.contains(bytes[schemeStart - 1]) {
            schemeStart -= 1
        }
        let scheme = String(decoding: bytes[schemeStart..<position], as: UTF8.self).lowercased()
        guard urlSchemes.contains(scheme) else { return nil }
        var index = position + 3
        let userStart = index
        while index < line.upperBound, !userStop.contains(bytes[index]) { index += 1 }
        guard index < line.upperBound, bytes[index] == 0x3A else { return nil }
        let user = String(decoding: bytes[userStart..<index], as: UTF8.self)
        index += 1
        let passwordStart = index
        while index < line.upperBound, !passwordStop.contains(bytes[index]) { index += 1 }
        guard index < line.upperBound, bytes[index] == 0x40, index - passwordStart >= 6 else { return nil }
        let passwordEnd = index
        index += 1
        let hostStart = index
        while index < line.upperBound, hostChars.contains(bytes[index]) { index += 1 }
        let host = String(decoding: bytes[hostStart..<index], as: UTF8.self).lowercased()
        guard host.contains("."), !isLocalOrExample(host) else { return nil }
        let password = bytes[passwordStart..<passwordEnd]
        // A URL's password is printable ASCII (anything else is percent-encoded): raw bytes are a template.
        guard password.allSatisfy({ (0x21...0x7E).contains($0) }) else { return nil }
        let text = String(decoding: password, as: UTF8.self)
        let lowered = text.lowercased()
        if obviousPasswords.contains(lowered) || lowered == user.lowercased() || lowered == scheme { return nil }
        if ["$", "{", "<", "*", "%s", "%(", "password", "passwd", "secret"].contains(where: lowered.contains) {
            return nil
        }
        if SecretFilters.isPlaceholder(password, words: placeholders) { return nil }
        return (ShapeMatch(start: passwordStart, end: passwordEnd, secretStart: passwordStart), scheme)
    }

    static func isLocalOrExample(_ host: String) -> Bool {
        if host == "localhost" || host.hasPrefix("127.") || host == "0.0.0.0" || host == "host.docker.internal" {
            return true
        }
        let suffixes = [".localhost", ".local", ".test", ".example", ".invalid", ".internal", ".svc"]
        return suffixes.contains(where: host.hasSuffix) || host.contains("example")
    }
}

extension SecretTable.ByteSet {
    static let base64 = SecretTable.ByteSet("A-Za-z0-9+/=")
}
