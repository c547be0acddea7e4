/// A `Decoder` over a ``RuleValue``: what ``RuleData/decode(_:from:)`` uses for belay's own tables. It
/// decodes the types those tables use (strings, numbers, booleans, arrays, objects, optionals and
/// `RawRepresentable` enums) without the dynamic type checks of Foundation's `JSONDecoder`.
struct RuleValueDecoder: Decoder {
    let value: RuleValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch(codingPath, "an object") }
        return KeyedDecodingContainer(KeyedRuleContainer<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw mismatch(codingPath, "an array") }
        return UnkeyedRuleContainer(elements: elements, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleRuleContainer(value: value, codingPath: codingPath)
    }
}

private func mismatch(_ path: [any CodingKey], _ expected: String) -> DecodingError {
    DecodingError.typeMismatch(
        Any.self, .init(codingPath: path, debugDescription: "expected \(expected)"))
}

private struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct KeyedRuleContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [String: RuleValue]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }
    func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        if case .null = members[key.stringValue] ?? .null { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        guard let value = members[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "missing"))
        }
        return try T(from: RuleValueDecoder(value: value, codingPath: codingPath + [key]))
    }

    private func decode<T: Decodable>(_ type: T.Type, forKey key: Key, as: ()) throws -> T {
        let generic: (T.Type, Key) throws -> T = decode
        return try generic(type, key)
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type, forKey: key, as: ()) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type, forKey: key, as: ()) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type, forKey: key, as: ()) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type, forKey: key, as: ()) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type, forKey: key, as: ()) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type, forKey: key, as: ()) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type, forKey: key, as: ()) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type, forKey: key, as: ()) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type, forKey: key, as: ()) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type, forKey: key, as: ()) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type, forKey: key, as: ()) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type, forKey: key, as: ()) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type, forKey: key, as: ()) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type, forKey: key, as: ()) }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try RuleValueDecoder(value: members[key.stringValue] ?? .null, codingPath: codingPath + [key])
            .container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try RuleValueDecoder(value: members[key.stringValue] ?? .null, codingPath: codingPath + [key])
            .unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder { RuleValueDecoder(value: .object(members), codingPath: codingPath) }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        RuleValueDecoder(value: members[key.stringValue] ?? .null, codingPath: codingPath + [key])
    }
}

private struct UnkeyedRuleContainer: UnkeyedDecodingContainer {
    let elements: [RuleValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(elements: [RuleValue], codingPath: [any CodingKey]) {
        self.elements = elements
        self.codingPath = codingPath
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, case .null = elements[currentIndex] else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next(type) }

    private mutating func next<T: Decodable>(_ type: T.Type) throws -> T {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "array ended"))
        }
        let decoder = RuleValueDecoder(value: elements[currentIndex], codingPath: codingPath + [IndexKey(currentIndex)])
        let value = try T(from: decoder)
        currentIndex += 1
        return value
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next(type) }
    mutating func decode(_ type: String.Type) throws -> String { try next(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try next(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try next(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type
    ) throws -> KeyedDecodingContainer<NestedKey> {
        let decoder = RuleValueDecoder(value: isAtEnd ? .null : elements[currentIndex], codingPath: codingPath)
        currentIndex += 1
        return try decoder.container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let decoder = RuleValueDecoder(value: isAtEnd ? .null : elements[currentIndex], codingPath: codingPath)
        currentIndex += 1
        return try decoder.unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let decoder = RuleValueDecoder(value: isAtEnd ? .null : elements[currentIndex], codingPath: codingPath)
        currentIndex += 1
        return decoder
    }
}

private struct SingleRuleContainer: SingleValueDecodingContainer {
    let value: RuleValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool {
        if case .null = value { return true }
        return false
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: RuleValueDecoder(value: value, codingPath: codingPath))
    }

    private func primitive<T>(_ type: T.Type) throws -> T {
        switch value {
        case .bool(let bool): if let result = bool as? T { return result }
        case .string(let string): if let result = string as? T { return result }
        case .number(let number): if let result = convert(number, to: type) { return result }
        default: break
        }
        throw mismatch(codingPath, "\(T.self)")
    }

    private func convert<T>(_ number: Double, to type: T.Type) -> T? {
        switch type {
        case is Double.Type: return number as? T
        case is Float.Type: return Float(number) as? T
        case is Int.Type: return Int(exactly: number) as? T
        case is Int8.Type: return Int8(exactly: number) as? T
        case is Int16.Type: return Int16(exactly: number) as? T
        case is Int32.Type: return Int32(exactly: number) as? T
        case is Int64.Type: return Int64(exactly: number) as? T
        case is UInt.Type: return UInt(exactly: number) as? T
        case is UInt8.Type: return UInt8(exactly: number) as? T
        case is UInt16.Type: return UInt16(exactly: number) as? T
        case is UInt32.Type: return UInt32(exactly: number) as? T
        case is UInt64.Type: return UInt64(exactly: number) as? T
        default: return nil
        }
    }

    func decode(_ type: Bool.Type) throws -> Bool { try primitive(type) }
    func decode(_ type: String.Type) throws -> String { try primitive(type) }
    func decode(_ type: Double.Type) throws -> Double { try primitive(type) }
    func decode(_ type: Float.Type) throws -> Float { try primitive(type) }
    func decode(_ type: Int.Type) throws -> Int { try primitive(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try primitive(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try primitive(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try primitive(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try primitive(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try primitive(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try primitive(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try primitive(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try primitive(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try primitive(type) }
}
