import BelayCore

/// A command line after parsing against ``commandTable``.
struct ParsedCommand: Sendable, Equatable {
    var command: String
    /// Option name → values (empty array for a flag that is present).
    var options: [String: [String]]
    var positionals: [String]

    func has(_ name: String) -> Bool { options[name] != nil }
    func value(_ name: String) -> String? { options[name]?.last }
    func values(_ name: String) -> [String] { options[name] ?? [] }
}

/// Parses `belay` arguments (without the program name). Throws ``BelayError/usage(_:)`` with a
/// message that says what was expected.
func parseCommandLine(_ arguments: [String]) throws(BelayError) -> ParsedCommand {
    guard let first = arguments.first else { return ParsedCommand(command: "help", options: [:], positionals: []) }
    switch first {
    case "--version", "-V", "version":
        return ParsedCommand(command: "version", options: [:], positionals: [])
    case "--help", "-h":
        return ParsedCommand(command: "help", options: [:], positionals: Array(arguments.dropFirst().prefix(1)))
    default:
        break
    }
    guard let spec = commandTable.first(where: { $0.name == first }) else {
        let suggestion = closest(first, among: commandTable.map(\.name)).map { " (did you mean '\($0)'?)" } ?? ""
        throw .usage("unknown command '\(first)'\(suggestion); run 'belay help' for the list")
    }
    return try parse(Array(arguments.dropFirst()), for: spec)
}

private func parse(_ arguments: [String], for spec: CommandSpec) throws(BelayError) -> ParsedCommand {
    var parsed = ParsedCommand(command: spec.name, options: [:], positionals: [])
    var index = 0
    while index < arguments.count {
        let argument = arguments[index]
        index += 1
        if argument == "--" {
            parsed.positionals += arguments[index...]
            break
        }
        if argument == "--help" || argument == "-h" {
            return ParsedCommand(command: "help", options: [:], positionals: [spec.name])
        }
        guard argument.hasPrefix("-"), argument != "-" else {
            parsed.positionals.append(argument)
            if spec.stopsAtFirstPositional {
                parsed.positionals += arguments[index...]
                break
            }
            continue
        }
        var name = argument
        var inlineValue: String?
        if let equals = argument.firstIndex(of: "="), argument.hasPrefix("--") {
            name = String(argument[..<equals])
            inlineValue = String(argument[argument.index(after: equals)...])
        }
        guard let option = spec.option(named: name) else {
            let names = spec.options.map(\.name)
            let hint =
                closest(name, among: names).map { "did you mean '\($0)'?" }
                ?? (names.isEmpty ? "it takes no options" : "expected one of: \(names.joined(separator: ", "))")
            throw .usage("unknown option '\(name)' for 'belay \(spec.name)'; \(hint)")
        }
        switch option.arity {
        case .flag:
            if inlineValue != nil { throw .usage("option '\(name)' takes no value") }
            parsed.options[name, default: []] += []
        case .single:
            let value: String
            if let inlineValue {
                value = inlineValue
            } else if index < arguments.count, !arguments[index].hasPrefix("--") {
                value = arguments[index]
                index += 1
            } else {
                throw .usage("option '\(name)' needs a value: \(name) \(option.valueName)")
            }
            if !option.choices.isEmpty && !option.choices.contains(value) {
                throw .usage(
                    "option '\(name)' must be one of \(option.choices.joined(separator: ", ")); got '\(value)'")
            }
            parsed.options[name] = [value]
        case .many:
            var values: [String] = inlineValue.map { [$0] } ?? []
            while index < arguments.count, !arguments[index].hasPrefix("-") || arguments[index] == "-" {
                values.append(arguments[index])
                index += 1
            }
            if values.isEmpty {
                throw .usage("option '\(name)' needs at least one value: \(name) \(option.valueName)…")
            }
            parsed.options[name, default: []] += values
        }
    }
    if parsed.positionals.count < spec.minPositionals {
        throw .usage("'belay \(spec.name)' needs more arguments; usage: \(spec.usage)")
    }
    if parsed.positionals.count > spec.maxPositionals {
        let extra = parsed.positionals[spec.maxPositionals]
        throw .usage("unexpected argument '\(extra)' for 'belay \(spec.name)'; usage: \(spec.usage)")
    }
    return parsed
}

/// The candidate closest to `word` by edit distance, when it is close enough to be a likely typo.
func closest(_ word: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(word, $0)) }.min { $0.1 < $1.1 }
    guard let (best, distance) = scored, distance <= max(1, best.count / 3) else { return nil }
    return best
}

private func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}

/// The text of `belay help` (no command) or `belay help COMMAND`.
func helpText(for command: String?) throws(BelayError) -> String {
    guard let command else {
        var text = """
            belay \(belayVersion) — a safety harness between coding agents and `git commit`.

            Usage: belay COMMAND [OPTIONS]

            Commands:

            """
        let width = commandTable.map(\.name.count).max() ?? 0
        for spec in commandTable {
            text += "  \(spec.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(spec.summary)\n"
        }
        text += "\nRun 'belay help COMMAND' for a command's options. 'belay demo' shows belay at work.\n"
        text += "Exit codes: 0 pass, 1 blocked, 2 usage or configuration error, 3 belay itself failed,\n"
        text += "128 + N interrupted by signal N (SIGINT 130, SIGTERM 143, SIGHUP 129: nothing is left running).\n"
        return text
    }
    guard let spec = commandTable.first(where: { $0.name == command }) else {
        throw .usage("no such command '\(command)'; run 'belay help' for the list")
    }
    var text = "belay \(spec.name) — \(spec.summary)\n\nUsage: \(spec.usage)\n"
    if !spec.details.isEmpty { text += "\n\(spec.details)\n" }
    if !spec.options.isEmpty {
        text += "\nOptions:\n"
        let labels = spec.options.map { option -> String in
            switch option.arity {
            case .flag: option.name
            case .single: "\(option.name) \(option.valueName)"
            case .many: "\(option.name) \(option.valueName)…"
            }
        }
        let width = labels.map(\.count).max() ?? 0
        for (label, option) in zip(labels, spec.options) {
            text += "  \(label.padding(toLength: width, withPad: " ", startingAt: 0))  \(option.help)\n"
        }
    }
    return text
}
