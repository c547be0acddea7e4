import BelayCore
import BelayGit
import Foundation

/// `belay init --agent claude|codex|aider`: the agent's own hook configuration, merged into what is there
/// (other hooks and keys are kept; running it twice changes nothing).
public enum SessionAgentConfig {
    /// Writes the configuration for `agent` in the repository at `git.directory`; returns what was done.
    public static func install(agent: String, git: Git, belayPath: String) throws(BelayError) -> String {
        let repository = try Repository.discover(git: git)
        let root = repository.topLevel
        switch agent {
        case "claude", "codex":
            let path = root + (agent == "claude" ? "/.claude/settings.json" : "/.codex/hooks.json")
            let existing = FileManager.default.contents(atPath: path).map { [UInt8]($0) }
            let merged = try mergeHooks(existing, command: "\(shellWord(belayPath)) hook \(agent)", path: path)
            try write(merged, to: path)
            return "wrote \(path): PreToolUse (Bash) and Stop hooks run '\(belayPath) hook \(agent)'"
        case "aider":
            let path = root + "/.aider.conf.yml"
            let config = (try? ConfigLoader(git: git, repository: repository).load(scope: .staged).config) ?? .default
            let commands = aiderCommands(checks: config.checks, belay: shellWord(belayPath))
            let existing = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
            let merged = mergeAider(
                existing,
                settings: [("lint-cmd", commands.lint), ("test-cmd", commands.test), ("git-commit-verify", "true")])
            try write(Array(merged.utf8), to: path)
            return "wrote \(path): lint-cmd, test-cmd and git-commit-verify: true"
        default:
            throw .usage("unknown agent '\(agent)'; expected claude, codex or aider")
        }
    }

    /// Adds belay's `PreToolUse` (matcher `Bash`) and `Stop` hooks to a Claude Code / Codex settings file.
    /// An entry that already runs `command` is left as it is.
    public static func mergeHooks(_ existing: [UInt8]?, command: String, path: String = "settings") throws(BelayError)
        -> [UInt8]
    {
        var root: [String: Any] = [:]
        if let existing, !existing.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(existing)) as? [String: Any] else {
                throw .usage(
                    "\(path) is not a JSON object; fix it or move it aside, then run 'belay init --agent' again")
            }
            root = object
        }
        var hooks = root["hooks"] as? [String: Any] ?? [:]
        let handler: [String: Any] = ["type": "command", "command": command]
        for (event, matcher) in [("PreToolUse", "Bash" as String?), ("Stop", nil)] {
            var entries = hooks[event] as? [[String: Any]] ?? []
            let present = entries.contains { entry in
                (entry["hooks"] as? [[String: Any]] ?? []).contains { ($0["command"] as? String) == command }
            }
            if !present {
                var entry: [String: Any] = ["hooks": [handler]]
                if let matcher { entry["matcher"] = matcher }
                entries.append(entry)
            }
            hooks[event] = entries
        }
        root["hooks"] = hooks
        do {
            let data = try JSONSerialization.data(
                withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            return [UInt8](data) + [0x0A]
        } catch {
            throw .internal("cannot encode \(path): \(error)")
        }
    }

    /// aider's `lint-cmd` (the configured lint/format/type checks, or belay's rules) and `test-cmd`.
    public static func aiderCommands(checks: [CheckDefinition], belay: String) -> (lint: String, test: String) {
        let tests = checks.filter { $0.files == nil || $0.name.lowercased().contains("test") }
        let lints = checks.filter { check in !tests.contains(where: { $0.name == check.name }) }
        let lint =
            lints.isEmpty
            ? "\(belay) check --working --no-checks"
            : lints.map {
                $0.run.replacingOccurrences(of: " {files}", with: "").replacingOccurrences(of: "{files}", with: ".")
            }
            .joined(separator: " && ")
        let test = tests.isEmpty ? "\(belay) check --working" : tests.map(\.run).joined(separator: " && ")
        return (lint, test)
    }

    /// Sets top-level `key: value` lines in a YAML file, replacing a line with the same key and keeping
    /// every other line.
    public static func mergeAider(_ existing: String?, settings: [(String, String)]) -> String {
        var lines = (existing ?? "").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        for (key, value) in settings {
            let line = "\(key): \(yamlScalar(value))"
            if let index = lines.firstIndex(where: { $0.hasPrefix("\(key):") }) {
                lines[index] = line
            } else {
                lines.append(line)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func yamlScalar(_ value: String) -> String {
        if value == "true" || value == "false" { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }

    private static func write(_ bytes: [UInt8], to path: String) throws(BelayError) {
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .internal("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
