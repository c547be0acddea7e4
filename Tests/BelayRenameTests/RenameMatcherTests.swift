import BelayRename
import XCTest

final class RenameMatcherTests: XCTestCase {
    private let matcher = RenameMatcher(old: "old_field", new: "new_field")

    private func only(_ text: String, _ matcher: RenameMatcher? = nil) -> Hit? {
        let hits = (matcher ?? self.matcher).hits(in: Array(text.utf8))
        XCTAssertLessThanOrEqual(hits.count, 1, text)
        return hits.first
    }

    func testFindsEverySpellingWithItsSuggestion() {
        let table: [(String, String, NamingStyle, Bool, String)] = [
            ("x = old_field + 1", "old_field", .snake, false, "new_field"),
            ("this.oldField = 1", "oldField", .camel, false, "newField"),
            ("class OldField:", "OldField", .pascal, false, "NewField"),
            ("OLD_FIELD = 3", "OLD_FIELD", .screaming, false, "NEW_FIELD"),
            ("<div class=\"old-field\">", "old-field", .kebab, false, "new-field"),
            ("config: old.field", "old.field", .dotted, false, "new.field"),
            ("# The Old field is gone", "Old field", .prose, false, "New field"),
            ("OLDFIELD=1", "OLDFIELD", .flat, false, "NEWFIELD"),
            ("def getOldField(self):", "getOldField", .pascal, true, "getNewField"),
            ("old_field_id = 2", "old_field_id", .snake, true, "new_field_id"),
            ("OldFieldSerializer()", "OldFieldSerializer", .pascal, true, "NewFieldSerializer"),
            ("OLD_FIELD_MAX", "OLD_FIELD_MAX", .screaming, true, "NEW_FIELD_MAX"),
            ("self.__old_field", "__old_field", .snake, false, "__new_field"),
            ("oldFieldName", "oldFieldName", .camel, true, "newFieldName"),
            ("css: my-old-field-x", "my-old-field-x", .kebab, true, "my-new-field-x"),
            ("cli --old-field=1", "old-field", .kebab, false, "new-field"),
            ("<?php $old_field;", "old_field", .snake, false, "new_field"),
            ("@old_field = 1", "old_field", .snake, false, "new_field"),
            ("the OLD FIELD's value", "OLD FIELD", .prose, false, "NEW FIELD"),
            ("oldfield_cache", "oldfield_cache", .flat, true, "newfield_cache"),
        ]
        for (text, matched, variant, compound, suggestion) in table {
            guard let hit = only(text) else {
                XCTFail("no hit in \(text)")
                continue
            }
            XCTAssertEqual(hit.text, matched, text)
            XCTAssertEqual(hit.variant, variant, text)
            XCTAssertEqual(hit.compound, compound, text)
            XCTAssertEqual(hit.suggestion, suggestion, text)
            XCTAssertEqual(Array(text.utf8)[hit.start..<hit.end], ArraySlice(matched.utf8), text)
        }
    }

    func testEveryExampleHoldsInCommentsStringsAndAfterMultibyteText() {
        let examples = ["old_field", "oldField", "OldField", "OLD_FIELD", "old-field", "getOldField", "OLD_FIELD_MAX"]
        let wrappers = ["# \u{0}", "// \u{0}\r\n", "\"\u{0}\"", "'\u{0}'", "`\u{0}`", "/* \u{0} */", "ü€😀 \u{0}"]
        for example in examples {
            let plain = matcher.hits(in: Array(example.utf8))
            XCTAssertEqual(plain.count, 1, example)
            for wrapper in wrappers {
                let parts = wrapper.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
                let text = parts[0] + example + parts[1]
                let hits = matcher.hits(in: Array(text.utf8))
                XCTAssertEqual(hits.map(\.text), plain.map(\.text), text)
                XCTAssertEqual(hits.map(\.start), plain.map { $0.start + parts[0].utf8.count }, text)
                XCTAssertEqual(hits.map(\.suggestion), plain.map(\.suggestion), text)
            }
        }
    }

