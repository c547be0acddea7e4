/// The schema events of a migration written in a framework's DSL, from its calls (``MigrationCalls``):
/// the forward direction only, each nested call under the table its block works on, embedded SQL
/// (`execute`, `RunSQL`, `op.execute`, `queryRunner.query`, `DB::statement`, `migrationBuilder.Sql`)
/// read as SQL. The per-stack vocabularies are in the extensions.
struct MigrationDSL {
    typealias Call = MigrationCalls.Call
    typealias Argument = MigrationCalls.Argument

    let calls: MigrationCalls
    let sections: MigrationSections
    let bytes: [UInt8]
    let stack: MigrationStack
    /// Tables nested calls work on: a byte range and its table.
    private(set) var scopes: [(range: Range<Int>, table: String)] = []
    private(set) var events: [MigrationEvent] = []
    /// SQL comments inside embedded statements (their markers count like the file's).
    private(set) var sqlComments: [SQLText.Comment] = []
    /// `safety_assured { … }` blocks (strong_migrations).
    private(set) var assured: [Range<Int>] = []
    /// Django's `SeparateDatabaseAndState(state_operations=[…])`: the schema is not touched.
    private(set) var stateOnly: [Range<Int>] = []

    init(_ tokens: MigrationTokens, stack: MigrationStack, bytes: [UInt8]) {
        let dialect = stack.dialect ?? .ruby
        calls = MigrationCalls(tokens, dialect: dialect)
        sections = MigrationSections(calls, bytes: bytes)
        self.bytes = bytes
        self.stack = stack
        findScopes()
        for call in calls.calls
        where !sections.isBackward(call.start) && !stateOnly.contains(where: { $0.contains(call.start) }) {
            let found: [MigrationEvent]
            switch dialect {
            case .ruby: found = rails(call)
            case .elixir: found = ecto(call)
            case .python: found = stack == .django ? django(call) : alembic(call)
            case .javascript: found = script(call)
            case .php: found = laravel(call)
            case .csharp: found = efCore(call)
            }
            events += found
        }
    }

    private mutating func findScopes() {
        for call in calls.calls {
            switch (calls.dialect, call.name) {
            case (.ruby, "change_table"), (.ruby, "create_table"):
                if let block = call.block, let table = call.positional.first?.literal {
                    scopes.append((calls.bytes(block), table))
                }
            case (.ruby, "safety_assured"):
                if let block = call.block { assured.append(calls.bytes(block)) }
            case (.elixir, "alter"), (.elixir, "create"), (.elixir, "create_if_not_exists"):
                if let block = call.block, let table = call.positional.first?.literals.first {
                    scopes.append((calls.bytes(block), table))
                }
            case (.python, "batch_alter_table"):
                if let table = call.positional.first?.literal ?? call.labeled("table_name")?.literal {
                    scopes.append((MigrationSections.indentedBlock(bytes, from: call.start), table))
                }
            case (.python, "SeparateDatabaseAndState"):
                if let state = call.labeled("state_operations") {
                    stateOnly.append(
                        calls.bytes(state.tokens.startIndex..<state.tokens.endIndex))
                }
            case (.javascript, "table"), (.javascript, "alterTable"), (.javascript, "createTable"),
                (.php, "table"), (.php, "create"):
                if call.receiver != nil || calls.dialect == .javascript, let table = call.positional.first?.literal {
                    scopes.append((calls.bytes(call.argumentTokens), table))
                }
            default: break
            }
        }
    }

    /// The table of the innermost block around `call`.
    func scopeTable(_ call: Call) -> String? {
        scopes.filter { $0.range.contains(call.start) }.min { $0.range.count < $1.range.count }?.table
    }

