/// Checks a parsed `belay.json5` against the schema and builds a ``Config``. Every error names the
/// key path and the line ``JSON5Parser/parseLocated(_:)`` recorded for it.
struct ConfigReader {
    let file: String
    let lines: [String: Int]
    /// Known rule ids, or `nil` to accept any id under `rules`.
    let ruleIDs: [String]?

    static let topLevelKeys = [
        "checks", "rules", "rename", "transient", "onInternalError", "protectedBranches", "secrets", "push",
        "migrations",
    ]
    static let checkKeys = ["name", "run", "files", "fix", "timeout", "cache"]
    static let renameKeys = ["exclude"]
    static let transientKeys = ["retries", "backoffSeconds"]
    static let secretsKeys = ["exclude", "ignore"]
    static let pushKeys = [
        "base", "allowedMergeSources", "maxForeignCommits", "maxLines", "maxFiles", "maxCommits", "sizeExclude",
        "allowForcePush",
    ]

    func config(_ root: RuleValue) throws(BelayError) -> Config {
        let members = try object(root, at: "")
        var config = Config()
        for (key, value) in try ordered(members, at: "", allowed: ConfigReader.topLevelKeys) {
            switch key {
            case "checks": config.checks = try checks(value, at: key)
            case "rules": config.rules = try rules(value, at: key)
            case "rename":
                let path = key
                for (member, item) in try ordered(object(value, at: path), at: path, allowed: ConfigReader.renameKeys) {
                    config.rename.exclude = try globs(item, at: JSON5Parser.path(path, key: member))
                }
            case "transient": config.transient = try transient(value, at: key)
            case "migrations": config.migrations = try migrations(value, at: key)
            case "secrets": config.secrets = try secrets(value, at: key)
            case "push": config.push = try push(value, at: key)
            case "onInternalError":
                let text = try string(value, at: key)
                guard let policy = InternalErrorPolicy(rawValue: text) else {
                    throw bad(
                        key,
                        "'\(text)' is not a policy\(suggestion(text, ["allow", "block"])); use \"allow\" or \"block\"")
                }
                config.onInternalError = policy
            default:  // protectedBranches
                config.protectedBranches = try nonEmptyStrings(value, at: key)
            }
        }
        return config
    }

    private func checks(_ value: RuleValue, at path: String) throws(BelayError) -> [CheckDefinition] {
        var result: [CheckDefinition] = []
        var firstLine: [String: Int] = [:]
        for (index, item) in try array(value, at: path).enumerated() {
            let here = JSON5Parser.path(path, index: index)
            var check = CheckDefinition(name: "", run: "")
            var seen: Set<String> = []
            for (key, member) in try ordered(object(item, at: here), at: here, allowed: ConfigReader.checkKeys) {
                let memberPath = JSON5Parser.path(here, key: key)
                seen.insert(key)
                switch key {
                case "name": check.name = try nonEmptyString(member, at: memberPath)
                case "run": check.run = try nonEmptyString(member, at: memberPath)
                case "fix": check.fix = try nonEmptyString(member, at: memberPath)
                case "files":
                    check.files = try globs(member, at: memberPath)
                    if check.files?.isEmpty == true {
                        throw bad(memberPath, "`files` is empty, so the check would never run; remove it to always run")
                    }
                case "timeout":
                    let seconds = try number(member, at: memberPath)
                    guard seconds > 0, seconds.isFinite else {
                        throw bad(memberPath, "the timeout must be a positive number of seconds")
                    }
                    check.timeout = seconds
                default:  // cache
                    check.cache = try bool(member, at: memberPath)
                }
            }
            for required in ["name", "run"] where !seen.contains(required) {
                throw bad(here, "the check is missing the required key '\(required)'")
            }
            let namePath = JSON5Parser.path(here, key: "name")
            if let first = firstLine[check.name] {
                throw bad(namePath, "a check named '\(check.name)' is already defined on line \(first)")
            }
            firstLine[check.name] = line(for: namePath)
            result.append(check)
        }
        return result
    }

    private func rules(_ value: RuleValue, at path: String) throws(BelayError) -> [String: RuleSetting] {
        var result: [String: RuleSetting] = [:]
        let allowed = ["error", "warning", "note", "off"]
        for (key, member) in try ordered(object(value, at: path), at: path, allowed: ruleIDs, what: "rule id") {
            let memberPath = JSON5Parser.path(path, key: key)
            let text = try string(member, at: memberPath)
            guard let setting = RuleSetting(rawValue: text) else {
                throw bad(
                    memberPath,
                    "'\(text)' is not a severity\(suggestion(text, allowed)); use one of error, warning, note, off")
            }
            result[key] = setting
        }
        return result
    }

