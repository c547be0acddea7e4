/// What a migration does to the schema, in file order: the destructive operations `destructive-migration`
/// reports, and the creations that exempt them (a table created, a column added, in the same file).
struct MigrationEvent: Equatable {
    enum Kind: String, Equatable {
        case dropColumn = "drop-column"
        case renameColumn = "rename-column"
        case dropTable = "drop-table"
        case renameTable = "rename-table"
        case changeType = "change-type"
        case notNull = "not-null"
        case truncate = "truncate"
        case dropAndAdd = "drop-and-add"
        /// A table created (`temporary` ones included); not reported.
        case createTable = "create-table"
        /// A column added (nullable or not); not reported, but pairs with a drop as `drop-and-add`.
        case addColumn = "add-column"
    }

    var kind: Kind
    /// The table (or model) as written, without quotes or schema.
    var table: String
    /// The column, for column operations.
    var column: String?
    /// The new name of a rename, the new type of a type change, the added column of a `drop-and-add`.
    var detail: String?
    /// Byte range in the file of the statement or call.
    var start: Int
    var end: Int

    init(_ kind: Kind, table: String, column: String? = nil, detail: String? = nil, start: Int, end: Int) {
        self.kind = kind
        self.table = table
        self.column = column
        self.detail = detail
        self.start = start
        self.end = end
    }

    /// The table is created again under the same name later in the file: its rows are lost, its name is not.
    var recreated = false

    /// Whether the rule reports this kind.
    var isReported: Bool { kind != .createTable && kind != .addColumn }

    /// The name whose remaining uses make the finding an error: the dropped or renamed column or table.
    var removedName: String? {
        switch kind {
        case .dropColumn, .renameColumn, .dropAndAdd: column
        case .dropTable: recreated ? nil : table
        case .renameTable: table
        default: nil
        }
    }
}

/// Whether changing a column from `old` to `new` keeps every value it held and every reader working: a
/// longer string (or unbounded text), a larger integer, more numeric precision, `real` to `double`.
/// Types are compared as written in SQL, SQLAlchemy, Rails, Ecto or EF Core (`sa.String(50)`,
/// `:bigint`, `nvarchar(max)`).
enum TypeWidening {
    static func isWidening(from old: String, to new: String) -> Bool {
        guard let from = family(old), let to = family(new) else { return false }
        switch (from, to) {
        case (.integer(let a), .integer(let b)): return b >= a
        case (.string(let a), .string(let b)): return b == nil || (a != nil && b! >= a!)
        case (.float(let a), .float(let b)): return b >= a
        case (.integer(let a), .numeric(let p, _)): return p.map { $0 >= (a == 2 ? 5 : a == 4 ? 10 : 19) } ?? true
        case (.numeric(let p, let s), .numeric(let p2, let s2)):
            guard let p2 else { return true }
            guard let p else { return false }
            return s2 >= s && p2 - s2 >= p - s
        default: return false
        }
    }

    enum Family: Equatable {
        /// Bytes.
        case integer(Int)
        /// Maximum length; `nil` is unbounded.
        case string(Int?)
        case float(Int)
        case numeric(Int?, Int)
    }

    static func family(_ written: String) -> Family? {
        var text = written.lowercased().filter { !$0.isWhitespace && $0 != ":" && $0 != "\"" && $0 != "'" }
        for prefix in ["sa.", "sqlalchemy.", "types.", "db.", "mysql.", "postgresql.", "dialects."] {
            if text.hasPrefix(prefix) { text.removeFirst(prefix.count) }
        }
        if text.hasSuffix("()") { text.removeLast(2) }
        let name = String(text.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
        let arguments = text.dropFirst(name.count).split { !$0.isNumber }
        let numbers = arguments.compactMap { Int($0) }
        let unbounded = text.contains("(max)")
        switch name {
        case "smallint", "int2", "smallinteger", "int16", "short", "tinyint": return .integer(2)
        case "integer", "int", "int4", "int32", "mediumint": return .integer(4)
        case "bigint", "int8", "biginteger", "int64", "long": return .integer(8)
        case "text", "citext", "longtext", "mediumtext", "unicodetext": return .string(nil)
        case "varchar", "charactervarying", "nvarchar", "string", "unicode", "character", "char", "nchar":
            // Rails' and Ecto's `:string` is varchar(255) where a length is enforced.
            return .string(unbounded ? nil : numbers.first ?? (name == "string" ? 255 : name == "varchar" ? nil : 1))
        case "real", "float4", "float", "single": return .float(4)
        case "doubleprecision", "float8", "double": return .float(8)
        case "numeric", "decimal": return .numeric(numbers.first, numbers.count > 1 ? numbers[1] : 0)
        default: return nil
        }
    }
}