    func event(
        _ kind: MigrationEvent.Kind, _ call: Call, table: String?, column: String? = nil, detail: String? = nil
    ) -> [MigrationEvent] {
        guard let table, !table.isEmpty else { return [] }
        if kind != .dropTable && kind != .renameTable && kind != .truncate && kind != .createTable && column == nil {
            return []
        }
        return [MigrationEvent(kind, table: table, column: column, detail: detail, start: call.start, end: call.end)]
    }

    /// The SQL in a string argument, read statement by statement.
    mutating func sql(_ argument: Argument?) -> [MigrationEvent] {
        guard let argument else { return [] }
        var found: [MigrationEvent] = []
        for token in argument.tokens where token.kind == .string {
            let content = Array(token.text.utf8)
            let text = SQLText(content, base: token.contentStart)
            sqlComments += text.comments
            // A heredoc's content follows its opener's line: the literal ends where its content does.
            let upper = max(token.end, token.contentStart + content.count)
            for var event in SQLOperations.events(text) {
                event.start = min(max(event.start, token.start), upper)
                event.end = min(max(event.end, event.start), upper)
                found.append(event)
            }
        }
        return found
    }

    // MARK: - Rails

    mutating func rails(_ call: Call) -> [MigrationEvent] {
        let args = call.positional
        let nested = call.receiver != nil && call.receiver != "self" ? scopeTable(call) : nil
        if let nested {  // change_table :users do |t| t.remove :email end
            switch call.name {
            case "remove":
                return args.flatMap { $0.literals }.flatMap { event(.dropColumn, call, table: nested, column: $0) }
            case "rename":
                return event(
                    .renameColumn, call, table: nested, column: args.first?.literal,
                    detail: args.dropFirst().first?.literal)
            case "change":
                return railsTypeChange(call, table: nested, column: args.first?.literal, type: args.dropFirst().first)
            case "remove_references", "remove_belongs_to":
                return event(.dropColumn, call, table: nested, column: args.first?.literal.map { $0 + "_id" })
            default:
                guard let column = args.first?.literal, !call.name.hasPrefix("remove"),
                    !Self.railsNotColumns.contains(call.name)
                else { return [] }
                let name = call.name == "references" || call.name == "belongs_to" ? column + "_id" : column
                var found = event(.addColumn, call, table: nested, column: name)
                if notNullWithoutDefault(call) { found += event(.notNull, call, table: nested, column: name) }
                return found
            }
        }
        guard call.receiver == nil || call.receiver == "self" || call.receiver == "connection" else { return [] }
        let table = args.first?.literal
        switch call.name {
        case "remove_column": return event(.dropColumn, call, table: table, column: args.dropFirst().first?.literal)
        case "remove_columns":
            return args.dropFirst().compactMap(\.literal).flatMap { event(.dropColumn, call, table: table, column: $0) }
        case "remove_reference", "remove_belongs_to":
            return event(.dropColumn, call, table: table, column: args.dropFirst().first?.literal.map { $0 + "_id" })
        case "rename_column":
            return event(
                .renameColumn, call, table: table, column: args.dropFirst().first?.literal,
                detail: args.dropFirst(2).first?.literal)
        case "rename_table": return event(.renameTable, call, table: table, detail: args.dropFirst().first?.literal)
        case "drop_table": return event(.dropTable, call, table: table)
        case "create_table", "create_join_table": return event(.createTable, call, table: table)
        case "change_column":
            return railsTypeChange(
                call, table: table, column: args.dropFirst().first?.literal, type: args.dropFirst(2).first)
        case "change_column_null":
            guard args.count >= 3, args[2].text == "false" else { return [] }
            return event(.notNull, call, table: table, column: args[1].literal)
        case "add_column", "add_reference", "add_belongs_to":
            guard let column = args.dropFirst().first?.literal else { return [] }
            let name = call.name == "add_column" ? column : column + "_id"
            var found = event(.addColumn, call, table: table, column: name)
            if notNullWithoutDefault(call) { found += event(.notNull, call, table: table, column: name) }
            return found
        case "execute": return sql(args.first)
        default: return []
        }
    }

