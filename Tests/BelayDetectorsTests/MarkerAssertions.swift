import BelayCore
import BelayDetectors
import Foundation
import XCTest

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Runs `rule` over `marked` (with `1️⃣` markers stripped) and requires the findings to start exactly at the
/// markers: a missing or an extra finding fails.
func assertFindings(
    _ rule: any Rule.Type, marked: [UInt8], fileName: String, context: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    let text = MarkedText(bytes: marked)
    guard let detector = rule.init() as? any Detector else {
        XCTFail("\(rule.description.id) is not a per-file detector", file: file, line: line)
        return
    }
    let findings = detector.findings(in: SourceFile(path: fileName, bytes: text.bytes))
    let offsets = findings.compactMap { $0.location?.start }.sorted()
    XCTAssertEqual(
        offsets, text.markers,
        "\(context): findings \(findings.map { "\($0.location?.start ?? -1): \($0.message)" }) "
            + "do not match the markers",
        file: file, line: line)
    for finding in findings {
        XCTAssertEqual(finding.rule, rule.description.id, context, file: file, line: line)
        XCTAssertEqual(finding.severity, rule.description.defaultSeverity, context, file: file, line: line)
        XCTAssertFalse(finding.message.isEmpty, context, file: file, line: line)
        XCTAssertEqual(finding.location?.path, fileName, context, file: file, line: line)
    }
}
