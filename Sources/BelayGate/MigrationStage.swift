import BelayCore
import BelayDetectors
import BelayRename
import BelayScan
import Foundation

/// `destructive-migration`'s escalation: a dropped or renamed column or table that code outside
/// migrations, schema dumps, fixtures and docs still uses makes the finding an error, naming the first
/// use and how many there are. The rename search finds the uses (every spelling, code and strings, not
/// comments, not inside longer names); a column counts only in a file that also names its table or
/// model (`User`, `users`, `user.email`), a table by its own name or its model's class name. With a
/// severity configured for the rule, findings keep it: nothing is escalated.
struct MigrationStage: Sendable {
    let config: Config
    let agentMode: Bool

    static let rule = DestructiveMigrationDetector.description.id

    /// Paths that are no code reading the schema: migrations (besides the rename search's own
    /// exclusions), schema dumps, fixtures, documentation and translations.
    static let notCode: [String] = [
        "**/Migrations/**", "**/*.up.sql", "**/migration.sql", "**/V*__*.sql", "**/schema.rb", "**/structure.sql",
        "**/schema.sql", "**/schema.prisma", "**/*ModelSnapshot.cs", "**/*.Designer.cs", "**/fixtures/**",
        "**/__fixtures__/**", "**/testdata/**", "**/docs/**", "*.md", "*.rst", "*.txt", "*.adoc", "**/locales/**",
        "**/locale/**", "*.po", "*.pot", "*.lock", "*.sum",
    ]

