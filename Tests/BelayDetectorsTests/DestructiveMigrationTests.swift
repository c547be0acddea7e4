import BelayCore
import BelayDetectors
import BelayScan
import Foundation
import XCTest

/// `destructive-migration` on every stack's fixtures (each marker bound to its message), the allow
/// markers, `migrations.allow`, agent mode and diff-awareness.
final class DestructiveMigrationTests: XCTestCase {
    let folder = repositoryRoot.appendingPathComponent("fixtures/destructive-migration")

    private func findings(
        _ text: String, path: String, context: RuleContext = RuleContext()
    ) -> [Diagnostic] {
        DestructiveMigrationDetector().findings(in: SourceFile(path: path, bytes: Array(text.utf8)), context: context)
    }

    private func messages(_ text: String, path: String, context: RuleContext = RuleContext()) -> [String] {
        findings(text, path: path, context: context).sorted { $0.location!.start < $1.location!.start }.map(\.message)
    }

    /// The messages each fixture's markers stand for, in file order.
    static let expected: [String: [String]] = [
        "rails/db/migrate/20240101000000_remove_legacy.rb": [
            "drop-column: drops column users.legacy_email", "rename-column: renames column users.name to full_name",
            "change-type: changes the type of users.age to bigint",
            "not-null: makes accounts.plan NOT NULL without a database default",
            "not-null: makes accounts.email NOT NULL without a database default", "drop-table: drops table widgets",
            "rename-table: renames table posts to articles", "drop-column: drops column orders.total",
            "rename-column: renames column orders.state to status", "truncate: truncates table sessions",
        ],
        "rails/db/migrate/20240102000000_rename_in_disguise.rb": [
            "drop-and-add: drops column users.email and adds users.email_address: a rename in disguise that loses the data"
        ],
        "rails/db/migrate/20240104000000_widen.rb": ["change-type: changes the type of versions.cursor to string"],
        "django/shop/migrations/0007_rework.py": [
            "rename-column: renames column order.total to amount", "drop-column: drops column product.legacy_sku",
            "not-null: makes customer.tier NOT NULL without a database default", "drop-table: drops table Coupon",
            "rename-table: renames table Basket to Cart", "drop-column: drops column shop_order.fax",
        ],
        "django/shop/migrations/0008_rename_in_disguise.py": [
            "drop-and-add: drops column user.name and adds user.full_name: a rename in disguise that loses the data"
        ],
        "alembic/migrations/versions/3f2a9c_rework.py": [
            "drop-column: drops column users.legacy_email", "rename-column: renames column users.name to full_name",
            "change-type: changes the type of users.code to sa.String(20)",
            "not-null: makes users.email NOT NULL without a database default",
            "not-null: makes accounts.plan NOT NULL without a database default",
            "drop-column: drops column orders.total",
            "drop-table: drops table coupons", "rename-table: renames table baskets to carts",
            "truncate: truncates table sessions",
        ],
        "prisma/prisma/migrations/20240101000000_rename/migration.sql": [
            "drop-and-add: drops column User.name and adds User.fullName: a rename in disguise that loses the data",
            "not-null: makes User.fullName NOT NULL without a database default",
            "change-type: changes the type of Post.views to BIGINT",
            "not-null: makes Post.title NOT NULL without a database default", "drop-table: drops table Legacy",
        ],
        "prisma/prisma/migrations/20240102000000_recreate/migration.sql": [
            "change-type: changes the type of Document.visibility to a new column of the same name (its data is lost)"
        ],
        "sql/migrations/000042_rework.up.sql": [
            "drop-column: drops column users.legacy_email", "rename-column: renames column users.name to full_name",
            "change-type: changes the type of orders.total to numeric(10, 2)",
            "not-null: makes accounts.plan NOT NULL without a database default", "drop-table: drops table coupons",
            "drop-table: drops table vouchers", "truncate: truncates table sessions",
            "rename-table: renames table baskets to carts",
        ],
        "flyway/db/migration/V7__drop_legacy.sql": [
            "drop-column: drops column users.legacy_email", "rename-column: renames column users.name to full_name",
            "change-type: changes the type of users.bio to varchar(50)", "rename-table: renames table baskets to carts",
            "drop-table: drops table gifts",
        ],
        "goose/db/migrations/20240101120000_rework.sql": [
            "drop-column: drops column users.legacy_email",
            "not-null: makes users.email NOT NULL without a database default",
        ],
        "goose/db/migrations/20240102120000_dbmate.sql": ["drop-table: drops table legacy_events"],
        "knex/migrations/20240101_rework.js": [
            "drop-column: drops column users.legacy_email", "rename-column: renames column users.name to full_name",
            "change-type: changes the type of users.age to integer",
            "not-null: makes accounts.plan NOT NULL without a database default", "drop-table: drops table coupons",
            "rename-table: renames table baskets to carts", "truncate: truncates table sessions",
        ],
        "sequelize/migrations/20240101-rework.js": [
            "drop-column: drops column Users.legacyEmail", "rename-column: renames column Users.name to fullName",
            "change-type: changes the type of Users.bio",
            "not-null: makes Accounts.plan NOT NULL without a database default", "drop-table: drops table Coupons",
        ],
        "typeorm/src/migrations/1700000000000-Rework.ts": [
            "drop-column: drops column user.legacyEmail", "rename-column: renames column user.name to fullName",
            "drop-column: drops column post.views", "not-null: makes account.plan NOT NULL without a database default",
        ],
        "laravel/database/migrations/2024_01_01_000000_rework.php": [
            "drop-column: drops column users.legacy_email", "rename-column: renames column users.name to full_name",
            "change-type: changes the type of users.bio to string",
            "not-null: makes accounts.plan NOT NULL without a database default", "drop-table: drops table coupons",
            "rename-table: renames table baskets to carts", "truncate: truncates table sessions",
        ],
        "laravel/database/migrations/2024_01_02_000000_recreate.php": [
            "change-type: changes the type of cache.key to string",
            "drop-table: drops table shelves and creates it again: its rows are lost",
        ],
        "ecto/priv/repo/migrations/20240101000000_rework.exs": [
            "drop-column: drops column users.legacy_email", "change-type: changes the type of users.bio to string",
            "not-null: makes users.email NOT NULL without a database default",
            "not-null: makes accounts.plan NOT NULL without a database default", "drop-table: drops table coupons",
            "rename-column: renames column users.name to full_name", "rename-table: renames table baskets to carts",
            "truncate: truncates table sessions",
        ],
        "efcore/Data/Migrations/20240101000000_Rework.cs": [
            "drop-column: drops column Users.LegacyEmail", "rename-column: renames column Users.Name to FullName",
            "change-type: changes the type of Users.Bio to nvarchar(50)",
            "not-null: makes Users.Bio NOT NULL without a database default",
            "not-null: makes Accounts.Plan NOT NULL without a database default", "drop-table: drops table Coupons",
            "rename-table: renames table Baskets to Carts",
        ],
    ]

