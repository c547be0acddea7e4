/// The calls of a migration in a host language: `remove_column :users, :email`, `op.drop_column("users",
/// "email")`, `$table->dropColumn('email')`, `migrationBuilder.DropColumn(name: "Email", table: "Users")`,
/// with their receiver, arguments (labelled or not), chained calls (`.notNullable().alter()`) and the block
/// that follows (`do … end`, `{ … }`), by token index.
struct MigrationCalls {
    typealias Token = MigrationTokens.Token

    struct Argument {
        var label: String?
        var tokens: ArraySlice<Token>

        /// The literal name this argument is (`:users`, `"users"`), if it is one.
        var literal: String? {
            tokens.count == 1 || tokens.dropFirst().allSatisfy(\.isClosing) ? tokens.first?.literal : nil
        }
        /// The first string in it (`sa.text("…")`, `[ "…" ]`).
        var firstString: Token? { tokens.first { $0.kind == .string } }
        /// Every literal name in it (`[:a, :b]`, `'a', 'b'`).
        var literals: [String] { tokens.compactMap(\.literal) }
        var text: String { tokens.map(\.text).joined() }
    }

    struct Call {
        var name: String
        var receiver: String?
        var index: Int
        var arguments: [Argument]
        /// The generic argument (`AddColumn<string>`), C# only.
        var generic: String?
        /// Names of the calls chained after this one.
        var chain: [String] = []
        var start: Int
        var end: Int
        /// Token indices of the arguments (and a closure among them).
        var argumentTokens: Range<Int>
        /// Token indices of the `do … end` or `{ … }` block after the call.
        var block: Range<Int>?

        var positional: [Argument] { arguments.filter { $0.label == nil } }
        func labeled(_ label: String) -> Argument? { arguments.first { $0.label == label } }
    }

    let tokens: [Token]
    let dialect: MigrationTokens.Dialect
    private(set) var calls: [Call] = []

    static let rubyKeywords: Set<String> = [
        "def", "end", "do", "if", "unless", "class", "module", "return", "and", "or", "not", "else", "elsif", "when",
        "case", "in", "then", "while", "until", "begin", "rescue", "ensure", "fn", "import", "alias", "use",
        "require", "defmodule", "yield",
    ]

    init(_ scanned: MigrationTokens, dialect: MigrationTokens.Dialect) {
        let lines = dialect == .ruby || dialect == .elixir
        tokens = lines ? scanned.tokens : scanned.tokens.filter { $0.kind != .newline }
        self.dialect = dialect
        for index in tokens.indices where tokens[index].kind == .name {
            if let call = call(at: index, lines: lines) { calls.append(call) }
        }
    }

    private func call(at index: Int, lines: Bool) -> Call? {
        let name = tokens[index].text
        var cursor = index + 1
        var generic: String?
        if dialect == .csharp, cursor < tokens.count, tokens[cursor].isPunct("<") {
            let close = tokens[cursor...].prefix(8).firstIndex { $0.isPunct(">") }
            guard let close else { return nil }
            generic = tokens[(cursor + 1)..<close].map(\.text).joined()
            cursor = close + 1
        }
        guard cursor < tokens.count else { return nil }
        let argumentTokens: Range<Int>
        var end: Int
        if tokens[cursor].isPunct("(") {
            guard let close = matching(from: cursor) else { return nil }
            argumentTokens = (cursor + 1)..<close
            end = close + 1
        } else if lines, !Self.rubyKeywords.contains(name), index == 0 || !tokens[index - 1].isPunct(":"),
            [.symbol, .string, .label, .name, .number].contains(tokens[cursor].kind)
                || (tokens[cursor].text == "do" || (tokens[cursor].isPunct("{") && dialect == .ruby)),
            !(tokens[cursor].kind == .name && Self.rubyKeywords.contains(tokens[cursor].text)
                && tokens[cursor].text != "do")
        {
            var stop = cursor
            var depth = 0
            while stop < tokens.count {
                let token = tokens[stop]
                if depth == 0 {
                    if token.kind == .newline, !(stop > 0 && tokens[stop - 1].isPunct(",")) { break }
                    if token.kind == .name && token.text == "do" { break }
                    if token.isPunct("{") && !(stop > cursor && tokens[stop - 1].isPunct("%")) && dialect == .ruby {
                        break
                    }
                    if token.isPunct(";") || token.isPunct(")") || token.isPunct("}") || token.isPunct("]") { break }
                }
                if token.isPunct("(") || token.isPunct("[") || token.isPunct("{") { depth += 1 }
                if token.isPunct(")") || token.isPunct("]") || token.isPunct("}") { depth -= 1 }
                stop += 1
            }
            argumentTokens = cursor..<stop
            end = stop
        } else {
            return nil
        }
        var receiver: String?
        var start = tokens[index].start
        if index >= 2,
            tokens[index - 1].isPunct(".") || tokens[index - 1].isPunct(">") || tokens[index - 1].isPunct(":")
        {
            var back = index - 2
            if back >= 1,
                tokens[index - 1].isPunct(">") && tokens[back].isPunct("-")
                    || tokens[index - 1].isPunct(":") && tokens[back].isPunct(":")
            {
                back -= 1
            }
            if tokens[back].kind == .name || tokens[back].kind == .label {
                receiver = tokens[back].text
                start = tokens[back].start
            }
        }
        var call = Call(
            name: name, receiver: receiver, index: index, arguments: split(argumentTokens), generic: generic,
            start: start, end: tokens[max(index, end - 1)].end, argumentTokens: argumentTokens)
        // Chained calls: .notNullable().alter(), ->nullable()->change()
        var chain = end
        while chain + 2 < tokens.count {
            var next = chain
            if tokens[next].isPunct(".") {
                next += 1
            } else if tokens[next].isPunct("-"), tokens[next + 1].isPunct(">") {
                next += 2
            } else {
                break
            }
            guard next + 1 < tokens.count, tokens[next].kind == .name, tokens[next + 1].isPunct("("),
                let close = matching(from: next + 1)
            else { break }
            call.chain.append(tokens[next].text)
            call.end = tokens[close].end
            chain = close + 1
        }
        if lines, end < tokens.count {
            if tokens[end].kind == .name, tokens[end].text == "do" {
                call.block = end..<blockEnd(from: end)
            } else if tokens[end].isPunct("{"), let close = matching(from: end) {
                call.block = end..<close
            }
        }
        return call
    }