    func testIgnoresNearMisses() {
        for text in [
            "hold_fields", "bold_field", "old_fieldset", "oldFields", "old_field2", "old  field", "old\nfield",
            "folded_field", "field_old", "old_", "oldfieldx", "new_field",
        ] {
            XCTAssertEqual(matcher.hits(in: Array(text.utf8)), [], text)
        }
    }

    func testFindsEveryOccurrenceInOrder() {
        let text = "old_field = oldField # old field\nOLD_FIELD\r\nold_field_old_field"
        let hits = matcher.hits(in: Array(text.utf8))
        XCTAssertEqual(hits.map(\.text), ["old_field", "oldField", "old field", "OLD_FIELD", "old_field_old_field"])
        XCTAssertEqual(hits.last?.suggestion, "new_field_new_field")
    }

    func testOneWordNameKeepsTheCompoundsStyle() {
        let matcher = RenameMatcher(old: "field", new: "nameValue")
        let table: [(String, String)] = [
            ("field", "name_value"), ("getField", "getNameValue"), ("fieldName", "nameValueName"),
            ("get_field", "get_name_value"), ("FIELD_MAX", "NAME_VALUE_MAX"), ("Field", "NameValue"),
        ]
        for (text, suggestion) in table {
            XCTAssertEqual(only(text, matcher)?.suggestion, suggestion, text)
        }
        XCTAssertNil(only("fields", matcher))
    }

    func testAcronymsAndDigits() {
        let matcher = RenameMatcher(old: "HTTPServer", new: "WebServer")
        XCTAssertEqual(only("let s = HttpServer()", matcher)?.suggestion, "WebServer")
        XCTAssertEqual(only("http_server_port", matcher)?.suggestion, "web_server_port")
        XCTAssertEqual(only("MyHTTPServer", matcher)?.suggestion, "MyWebServer")
        let digits = RenameMatcher(old: "oauth2_token", new: "access_token")
        XCTAssertEqual(only("self.oauth2Token", digits)?.suggestion, "accessToken")
        XCTAssertNil(only("oauth_token", digits))
    }

    func testNewNameThatContainsTheOldOneIsNotAHit() {
        let matcher = RenameMatcher(old: "name", new: "full_name")
        XCTAssertEqual(matcher.hits(in: Array("full_name = name".utf8)).map(\.text), ["name"])
        XCTAssertEqual(matcher.hits(in: Array("fullName".utf8)), [])
    }

    func testUnicodeIdentifiersAndMultibyteText() {
        let matcher = RenameMatcher(old: "größe_wert", new: "maß_wert")
        XCTAssertEqual(only("x = GrößeWert", matcher)?.suggestion, "MaßWert")
        XCTAssertNil(only("übergröße_wert", matcher))
        let text = "s = \"é—\"; old_field"
        let hit = only(text)
        XCTAssertEqual(hit.map { Array(text.utf8)[$0.start..<$0.end] }, ArraySlice("old_field".utf8))
        XCTAssertNil(only("café_old_fieldé"))
        let german = RenameMatcher(old: "änderung_wert", new: "neuer_wert")
        XCTAssertEqual(only("ÄNDERUNG_WERT = 1", german)?.suggestion, "NEUER_WERT")
        let cyrillic = RenameMatcher(old: "старое_поле", new: "новое_поле")
        XCTAssertEqual(
            cyrillic.hits(in: Array("СТАРОЕ_ПОЛЕ + староеПоле".utf8)).map(\.suggestion), ["НОВОЕ_ПОЛЕ", "новоеПоле"])
    }

    func testInvalidUTF8AndBinaryBytesAreInputs() {
        var bytes: [UInt8] = [0xFF, 0xC3, 0x00]
        bytes += Array("old_field".utf8) + [0xE2, 0x82]
        XCTAssertEqual(matcher.hits(in: bytes).map(\.text), ["old_field"])
        XCTAssertEqual(RenameMatcher(old: "__", new: "x").hits(in: bytes), [])
    }

    func testLongInputCrossesSearchBlocks() {
        for padding in 0..<70 {
            let text = String(repeating: "a", count: padding) + " oldField " + String(repeating: "b", count: padding)
            XCTAssertEqual(matcher.hits(in: Array(text.utf8)).map(\.start), [padding + 1], "padding \(padding)")
        }
    }
}
