import BelayCore
import BelayDetectors
import XCTest

/// guard-tamper, test-weakened and the agent-mode switch of the engine.
final class AgentRuleTests: XCTestCase {
    private func change(_ path: String, _ old: String?, _ new: String) -> FileChangeInput {
        FileChangeInput(path: path, old: old.map { Array($0.utf8) }, new: Array(new.utf8))
    }

    private func rules(_ diagnostics: [Diagnostic]) -> [String] { diagnostics.map(\.rule) }

    func testAgentRulesRunOnlyInAgentMode() {
        let edit = [change("belay.json5", "{}\n", "{ checks: [] }\n")]
        XCTAssertEqual(rules(DetectorEngine().run(changes: edit, mode: .changed)), [])
        XCTAssertEqual(rules(DetectorEngine(agentMode: true).run(changes: edit, mode: .changed)), ["guard-tamper"])
        let off = DetectorEngine(settings: ["guard-tamper": .off], agentMode: true)
        XCTAssertEqual(rules(off.run(changes: edit, mode: .changed)), [])
    }

    func testGuardTamperWatchesOnlyListedSectionsOfSharedFiles() {
        let detector = GuardTamperDetector()
        let before = "[project]\nversion = \"1.0\"\n\n[tool.ruff]\nline-length = 88\n"
        let versionBump = before.replacingOccurrences(of: "1.0", with: "1.1")
        XCTAssertEqual(detector.findings(in: [change("pyproject.toml", before, versionBump)], deleted: []).count, 0)
        let relaxed = before.replacingOccurrences(of: "88", with: "200")
        let found = detector.findings(in: [change("pyproject.toml", before, relaxed)], deleted: [])
        XCTAssertEqual(
            found.map(\.message),
            ["changes [tool.ruff] in pyproject.toml (lint/format/test configuration in pyproject.toml)"])
        let subsection = before + "\n[tool.ruff.lint]\nignore = [\"E501\"]\n"
        XCTAssertEqual(detector.findings(in: [change("pyproject.toml", before, subsection)], deleted: []).count, 1)

        let package = "{\"name\": \"app\", \"version\": \"1.0.0\", \"scripts\": {\"test\": \"jest\"}}\n"
        let bumped = package.replacingOccurrences(of: "1.0.0", with: "1.0.1")
        XCTAssertEqual(detector.findings(in: [change("package.json", package, bumped)], deleted: []).count, 0)
        let noTests = package.replacingOccurrences(of: "jest", with: "true")
        XCTAssertEqual(detector.findings(in: [change("package.json", package, noTests)], deleted: []).count, 1)

        let cfg = "[metadata]\nname = app\n[flake8]\nmax-line-length = 88\n"
        XCTAssertEqual(
            detector.findings(
                in: [change("setup.cfg", cfg, cfg.replacingOccurrences(of: "app", with: "app2"))], deleted: []
            ).count, 0)
        XCTAssertEqual(
            detector.findings(
                in: [change("setup.cfg", cfg, cfg.replacingOccurrences(of: "88", with: "200"))], deleted: []
            ).count, 1)
        XCTAssertEqual(
            detector.findings(in: [], deleted: [DeletedFile(path: ".github/workflows/ci.yml", old: [])]).count, 1)
        XCTAssertEqual(detector.findings(in: [change("app/main.py", "a = 1\n", "a = 2\n")], deleted: []).count, 0)
    }

    func testSkipMarkersAddedInEveryLanguage() {
        let cases: [(String, String)] = [
            ("tests/test_app.py", "@pytest.mark.skip(reason='later')"),
            ("app.test.js", "it.skip('adds', () => {})"),
            ("app.spec.ts", "describe.only('suite', () => {})"),
            ("Tests/AppTests.swift", "try XCTSkipIf(true)"),
            ("app_test.go", "t.Skip(\"flaky\")"),
            ("src/lib.rs", "#[ignore]"),
            ("src/test/AppTest.java", "@Disabled"),
            ("AppTest.kt", "@Ignore"),
            ("spec/app_spec.rb", "skip \"later\""),
        ]
        for (path, line) in cases {
            let found = TestWeakenedDetector().findings(in: [change(path, "x\n", "x\n  \(line)\n")], deleted: [])
            XCTAssertEqual(rules(found), ["test-weakened"], path)
            XCTAssertEqual(found.first?.location?.start, 4, path)
        }
        // An existing skip that moved is not new; a word that merely ends like a marker is no marker.
        let moved = TestWeakenedDetector().findings(
            in: [
                change(
                    "test_a.py", "@pytest.mark.skip\ndef test_a(): pass\n", "\n@pytest.mark.skip\ndef test_a(): pass\n")
            ],
            deleted: [])
        XCTAssertEqual(moved.count, 0)
        let profit = TestWeakenedDetector().findings(in: [change("a.test.js", "", "profit(1)\n")], deleted: [])
        XCTAssertEqual(profit.count, 0)
        let commented = TestWeakenedDetector().findings(
            in: [change("test_a.py", "", "# pytest.skip( later\n")], deleted: [])
        XCTAssertEqual(commented.count, 0)
    }

    func testDeletedTestsAndAssertions() {
        let two = "def test_a():\n    assert a() == 1\n\ndef test_b():\n    assert b() == 2\n"
        let one = "def test_a():\n    assert a() == 1\n"
        let weaker = "def test_a():\n    assert a() == 1\n\ndef test_b():\n    b()\n"
        let detector = TestWeakenedDetector()
        XCTAssertEqual(
            detector.findings(in: [change("tests/test_x.py", two, one)], deleted: []).map(\.message),
            ["deletes 1 test(s) from tests/test_x.py (2 before, 1 after)"])
        XCTAssertEqual(
            detector.findings(in: [change("tests/test_x.py", two, weaker)], deleted: []).map(\.message),
            ["removes 1 assertion(s) from tests/test_x.py (2 before, 1 after)"])
        XCTAssertEqual(
            detector.findings(in: [], deleted: [DeletedFile(path: "tests/test_x.py", old: Array(two.utf8))]).map(
                \.message),
            ["deletes the test file tests/test_x.py with 2 test(s)"])
        XCTAssertEqual(detector.findings(in: [change("tests/test_x.py", one, two)], deleted: []).count, 0)
        XCTAssertEqual(detector.findings(in: [], deleted: [DeletedFile(path: "app/x.py", old: [])]).count, 0)
    }

    func testAgentRulesAreRegisteredAndAgentOnly() {
        for id in ["guard-tamper", "hook-bypass", "protected-branch", "test-weakened"] {
            XCTAssertEqual(DetectorRegistry.description(for: id)?.agentOnly, true, id)
        }
        XCTAssertEqual(DetectorRegistry.description(for: "trailing-whitespace")?.agentOnly, false)
        XCTAssertNotNil(ProtectedBranchDetector.finding(branch: "main", protected: ["main", "master"]))
        XCTAssertNil(ProtectedBranchDetector.finding(branch: "agent/x", protected: ["main", "master"]))
    }
}
