// Wire names: the old name kept on purpose as the external name of a renamed field, so that stored
// data and API payloads keep working (`db_column="old_field"`, `@JsonProperty("oldField")`,
// `case newField = "old_field"`). The audit reports them as notes, not errors.

/// Text that, written just before a string's opening quote, makes that string a wire name.
/// Compared with whitespace removed and ASCII letters lowercased.
private let wireNameMarkers: [[UInt8]] = [
    "db_column=", "db_column:", "db_field=", "json_name=", "json_name:", "jsonname=", "serializedname(",
    "serializedname(value=", "jsonproperty(", "jsonproperty(value=", "jsonalias(", "serialname(", "jsonkey(name:",
    "jsonkey(name=", "json(name=", "column(name=", "rename=", "rename:", "alias=", "serialization_alias=",
    "validation_alias=", "data_key=", "json:", "yaml:", "xml:", "bson:", "db:", "toml:", "mapstructure:", "form:",
].map { Array($0.utf8) }

/// True when the hit at `start..<end` is the content of a string literal that names a field on the
/// wire or in storage: an ORM column name, a serializer's external name, a Go struct tag, serde's
/// `rename`, or the raw value of a Swift `CodingKeys` case.
public func isWireName(_ bytes: [UInt8], start: Int, end: Int) -> Bool {
    bytes.withUnsafeBufferPointer { isWireName($0, start: start, end: end) }
}

/// True when the hit at `start..<end` is a wire name; see ``isWireName(_:start:end:)-([UInt8],_,_)``.
public func isWireName(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Bool {
    guard start > 0, start <= bytes.count else { return false }
    let quote = bytes[start - 1]
    guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") || quote == UInt8(ascii: "`") else {
        return false
    }
    var lineStart = start - 1
    while lineStart > 0, bytes[lineStart - 1] != 0x0A, start - lineStart < 256 { lineStart -= 1 }
    var before: [UInt8] = []
    for byte in bytes[lineStart..<(start - 1)] where byte != 0x20 && byte != 0x09 {
        before.append(asciiLowercased(byte))
    }
    if wireNameMarkers.contains(where: { before.count >= $0.count && before.suffix($0.count).elementsEqual($0) }) {
        return true
    }
    // Swift `CodingKeys`: `case newField = "old_field"`.
    let caseKeyword = Array("case".utf8)
    return before.count > caseKeyword.count + 1 && before.starts(with: caseKeyword) && before.last == UInt8(ascii: "=")
        && before.dropFirst(caseKeyword.count).dropLast().allSatisfy { classifyASCIIIdentifier($0) }
}

private func classifyASCIIIdentifier(_ byte: UInt8) -> Bool {
    byte == 0x5F || byte &- 0x30 < 10 || byte &- 0x61 < 26 || byte >= 0x80
}
