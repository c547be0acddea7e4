import BelayDetectors
import BelaySession
import Foundation
import XCTest

/// A `belay run` session whose agent leaks a token: the heal feedback, the session record and the
/// session's output name the finding but never the value.
extension SessionTests {
    func testHealFeedbackAndSessionRecordsNeverHoldTheCredential() throws {
        let token = SecretSamples.token(for: "github-token", variant: 7)
        let material = String(token.dropFirst(4).dropLast(4))
        // The script builds the token from two halves, so the script itself holds no token.
        let result = try session(
            """
            if [ -s "$BELAY_FEEDBACK" ]; then
                cp "$BELAY_FEEDBACK" "$HOME/feedback-seen"
                printf 'import os\\nTOKEN = os.environ["TOKEN"]\\n' > client.py
            else
                printf 'TOKEN = "%s%s"\\n' '\(token.prefix(20))' '\(token.dropFirst(20))' > client.py
            fi
            git add client.py && git commit -q -m "Round $BELAY_ROUND"
            """, options: ["--branch", "agent/task", "--heal", "2"])
        XCTAssertEqual(result.status, 0, result.output)
        XCTAssertFalse(result.output.contains(material), result.output)
        let feedback = try XCTUnwrap(read(".home/feedback-seen"))
        XCTAssertTrue(feedback.contains("error[secret-token]: GitHub token ghp_…\(token.suffix(4))"), feedback)
        XCTAssertFalse(feedback.contains(material), feedback)
        XCTAssertEqual(try lastRecord().rounds.map(\.verdict), [.block, .pass])
        // Nothing belay keeps about the session (records, feedback files, logs) holds the value.
        let belayDirectory = repo + "/.git/belay"
        let files = FileManager.default.enumerator(atPath: belayDirectory)?.compactMap { $0 as? String } ?? []
        XCTAssertTrue(files.contains { $0.hasPrefix("sessions/") && $0.hasSuffix(".json") }, "\(files)")
        for file in files {
            guard let data = FileManager.default.contents(atPath: belayDirectory + "/" + file) else { continue }
            XCTAssertFalse(String(decoding: data, as: UTF8.self).contains(material), file)
        }
    }
}
