import BelayCore

/// `destructive-migration`: a schema migration the change adds or edits that drops, renames or retypes
/// a column or table, adds NOT NULL without a database default, truncates, or drops a column while adding
/// another (a rename in disguise). Only the forward direction is read; see ``MigrationStack`` for the
/// stacks and ``MigrationAnalysis`` for the exemptions and markers. The gate makes a drop or rename an
/// error when non-migration code still uses the name.
public struct DestructiveMigrationDetector: Detector {
    /// The rule's id, documentation and examples.
    public static let description = RuleDescription(
        id: "destructive-migration",
        summary:
            "a schema migration that drops, renames or retypes a column or table, or adds NOT NULL without a default (expand/contract instead); error when non-migration code still uses the dropped name",
        rationale: """
            Merged is not live: while a migration runs, and for as long as a rollback may be needed, the code \
            already deployed still reads and writes the old schema. A dropped or renamed column breaks it at \
            once and makes the revert button useless (the data is gone); a narrowed type or a NOT NULL with \
            no database default makes its inserts fail. Kinds: drop-column, rename-column, drop-table, \
            rename-table, change-type (anything but a widening such as varchar(50) to varchar(100) or int to \
            bigint), not-null (an ORM's client-side default is not a database default), truncate, \
            drop-and-add (a column dropped and another added to the same table: a rename in disguise). \
            Stacks: Rails, Django, Alembic, Prisma, Knex, Sequelize, TypeORM, Laravel, Ecto, EF Core, \
            golang-migrate / sqlx / diesel (up.sql), goose and dbmate (the Up section), Flyway (V…__…sql). \
            Only the forward part is read; objects the same file creates, temporary tables, comments and \
            strings, schema dumps and test fixtures are exempt; Django's AlterField (which does not say \
            what the field was) is not judged. A warning, and an error when code outside migrations, \
            schema dumps, fixtures and docs still uses the dropped or renamed name. Allow one on purpose with \
            `belay: allow destructive-migration(<kind>) -- <reason>` on the statement or in the file's \
            header, or the markers teams already use (strong_migrations' safety_assured, squawk-ignore, \
            atlas:nolint); for agents, a marker the change adds does not count: use `migrations.allow` \
            ([{ path, kind, reason }]) in belay.json5.
            """,
        defaultSeverity: .warning,
        hint: hint(for: .dropColumn),
        triggering: [
            .init(
                "class RemoveLegacyEmail < ActiveRecord::Migration[7.1]\n  def change\n    1️⃣remove_column :users, :legacy_email, :string\n  end\nend\n",
                fileName: "db/migrate/20240101000000_remove_legacy_email.rb"),
            .init(
                "class Migration(migrations.Migration):\n    operations = [\n        1️⃣migrations.RenameField(model_name=\"user\", old_name=\"name\", new_name=\"full_name\"),\n    ]\n",
                fileName: "accounts/migrations/0007_rename_name.py"),
            .init(
                "-- AlterTable\n1️⃣ALTER TABLE \"User\" DROP COLUMN \"name\",\nADD COLUMN \"fullName\" TEXT;\n",
                fileName: "prisma/migrations/20240101_rename/migration.sql"),
            .init(
                "def upgrade():\n    1️⃣op.add_column(\"users\", sa.Column(\"plan\", sa.String(), nullable=False))\n\n\ndef downgrade():\n    op.drop_column(\"users\", \"plan\")\n",
                fileName: "alembic/versions/3f2a_add_plan.py"),
        ],
        nonTriggering: [
            .init(
                "class AddPlan < ActiveRecord::Migration[7.1]\n  def up\n    add_column :users, :plan, :string, null: false, default: \"free\"\n  end\n\n  def down\n    remove_column :users, :plan\n  end\nend\n",
                fileName: "db/migrate/20240101000000_add_plan.rb"),
            .init(
                "CREATE TEMP TABLE staging (id int);\nDROP TABLE staging;\n-- DROP TABLE users;\n",
                fileName: "migrations/000002_staging.up.sql"),
            .init(
                "-- +goose Up\nALTER TABLE users ADD COLUMN nickname text;\n\n-- +goose Down\nALTER TABLE users DROP COLUMN nickname;\n",
                fileName: "db/migrations/20240101_nickname.sql"),
            .init(
                "-- belay: allow destructive-migration(drop-column) -- nothing has read it since v2.3\nALTER TABLE users DROP COLUMN legacy_email;\n",
                fileName: "db/migrations/V7__drop_legacy_email.sql"),
        ],
        identifiedByMessage: true
    )

