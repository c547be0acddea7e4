import BelayCore
import XCTest

@testable import BelayCLI

final class ArgumentParserTests: XCTestCase {
    func testDefaultsAndFlags() throws {
        let parsed = try parseCommandLine(["check", "--all", "--format", "json", "--only", "a", "b", "--no-cache"])
        XCTAssertEqual(parsed.command, "check")
        XCTAssertTrue(parsed.has("--all"))
        XCTAssertEqual(parsed.value("--format"), "json")
        XCTAssertEqual(parsed.values("--only"), ["a", "b"])
        XCTAssertTrue(parsed.has("--no-cache"))
        XCTAssertFalse(parsed.has("--fix"))
    }

    func testInlineValueAndRepeatedMany() throws {
        let parsed = try parseCommandLine(["check", "--format=sarif", "--skip", "x", "--skip=y"])
        XCTAssertEqual(parsed.value("--format"), "sarif")
        XCTAssertEqual(parsed.values("--skip"), ["x", "y"])
    }

    func testUnknownOptionIsUsageErrorWithSuggestion() {
        XCTAssertThrowsError(try parseCommandLine(["check", "--stagged"])) { error in
            guard case BelayError.usage(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("'--stagged'"), message)
            XCTAssertTrue(message.contains("did you mean '--staged'"), message)
            XCTAssertEqual((error as? BelayError)?.exitCode, 2)
        }
    }

    func testMissingValueSaysWhatWasExpected() {
        XCTAssertThrowsError(try parseCommandLine(["check", "--format"])) { error in
            XCTAssertEqual(error as? BelayError, .usage("option '--format' needs a value: --format FORMAT"))
        }
        XCTAssertThrowsError(try parseCommandLine(["check", "--only"]))
        XCTAssertThrowsError(try parseCommandLine(["check", "--format", "xml"])) { error in
            XCTAssertTrue("\(error)".contains("text, json, sarif, github"))
        }
    }

    func testUnknownCommand() {
        XCTAssertThrowsError(try parseCommandLine(["chek"])) { error in
            XCTAssertTrue("\(error)".contains("did you mean 'check'"), "\(error)")
        }
    }

    func testRunKeepsTheAgentCommandVerbatim() throws {
        let parsed = try parseCommandLine(["run", "--heal", "2", "claude", "--no-verify", "-p", "x"])
        XCTAssertEqual(parsed.value("--heal"), "2")
        XCTAssertEqual(parsed.positionals, ["claude", "--no-verify", "-p", "x"])
        let dashed = try parseCommandLine(["run", "--", "--weird-agent", "a"])
        XCTAssertEqual(dashed.positionals, ["--weird-agent", "a"])
        XCTAssertThrowsError(try parseCommandLine(["run"]))
    }

    func testPositionalCounts() throws {
        XCTAssertEqual(try parseCommandLine(["rename-audit", "old_field", "new_field"]).positionals.count, 2)
        XCTAssertThrowsError(try parseCommandLine(["rename-audit", "a", "b", "c"]))
        XCTAssertThrowsError(try parseCommandLine(["explain"]))
        XCTAssertThrowsError(try parseCommandLine(["check", "stray"]))
    }

    func testHelpAndVersion() throws {
        XCTAssertEqual(try parseCommandLine(["--version"]).command, "version")
        XCTAssertEqual(try parseCommandLine([]).command, "help")
        XCTAssertEqual(try parseCommandLine(["check", "--help"]).positionals, ["check"])
        let overview = try helpText(for: nil)
        for spec in commandTable { XCTAssertTrue(overview.contains(spec.name)) }
        let check = try helpText(for: "check")
        XCTAssertTrue(check.contains("--no-cache"))
        XCTAssertTrue(check.contains("--only ID…"))
        XCTAssertThrowsError(try helpText(for: "nope"))
    }
}