    func testEveryFixtureFindingCarriesItsMessage() throws {
        var checked = 0
        for (path, messages) in Self.expected {
            let marked = MarkedText(bytes: try Array(Data(contentsOf: folder.appendingPathComponent(path))))
            let found = DestructiveMigrationDetector().findings(in: SourceFile(path: path, bytes: marked.bytes))
                .sorted { ($0.location!.start, $0.message) < ($1.location!.start, $1.message) }
            XCTAssertEqual(found.map { $0.location!.start }, marked.markers, path)
            XCTAssertEqual(Set(found.map(\.message)), Set(messages), path)
            XCTAssertEqual(found.count, messages.count, path)
            for finding in found {
                XCTAssertEqual(finding.severity, .warning, path)
                let kind = String(finding.message.prefix { $0 != ":" })
                XCTAssertTrue(MigrationSettings.kinds.contains(kind), finding.message)
                XCTAssertTrue(
                    finding.hint?.hasPrefix("expand/contract") == true || kind == "not-null" || kind == "truncate")
            }
            checked += 1
        }
        XCTAssertEqual(checked, 19)
    }

    func testLookAlikesAreNotMigrationsOrAreExempt() {
        let drop = "DROP TABLE users;\n"
        for path in [
            "db/structure.sql", "db/schema.sql", "spec/fixtures/migrations/0001_x.sql", "migrations/0001_x.down.sql",
            "db/migrations/2/down.sql", "db/migration/U3__undo.sql", "reports/cleanup.sql", "prisma/schema.prisma",
        ] {
            XCTAssertEqual(messages(drop, path: path), [], path)
        }
        XCTAssertEqual(messages(drop, path: "migrations/0001_x.sql"), ["drop-table: drops table users"])
        XCTAssertEqual(messages(drop, path: "db/migration/V3__drop.sql"), ["drop-table: drops table users"])
        // Django test apps and a Rails engine's dummy app are fixtures.
        let django = "class Migration(migrations.Migration):\n    operations = [migrations.DeleteModel(name='User')]\n"
        XCTAssertEqual(messages(django, path: "tests/migrations/0002_x.py"), [])
        XCTAssertEqual(messages(django, path: "app/migrations/0002_x.py"), ["drop-table: drops table User"])
    }