    /// The index of the bracket closing the one at `open`.
    func matching(from open: Int) -> Int? {
        var depth = 0
        for index in open..<tokens.count {
            let token = tokens[index]
            guard token.kind == .punct else { continue }
            if token.text == "(" || token.text == "[" || token.text == "{" { depth += 1 }
            if token.text == ")" || token.text == "]" || token.text == "}" {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    /// The `end` closing the `do` at `open` (Ruby's line-leading `if`, `def`, `begin`… open blocks too).
    func blockEnd(from open: Int) -> Int {
        var depth = 0
        for index in open..<tokens.count where tokens[index].kind == .name {
            let word = tokens[index].text
            let leading = index == 0 || tokens[index - 1].kind == .newline || tokens[index - 1].isPunct(";")
            if word == "do" || word == "fn"
                || (dialect == .ruby && leading
                    && ["if", "unless", "while", "until", "case", "begin", "def", "class", "module"].contains(word))
            {
                depth += 1
            } else if word == "end" {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return tokens.count
    }

    /// Arguments split on top-level commas, each with its label (`null:` or Python's `nullable=`).
    private func split(_ range: Range<Int>) -> [Argument] {
        var result: [Argument] = []
        var depth = 0
        var start = range.lowerBound
        func close(_ end: Int) {
            var slice = tokens[start..<end].drop { $0.kind == .newline }
            while slice.last?.kind == .newline { slice = slice.dropLast() }
            guard let first = slice.first else { return }
            if first.kind == .label {
                result.append(Argument(label: first.text, tokens: slice.dropFirst()))
            } else if dialect == .python, first.kind == .name, slice.count > 2, slice.dropFirst().first!.isPunct("="),
                !slice.dropFirst(2).first!.isPunct("=")
            {
                result.append(Argument(label: first.text, tokens: slice.dropFirst(2)))
            } else {
                result.append(Argument(label: nil, tokens: slice))
            }
        }
        for index in range {
            let token = tokens[index]
            if token.isPunct("(") || token.isPunct("[") || token.isPunct("{") { depth += 1 }
            if token.isPunct(")") || token.isPunct("]") || token.isPunct("}") { depth -= 1 }
            if depth == 0 && token.isPunct(",") {
                close(index)
                start = index + 1
            }
        }
        close(range.upperBound)
        return result
    }

    /// The value after `key` (`null: false`, `nullable=False`, `allowNull: false`) anywhere in `range`.
    func option(_ key: String, in range: Range<Int>) -> String? {
        for index in range where index + 1 < range.upperBound {
            let token = tokens[index]
            if token.kind == .label, token.text == key { return tokens[index + 1].text }
            if token.kind == .name || token.kind == .string, token.text == key, tokens[index + 1].isPunct("="),
                index + 2 < range.upperBound, !tokens[index + 2].isPunct("=")
            {
                return tokens[index + 2].text
            }
            if token.kind == .string, token.text == key, tokens[index + 1].isPunct(":"), index + 2 < range.upperBound {
                return tokens[index + 2].text
            }
        }
        return nil
    }

    /// The byte range from token `start` to token `end` (exclusive).
    func bytes(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else { return 0..<0 }
        return tokens[range.lowerBound].start..<tokens[range.upperBound - 1].end
    }
}

extension MigrationTokens.Token {
    var isClosing: Bool { kind == .punct && (text == ")" || text == "]" || text == "}") }
}