    /// A Rails type change, unless `def down` changes the column back from a type this one widens.
    func railsTypeChange(_ call: Call, table: String?, column: String?, type: Argument?) -> [MigrationEvent] {
        guard let type = type?.literal else { return [] }
        let new = type + (call.labeled("limit").map { "(\($0.text))" } ?? "")
        for back in calls.calls where sections.isBackward(back.start) {
            let args = back.positional
            let (backColumn, backType) =
                back.name == "change_column" && args.first?.literal == table
                ? (args.dropFirst().first?.literal, args.dropFirst(2).first?.literal)
                : back.name == "change" ? (args.first?.literal, args.dropFirst().first?.literal) : (nil, nil)
            guard backColumn == column, let backType else { continue }
            let old = backType + (back.labeled("limit").map { "(\($0.text))" } ?? "")
            if TypeWidening.isWidening(from: old, to: new) { return [] }
        }
        return event(.changeType, call, table: table, column: column, detail: type)
    }

    static let railsNotColumns: Set<String> = [
        "index", "foreign_key", "check_constraint", "timestamps", "rename_index", "unique_constraint",
        "exclusion_constraint", "primary_key",
    ]

    /// `null: false` with no `default:` (Rails, Ecto: both defaults are the database's).
    func notNullWithoutDefault(_ call: Call) -> Bool {
        call.labeled("null")?.text == "false" && call.labeled("default") == nil
    }

    // MARK: - Ecto

    mutating func ecto(_ call: Call) -> [MigrationEvent] {
        let args = call.positional
        let nested = scopeTable(call)
        func tableArgument(_ argument: Argument?) -> String? {
            guard let argument, argument.tokens.first?.text == "table" else { return nil }
            return argument.literals.first
        }
        switch call.name {
        case "remove", "remove_if_exists":
            return event(.dropColumn, call, table: nested, column: args.first?.literal)
        case "modify":
            // `modify` restates the type even when only NULL changes; the old type is in `from:` or in
            // `def down`. A new foreign key (`references(…)`) changes no type.
            guard let column = args.first?.literal, let type = args.dropFirst().first,
                type.tokens.first?.text != "references"
            else { return [] }
            var found: [MigrationEvent] = []
            let null = call.labeled("null")?.text
            if null == "false", call.labeled("default") == nil {
                found += event(.notNull, call, table: nested, column: column)
            }
            var old =
                call.labeled("from").map { from in
                    from.tokens.first?.kind == .punct && from.tokens.first?.text == "[" ? nil : from.text
                } ?? nil
            if old == nil {
                for back in calls.calls where back.name == "modify" && sections.isBackward(back.start) {
                    if back.positional.first?.literal == column, let previous = back.positional.dropFirst().first {
                        old = previous.text
                    }
                }
            }
            let changed =
                old.map { $0 != type.text && !TypeWidening.isWidening(from: $0, to: type.text) } ?? (null == nil)
            if changed { found += event(.changeType, call, table: nested, column: column, detail: type.text) }
            return found
        case "add", "add_if_not_exists":
            guard let column = args.first?.literal else { return [] }
            var found = event(.addColumn, call, table: nested, column: column)
            if notNullWithoutDefault(call) { found += event(.notNull, call, table: nested, column: column) }
            return found
        case "drop", "drop_if_exists":
            return event(.dropTable, call, table: tableArgument(args.first))
        case "create", "create_if_not_exists":
            return event(.createTable, call, table: tableArgument(args.first))
        case "rename":
            guard let table = tableArgument(args.first) else { return [] }
            if let target = call.labeled("to"), let new = tableArgument(target) {
                return event(.renameTable, call, table: table, detail: new)
            }
            return event(
                .renameColumn, call, table: table, column: args.dropFirst().first?.literal,
                detail: call.labeled("to")?.literal)
        case "execute": return sql(args.first)
        default: return []
        }
    }
}