    func testSQLStringsCommentsAndDollarQuotesAreNotStatements() {
        let sql = """
            SELECT 'DROP TABLE a; TRUNCATE b';
            -- DROP TABLE c;
            /* DROP TABLE d; /* nested */ DROP TABLE e; */
            DO $body$ BEGIN DROP TABLE f; END $body$;
            SELECT E'it\\'s; DROP TABLE g';
            ALTER TABLE "weird;name" DROP COLUMN "semi;colon";

            """
        XCTAssertEqual(messages(sql, path: "migrations/1.up.sql"), ["drop-column: drops column weird;name.semi;colon"])
    }

    func testTypeWideningIsNotAChange() {
        let widening = [
            ("sa.String(50)", "sa.String(100)"), ("sa.VARCHAR(50)", "sa.Text()"), ("sa.Integer()", "sa.BigInteger()"),
            ("sa.Numeric(10, 2)", "sa.Numeric(12, 2)"), ("sa.REAL()", "sa.Float(53)"),
            ("sa.SmallInteger()", "sa.Integer()"),
        ]
        func changes(_ old: String, _ new: String) -> Bool {
            let text = "def upgrade():\n    op.alter_column(\"t\", \"c\", existing_type=\(old), type_=\(new))\n"
            return !messages(text, path: "alembic/versions/1_x.py").isEmpty
        }
        for (old, new) in widening { XCTAssertFalse(changes(old, new), "\(old) → \(new)") }
        let narrowing = [
            ("sa.String(100)", "sa.String(50)"), ("sa.Text()", "sa.String(20)"), ("sa.BigInteger()", "sa.Integer()"),
            ("sa.Integer()", "sa.Text()"), ("sa.Numeric(10, 2)", "sa.Numeric(10, 4)"),
            ("sa.String(10)", "sa.Integer()"),
            ("sa.Enum('a')", "sa.Text()"),
        ]
        for (old, new) in narrowing { XCTAssertTrue(changes(old, new), "\(old) → \(new)") }
    }

    // MARK: - Markers and configuration

    let drop = "ALTER TABLE users DROP COLUMN legacy_email;\n"
    let path = "db/migrations/V9__drop.sql"

