import BelayCore
import XCTest

/// `migrations: { allow: [{ path, kind, reason }] }` in `belay.json5`.
final class ConfigMigrationsTests: XCTestCase {
    private func parse(_ text: String) throws -> Config { try Config.parse(Array(text.utf8), file: "belay.json5") }

    func testAllowancesParseAndMatchByGlobAndKind() throws {
        let config = try parse(
            """
            {
              migrations: {
                allow: [
                  { path: "db/migrate/*_drop_legacy.rb", kind: "drop-column", reason: "unread since v2" },
                  { path: "db/migrations/V9__reset.sql", kind: "*", reason: "a staging-only table" },
                ],
              },
            }
            """)
        XCTAssertEqual(config.migrations.allow.count, 2)
        XCTAssertEqual(config.migrations.allow[0].reason, "unread since v2")
        XCTAssertTrue(config.migrations.allows(path: "db/migrate/2024_drop_legacy.rb", kind: "drop-column"))
        XCTAssertFalse(config.migrations.allows(path: "db/migrate/2024_drop_legacy.rb", kind: "drop-table"))
        XCTAssertFalse(config.migrations.allows(path: "db/migrate/2024_other.rb", kind: "drop-column"))
        XCTAssertTrue(config.migrations.allows(path: "db/migrations/V9__reset.sql", kind: "truncate"))
        XCTAssertEqual(try parse("{}").migrations, MigrationSettings())
    }

    func testBadEntriesNameTheirLineAndKey() {
        assertConfigErrorsOnLine3([
            (
                "{\n  migrations: {\n    allow: [{ path: \"a.sql\", kind: \"drop-colum\", reason: \"x\" }],\n  },\n}\n",
                "migrations.allow[0].kind", "did you mean 'drop-column'"
            ),
            (
                "{\n  migrations: {\n    allow: [{ path: \"a.sql\", kind: \"drop-column\" }],\n  },\n}\n",
                "migrations.allow[0]", "'reason'"
            ),
            (
                "{\n  migrations: {\n    allow: [{ path: \"a.sql\", kind: \"truncate\", reason: \" \" }],\n  },\n}\n",
                "migrations.allow[0].reason", "must not be empty"
            ),
            ("{\n  migrations: {\n    alow: [],\n  },\n}\n", "migrations.alow", "did you mean 'allow'"),
        ])
    }
}