    /// The expand/contract advice for each kind.
    static func hint(for kind: MigrationEvent.Kind) -> String {
        switch kind {
        case .dropColumn, .dropAndAdd:
            "expand/contract: ship code that no longer reads or writes the column first (Rails: ignored_columns), drop it a release later"
        case .renameColumn, .renameTable:
            "expand/contract: add the new name, backfill and dual-write, switch reads, drop the old one a release later"
        case .dropTable:
            "expand/contract: ship code that no longer uses the table first, drop it a release later"
        case .changeType:
            "expand/contract: add a column of the new type, backfill and dual-write, switch reads, drop the old one a release later"
        case .notNull:
            "add it nullable or with a database-side DEFAULT, backfill, then enforce NOT NULL in a later migration"
        case .truncate:
            "delete rows in a data migration with a bounded DELETE … WHERE, or move the table aside and drop it a release later"
        case .createTable, .addColumn: ""
        }
    }

    /// The finding's message: kind, then what happens to which table or column.
    static func message(for event: MigrationEvent) -> String {
        let column = "\(event.table).\(event.column ?? "")"
        let text: String
        switch event.kind {
        case .dropColumn: text = "drops column \(column)"
        case .renameColumn: text = "renames column \(column) to \(event.detail ?? "?")"
        case .dropTable:
            text = "drops table \(event.table)" + (event.recreated ? " and creates it again: its rows are lost" : "")
        case .renameTable: text = "renames table \(event.table) to \(event.detail ?? "?")"
        case .changeType: text = "changes the type of \(column)" + (event.detail.map { " to \($0)" } ?? "")
        case .notNull: text = "makes \(column) NOT NULL without a database default"
        case .truncate: text = "truncates table \(event.table)"
        case .dropAndAdd:
            text =
                "drops column \(column) and adds \(event.table).\(event.detail ?? "?"): a rename in disguise that loses the data"
        case .createTable, .addColumn: text = ""
        }
        return "\(event.kind.rawValue): \(text)"
    }

    /// Creates the detector.
    public init() {}

    public func findings(in file: SourceFile) -> [Diagnostic] { findings(in: file, context: RuleContext()) }

    public func findings(in file: SourceFile, context: RuleContext) -> [Diagnostic] {
        MigrationAnalysis.events(in: file, context: context).map { event in
            var finding = Self.diagnostic(Self.message(for: event), path: file.path, start: event.start, end: event.end)
            finding.hint = Self.hint(for: event.kind)
            return finding
        }
    }

    /// The dropped or renamed table or column of each finding in `file` that has one: what the gate
    /// searches the repository for, keyed by the finding's start and message.
    public static func removals(in file: SourceFile, context: RuleContext) -> [MigrationRemoval] {
        MigrationAnalysis.events(in: file, context: context).compactMap { event in
            guard let name = event.removedName else { return nil }
            return MigrationRemoval(
                start: event.start, message: message(for: event), table: event.table, name: name,
                isTable: event.column == nil)
        }
    }
}

/// A table or column a migration drops or renames.
public struct MigrationRemoval: Sendable, Equatable {
    /// Where the finding starts, and its message.
    public var start: Int
    public var message: String
    /// The table (or model) and the removed name (the table itself for a table).
    public var table: String
    public var name: String
    public var isTable: Bool
}