    func testABelayMarkerWithAReasonAllowsItsKind() {
        let marker = "-- belay: allow destructive-migration(drop-column) -- unread since v2.3\n"
        XCTAssertEqual(messages(marker + drop, path: path), [])
        XCTAssertEqual(
            messages(drop.dropLast() + " -- belay:allow destructive-migration(drop-column) -- unread\n", path: path), []
        )
        // In the header it covers the whole file; on another statement it covers only that one.
        let header = "-- Drop what v2 stopped using.\n" + marker + "\n" + drop + "SELECT 1;\n" + drop
        XCTAssertEqual(messages(header, path: path), [])
        let elsewhere = "SELECT 1;\n" + marker + "SELECT 2;\n" + drop
        XCTAssertEqual(messages(elsewhere, path: path), ["drop-column: drops column users.legacy_email"])
    }

    func testAMalformedMarkerAllowsNothing() {
        for marker in [
            "-- belay: allow destructive-migration(drop-column)\n",  // no reason
            "-- belay: allow destructive-migration(drop-column) --   \n",  // an empty reason
            "-- belay: allow destructive-migration -- no kind\n",
            "-- belay: allow destructive-migration(drop-colum) -- a typo\n",
            "-- belay: allow destructive-migration(drop-table) -- another kind\n",
            "-- belay: allow secret-token -- another rule\n",
        ] {
            XCTAssertEqual(messages("SELECT 1;\n" + marker + drop, path: path).count, 1, marker)
        }
    }

    func testTheMarkersTeamsAlreadyUseAreHonoured() {
        XCTAssertEqual(messages("SELECT 1;\n-- squawk-ignore ban-drop-column\n" + drop, path: path), [])
        XCTAssertEqual(messages("SELECT 1;\n-- squawk-ignore renaming-column\n" + drop, path: path).count, 1)
        XCTAssertEqual(messages("-- squawk-ignore-file\nSELECT 1;\n" + drop, path: path), [])
        XCTAssertEqual(messages("SELECT 1;\n-- atlas:nolint DS103\n" + drop, path: path), [])
        XCTAssertEqual(messages("SELECT 1;\n-- atlas:nolint\n" + drop, path: path), [])
        XCTAssertEqual(messages("SELECT 1;\n-- atlas:nolint BC102\n" + drop, path: path).count, 1)
        let rails = """
            class Drop < ActiveRecord::Migration[7.1]
              def change
                safety_assured { remove_column :users, :a }
                safety_assured do
                  remove_column :users, :b
                end
                remove_column :users, :c
              end
            end

            """
        XCTAssertEqual(messages(rails, path: "db/migrate/1_drop.rb"), ["drop-column: drops column users.c"])
    }

    func testForAgentsAMarkerIsNoExcuseButTheConfigurationIs() {
        let marked = "-- belay: allow destructive-migration(drop-column) -- trust me\n" + drop
        let agent = RuleContext(agentMode: true)
        XCTAssertEqual(messages(marked, path: path, context: agent), ["drop-column: drops column users.legacy_email"])
        let rails =
            "class D < ActiveRecord::Migration[7.1]\n  def change\n    safety_assured { remove_column :users, :a }\n  end\nend\n"
        XCTAssertEqual(messages(rails, path: "db/migrate/1_d.rb", context: agent).count, 1)
        let allowed = MigrationSettings(allow: [
            .init(path: "db/migrations/V9__*.sql", kind: "drop-column", reason: "unread")
        ])
        XCTAssertEqual(messages(drop, path: path, context: RuleContext(agentMode: true, migrations: allowed)), [])
        XCTAssertEqual(messages(drop, path: path, context: RuleContext(migrations: allowed)), [])
        let otherKind = MigrationSettings(allow: [.init(path: path, kind: "drop-table", reason: "x")])
        XCTAssertEqual(messages(drop, path: path, context: RuleContext(migrations: otherKind)).count, 1)
        let every = MigrationSettings(allow: [.init(path: path, kind: "*", reason: "x")])
        XCTAssertEqual(messages(drop, path: path, context: RuleContext(migrations: every)), [])
    }

