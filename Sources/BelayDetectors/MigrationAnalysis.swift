import BelayCore

/// One migration file judged: its destructive events in file order, after the exemptions — what the file
/// itself created (a table, a column) or redefines (SQLite's copy-and-rename), temporary tables — and
/// the allow markers (``MigrationMarkers``, strong_migrations' `safety_assured`) and `migrations.allow`.
/// A column dropped from a table the same file adds a column to becomes `drop-and-add`.
public enum MigrationAnalysis {
    /// The destructive events of `file`, or none when it is not a migration.
    static func events(in file: SourceFile, context: RuleContext) -> [MigrationEvent] {
        guard let stack = MigrationStack.of(path: file.path, bytes: file.bytes), !file.isBinary else { return [] }
        let bytes = file.bytes
        var events: [MigrationEvent] = []
        var comments: [(start: Int, end: Int, text: String)] = []
        var codeStart = bytes.count
        var assured: [Range<Int>] = []
        switch stack {
        case .sql, .sqlSections:
            let whole = SQLText(bytes)
            comments = whole.comments.map { ($0.start, $0.end, $0.text) }
            codeStart = whole.statements.first?.start ?? bytes.count
            if stack == .sql {
                events = SQLOperations.events(whole)
            } else {
                for section in MigrationStack.forwardSections(bytes) {
                    events += SQLOperations.events(SQLText(bytes, range: section))
                }
            }
        default:
            let tokens = MigrationTokens(bytes, dialect: stack.dialect!)
            let dsl = MigrationDSL(tokens, stack: stack, bytes: bytes)
            events = dsl.events
            comments =
                tokens.comments.map { ($0.start, $0.end, $0.text) }
                + dsl.sqlComments.map { ($0.start, $0.end, $0.text) }
            codeStart = tokens.tokens.first { $0.kind != .newline }?.start ?? bytes.count
            assured = dsl.assured
        }
        var reported = exempt(events)
        pairDropsWithAdds(&reported, all: events)
        let markers = MigrationMarkers(
            comments: comments, codeStart: codeStart, bytes: bytes, lineIndex: file.lineIndex)
        return reported.filter { event in
            if context.migrations.allows(path: file.path, kind: event.kind.rawValue) { return false }
            // For agents a marker counts only where it was already there: the engine compares versions.
            if context.agentMode { return true }
            if assured.contains(where: { $0.contains(event.start) }) { return false }
            return !markers.allows(event.kind.rawValue, start: event.start, end: event.end)
        }
    }

    /// The reportable events that the file's own creations do not exempt.
    static func exempt(_ events: [MigrationEvent]) -> [MigrationEvent] {
        var created: Set<String> = []
        var added: Set<String> = []
        var result: [MigrationEvent] = []
        for (index, event) in events.enumerated() {
            let table = event.table.lowercased()
            let key = table + "." + (event.column ?? "").lowercased()
            switch event.kind {
            case .createTable:
                created.insert(table)
                continue
            case .addColumn:
                added.insert(key)
                continue
            default: break
            }
            if created.contains(table) {
                if event.kind == .renameTable, let new = event.detail { created.insert(new.lowercased()) }
                continue
            }
            if event.column != nil, added.contains(key), event.kind != .notNull {
                if event.kind == .renameColumn, let new = event.detail { added.insert(table + "." + new.lowercased()) }
                continue
            }
            // SQLite's redefinition: DROP TABLE "User" … ALTER TABLE "new_User" RENAME TO "User".
            if event.kind == .dropTable,
                events[(index + 1)...].contains(where: { $0.kind == .renameTable && $0.detail?.lowercased() == table })
            {
                continue
            }
            var kept = event
            if event.kind == .dropTable,
                events[(index + 1)...].contains(where: { $0.kind == .createTable && $0.table.lowercased() == table })
            {
                kept.recreated = true
            }
            result.append(kept)
        }
        return result
    }

    /// Whether an added column reads as the replacement of a dropped one: different names that share a
    /// word (`name` and `full_name`, `email` and `emailAddress`, `rubygems_version` and
    /// `required_rubygems_version`).
    static func related(_ dropped: String, _ added: String) -> Bool {
        func words(_ name: String) -> Set<String> {
            var result: Set<String> = []
            var word = ""
            for character in name {
                if character == "_" || character == "-" || character.isUppercase {
                    if !word.isEmpty { result.insert(word) }
                    word = character.isUppercase ? String(character).lowercased() : ""
                } else {
                    word.append(character)
                }
            }
            if !word.isEmpty { result.insert(word) }
            return result.filter { $0.count > 1 && $0 != "id" }
        }
        guard dropped.lowercased() != added.lowercased() else { return false }
        return !words(dropped).isDisjoint(with: words(added))
    }

    /// Turns a column drop into `drop-and-add` when the file adds its likely replacement to the same table.
    static func pairDropsWithAdds(_ events: inout [MigrationEvent], all: [MigrationEvent]) {
        var adds = all.filter { $0.kind == .addColumn }
        for index in events.indices where events[index].kind == .dropColumn {
            let table = events[index].table.lowercased()
            let dropped = events[index].column ?? ""
            // Dropped and added again under the same name (Prisma's "dropped and recreated"): the name
            // lives on, the data does not — a type change.
            if adds.contains(where: {
                $0.table.lowercased() == table && $0.column?.lowercased() == dropped.lowercased()
                    && $0.start >= events[index].start
            }) {
                events[index].kind = .changeType
                events[index].detail = "a new column of the same name (its data is lost)"
                continue
            }
            guard
                let match = adds.firstIndex(where: {
                    $0.table.lowercased() == table && $0.column.map { Self.related(dropped, $0) } == true
                })
            else { continue }
            events[index].kind = .dropAndAdd
            events[index].detail = adds[match].column
            adds.remove(at: match)
        }
    }
}
