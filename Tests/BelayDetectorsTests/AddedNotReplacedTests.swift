import BelayCore
import BelayDetectors
import Foundation
import XCTest

/// `added-not-replaced` on whole changes: `fixtures/added-not-replaced/<case>/before/…` and `after/…` hold
/// the two versions of each file; `1️⃣` in an `after` file marks each expected finding.
final class AddedNotReplacedTests: XCTestCase {
    let folder = repositoryRoot.appendingPathComponent("fixtures/added-not-replaced")

    func testEveryCaseMatchesItsMarkersExactly() throws {
        let cases = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }
        XCTAssertGreaterThanOrEqual(cases.count, 4)
        var triggering = 0
        for name in cases.sorted() {
            let (changes, markers) = try load(name)
            let findings = AddedNotReplacedDetector().findings(in: changes)
            var found: [String: [Int]] = [:]
            for finding in findings {
                guard let location = finding.location else { continue }
                found[location.path, default: []].append(location.start)
                XCTAssertEqual(finding.rule, "added-not-replaced")
                XCTAssertTrue(finding.message.contains("replace it instead of adding"), finding.message)
                XCTAssertEqual(finding.related.count, 1, name)
            }
            XCTAssertEqual(found.mapValues { $0.sorted() }, markers, "\(name): \(findings.map(\.message))")
            if !markers.isEmpty { triggering += 1 }
        }
        XCTAssertGreaterThan(triggering, 0)
        XCTAssertLessThan(triggering, cases.count)
    }

    func testMessageNamesBothLines() throws {
        let (changes, _) = try load("copied-field")
        let finding = try XCTUnwrap(AddedNotReplacedDetector().findings(in: changes).first)
        XCTAssertEqual(
            finding.message,
            "this line copies line 2 with 'old_field' → 'new_field', but line 2 is still there: replace it instead of adding"
        )
    }

    func testTheRuleIsRegisteredAndDocumented() {
        XCTAssertNotNil(DetectorRegistry.rule(for: "added-not-replaced"))
        XCTAssertNotNil(DetectorRegistry.rule(for: "rename-leftover"))
        let text = RuleDocumentation.explain(RenameLeftoverRule.self)
        XCTAssertTrue(text.contains("return old_text.upper()"))
        XCTAssertTrue(RuleDocumentation.rulesTable().contains("added-not-replaced"))
    }

    /// The change of one case, and the marker offsets of each `after` file that has any.
    private func load(_ name: String) throws -> ([FileChangeInput], [String: [Int]]) {
        let before = folder.appendingPathComponent(name).appendingPathComponent("before")
        let after = folder.appendingPathComponent(name).appendingPathComponent("after")
        var changes: [FileChangeInput] = []
        var markers: [String: [Int]] = [:]
        let paths = FileManager.default.enumerator(atPath: after.path)?.compactMap { $0 as? String } ?? []
        for path in paths.sorted() {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: after.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if isDirectory.boolValue { continue }
            let marked = MarkedText(bytes: try Array(Data(contentsOf: after.appendingPathComponent(path))))
            let old = FileManager.default.contents(atPath: before.appendingPathComponent(path).path).map { [UInt8]($0) }
            changes.append(FileChangeInput(path: path, old: old, new: marked.bytes))
            if !marked.markers.isEmpty { markers[path] = marked.markers }
        }
        return (changes, markers)
    }
}