    func testAnAgentsMarkerDoesNotSuppressButAnOldOneStillDoes() {
        // The engine compares versions by message: a statement allowed before the change is old and stays
        // unreported, a marker added to an old statement changes nothing, and for an agent the marker on a
        // new statement allows nothing.
        let old =
            "ALTER TABLE users DROP COLUMN a; -- belay: allow destructive-migration(drop-column) -- v2\n"
            + "ALTER TABLE users DROP COLUMN c;\n"
        let new =
            old.replacingOccurrences(
                of: "COLUMN c;", with: "COLUMN c; -- belay: allow destructive-migration(drop-column) -- ok")
            + "-- belay: allow destructive-migration(drop-column) -- says the agent\nALTER TABLE users DROP COLUMN b;\n"
        let change = [FileChangeInput(path: path, old: Array(old.utf8), new: Array(new.utf8))]
        let agent = DetectorEngine(only: ["destructive-migration"], agentMode: true).run(
            changes: change, mode: .changed)
        XCTAssertEqual(agent.map(\.message), ["drop-column: drops column users.b"])
        let person = DetectorEngine(only: ["destructive-migration"]).run(changes: change, mode: .changed)
        XCTAssertEqual(person.map(\.message), [])
    }

    func testReformattingAnOldMigrationMakesNothingNew() {
        // Black rewrote every migration of a Django project: the operations are the same.
        let old =
            "class Migration(migrations.Migration):\n    operations = [migrations.RemoveField(model_name='ping', name='body')]\n"
        let new =
            "class Migration(migrations.Migration):\n    operations = [\n        migrations.RemoveField(\n            model_name=\"ping\",\n            name=\"body\",\n        ),\n    ]\n"
        let path = "hc/api/migrations/0018_remove_ping_body.py"
        let change = [FileChangeInput(path: path, old: Array(old.utf8), new: Array(new.utf8))]
        XCTAssertEqual(DetectorEngine(only: ["destructive-migration"]).run(changes: change, mode: .changed).count, 0)
        XCTAssertEqual(DetectorEngine(only: ["destructive-migration"]).run(changes: change, mode: .all).count, 1)
    }

    func testAnEditedOldMigrationCountsOnlyForWhatTheChangeAdds() {
        let old = "class D < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :users, :a\n  end\nend\n"
        let new =
            "class D < ActiveRecord::Migration[7.1]\n  def change\n    remove_column :users, :a\n    rename_column :users, :b, :c\n  end\nend\n"
        let engine = DetectorEngine(only: ["destructive-migration"])
        let found = engine.run(
            changes: [FileChangeInput(path: "db/migrate/1_d.rb", old: Array(old.utf8), new: Array(new.utf8))],
            mode: .changed)
        XCTAssertEqual(found.map(\.message), ["rename-column: renames column users.b to c"])
    }

    func testNonMigrationFilesAreNeverRead() {
        XCTAssertEqual(messages("remove_column :users, :email\n", path: "app/models/user.rb"), [])
        XCTAssertEqual(messages("op.drop_table('users')\n", path: "scripts/cleanup.py"), [])
        XCTAssertEqual(messages("DROP TABLE users;\n", path: "sql/reset.sql"), [])
    }
}

/// The triggering examples in Ruby, Python and the other scanned languages hold under every comment and
/// string wrapping and after a multibyte prefix.
final class DestructiveMigrationMutationTests: XCTestCase {
    func testTriggeringExamplesHoldUnderMutations() {
        var checked = 0
        for example in DestructiveMigrationDetector.description.triggering
        where Language.detect(path: example.fileName) != nil {
            assertMutationsHold(rule: DestructiveMigrationDetector.self, example: example)
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 3)
    }

    func testFixturesInScannedLanguagesHoldUnderMutations() throws {
        let folder = repositoryRoot.appendingPathComponent("fixtures/destructive-migration")
        for path in ["rails/db/migrate/20240102000000_rename_in_disguise.rb", "knex/migrations/20240101_rework.js"] {
            let text = String(decoding: try Data(contentsOf: folder.appendingPathComponent(path)), as: UTF8.self)
            assertMutationsHold(rule: DestructiveMigrationDetector.self, example: .init(text, fileName: path))
        }
    }
}