    private func transient(_ value: RuleValue, at path: String) throws(BelayError) -> TransientSettings {
        var settings = TransientSettings()
        for (key, member) in try ordered(object(value, at: path), at: path, allowed: ConfigReader.transientKeys) {
            let memberPath = JSON5Parser.path(path, key: key)
            let number = try number(member, at: memberPath)
            if key == "retries" {
                guard number >= 0, number <= 20, number == number.rounded() else {
                    throw bad(memberPath, "retries must be a whole number from 0 to 20")
                }
                settings.retries = Int(number)
            } else {
                guard number >= 0, number <= 600 else { throw bad(memberPath, "backoffSeconds must be from 0 to 600") }
                settings.backoffSeconds = number
            }
        }
        return settings
    }

    private func secrets(_ value: RuleValue, at path: String) throws(BelayError) -> SecretSettings {
        var settings = SecretSettings()
        for (key, member) in try ordered(object(value, at: path), at: path, allowed: ConfigReader.secretsKeys) {
            let memberPath = JSON5Parser.path(path, key: key)
            if key == "exclude" {
                settings.exclude = try globs(member, at: memberPath)
                continue
            }
            let hex = Set("0123456789abcdef")
            for (index, item) in try strings(member, at: memberPath).enumerated() {
                let digits = item.dropFirst("sha256:".count)
                guard item.hasPrefix("sha256:"), digits.count == 64, digits.allSatisfy(hex.contains) else {
                    throw bad(
                        JSON5Parser.path(memberPath, index: index),
                        "expected \"sha256:\" and 64 lower-case hex digits (the fingerprint a secret-token finding shows)"
                    )
                }
                settings.ignore.append(item)
            }
        }
        return settings
    }

    private func push(_ value: RuleValue, at path: String) throws(BelayError) -> PushSettings {
        var settings = PushSettings()
        for (key, member) in try ordered(object(value, at: path), at: path, allowed: ConfigReader.pushKeys) {
            let memberPath = JSON5Parser.path(path, key: key)
            switch key {
            case "base": settings.base = try nonEmptyString(member, at: memberPath)
            case "allowedMergeSources": settings.allowedMergeSources = try globs(member, at: memberPath)
            case "sizeExclude": settings.sizeExclude = try globs(member, at: memberPath)
            case "allowForcePush": settings.allowForcePush = try globs(member, at: memberPath)
            default:  // the counts
                let number = try number(member, at: memberPath)
                guard number >= 0, number == number.rounded(), number < 1e9 else {
                    throw bad(memberPath, "\(key) must be a whole number, 0 or more")
                }
                switch key {
                case "maxForeignCommits": settings.maxForeignCommits = Int(number)
                case "maxLines": settings.maxLines = Int(number)
                case "maxFiles": settings.maxFiles = Int(number)
                default: settings.maxCommits = Int(number)
                }
            }
        }
        return settings
    }

    private func migrations(_ value: RuleValue, at path: String) throws(BelayError) -> MigrationSettings {
        var settings = MigrationSettings()
        for (key, member) in try ordered(object(value, at: path), at: path, allowed: ["allow"]) {
            let memberPath = JSON5Parser.path(path, key: key)
            for (index, item) in try array(member, at: memberPath).enumerated() {
                let here = JSON5Parser.path(memberPath, index: index)
                var fields: [String: String] = [:]
                for (field, text) in try ordered(object(item, at: here), at: here, allowed: ["path", "kind", "reason"])
                {
                    fields[field] = try nonEmptyString(text, at: JSON5Parser.path(here, key: field))
                }
                for required in ["path", "kind", "reason"] where fields[required] == nil {
                    throw bad(here, "the entry is missing the required key '\(required)'")
                }
                let kind = fields["kind"]!
                guard kind == "*" || MigrationSettings.kinds.contains(kind) else {
                    throw bad(
                        JSON5Parser.path(here, key: "kind"),
                        "'\(kind)' is not a kind\(suggestion(kind, MigrationSettings.kinds)); use one of "
                            + MigrationSettings.kinds.joined(separator: ", ") + " or \"*\"")
                }
                do throws(BelayError) {
                    _ = try Glob(fields["path"]!)
                } catch {
                    guard case .configuration(_, _, _, let message) = error else { throw error }
                    throw bad(JSON5Parser.path(here, key: "path"), message)
                }
                settings.allow.append(.init(path: fields["path"]!, kind: kind, reason: fields["reason"]!))
            }
        }
        return settings
    }

