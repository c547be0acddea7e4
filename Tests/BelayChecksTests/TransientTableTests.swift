import BelayChecks
import Foundation
import XCTest

/// `rules/transient-errors.json` against `fixtures/transient-errors/cases.txt`: every case classified as
/// written (look-alikes `none`), every pattern the classifier of a case of its kind, and the matching rules.
final class TransientTableTests: XCTestCase {
    /// One `=== KIND: what` block of the fixtures file.
    struct Case {
        var kind: String?
        var title: String
        var output: String
        var line: Int
    }

    struct MalformedHeader: Error, CustomStringConvertible {
        var line: Int
        var description: String { "cases.txt:\(line): a header is `=== KIND: title`" }
    }

    /// The cases of the fixtures file; a `# ` line after a blank line (or right after a header) ends a
    /// case and starts a comment.
    static func cases() throws -> [Case] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures/transient-errors/cases.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        var cases: [Case] = []
        var current: Case?
        var body: [Substring] = []
        func finish() {
            if var item = current {
                while body.last?.isEmpty == true { body.removeLast() }
                item.output = body.joined(separator: "\n") + "\n"
                cases.append(item)
            }
            current = nil
            body = []
        }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.hasPrefix("=== ") {
                finish()
                let header = line.dropFirst(4)
                guard let colon = header.range(of: ": ") else { throw MalformedHeader(line: index + 1) }
                let kind = String(header[..<colon.lowerBound])
                current = Case(
                    kind: kind == "none" ? nil : kind, title: String(header[colon.upperBound...]), output: "",
                    line: index + 1)
            } else if line.hasPrefix("# ") && body.last?.isEmpty != false {
                finish()
            } else if current != nil {
                body.append(line)
            }
        }
        finish()
        return cases
    }

    func testEveryCaseIsClassifiedAsWritten() throws {
        let table = try TransientTable.builtIn()
        let cases = try Self.cases()
        XCTAssertGreaterThan(cases.count, 90)
        XCTAssertGreaterThanOrEqual(cases.filter { $0.kind == nil }.count, 15, "look-alikes")
        for item in cases {
            XCTAssertFalse(item.output.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "line \(item.line)")
            let found = table.match(output: item.output)
            XCTAssertEqual(
                found?.kind, item.kind,
                "cases.txt:\(item.line) \(item.title): matched \(found.map { "`\($0.text)`" } ?? "nothing")")
        }
    }

    func testEveryPatternClassifiesACaseOfItsKind() throws {
        let table = try TransientTable.builtIn()
        let cases = try Self.cases()
        for pattern in table.patterns {
            let alone = TransientTable(patterns: [pattern])
            let witness = cases.first { $0.kind == pattern.kind && alone.classify(output: $0.output) != nil }
            XCTAssertNotNil(witness, "no case of kind \(pattern.kind) holds `\(pattern.text)`")
        }
    }

    func testTableShape() throws {
        let table = try TransientTable.builtIn()
        XCTAssertGreaterThanOrEqual(table.patterns.count, 80)
        var seen = Set<String>()
        for pattern in table.patterns {
            let text = pattern.text
            XCTAssertTrue(seen.insert(text.lowercased()).inserted, "`\(text)` twice")
            XCTAssertTrue(text.unicodeScalars.allSatisfy(\.isASCII), "`\(text)` is matched as ASCII")
            XCTAssertFalse(text.hasPrefix("*") || text.hasSuffix("*") || text.contains("**"), "`\(text)`")
            XCTAssertFalse(pattern.kind.isEmpty, "`\(text)` has no kind")
            // A bare status number would turn `expected 429, got 200` into infrastructure.
            XCTAssertGreaterThanOrEqual(text.filter(\.isLetter).count, 3, "`\(text)` needs words around it")
        }
        for seed in [
            "The socket connection was closed unexpectedly", "socket hang up", "ECONNRESET", "fetch failed",
            "Too Many Requests", "origin_response_timeout", "Connection reset", "error code: 524",
        ] {
            XCTAssertTrue(seen.contains(seed.lowercased()), "seed 003's `\(seed)`")
        }
    }

    func testWholeWordsCaseInsensitiveAndStarStaysOnOneLine() {
        let table = TransientTable(patterns: [
            .init(text: "error code: 524", kind: "cf"), .init(text: "ECONNRESET", kind: "reset"),
            .init(text: "@v*: unexpected EOF", kind: "proxy"), .init(text: "curl: (28)", kind: "curl"),
        ])
        XCTAssertEqual(table.classify(output: "ERROR CODE: 524"), "cf")
        XCTAssertEqual(table.classify(output: "got (error code: 524)."), "cf")
        XCTAssertNil(table.classify(output: "error code: 5240"))
        XCTAssertNil(table.classify(output: "xerror code: 524"))
        XCTAssertEqual(table.classify(output: "é error code: 524 é"), "cf", "non-ASCII neighbours are not letters")
        XCTAssertEqual(table.classify(output: "code: 'ECONNRESET'"), "reset")
        XCTAssertNil(table.classify(output: "onECONNRESET"))
        XCTAssertNil(table.classify(output: "ECONNRESET_HANDLER"))
        XCTAssertEqual(table.classify(output: "onECONNRESET; then read ECONNRESET"), "reset", "a later occurrence")
        XCTAssertEqual(table.classify(output: "x/sys@v0.0.0-2021: unexpected eof"), "proxy")
        XCTAssertNil(table.classify(output: "x/sys@v0.0.0\n: unexpected EOF"), "`*` does not cross a line")
        XCTAssertNil(table.classify(output: "x@v1: unexpected EOFS"), "the last part ends on a boundary")
        XCTAssertEqual(table.classify(output: "x@v1: unexpected EOFS, x@v2: unexpected EOF"), "proxy")
        XCTAssertEqual(table.classify(output: "curl: (28)x"), "curl", "no boundary after a non-word end")
        XCTAssertNil(table.classify(output: "libcurl: (28)"))
        XCTAssertNil(TransientTable(patterns: [.init(text: "*", kind: "all")]).classify(output: "anything"))
    }
}
