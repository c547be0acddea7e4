/// Knex, Sequelize and TypeORM (JavaScript / TypeScript), Laravel (PHP) and EF Core (C#).
extension MigrationDSL {
    /// Knex builder calls that define no column.
    static let knexNotColumns: Set<String> = [
        "index", "unique", "primary", "foreign", "dropForeign", "dropIndex", "dropUnique", "dropPrimary", "timestamps",
        "dropTimestamps", "check", "comment", "engine", "charset", "collate", "inherits", "raw", "setNullable",
        "dropNullable", "references",
    ]

    mutating func script(_ call: Call) -> [MigrationEvent] {
        let args = call.positional
        let nested = scopeTable(call)
        let literal = args.first?.literal
        func second(_ key: String) -> String? {
            guard args.count > 1 else { return nil }
            return args[1].literal ?? calls.option(key, in: args[1].tokens.startIndex..<args[1].tokens.endIndex)
        }
        switch call.name {
        case "dropTable", "dropTableIfExists": return event(.dropTable, call, table: literal)
        case "renameTable": return event(.renameTable, call, table: literal, detail: args.dropFirst().first?.literal)
        case "removeColumn": return event(.dropColumn, call, table: literal, column: second("name"))
        case "dropColumn", "dropColumns":
            if let nested {
                return args.flatMap(\.literals).flatMap { event(.dropColumn, call, table: nested, column: $0) }
            }
            return args.dropFirst().flatMap(\.literals).flatMap { event(.dropColumn, call, table: literal, column: $0) }
        case "renameColumn":
            if let nested {
                return event(
                    .renameColumn, call, table: nested, column: literal, detail: args.dropFirst().first?.literal)
            }
            return event(
                .renameColumn, call, table: literal, column: second("name"), detail: args.dropFirst(2).first?.literal)
        case "changeColumn": return event(.changeType, call, table: literal, column: second("name"))
        case "addColumn":
            guard let column = second("name") else { return [] }
            var found = event(.addColumn, call, table: literal, column: column)
            let options =
                args.count > 1 ? args[args.count - 1].tokens.startIndex..<call.argumentTokens.upperBound : 0..<0
            let typeORM = args.count == 2 && args[1].literal == nil
            let nullable =
                typeORM
                ? calls.option("isNullable", in: options) == "true"
                    || calls.option("default", in: options) != nil || calls.option("isGenerated", in: options) != nil
                : calls.option("allowNull", in: options) != "false" || calls.option("defaultValue", in: options) != nil
                    || calls.option("autoIncrement", in: options) == "true"
            if !nullable { found += event(.notNull, call, table: literal, column: column) }
            return found
        case "createTable":
            let name = literal ?? calls.option("name", in: call.argumentTokens)
            return event(.createTable, call, table: name)
        case "query", "raw": return sql(args.first)
        default:
            guard let nested, let column = literal, !Self.knexNotColumns.contains(call.name) else { return [] }
            if call.chain.contains("alter") {
                return event(.changeType, call, table: nested, column: column, detail: call.name)
            }
            var found = event(.addColumn, call, table: nested, column: column)
            if call.chain.contains("notNullable") && !call.chain.contains("defaultTo") {
                found += event(.notNull, call, table: nested, column: column)
            }
            return found
        }
    }

    /// Laravel column types: NOT NULL unless `->nullable()` or `->default(…)`.
    static let laravelColumns: Set<String> = [
        "string", "text", "integer", "bigInteger", "boolean", "date", "dateTime", "dateTimeTz", "timestamp",
        "timestampTz", "decimal", "float", "double", "json", "jsonb", "uuid", "ulid", "enum", "char", "tinyInteger",
        "smallInteger", "mediumInteger", "unsignedInteger", "unsignedBigInteger", "unsignedTinyInteger",
        "unsignedSmallInteger", "foreignId", "foreignUuid", "longText", "mediumText", "tinyText", "binary", "time",
        "year", "ipAddress", "macAddress", "set", "geometry", "point",
    ]

