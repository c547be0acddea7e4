import BelayCore
import BelayDetectors
import BelayScan
import Foundation
import XCTest

/// Re-runs a triggering example of `rule` through every mutation of its language (`mutations(of:language:)`):
/// where the mutation hides the code in a comment or literal there must be no finding at all; where it puts a
/// multibyte prefix in front, the findings must be exactly the marked ones, moved by the prefix's length.
///
/// ```swift
/// for example in DuplicateKeyDetector.description.triggering {
///     assertMutationsHold(rule: DuplicateKeyDetector.self, example: example)
/// }
/// ```
func assertMutationsHold(
    rule: any Detector.Type, example: RuleDescription.Example, file: StaticString = #filePath, line: UInt = #line
) {
    let id = rule.description.id
    guard let language = Language.detect(path: example.fileName) else {
        XCTFail("\(id): no language for \(example.fileName)", file: file, line: line)
        return
    }
    let marked = MarkedText(example.code)
    let code = String(decoding: marked.bytes, as: UTF8.self)
    let detector = rule.init()
    for mutation in mutations(of: code, language: language) {
        let source = SourceFile(path: example.fileName, bytes: Array(mutation.text.utf8))
        let found = detector.findings(in: source)
        let context = "\(id) \(mutation.name) of \(example.fileName):\n\(mutation.text)"
        if mutation.hidesCode {
            XCTAssertEqual(
                found.map(\.message), [], "\(context)\nreports hidden code", file: file, line: line)
        } else {
            let offsets = found.compactMap { $0.location?.start }.sorted()
            XCTAssertEqual(
                offsets, marked.markers.map { $0 + mutation.shift }, "\(context)\nfindings moved wrongly",
                file: file, line: line)
            for finding in found {
                for note in finding.related {
                    XCTAssertGreaterThanOrEqual(note.location.start, mutation.shift, context, file: file, line: line)
                }
            }
        }
    }
}

/// Runs ``assertMutationsHold(rule:example:file:line:)`` for every triggering example of `rule` and every
/// triggering marker fixture in `fixtures/<rule-id>/`.
func assertMutationsHoldForAllExamples(
    of rule: any Detector.Type, file: StaticString = #filePath, line: UInt = #line
) throws {
    var examples = rule.description.triggering
    let folder = repositoryRoot.appendingPathComponent("fixtures").appendingPathComponent(rule.description.id)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names.sorted() where !name.hasPrefix(".") {
        let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
        if !MarkedText(text).markers.isEmpty { examples.append(.init(text, fileName: name)) }
    }
    for example in examples {
        assertMutationsHold(rule: rule, example: example, file: file, line: line)
    }
}
