import BelayCore

/// Fake credentials of every shape in `rules/secrets.json`, generated from the table itself (with valid
/// checksums), so that no complete token-shaped literal sits in the repository: the rule's examples, its
/// fixtures (`⟪shape-id⟫` in `fixtures/secret-token/`), the tests and the benchmark all draw from here.
package enum SecretSamples {
    /// Every shape id, in table order.
    package static var shapeIDs: [String] { SecretTable.builtIn.shapes.map(\.id) }

    /// The severity `secret-token` reports shape `id` with.
    package static func severity(of id: String) -> Severity? {
        SecretTable.builtIn.shapes.first { $0.id == id }?.severity
    }

    /// Whether shape `id` ends in a run of one exact length (so one more character is not the shape).
    package static func endsInExactLength(_ id: String) -> Bool {
        guard let last = SecretTable.builtIn.shapes.first(where: { $0.id == id })?.after.last else { return false }
        return last.literal != nil || last.min == last.max
    }

    /// A fake credential of shape `id`; `variant` picks another one of the same shape. The same arguments
    /// always give the same value.
    package static func token(for id: String, variant: Int = 0) -> String {
        guard let shape = SecretTable.builtIn.shapes.first(where: { $0.id == id }) else { return "" }
        let name = "\(id):\(variant)"
        var random = SplitMix(
            seed: name.utf8.reduce(14_695_981_039_346_656_037) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 })
        switch shape.kind {
        case .pem:
            let lines = (0..<6).map { _ in random.string(64, from: SecretTable.ByteSet("A-Za-z0-9+/")) }
            return "-----BEGIN RSA PRIVATE KEY-----\n" + lines.joined(separator: "\n")
                + "\n-----END RSA PRIVATE KEY-----"
        case .urlPassword:
            return "postgres://app:" + random.string(18, from: .alphanumeric) + "@db.prod.acme-corp.io:5432/app"
        case .segments:
            let before = shape.before.map { random.segment($0) }.joined()
            var after = shape.after.map { random.segment($0) }.joined()
            if shape.crc32 {
                after = String(after.dropLast(6))
                after += SecretFilters.base62Checksum(Array(after.utf8))
            }
            return before + String(decoding: shape.anchors[0], as: UTF8.self) + after
        }
    }

    /// `bytes` expanded as by ``expand(_:)`` when they hold a `⟪`; any other file is returned unchanged,
    /// byte for byte.
    package static func expandFixture(_ bytes: [UInt8]) -> [UInt8] {
        let open = Array("⟪".utf8)
        guard SecretFilters.contains(bytes, open) else { return bytes }
        return Array(expand(String(decoding: bytes, as: UTF8.self)).utf8)
    }

    /// `text` with each `⟪shape-id⟫` (or `⟪shape-id:variant⟫`) replaced by ``token(for:variant:)``, and
    /// each `⟪random:N⟫` by N random letters and digits.
    package static func expand(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let open = rest.range(of: "⟪"), let close = rest.range(of: "⟫", range: open.upperBound..<rest.endIndex) {
            out += rest[..<open.lowerBound]
            let parts = rest[open.upperBound..<close.lowerBound].split(separator: ":")
            let variant = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            if parts.first == "random" {  // `⟪random:N⟫`: N letters and digits, e.g. a password
                var random = SplitMix(seed: UInt64(variant) &* 0x9E37_79B9_7F4A_7C15 &+ 1)
                out += random.string(variant, from: .alphanumeric)
            } else {
                out += token(for: String(parts.first ?? ""), variant: variant)
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}

/// A small deterministic generator (SplitMix64).
private struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func string(_ count: Int, from chars: SecretTable.ByteSet) -> String {
        let members = (0...255).map(UInt8.init).filter(chars.contains)
        guard !members.isEmpty else { return "" }
        return String(decoding: (0..<count).map { _ in members[Int(next() % UInt64(members.count))] }, as: UTF8.self)
    }

    mutating func segment(_ segment: SecretTable.Segment) -> String {
        if let literal = segment.literal { return String(decoding: literal, as: UTF8.self) }
        return string(min(segment.max, max(segment.min, 40)), from: segment.chars)
    }
}