    mutating func laravel(_ call: Call) -> [MigrationEvent] {
        let args = call.positional
        let literal = args.first?.literal
        if call.receiver == "Schema" {
            switch call.name {
            case "drop", "dropIfExists": return event(.dropTable, call, table: literal)
            case "rename": return event(.renameTable, call, table: literal, detail: args.dropFirst().first?.literal)
            case "create": return event(.createTable, call, table: literal)
            default: return []
            }
        }
        if call.receiver == "DB", call.name == "statement" || call.name == "unprepared" { return sql(args.first) }
        guard let nested = scopeTable(call), call.receiver?.hasPrefix("$") == true else { return [] }
        switch call.name {
        case "dropColumn":
            return args.flatMap(\.literals).flatMap { event(.dropColumn, call, table: nested, column: $0) }
        case "renameColumn":
            return event(.renameColumn, call, table: nested, column: literal, detail: args.dropFirst().first?.literal)
        default:
            guard Self.laravelColumns.contains(call.name), let column = literal else { return [] }
            if call.chain.contains("change") {
                // `down()` changes it back: from a type this one widens (text to mediumText), nothing breaks.
                func written(_ call: Call) -> String {
                    call.name + (call.positional.dropFirst().first.map { "(\($0.text))" } ?? "")
                }
                for back in calls.calls
                where back.name == call.name || Self.laravelColumns.contains(back.name) {
                    guard sections.isBackward(back.start), back.chain.contains("change"),
                        back.positional.first?.literal == column
                    else { continue }
                    if TypeWidening.isWidening(from: written(back), to: written(call)) { return [] }
                }
                return event(.changeType, call, table: nested, column: column, detail: call.name)
            }
            var found = event(.addColumn, call, table: nested, column: column)
            let relaxed = [
                "nullable", "default", "useCurrent", "storedAs", "virtualAs", "autoIncrement", "generatedAs",
            ]
            if !call.chain.contains(where: relaxed.contains) {
                found += event(.notNull, call, table: nested, column: column)
            }
            return found
        }
    }

    mutating func efCore(_ call: Call) -> [MigrationEvent] {
        func value(_ label: String, _ position: Int) -> String? {
            call.labeled(label)?.literal ?? (call.positional.count > position ? call.positional[position].literal : nil)
        }
        let name = value("name", 0)
        let table = value("table", 1)
        let range = call.argumentTokens
        switch call.name {
        case "DropColumn": return event(.dropColumn, call, table: table, column: name)
        case "RenameColumn": return event(.renameColumn, call, table: table, column: name, detail: value("newName", 2))
        case "DropTable": return event(.dropTable, call, table: name)
        case "RenameTable": return event(.renameTable, call, table: name, detail: value("newName", 2))
        case "CreateTable": return event(.createTable, call, table: name)
        case "AlterColumn":
            var found: [MigrationEvent] = []
            let type = call.labeled("type")?.literal
            let oldType = call.labeled("oldType")?.literal
            let clrChanged =
                call.labeled("oldClrType").map { old in
                    !old.text.contains("(\(call.generic ?? "")") && !old.text.contains("(\(call.generic ?? "")?")
                } ?? false
            if let type, let oldType, type.lowercased() != oldType.lowercased(),
                !TypeWidening.isWidening(from: oldType, to: type)
            {
                found += event(.changeType, call, table: table, column: name, detail: type)
            } else if clrChanged, type == nil || oldType == nil {
                found += event(.changeType, call, table: table, column: name, detail: call.generic)
            }
            if calls.option("nullable", in: range) == "false", calls.option("oldNullable", in: range) == "true",
                call.labeled("defaultValue") == nil, call.labeled("defaultValueSql") == nil
            {
                found += event(.notNull, call, table: table, column: name)
            }
            return found
        case "AddColumn":
            guard let name else { return [] }
            var found = event(.addColumn, call, table: table, column: name)
            if calls.option("nullable", in: range) == "false", call.labeled("defaultValue") == nil,
                call.labeled("defaultValueSql") == nil, call.labeled("computedColumnSql") == nil
            {
                found += event(.notNull, call, table: table, column: name)
            }
            return found
        case "Sql": return sql(call.positional.first ?? call.labeled("sql"))
        default: return []
        }
    }
}
