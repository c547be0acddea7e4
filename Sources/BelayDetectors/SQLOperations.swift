/// The schema operations of SQL statements (PostgreSQL, MySQL, SQLite and SQL Server spellings): drops,
/// renames, type changes, NOT NULL without a default, TRUNCATE, and the creations that exempt them.
enum SQLOperations {
    typealias Token = SQLText.Token

    /// The events of every statement of `sql`, in order.
    static func events(_ sql: SQLText) -> [MigrationEvent] {
        sql.statements.flatMap { events(of: $0) }
    }

    static func events(of statement: SQLText.Statement) -> [MigrationEvent] {
        var reader = Reader(tokens: statement.tokens)
        let (start, end) = (statement.start, statement.end)
        guard let first = reader.next() else { return [] }
        switch first.lower {
        case "alter":
            guard reader.take("table") else { return [] }
            _ = reader.take("if") && reader.take("exists")
            _ = reader.take("only")
            guard let table = reader.name() else { return [] }
            return reader.actions().flatMap { alter(table, $0, start: start, end: end) }
        case "drop":
            if reader.take("temporary") || reader.take("temp") { return [] }
            guard reader.take("table") else { return [] }
            _ = reader.take("if") && reader.take("exists")
            return reader.names().map { MigrationEvent(.dropTable, table: $0, start: start, end: end) }
        case "truncate":
            _ = reader.take("table")
            _ = reader.take("only")
            return reader.names().map { MigrationEvent(.truncate, table: $0, start: start, end: end) }
        case "rename":  // MySQL: RENAME TABLE a TO b, c TO d
            guard reader.take("table") else { return [] }
            var found: [MigrationEvent] = []
            while let old = reader.name(), reader.take("to"), let new = reader.name() {
                found.append(MigrationEvent(.renameTable, table: old, detail: new, start: start, end: end))
                guard reader.takeSymbol(",") else { break }
            }
            return found
        case "create":
            _ = reader.take("or") && reader.take("replace")
            _ = reader.take("global") || reader.take("local")
            _ = reader.take("temporary") || reader.take("temp") || reader.take("unlogged")
            guard reader.take("table") else { return [] }
            _ = reader.take("if") && reader.take("not") && reader.take("exists")
            guard let table = reader.name() else { return [] }
            return [MigrationEvent(.createTable, table: table, start: start, end: end)]
        case "exec", "execute":  // SQL Server: EXEC sp_rename 'Table.Old', 'New', 'COLUMN'
            guard reader.take("sp_rename") || (reader.take("sys") && reader.takeSymbol(".") && reader.take("sp_rename"))
            else { return [] }
            let literals = reader.rest.filter { $0.kind == .string }.map(\.text)
            guard literals.count >= 2 else { return [] }
            let parts = literals[0].split(separator: ".").map { $0.trimmingCharacters(in: ["[", "]"]) }
            if literals.count >= 3, literals[2].lowercased() == "column", parts.count >= 2 {
                return [
                    MigrationEvent(
                        .renameColumn, table: parts[parts.count - 2], column: parts.last!, detail: literals[1],
                        start: start, end: end)
                ]
            }
            guard literals.count == 2, let table = parts.last else { return [] }
            return [MigrationEvent(.renameTable, table: table, detail: literals[1], start: start, end: end)]
        default:
            return []
        }
    }

    /// Keywords after `DROP` / `ADD` / `RENAME` that name something other than a column.
    static let notColumns: Set<String> = [
        "constraint", "index", "key", "primary", "foreign", "check", "partition", "default", "not", "unique",
        "trigger", "fulltext", "spatial", "period", "system", "expression", "identity", "to",
    ]

