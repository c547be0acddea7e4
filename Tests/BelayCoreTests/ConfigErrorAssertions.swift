import BelayCore
import XCTest

/// Asserts that each `(text, key, fragment)` fails to parse as `belay.json5` with an error on line 3 (the
/// cases put their bad member there), naming `key`, with a message containing `fragment`.
func assertConfigErrorsOnLine3(
    _ cases: [(String, String, String)], file: StaticString = #filePath, line: UInt = #line
) {
    for (text, key, fragment) in cases {
        XCTAssertThrowsError(try Config.parse(Array(text.utf8), file: "belay.json5"), file: file, line: line) {
            error in
            guard case BelayError.configuration(_, let actualLine, let actual, let message) = error else {
                return XCTFail("unexpected \(error)", file: file, line: line)
            }
            XCTAssertEqual(actualLine, 3, message, file: file, line: line)
            XCTAssertEqual(actual, key, message, file: file, line: line)
            XCTAssertTrue(message.contains(fragment), message, file: file, line: line)
        }
    }
}
