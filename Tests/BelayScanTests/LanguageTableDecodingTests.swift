import Foundation
import XCTest

@testable import BelayCore
@testable import BelayScan

final class LanguageTableDecodingTests: XCTestCase {
    /// The hand-written decoding must read languages.json exactly as Codable does.
    func testHandWrittenDecodingMatchesCodable() throws {
        let byHand = try LanguageTable(rule: RuleData.value("languages.json"))
        let byCodable = try RuleData.decode(LanguageTable.self, from: "languages.json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        XCTAssertEqual(
            String(decoding: try encoder.encode(byHand), as: UTF8.self),
            String(decoding: try encoder.encode(byCodable), as: UTF8.self))
        XCTAssertEqual(byHand.languages.count, Language.allCases.count)
    }

    func testMissingRequiredFieldIsBelaysOwnError() {
        let broken = RuleValue.object(["operators": .array([]), "languages": .array([.object(["name": .string("x")])])])
        XCTAssertThrowsError(try LanguageTable(rule: broken)) { error in
            guard case BelayError.internal(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.hasPrefix("rules: "), message)
        }
    }
}
