import BelayCore
import Foundation

/// One event of an agent's hook protocol (Claude Code and Codex share the wire format): the JSON the
/// agent writes to the hook command's stdin.
public struct AgentHookEvent: Sendable, Equatable {
    /// `PreToolUse`, `Stop`, …
    public var name: String
    /// `Bash` for shell commands.
    public var toolName: String?
    /// The shell command of a `Bash` tool call.
    public var command: String?
    /// The agent's working directory.
    public var cwd: String?
    /// `Stop` only: the agent is already continuing because a Stop hook blocked it.
    public var stopHookActive: Bool

    /// Parses the hook input; `nil` when it is not a JSON object.
    public static func parse(_ bytes: [UInt8]) -> AgentHookEvent? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else { return nil }
        let input = object["tool_input"] as? [String: Any]
        return AgentHookEvent(
            name: object["hook_event_name"] as? String ?? "", toolName: object["tool_name"] as? String,
            command: input?["command"] as? String, cwd: object["cwd"] as? String,
            stopHookActive: object["stop_hook_active"] as? Bool ?? false)
    }
}

/// What a shell command line would do with git, as far as the gate cares.
public struct AgentGitIntent: Sendable, Equatable {
    /// The shim policy's refusal for one of the git invocations (`--no-verify`, hooks disabled).
    public var refusal: String?
    /// A `git commit` runs; `commitsAll` when it (or an earlier `git add`) stages working-tree changes.
    public var commits: Bool
    public var commitsAll: Bool
    /// A `git push` runs.
    public var pushes: Bool
    /// The directory of the committing or pushing git (`-C DIR`, relative to the command's directory).
    public var directory: String?

    /// Reads `command`: `&&`/`||`/`;`/`|` chains, quoting, `VAR=x git …`, `/usr/bin/git`, `git -C dir …`,
    /// and `sh -c '…'`.
    public static func analyse(_ command: String) -> AgentGitIntent {
        var intent = AgentGitIntent(refusal: nil, commits: false, commitsAll: false, pushes: false, directory: nil)
        var adds = false
        for segment in ShellWords.segments(command) {
            var words = segment[...]
            while let first = words.first,
                first.contains("=") && !first.hasPrefix("=")
                    || ["env", "command", "exec", "time", "nohup", "sudo"]
                        .contains(first)
            {
                words = words.dropFirst()
            }
            guard let program = words.first else { continue }
            let name = program.split(separator: "/").last.map(String.init) ?? program
            if ["sh", "bash", "zsh", "dash"].contains(name), let flag = words.firstIndex(of: "-c"),
                flag + 1 < words.endIndex
            {
                let inner = analyse(words[flag + 1])
                intent.refusal = intent.refusal ?? inner.refusal
                intent.commits = intent.commits || inner.commits
                intent.commitsAll = intent.commitsAll || inner.commitsAll
                intent.pushes = intent.pushes || inner.pushes
                intent.directory = intent.directory ?? inner.directory
                continue
            }
            guard name == "git" else { continue }
            let arguments = Array(words.dropFirst())
            if let refusal = GitShimPolicy.refusal(for: arguments) { intent.refusal = intent.refusal ?? refusal }
            var index = 0
            var directory: String?
            while index < arguments.count, arguments[index].hasPrefix("-") {
                if arguments[index] == "-C", index + 1 < arguments.count {
                    directory = directory.map { $0 + "/" + arguments[index + 1] } ?? arguments[index + 1]
                }
                index += GitShimPolicy.globalOptionsWithValue.contains(arguments[index]) ? 2 : 1
            }
            guard index < arguments.count else { continue }
            let options = arguments[(index + 1)...].prefix { $0 != "--" }
            switch arguments[index] {
            case "add":
                adds = true
            case "commit":
                intent.commits = true
                intent.directory = directory
                let all = options.contains {
                    $0 == "--all" || ($0.hasPrefix("-") && !$0.hasPrefix("--") && $0.contains("a"))
                }
                intent.commitsAll = intent.commitsAll || all || adds
            case "push":
                intent.pushes = true
                intent.directory = intent.directory ?? directory
            default:
                break
            }
        }
        return intent
    }
}

/// A small POSIX shell word splitter: quotes, backslashes, and the operators that separate commands.
enum ShellWords {
    /// The words of each simple command in `text`.
    static func segments(_ text: String) -> [[String]] {
        var segments: [[String]] = []
        var words: [String] = []
        var word = ""
        var inWord = false
        var characters = Array(text)[...]
        func endWord() {
            if inWord { words.append(word) }
            word = ""
            inWord = false
        }
        func endSegment() {
            endWord()
            if !words.isEmpty { segments.append(words) }
            words = []
        }
        while let character = characters.popFirst() {
            switch character {
            case "'":
                inWord = true
                while let next = characters.popFirst(), next != "'" { word.append(next) }
            case "\"":
                inWord = true
                while let next = characters.popFirst(), next != "\"" {
                    if next == "\\", let escaped = characters.first, "\"\\$`".contains(escaped) {
                        word.append(characters.removeFirst())
                    } else {
                        word.append(next)
                    }
                }
            case "\\":
                if let next = characters.popFirst(), next != "\n" {
                    inWord = true
                    word.append(next)
                }
            case " ", "\t":
                endWord()
            case "\n", ";", "&", "|", "(", ")", "{", "}":
                endSegment()
            case "#" where !inWord:
                while let next = characters.first, next != "\n" { characters.removeFirst() }
            default:
                inWord = true
                word.append(character)
            }
        }
        endSegment()
        return segments
    }
}

/// The JSON a hook prints back to the agent.
public enum AgentHookResponse {
    /// `PreToolUse`: deny the tool call with `reason`.
    public static func deny(_ reason: String) -> String {
        render([
            "hookSpecificOutput": [
                "hookEventName": "PreToolUse", "permissionDecision": "deny", "permissionDecisionReason": reason,
            ]
        ])
    }

    /// `Stop`: keep the agent working, with `reason` as its next instruction.
    public static func block(_ reason: String) -> String {
        render(["decision": "block", "reason": reason])
    }

    private static func render(_ object: [String: Any]) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
