import BelayRename
import XCTest

final class WordSplittingTests: XCTestCase {
    func testSplitsEveryNamingStyle() {
        let table: [(String, [String])] = [
            ("old_field", ["old", "field"]),
            ("oldField", ["old", "field"]),
            ("OldField", ["old", "field"]),
            ("OLD_FIELD", ["old", "field"]),
            ("old-field", ["old", "field"]),
            ("old.field", ["old", "field"]),
            ("old field", ["old", "field"]),
            ("field", ["field"]),
            ("HTTPServer", ["http", "server"]),
            ("parseHTTPResponse2", ["parse", "http", "response2"]),
            ("oauth2Token", ["oauth2", "token"]),
            ("v2", ["v2"]),
            ("apiV2Client", ["api", "v2", "client"]),
            ("HTTP2Server", ["http2", "server"]),
            ("IOError", ["io", "error"]),
            ("__old_field", ["old", "field"]),
            ("old_field__", ["old", "field"]),
            ("größe_wert", ["größe", "wert"]),
            ("großeWert", ["große", "wert"]),
            ("ÄnderungsWert", ["änderungs", "wert"]),
            ("", []),
            ("___", []),
        ]
        for (identifier, words) in table {
            XCTAssertEqual(splitWords(identifier), words, identifier)
        }
    }

    func testRemembersUnderscoresAroundTheWords() {
        XCTAssertEqual(
            splitIdentifier("__old_field"), SplitIdentifier(prefix: "__", words: ["old", "field"], suffix: ""))
        XCTAssertEqual(splitIdentifier("class_"), SplitIdentifier(prefix: "", words: ["class"], suffix: "_"))
    }

    func testSpellingsOfATwoWordName() {
        let table = Dictionary(uniqueKeysWithValues: spellings(of: ["old", "field"]).map { ($0.style, $0.text) })
        XCTAssertEqual(
            table,
            [
                .snake: "old_field", .camel: "oldField", .pascal: "OldField", .screaming: "OLD_FIELD",
                .kebab: "old-field", .dotted: "old.field", .prose: "old field", .flat: "oldfield",
            ])
    }

    func testSpellingsLeaveOutShortFlatAndOneWordDuplicates() {
        XCTAssertFalse(spellings(of: ["user", "id"]).contains { $0.style == .flat })
        XCTAssertEqual(spellings(of: ["field"]).map(\.text), ["field", "Field", "FIELD"])
        XCTAssertEqual(spellings(of: []), [])
    }

    func testRespellsLikeTheSample() {
        XCTAssertEqual(respell(["new", "field"], like: .camel), "newField")
        XCTAssertEqual(respell(["new", "field"], like: .screaming), "NEW_FIELD")
        XCTAssertEqual(respell(["new", "field"], like: .pascal), "NewField")
        XCTAssertEqual(respell(["new", "field"], like: .kebab, matching: "OLD-FIELD"), "NEW-FIELD")
        XCTAssertEqual(respell(["new", "field"], like: .prose, matching: "Old field"), "New field")
        XCTAssertEqual(respell(["new", "field"], like: .flat, matching: "OLDFIELD"), "NEWFIELD")
        XCTAssertEqual(respell(["new", "field"], like: .flat, matching: "oldfield"), "newfield")
    }
}
