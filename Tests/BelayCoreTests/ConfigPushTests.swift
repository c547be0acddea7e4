import BelayCore
import XCTest

/// `push: { … }` in `belay.json5` (DESIGN.md's example and its errors).
final class ConfigPushTests: XCTestCase {
    private func parse(_ text: String) throws -> Config { try Config.parse(Array(text.utf8), file: "belay.json5") }

    func testDesignExampleParses() throws {
        let config = try parse(
            """
            {
              push: {                                                        // the pre-push policy (seed 003)
                base: "auto",                    // origin/HEAD, else origin/main, else origin/master
                allowedMergeSources: [],         // remote ref globs a merge may bring in besides the base
                maxForeignCommits: 0,            // published commits from other branches a push may carry
                maxLines: 3000, maxFiles: 100, maxCommits: 100,
                sizeExclude: [],                 // added to the built-in lockfile / vendored / generated list
                allowForcePush: [],              // branch globs, e.g. "agent/*"
              },
            }
            """)
        XCTAssertEqual(config.push, PushSettings())
        XCTAssertEqual(try parse("{}").push, PushSettings())
        let custom = try parse(
            "{ push: { base: \"origin/develop\", allowedMergeSources: [\"origin/release/*\"], maxForeignCommits: 5,"
                + " maxLines: 500, sizeExclude: [\"docs/**\"], allowForcePush: [\"agent/*\"] } }")
        XCTAssertEqual(
            custom.push,
            PushSettings(
                base: "origin/develop", allowedMergeSources: ["origin/release/*"], maxForeignCommits: 5, maxLines: 500,
                sizeExclude: ["docs/**"], allowForcePush: ["agent/*"]))
    }

    func testBadValuesNameTheirLineAndKey() {
        assertConfigErrorsOnLine3([
            ("{\n  push: {\n    maxLines: -1,\n  },\n}\n", "push.maxLines", "whole number"),
            ("{\n  push: {\n    maxFiles: 2.5,\n  },\n}\n", "push.maxFiles", "whole number"),
            ("{\n  push: {\n    base: \"\",\n  },\n}\n", "push.base", "must not be empty"),
            ("{\n  push: {\n    allowForcePush: [\"!main\"],\n  },\n}\n", "push.allowForcePush[0]", "negation"),
            ("{\n  push: {\n    maxLine: 10,\n  },\n}\n", "push.maxLine", "did you mean 'maxLines'"),
        ])
    }
}
