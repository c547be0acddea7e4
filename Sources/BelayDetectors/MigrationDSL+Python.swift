/// Django's migration operations and Alembic's `op` (and `batch_op`) calls.
extension MigrationDSL {
    /// Field classes that add no NOT NULL column of their own.
    static let djangoFieldsWithoutColumn: Set<String> = [
        "ManyToManyField", "AutoField", "BigAutoField", "SmallAutoField", "GeneratedField", "GenericRelation",
        "NullBooleanField",
    ]

    mutating func django(_ call: Call) -> [MigrationEvent] {
        guard call.receiver == nil || call.receiver == "migrations" else { return [] }
        func argument(_ label: String, _ position: Int) -> Argument? {
            call.labeled(label) ?? (call.positional.count > position ? call.positional[position] : nil)
        }
        let model = argument("model_name", 0)?.literal
        switch call.name {
        case "RemoveField": return event(.dropColumn, call, table: model, column: argument("name", 1)?.literal)
        case "RenameField":
            return event(
                .renameColumn, call, table: model, column: argument("old_name", 1)?.literal,
                detail: argument("new_name", 2)?.literal)
        case "DeleteModel": return event(.dropTable, call, table: argument("name", 0)?.literal)
        case "RenameModel":
            return event(
                .renameTable, call, table: argument("old_name", 0)?.literal, detail: argument("new_name", 1)?.literal)
        case "CreateModel": return event(.createTable, call, table: argument("name", 0)?.literal)
        case "AddField":
            guard let column = argument("name", 1)?.literal, let field = argument("field", 2) else { return [] }
            var found = event(.addColumn, call, table: model, column: column)
            let range = field.tokens.startIndex..<field.tokens.endIndex
            let className = field.tokens.prefix { !$0.isPunct("(") }.last?.text ?? ""
            if calls.option("null", in: range) != "True", calls.option("db_default", in: range) == nil,
                !Self.djangoFieldsWithoutColumn.contains(className)
            {
                found += event(.notNull, call, table: model, column: column)
            }
            return found
        case "RunSQL": return sql(argument("sql", 0))
        default: return []
        }
    }

    mutating func alembic(_ call: Call) -> [MigrationEvent] {
        let batchTable = call.receiver == "op" ? nil : scopeTable(call)
        guard call.receiver == "op" || batchTable != nil else { return [] }
        var args = call.positional
        let table = batchTable ?? args.first?.literal ?? call.labeled("table_name")?.literal
        if batchTable == nil && !args.isEmpty { args.removeFirst() }
        let range = call.argumentTokens
        switch call.name {
        case "drop_column":
            return event(
                .dropColumn, call, table: table, column: args.first?.literal ?? call.labeled("column_name")?.literal)
        case "alter_column":
            let column = args.first?.literal ?? call.labeled("column_name")?.literal
            var found: [MigrationEvent] = []
            if let new = call.labeled("new_column_name")?.literal {
                found += event(.renameColumn, call, table: table, column: column, detail: new)
            }
            if let type = call.labeled("type_") {
                let old = call.labeled("existing_type")?.text
                if old.map({ !TypeWidening.isWidening(from: $0, to: type.text) }) ?? true {
                    found += event(.changeType, call, table: table, column: column, detail: type.text)
                }
            }
            if calls.option("nullable", in: range) == "False", calls.option("existing_nullable", in: range) != "False",
                calls.option("server_default", in: range) == nil
            {
                found += event(.notNull, call, table: table, column: column)
            }
            return found
        case "drop_table": return event(.dropTable, call, table: table)
        case "rename_table": return event(.renameTable, call, table: table, detail: args.first?.literal)
        case "create_table": return event(.createTable, call, table: table)
        case "add_column":
            guard let column = args.first, let name = column.firstString?.text else { return [] }
            let inner = column.tokens.startIndex..<column.tokens.endIndex
            var found = event(.addColumn, call, table: table, column: name)
            if calls.option("nullable", in: inner) == "False", calls.option("server_default", in: inner) == nil {
                found += event(.notNull, call, table: table, column: name)
            }
            return found
        case "execute": return sql(call.positional.first ?? call.labeled("sqltext"))
        default: return []
        }
    }
}