    // MARK: - Typed access

    private func globs(_ value: RuleValue, at path: String) throws(BelayError) -> [String] {
        let patterns = try strings(value, at: path)
        for (index, pattern) in patterns.enumerated() {
            do throws(BelayError) {
                _ = try Glob(pattern)
            } catch {
                guard case .configuration(_, _, _, let message) = error else { throw error }
                throw bad(JSON5Parser.path(path, index: index), message)
            }
        }
        return patterns
    }

    /// The members of an object in source order, rejecting keys outside `allowed` (when given).
    private func ordered(
        _ members: [String: RuleValue], at path: String, allowed: [String]?, what: String = "key"
    ) throws(BelayError) -> [(String, RuleValue)] {
        let sorted = members.sorted { lhs, rhs in
            let left = lines[JSON5Parser.path(path, key: lhs.key)] ?? Int.max
            let right = lines[JSON5Parser.path(path, key: rhs.key)] ?? Int.max
            return left != right ? left < right : lhs.key < rhs.key
        }
        if let allowed {
            for (key, _) in sorted where !allowed.contains(key) {
                let list = allowed.count <= 10 ? "; expected one of \(allowed.joined(separator: ", "))" : ""
                throw bad(
                    JSON5Parser.path(path, key: key), "unknown \(what) '\(key)'\(suggestion(key, allowed))\(list)")
            }
        }
        return sorted.map { ($0.key, $0.value) }
    }

    private func object(_ value: RuleValue, at path: String) throws(BelayError) -> [String: RuleValue] {
        guard case .object(let members) = value else { throw mismatch(value, at: path, expected: "an object") }
        return members
    }

    private func array(_ value: RuleValue, at path: String) throws(BelayError) -> [RuleValue] {
        guard case .array(let items) = value else { throw mismatch(value, at: path, expected: "an array") }
        return items
    }

    private func string(_ value: RuleValue, at path: String) throws(BelayError) -> String {
        guard case .string(let text) = value else { throw mismatch(value, at: path, expected: "a string") }
        return text
    }

    private func nonEmptyString(_ value: RuleValue, at path: String) throws(BelayError) -> String {
        let text = try string(value, at: path)
        if text.allSatisfy(\.isWhitespace) { throw bad(path, "the value must not be empty") }
        return text
    }

    private func strings(_ value: RuleValue, at path: String) throws(BelayError) -> [String] {
        var result: [String] = []
        for (index, item) in try array(value, at: path).enumerated() {
            result.append(try string(item, at: JSON5Parser.path(path, index: index)))
        }
        return result
    }

    private func nonEmptyStrings(_ value: RuleValue, at path: String) throws(BelayError) -> [String] {
        var result: [String] = []
        for (index, item) in try array(value, at: path).enumerated() {
            result.append(try nonEmptyString(item, at: JSON5Parser.path(path, index: index)))
        }
        return result
    }

    private func number(_ value: RuleValue, at path: String) throws(BelayError) -> Double {
        guard case .number(let number) = value else { throw mismatch(value, at: path, expected: "a number") }
        return number
    }

    private func bool(_ value: RuleValue, at path: String) throws(BelayError) -> Bool {
        guard case .bool(let flag) = value else { throw mismatch(value, at: path, expected: "true or false") }
        return flag
    }

    // MARK: - Errors

    private func mismatch(_ value: RuleValue, at path: String, expected: String) -> BelayError {
        bad(path, "expected \(expected), found \(value.kind)")
    }

    private func bad(_ path: String, _ message: String) -> BelayError {
        .configuration(file: file, line: line(for: path), key: path, message: message)
    }

    /// The line of `path`, or of its nearest located ancestor.
    private func line(for path: String) -> Int {
        var current = Substring(path)
        while true {
            if let line = lines[String(current)] { return line }
            guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }) else { return lines[""] ?? 0 }
            current = current[..<cut]
        }
    }

    private func suggestion(_ word: String, _ candidates: [String]) -> String {
        closestMatch(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }
}