    /// `diagnostics` with the findings whose names are still used made errors, and the contents of the
    /// files their notes point into.
    func escalate(
        _ diagnostics: [Diagnostic], change: ChangeSet,
        contents: () throws(BelayError) -> ([String], @Sendable (String) -> [UInt8]?)
    ) -> (diagnostics: [Diagnostic], sources: [String: [UInt8]]) {
        guard config.rules[Self.rule]?.severity == nil,
            diagnostics.contains(where: { $0.rule == Self.rule })
        else { return (diagnostics, [:]) }
        let context = RuleContext(agentMode: agentMode, migrations: config.migrations)
        var removals: [String: [MigrationRemoval]] = [:]
        for input in change.inputs
        where diagnostics.contains(where: { $0.rule == Self.rule && $0.location?.path == input.path }) {
            removals[input.path] = DestructiveMigrationDetector.removals(in: input.newFile, context: context)
        }
        guard removals.values.contains(where: { !$0.isEmpty }), let (files, reader) = try? contents() else {
            return (diagnostics, [:])
        }
        let names = Set(
            removals.values.flatMap { $0.flatMap { [$0.name] + ($0.isTable ? [Self.singular($0.name)] : []) } })
        // Build output, vendored and minified code is nobody's use: it is not searched at all.
        let sourceReader: @Sendable (String) -> [UInt8]? = { path in
            guard let bytes = reader(path), !GeneratedFiles.isGenerated(path: path, bytes: bytes) else { return nil }
            return bytes
        }
        let hits = RenameAudit.run(
            repositoryRoot: "", files: files.filter { !GeneratedFiles.isGenerated(path: $0) },
            renames: names.sorted().map { ($0, $0 + "_belay_removed") }, exclude: config.rename.exclude + Self.notCode,
            reader: sourceReader, classifier: ScanContextClassifier.factory
        ).filter {
            !$0.compound && ($0.context == .code || $0.context == .string) && $0.variant != .prose
                && $0.lineText.utf8.count <= 1000
        }
        var cache: [String: [UInt8]] = [:]
        func content(_ path: String) -> [UInt8] {
            if let bytes = cache[path] { return bytes }
            let bytes = reader(path) ?? []
            cache[path] = bytes
            return bytes
        }
        func isUse(_ hit: AuditHit, of removal: MigrationRemoval) -> Bool {
            // Rails' `self.ignored_columns = [...]` is the expand step itself, not a use.
            if hit.lineText.contains("ignored_columns") { return false }
            if removal.isTable {
                // `has_many :widgets`, `__tablename__ = "widgets"`, `FROM widgets` in a query: a symbol or
                // string of that name alone may be anything (a column of another table, a cache key).
                if hit.old == removal.name, hit.text == removal.name {
                    return Self.namesTable(hit)
                }
                // The model's class, in code of a language belay scans.
                return hit.old == Self.singular(removal.name) && hit.variant == .pascal && hit.context == .code
                    && Language.detect(path: hit.path) != nil
            }
            guard hit.old == removal.name, hit.text == removal.name || [.snake, .camel].contains(hit.variant),
                let form = Self.reference(content(hit.path), hit)
            else { return false }
            let entity = Self.flat(Self.singular(removal.table))
            let stem = Self.stem(hit.path)
            switch form {
            case .member(let receiver):
                // `user.email`, `@user.email`, `ping.body`; `self.email` in the model's own file.
                let flat = Self.flat(receiver)
                return flat.hasSuffix(entity)
                    || (["self", "this", ""].contains(flat) && Self.isEntityFile(stem, entity))
            case .name:
                // `:email`, `email:`, `email=`, `"email"`: in code belay scans, in the entity's own file
                // or on a line that names its class (`User.where(email: …)`, `Ping.objects.filter(body=…)`).
                // Only in the languages whose ORMs name columns so (Active Record, Django, SQLAlchemy,
                // Eloquent): a key in a TypeScript schema or type is an API's wire name.
                let language = Language.detect(path: hit.path)
                guard language == .ruby || language == .python || hit.path.hasSuffix(".php") else { return false }
                // A line that names another class (`hasMany(JointPermission::class, 'entity_id')`,
                // `Bookshelf::query()->select(['owned_by'])`) may be about that class's table.
                if Self.namesOtherClass(hit.lineText, entity: entity)
                    || Self.callsOtherObject(String(hit.lineText.prefix(max(0, hit.column - 1))), entity: entity)
                {
                    return false
                }
                return Self.isEntityFile(stem, entity) || Self.namesClass(hit.lineText, entity: entity)
            }
        }
        var sources: [String: [UInt8]] = [:]
        let result = diagnostics.map { diagnostic -> Diagnostic in
            guard diagnostic.rule == Self.rule, let location = diagnostic.location,
                let removal = removals[location.path]?.first(where: {
                    $0.start == location.start && $0.message == diagnostic.message
                })
            else { return diagnostic }
            // The name is still provided by code — a method or attribute in place of the column, a model
            // class that is no longer one — so its uses are not the column's.
            let entity = Self.flat(Self.singular(removal.table))
            if hits.contains(where: {
                $0.old == removal.name && Self.definesMember($0) && Self.stem($0.path).hasPrefix(entity)
            }) {
                return diagnostic
            }
            let model =
                !removal.isTable
                || hits.contains { $0.old == Self.singular(removal.name) && Self.definesModel($0) }
            let uses = hits.filter { isUse($0, of: removal) && (model || $0.variant != .pascal) }
            guard let first = uses.first else { return diagnostic }
            var escalated = diagnostic
            escalated.severity = .error
            let fileCount = Set(uses.map(\.path)).count
            escalated.message +=
                "; code still uses '\(first.text)' at \(first.path):\(first.line) (\(uses.count) use\(uses.count == 1 ? "" : "s") in \(fileCount) file\(fileCount == 1 ? "" : "s"))"
            escalated.related.append(
                RelatedNote(
                    location: SourceLocation(path: first.path, start: first.start, end: first.end),
                    message: "still uses '\(removal.name)'"))
            sources[first.path] = reader(first.path)
            return escalated
        }
        return (result, sources)
    }

    /// A table name's singular (`users` → `user`, `categories` → `category`, `addresses` → `address`).
    static func singular(_ name: String) -> String {
        let lower = name.lowercased()
        if lower.hasSuffix("ies"), name.count > 4 { return String(name.dropLast(3)) + "y" }
        if lower.hasSuffix("sses") || lower.hasSuffix("xes") || lower.hasSuffix("ches") || lower.hasSuffix("shes") {
            return String(name.dropLast(2))
        }
        if lower.hasSuffix("s"), !lower.hasSuffix("ss"), name.count > 3 { return String(name.dropLast()) }
        return name
    }

    /// The file name without its extensions, flattened (`app/models/order_item.rb` → `orderitem`).
    static func stem(_ path: String) -> String {
        flat(String((path.split(separator: "/").last ?? "").prefix { $0 != "." }))
    }

    /// Lower case without underscores: `OrderItem`, `order_item` and `orderitem` are one name.
    static func flat(_ text: String) -> String { text.lowercased().replacingOccurrences(of: "_", with: "") }
}
