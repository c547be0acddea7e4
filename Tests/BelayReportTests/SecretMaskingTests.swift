import BelayCore
import Foundation
import XCTest

@testable import BelayReport

/// No format prints a credential that a secret finding points at: not in the finding's own source line,
/// and not under another finding on the same line.
final class SecretMaskingTests: XCTestCase {
    // Built from fragments so that no complete key sits in the repository.
    let key = "AKIA" + "Q7XZ4M2K" + "9TLR8WNB"
    var source: String { "aws_key = \"\(key)\"   \n" }

    var report: Report {
        let start = Array(source.utf8).count - key.count - 5
        return Report(
            verdict: .block,
            diagnostics: [
                Diagnostic(
                    rule: "secret-token", severity: .error, message: "AWS access key id AKIA…8WNB (sha256:12345678)",
                    hint: "revoke it", location: SourceLocation(path: "app.py", start: start, end: start + key.count)),
                Diagnostic(
                    rule: "trailing-whitespace", severity: .error, message: "trailing whitespace", hint: nil,
                    location: SourceLocation(path: "app.py", start: start + key.count + 1, end: start + key.count + 4)),
            ],
            durationMs: 1)
    }

    func testEveryFormatMasksTheValue() {
        let bytes = Array(source.utf8)
        let renderer = ReportRenderer(sources: { $0 == "app.py" ? bytes : nil })
        for format in [ReportFormat.text, .json, .sarif, .github] {
            let output = renderer.render(report, as: format)
            XCTAssertFalse(output.contains("Q7XZ4M2K"), "\(format): \(output)")
            XCTAssertFalse(output.contains(key), "\(format)")
        }
        let text = renderer.render(report, as: .text)
        XCTAssertTrue(text.contains("aws_key = \"AKIA************8WNB\"   \n"), text)
        XCTAssertTrue(text.contains("app.py:1:12: error[secret-token]"), text)
        XCTAssertTrue(text.contains("app.py:1:33: error[trailing-whitespace]"), text)
    }
}
