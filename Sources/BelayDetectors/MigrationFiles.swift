import Foundation

/// Which files are schema migrations, of which stack, from the path (and for some, the first lines).
/// Schema dumps (`db/schema.rb`, `structure.sql`, `schema.prisma`, EF Core's model snapshot), test
/// fixtures and backward scripts (`*.down.sql`, `down.sql`, Flyway's `U…__` undo) are not migrations.
enum MigrationStack: String, Equatable, Sendable {
    case rails, django, alembic, knex, laravel, ecto, efCore
    /// A forward-only SQL file: Prisma's `migration.sql`, golang-migrate / sqlx / diesel `up.sql`, Flyway's
    /// `V…__…sql`, or plain `.sql` in a migrations folder.
    case sql
    /// A SQL file whose forward part is a section: goose (`-- +goose Up`) or dbmate (`-- migrate:up`).
    case sqlSections

    var dialect: MigrationTokens.Dialect? {
        switch self {
        case .rails: .ruby
        case .django, .alembic: .python
        case .knex: .javascript
        case .laravel: .php
        case .ecto: .elixir
        case .efCore: .csharp
        case .sql, .sqlSections: nil
        }
    }

    /// Folders of test data: a migration there is a fixture, not the application's.
    static let fixtureFolders: Set<String> = [
        "test", "tests", "spec", "specs", "fixtures", "__fixtures__", "testdata", "__tests__", "node_modules",
        "vendor", "third_party", "examples", "example", "docs",
    ]

    /// Files that record the schema rather than change it.
    static func isSchemaDump(_ path: String) -> Bool {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return ["schema.rb", "structure.sql", "schema.sql", "schema.prisma"].contains(name)
            || name.hasSuffix("ModelSnapshot.cs") || name.hasSuffix(".Designer.cs")
            || (name.hasSuffix(".sql") && (name.contains("dump") || name.contains("schema")))
    }

    /// The stack of the migration at `path`, or `nil` when it is none.
    static func of(path: String, bytes: [UInt8]) -> MigrationStack? {
        let parts = path.split(separator: "/").map(String.init)
        guard let name = parts.last, !isSchemaDump(path) else { return nil }
        let folders = parts.dropLast()
        if folders.contains(where: { fixtureFolders.contains($0.lowercased()) }) { return nil }
        let lowerFolders = folders.map { $0.lowercased() }
        let inMigrations = lowerFolders.contains { $0 == "migrations" || $0 == "migration" || $0.hasSuffix("migrate") }
        let ext = name.split(separator: ".").last.map { String($0).lowercased() } ?? ""
        guard ["rb", "py", "sql", "js", "ts", "mjs", "cjs", "php", "exs", "ex", "cs"].contains(ext) else { return nil }
        // Only files with a migration's extension are read, and only their start.
        lazy var head = String(decoding: bytes.prefix(4000), as: UTF8.self)
        switch ext {
        case "rb":
            return lowerFolders.contains(where: { $0.hasSuffix("migrate") }) ? .rails : nil
        case "py":
            guard inMigrations || lowerFolders.last == "versions" else { return nil }
            if head.contains("def upgrade(") { return .alembic }
            if name.prefix(4).allSatisfy(\.isNumber), name.count > 5, head.contains("Migration") { return .django }
            return nil
        case "sql":
            let lower = name.lowercased()
            if lower.hasSuffix(".down.sql") || lower == "down.sql" || lower.hasPrefix("u") && lower.contains("__") {
                return nil
            }
            if head.contains("-- +goose Up") || head.contains("-- migrate:up") { return .sqlSections }
            if lower == "migration.sql" || lower.hasSuffix(".up.sql") || lower == "up.sql" { return .sql }
            if name.first == "V", name.contains("__") { return .sql }
            return inMigrations ? .sql : nil
        case "js", "ts", "mjs", "cjs":
            guard inMigrations, !name.contains(".d.ts"), !name.contains(".test."), !name.contains(".spec.") else {
                return nil
            }
            let markers = ["exports.up", "function up", "async up", "up:", "up(", "MigrationInterface", "up ="]
            return markers.contains(where: head.contains) || markers.contains(where: fullText(bytes).contains)
                ? .knex : nil
        case "php":
            return inMigrations && (head.contains("Schema::") || head.contains("Migration")) ? .laravel : nil
        case "exs", "ex":
            return inMigrations && head.contains("Migration") ? .ecto : nil
        case "cs":
            return inMigrations && head.contains("MigrationBuilder") ? .efCore : nil
        default:
            return nil
        }
    }

    private static func fullText(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// The forward part of a sectioned SQL file: from each `-- +goose Up` / `-- migrate:up` to the next
    /// `Down` / `migrate:down` marker.
    static func forwardSections(_ bytes: [UInt8]) -> [Range<Int>] {
        var sections: [Range<Int>] = []
        var open: Int?
        var lineStart = 0
        while lineStart < bytes.count {
            var stop = lineStart
            while stop < bytes.count, bytes[stop] != 0x0A { stop += 1 }
            let line = String(decoding: bytes[lineStart..<stop], as: UTF8.self).trimmingCharacters(in: .whitespaces)
                .lowercased()
            if line.hasPrefix("-- +goose up") || line.hasPrefix("-- migrate:up") {
                if open == nil { open = stop }
            } else if line.hasPrefix("-- +goose down") || line.hasPrefix("-- migrate:down") {
                if let start = open { sections.append(start..<lineStart) }
                open = nil
            }
            lineStart = stop + 1
        }
        if let start = open { sections.append(start..<bytes.count) }
        return sections
    }
}
