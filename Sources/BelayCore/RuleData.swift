import Foundation

/// The data files under `rules/` (language profiles, policy tables), compiled into the binary by
/// the EmbedRules build plugin so that copying `belay` alone onto a machine is enough.
public enum RuleData {
    /// Names of the embedded files, sorted (`transient-errors.json`, …).
    public static var names: [String] { EmbeddedRuleFiles.base64.keys.sorted() }

    /// The bytes of the embedded file `name`, or `nil` when there is none.
    public static func file(_ name: String) -> [UInt8]? {
        guard let encoded = EmbeddedRuleFiles.base64[name], let data = Data(base64Encoded: encoded) else { return nil }
        return [UInt8](data)
    }

    /// The embedded JSON5 file `name`, parsed. For tables read on every run, decoding by hand from this
    /// tree avoids the start-up cost of `Codable`'s generic metadata.
    public static func value(_ name: String) throws(BelayError) -> RuleValue {
        guard let bytes = file(name) else { throw .internal("rules/\(name) is not compiled into this binary") }
        do {
            return try JSON5Parser.parse(bytes)
        } catch {
            throw .internal("rules/\(name) is malformed: \(error)")
        }
    }

    /// Decodes the embedded JSON5 file `name`. A missing or malformed file is belay's own bug.
    /// Uses belay's own small parser and decoder: these tables are read on every run, and
    /// Foundation's `JSONDecoder` spends milliseconds of generic machinery on them.
    public static func decode<T: Decodable>(_ type: T.Type, from name: String) throws(BelayError) -> T {
        guard let bytes = file(name) else { throw .internal("rules/\(name) is not compiled into this binary") }
        do {
            let value = try JSON5Parser.parse(bytes)
            return try T(from: RuleValueDecoder(value: value, codingPath: []))
        } catch {
            throw .internal("rules/\(name) is malformed: \(error)")
        }
    }
}