    /// One action of `ALTER TABLE table …`.
    static func alter(_ table: String, _ action: [Token], start: Int, end: Int) -> [MigrationEvent] {
        var reader = Reader(tokens: action)
        guard let verb = reader.next() else { return [] }
        func event(_ kind: MigrationEvent.Kind, _ column: String?, _ detail: String? = nil) -> [MigrationEvent] {
            [MigrationEvent(kind, table: table, column: column, detail: detail, start: start, end: end)]
        }
        switch verb.lower {
        case "drop":
            if let peek = reader.peek, peek.kind == .word, notColumns.contains(peek.lower), !peek.isWord("column") {
                return []
            }
            _ = reader.take("column")
            _ = reader.take("if") && reader.take("exists")
            guard let column = reader.name() else { return [] }
            return event(.dropColumn, column)
        case "rename":
            if reader.take("to") || reader.take("as") {
                return reader.name().map { event(.renameTable, nil, $0) } ?? []
            }
            if let peek = reader.peek, peek.kind == .word, ["constraint", "index", "key"].contains(peek.lower) {
                return []
            }
            _ = reader.take("column")
            guard let old = reader.name(), reader.take("to"), let new = reader.name() else { return [] }
            return event(.renameColumn, old, new)
        case "alter":
            _ = reader.take("column")
            guard let column = reader.name() else { return [] }
            let rest = Array(reader.rest)
            if rest.count >= 3, rest[0].isWord("set"), rest[1].isWord("not"), rest[2].isWord("null") {
                return event(.notNull, column)
            }
            if reader.take("type") || (reader.take("set") && reader.take("data") && reader.take("type")) {
                return event(.changeType, column, reader.typeText())
            }
            return []
        case "modify":  // MySQL
            _ = reader.take("column")
            guard let column = reader.name() else { return [] }
            return event(.changeType, column, reader.typeText())
        case "change":  // MySQL: CHANGE old new type
            _ = reader.take("column")
            guard let old = reader.name(), let new = reader.name() else { return [] }
            return old == new ? event(.changeType, old, reader.typeText()) : event(.renameColumn, old, new)
        case "add":
            if let peek = reader.peek, peek.kind == .word, notColumns.contains(peek.lower) { return [] }
            _ = reader.take("column")
            _ = reader.take("if") && reader.take("not") && reader.take("exists")
            guard let column = reader.name() else { return [] }
            let words = reader.rest.filter { $0.kind == .word }.map(\.lower)
            let notNull = zip(words, words.dropFirst()).contains { $0 == "not" && $1 == "null" }
            let defaulted =
                words.contains("default") || words.contains("generated") || words.contains("identity")
                || words.contains("auto_increment") || words.first.map { $0.hasSuffix("serial") } == true
            var found = event(.addColumn, column)
            if notNull && !defaulted && !words.contains("primary") { found += event(.notNull, column) }
            return found
        default:
            return []
        }
    }

    /// A cursor over tokens.
    struct Reader {
        var tokens: [Token]
        var index = 0

        var peek: Token? { index < tokens.count ? tokens[index] : nil }
        var rest: ArraySlice<Token> { tokens[min(index, tokens.count)...] }

        mutating func next() -> Token? {
            defer { index += 1 }
            return peek
        }

        /// Consumes the keyword `word` when it is next.
        mutating func take(_ word: String) -> Bool {
            guard let peek, peek.isWord(word) else { return false }
            index += 1
            return true
        }

        mutating func takeSymbol(_ symbol: String) -> Bool {
            guard let peek, peek.kind == .symbol, peek.text == symbol else { return false }
            index += 1
            return true
        }

        /// A possibly qualified name (`schema.table`, `"public"."User"`): its last part.
        mutating func name() -> String? {
            guard let first = peek, first.isName else { return nil }
            index += 1
            var last = first.text
            while index + 1 < tokens.count, tokens[index].kind == .symbol, tokens[index].text == ".",
                tokens[index + 1].isName
            {
                last = tokens[index + 1].text
                index += 2
            }
            return last
        }

        /// Comma-separated names, up to `CASCADE` / `RESTRICT` or the end.
        mutating func names() -> [String] {
            var found: [String] = []
            while let name = name() {
                if ["cascade", "restrict"].contains(name.lowercased()) { break }
                found.append(name)
                guard takeSymbol(",") else { break }
            }
            return found
        }

        /// The rest split on top-level commas: the actions of an `ALTER TABLE`.
        mutating func actions() -> [[Token]] {
            var result: [[Token]] = [[]]
            var depth = 0
            for token in rest {
                if token.kind == .symbol {
                    if token.text == "(" { depth += 1 }
                    if token.text == ")" { depth -= 1 }
                    if token.text == "," && depth == 0 {
                        result.append([])
                        continue
                    }
                }
                result[result.count - 1].append(token)
            }
            index = tokens.count
            return result.filter { !$0.isEmpty }
        }

        /// The type written next, up to `USING`, `COLLATE`, `NOT`, `NULL`, `DEFAULT` or the end.
        mutating func typeText() -> String {
            let stops: Set<String> = ["using", "collate", "not", "null", "default", "first", "after", "comment"]
            var parts: [String] = []
            while let token = peek, !(token.kind == .word && stops.contains(token.lower)) {
                parts.append(token.text)
                index += 1
            }
            var text = ""
            for part in parts {
                if !text.isEmpty, part != "(", part != ")", part != ",", !text.hasSuffix("(") { text += " " }
                text += part
            }
            return text
        }
    }
}
