import Foundation
import XCTest

/// `fixtures/golden/` at the repository root, found from this file's path.
let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("fixtures/golden")

/// Compares `actual` with the golden file `name`. With `BELAY_RECORD=1` (or when the golden is missing) the
/// golden is written and the test fails, so a recording run can never pass by accident. With `asJSON`,
/// both sides are parsed and compared as JSON values, so key order and whitespace do not matter.
func assertSnapshot(
    name: String, actual: String, asJSON: Bool = false, file: StaticString = #filePath, line: UInt = #line
) throws {
    let url = goldenDirectory.appendingPathComponent(name)
    let record = ProcessInfo.processInfo.environment["BELAY_RECORD"] == "1"
    guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
        try FileManager.default.createDirectory(at: goldenDirectory, withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        XCTFail("recorded golden \(name); run again without BELAY_RECORD to compare", file: file, line: line)
        return
    }
    if asJSON {
        let parsedActual = try JSONSerialization.jsonObject(with: Data(actual.utf8)) as? NSDictionary
        let parsedExpected = try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? NSDictionary
        XCTAssertNotNil(parsedActual, "\(name): output is not a JSON object", file: file, line: line)
        XCTAssertEqual(parsedActual, parsedExpected, "\(name) differs from its golden", file: file, line: line)
    } else {
        XCTAssertEqual(actual, expected, "\(name) differs from its golden", file: file, line: line)
    }
}
