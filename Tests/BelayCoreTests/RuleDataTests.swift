import Foundation
import XCTest

@testable import BelayCore

final class RuleDataTests: XCTestCase {
    struct Sample: Codable, Equatable {
        enum Kind: String, Codable { case alpha, beta }
        var name: String
        var count: Int
        var ratio: Double
        var flag: Bool
        var kind: Kind
        var tags: [String]
        var nested: [String: [Int]]
        var optional: String?
        var absent: Int?
    }

    let source = """
        // a comment
        {
          name: 'caf\\u00e9 \\ud83d\\ude00 "q"',   /* block */
          "count": 3,
          ratio: -1.5e1,
          flag: true,
          kind: "beta",
          tags: ["a", 'b',],
          nested: { x: [1, 2], "y z": [] },
          optional: null,
        }
        """

    func testParsesOurJSON5AndDecodesLikeJSONDecoder() throws {
        let ours = try RuleValueDecoder.decode(Sample.self, from: Array(source.utf8))
        let foundation = JSONDecoder()
        foundation.allowsJSON5 = true
        let theirs = try foundation.decode(Sample.self, from: Data(source.utf8))
        XCTAssertEqual(ours, theirs)
        XCTAssertEqual(ours.name, "café 😀 \"q\"")
        XCTAssertEqual(ours.nested["y z"], [])
        XCTAssertNil(ours.optional)
    }

    func testMalformedInputFailsWithAnOffset() {
        for bad in ["{ a: }", "[1, 2", "{ a 1 }", "'open", "{} extra"] {
            XCTAssertThrowsError(try JSON5Parser.parse(Array(bad.utf8)), bad)
        }
        XCTAssertThrowsError(try RuleValueDecoder.decode(Sample.self, from: Array("{ name: 1 }".utf8)))
    }

    func testEveryEmbeddedTableParses() throws {
        XCTAssertFalse(RuleData.names.isEmpty)
        for name in RuleData.names where name.hasSuffix(".json") || name.hasSuffix(".json5") {
            let bytes = try XCTUnwrap(RuleData.file(name))
            XCTAssertNoThrow(try JSON5Parser.parse(bytes), name)
        }
    }
}

extension RuleValueDecoder {
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        try T(from: RuleValueDecoder(value: JSON5Parser.parse(bytes), codingPath: []))
    }
}
