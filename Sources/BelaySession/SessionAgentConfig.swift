import BelayCore
import BelayGate
import BelayGit
import Foundation

/// `belay init --agent claude|codex|aider`: the agent's own hook configuration, merged into what is there
/// (other hooks and keys are kept; running it twice changes nothing).
public enum SessionAgentConfig {
    /// Writes the configuration for `agent` in the repository at `git.directory`; returns what was done.
    public static func install(agent: String, git: Git) throws(BelayError) -> String {
        let repository = try Repository.discover(git: git)
        let root = repository.topLevel
        switch agent {
        case "claude", "codex":
            let path = root + (agent == "claude" ? "/.claude/settings.json" : "/.codex/hooks.json")
            let existing = FileManager.default.contents(atPath: path).map { [UInt8]($0) }
            let merged = try mergeHooks(existing, commands: hookCommands(agent), agent: agent, path: path)
            try write(merged, to: path)
            return "wrote \(path): PreToolUse (Bash) and Stop hooks run 'belay hook \(agent)', found on PATH "
                + "(no machine path: the file works in every clone); without belay they block with exit 2"
        case "aider":
            let path = root + "/.aider.conf.yml"
            let config = (try? ConfigLoader(git: git, repository: repository).load(scope: .staged).config) ?? .default
            // Plain `belay`, found on PATH: the file is committed and shared.
            let commands = aiderCommands(checks: config.checks, belay: "belay")
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

    /// What the agent is told when belay is not on its PATH: why it is blocked and how to install belay.
    static func missingMessage(_ agent: String) -> String {
        "belay: not found on PATH, so the \(agent == "claude" ? "Claude Code" : "Codex") hook of this repository "
            + "cannot check commits, pushes and uncommitted changes, and blocks them. Install belay: in a clone of belay run "
            + "swift build -c release --static-swift-stdlib and copy .build/release/belay into a directory on "
            + "PATH (e.g. /usr/local/bin), then try again."
    }

    /// The hook commands for each event. They find belay on `PATH` (`command -v`), never by a machine's
    /// path: the settings file is committed and must work in every clone. When belay is missing they
    /// fail closed with exit 2 (blocking for Claude Code and Codex; 127 would not be): `PreToolUse`
    /// blocks every Bash command that mentions git, `Stop` keeps the agent working once (like `belay hook`,
    /// it lets go when `stop_hook_active` says the agent is already continuing because of it).
    public static func hookCommands(_ agent: String) -> [String: String] {
        let found = "command -v belay >/dev/null 2>&1 && exec belay hook \(agent); "
        let refuse = "echo \(shellWord(missingMessage(agent))) >&2; exit 2"
        return [
            "PreToolUse": found + "case \"$(cat)\" in *[Gg][Ii][Tt]*) \(refuse);; esac",
            "Stop": found
                + "case \"$(cat)\" in *'\"stop_hook_active\":true'*|*'\"stop_hook_active\": true'*) exit 0;; esac; "
                + refuse,
        ]
    }

    /// Adds belay's `PreToolUse` (matcher `Bash`) and `Stop` hooks to a Claude Code / Codex settings file,
    /// running `commands[event]`. belay's own earlier entries for `agent` (any command that runs
    /// `belay … hook AGENT`, e.g. by an absolute path) are replaced; every other entry is kept, and an entry
    /// that already runs the command is left as it is.
    public static func mergeHooks(
        _ existing: [UInt8]?, commands: [String: String], agent: String, path: String = "settings"
    ) throws(BelayError) -> [UInt8] {
        var root: [String: Any] = [:]
        if let existing, !existing.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 || $0 == 0x0D }) {
            guard let object = try? JSONSerialization.jsonObject(with: Data(existing)) as? [String: Any] else {
                throw .usage(
                    "\(path) is not a JSON object; fix it or move it aside, then run 'belay init --agent' again")
            }
            root = object
        }
        var hooks = root["hooks"] as? [String: Any] ?? [:]
        for (event, matcher) in [("PreToolUse", "Bash" as String?), ("Stop", nil)] {
            guard let command = commands[event] else { continue }
            let handler: [String: Any] = ["type": "command", "command": command]
            var entries = hooks[event] as? [[String: Any]] ?? []
            entries = entries.compactMap { entry in
                guard var handlers = entry["hooks"] as? [[String: Any]] else { return entry }
                handlers.removeAll {
                    ($0["command"] as? String).map { isStale($0, agent: agent, current: command) } ?? false
                }
                if handlers.isEmpty { return nil }
                var kept = entry
                kept["hooks"] = handlers
                return kept
            }
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

    /// An earlier belay entry: a command that runs belay's hook for `agent` and is not `current`.
    private static func isStale(_ command: String, agent: String, current: String) -> Bool {
        command != current && command.contains("belay") && command.hasSuffix("hook \(agent)")
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
