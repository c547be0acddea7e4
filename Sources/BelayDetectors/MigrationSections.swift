/// The parts of a migration that are not its forward direction — `def down`, `def downgrade`,
/// `exports.down`, `public function down()`, `protected override void Down(…)`, Rails' `dir.down`, goose's
/// `-- +goose Down` — and the table a nested call works on (`change_table :users do |t|`, `Schema::table`,
/// `alter table(:users) do`, `with op.batch_alter_table("users") as batch_op:`).
struct MigrationSections {
    /// Byte ranges of backward sections.
    var backward: [Range<Int>] = []

    init(_ calls: MigrationCalls, bytes: [UInt8]) {
        let tokens = calls.tokens
        for (index, token) in tokens.enumerated() where token.kind == .name || token.kind == .label {
            let lower = token.text.lowercased()
            switch calls.dialect {
            case .ruby, .elixir:
                guard token.text == "def" else { continue }
                var next = index + 1
                if next + 1 < tokens.count, tokens[next].text == "self", tokens[next + 1].isPunct(".") { next += 2 }
                guard next < tokens.count, tokens[next].text == "down" else { continue }
                if calls.dialect == .elixir {
                    guard let open = tokens[next...].firstIndex(where: { $0.kind == .name && $0.text == "do" }) else {
                        continue
                    }
                    backward.append(token.start..<end(of: calls.blockEnd(from: open), in: tokens, bytes: bytes))
                } else {
                    backward.append(token.start..<end(of: calls.blockEnd(from: index), in: tokens, bytes: bytes))
                }
            case .python:
                guard token.text == "def", index + 1 < tokens.count, tokens[index + 1].text == "downgrade" else {
                    continue
                }
                backward.append(Self.indentedBlock(bytes, from: token.start))
            case .javascript, .php, .csharp:
                guard lower == "down", index + 1 < tokens.count else { continue }
                let previous = index > 0 ? tokens[index - 1] : nil
                let next = tokens[index + 1]
                let definition =
                    (previous?.isPunct(".") == true && next.isPunct("="))  // exports.down =
                    || ["function", "void", "async", "public", "protected", "static", "const", "let"].contains(
                        previous?.text ?? "")
                    || (next.isPunct("(")
                        && previous.map { $0.isPunct("{") || $0.isPunct(",") || $0.isPunct("}") }
                            == true)
                if token.kind == .label && (previous == nil || previous!.isPunct("{") || previous!.isPunct(",")) {
                    backward.append(token.start..<bodyEnd(tokens, from: index + 1))
                } else if definition {
                    backward.append(token.start..<bodyEnd(tokens, from: index + 1))
                }
            }
        }
        // Rails: reversible do |dir| … dir.down { … } end
        for call in calls.calls where call.name == "down" && call.receiver != nil {
            if let block = call.block { backward.append(calls.bytes(block.lowerBound..<(block.upperBound + 1))) }
        }
    }

    /// Whether `offset` is in a backward section.
    func isBackward(_ offset: Int) -> Bool { backward.contains { $0.contains(offset) } }

    private func end(of index: Int, in tokens: [MigrationTokens.Token], bytes: [UInt8]) -> Int {
        index < tokens.count ? tokens[index].end : bytes.count
    }

    /// Where the body after a `down` marker ends: its closing brace, or a `;` / `,` ending an expression,
    /// or a bracket closing the object around it.
    private func bodyEnd(_ tokens: [MigrationTokens.Token], from start: Int) -> Int {
        var depth = 0
        for index in start..<tokens.count {
            let token = tokens[index]
            guard token.kind == .punct else { continue }
            switch token.text {
            case "(", "[", "{": depth += 1
            case ")", "]", "}":
                depth -= 1
                if depth < 0 { return token.start }
                if depth == 0 && token.text == "}" { return token.end }
            case ";", ",":
                if depth == 0 { return token.end }
            default: break
            }
        }
        return tokens.last?.end ?? 0
    }

    /// The lines indented deeper than the line at `offset`, from that line on (Python blocks).
    static func indentedBlock(_ bytes: [UInt8], from offset: Int) -> Range<Int> {
        var lineStart = offset
        while lineStart > 0, bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        func indentation(_ start: Int) -> (Int, Bool) {
            var cursor = start
            while cursor < bytes.count, bytes[cursor] == 0x20 || bytes[cursor] == 0x09 { cursor += 1 }
            let blank = cursor >= bytes.count || bytes[cursor] == 0x0A || bytes[cursor] == 0x0D || bytes[cursor] == 0x23
            return (cursor - start, blank)
        }
        let (own, _) = indentation(lineStart)
        var cursor = offset
        while cursor < bytes.count, bytes[cursor] != 0x0A { cursor += 1 }
        while cursor < bytes.count {
            let next = cursor + 1
            let (depth, blank) = indentation(next)
            if next < bytes.count, !blank, depth <= own { return offset..<next }
            cursor = next
            while cursor < bytes.count, bytes[cursor] != 0x0A { cursor += 1 }
        }
        return offset..<bytes.count
    }
}
