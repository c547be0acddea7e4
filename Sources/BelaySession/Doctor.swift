import BelayCore
import BelayGate
import BelayGit
import Foundation

/// One line of `belay doctor`: something that works, or something to fix and how.
public struct DoctorItem: Sendable, Equatable {
    /// What was examined: `pre-commit hook`, `belay.json5`, `check 'lint'`, `.claude/settings.json`.
    public var subject: String
    /// True when it works as it should.
    public var ok: Bool
    /// What was found.
    public var detail: String
    /// What to do about it, when it is not ok.
    public var fix: String?
}

/// `belay doctor`: proves the gate really runs. The hooks are looked for where git itself resolves them
/// (`core.hooksPath`, linked worktrees), must be belay's, executable, and call an existing belay of this
/// version; a hook manager that shadows them (husky, pre-commit, lefthook) is named. `belay.json5` must
/// parse, every configured check's program must exist, and agent hook configurations must reach a
/// runnable belay. Libraries never print: the CLI renders the items.
public struct Doctor: Sendable {
    let git: Git
    /// belay's version, compared with what the hooks run.
    let version: String

    /// A doctor for the repository `git` runs in.
    public init(git: Git, version: String = belayVersion) {
        self.git = git
        self.version = version
    }

    /// Every item, in the order a person fixes them: hooks, configuration, checks, agent hooks.
    public func examine() throws(BelayError) -> [DoctorItem] {
        let repository = try Repository.discover(git: git)
        let git = self.git.rooted(at: repository)
        var items: [DoctorItem] = []
        for hook in HookInstaller.supportedHooks {
            items.append(examineHook(hook, repository: repository, git: git))
        }
        let config: Config?
        do {
            let loaded = try ConfigLoader(git: git, repository: repository).load(scope: .staged)
            config = loaded.config
            let source =
                FileManager.default.fileExists(atPath: repository.topLevel + "/" + Config.fileName)
                ? "parses" : "absent: only the built-in rules run"
            items.append(DoctorItem(subject: Config.fileName, ok: true, detail: source))
            for note in loaded.notes { items.append(DoctorItem(subject: Config.fileName, ok: true, detail: note)) }
        } catch {
            config = nil
            items.append(
                DoctorItem(
                    subject: Config.fileName, ok: false, detail: error.description,
                    fix: "fix the key named above; until then every commit is refused (exit 2)"))
        }
        for check in config?.checks ?? [] {
            items.append(examineCheck(check, topLevel: repository.topLevel))
        }
        for (agent, file) in [("claude", ".claude/settings.json"), ("codex", ".codex/hooks.json")] {
            if let item = examineAgentConfig(agent, path: repository.topLevel + "/" + file, name: file) {
                items.append(item)
            }
        }
        return items
    }

    // MARK: git hooks

    private func examineHook(_ hook: String, repository: Repository, git: Git) -> DoctorItem {
        let subject = "\(hook) hook"
        let directory = repository.hooksDirectory
        let path = directory + "/" + hook
        let hooksPath = try? git.run(["config", "--get", "core.hooksPath"])
        let configured = hooksPath.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .newlines) }
        let whereGitLooks =
            configured.map { "core.hooksPath is '\($0)', so git runs hooks from \(directory)" }
            ?? "git runs hooks from \(directory)"
        guard let data = FileManager.default.contents(atPath: path) else {
            var detail = "missing: \(whereGitLooks), and there is no \(hook) there"
            let defaultPath = repository.commonDirectory + "/hooks/" + hook
            if defaultPath != path, let ignored = FileManager.default.contents(atPath: defaultPath),
                String(decoding: ignored, as: UTF8.self).contains(HookInstaller.marker)
            {
                detail += "; belay's hook in \(repository.commonDirectory)/hooks is ignored"
            }
            return DoctorItem(
                subject: subject, ok: false, detail: detail,
                fix: "run 'belay install' (it writes where git looks and keeps an existing hook running first)")
        }
        let text = String(decoding: data, as: UTF8.self)
        guard text.contains(HookInstaller.marker) else {
            let manager = Self.hookManager(of: text, path: path).map { " (written by \($0))" } ?? ""
            return DoctorItem(
                subject: subject, ok: false,
                detail: "\(path) is not belay's hook\(manager): \(whereGitLooks), so belay never runs on \(hook)",
                fix: "run 'belay install': the existing hook is kept and runs first, then belay")
        }
        guard access(path, X_OK) == 0 else {
            return DoctorItem(
                subject: subject, ok: false, detail: "\(path) is not executable: git skips it",
                fix: "chmod +x '\(path)' (or run 'belay install' again)")
        }
        guard let belay = Self.belayPath(inHook: text) else {
            return DoctorItem(
                subject: subject, ok: false, detail: "\(path) does not say which belay it runs",
                fix: "run 'belay install' again")
        }
        guard access(belay, X_OK) == 0 else {
            return DoctorItem(
                subject: subject, ok: false,
                detail: "\(path) calls \(belay), which is missing or not executable: every \(hook) is refused",
                fix: "install belay again and run 'belay install', or 'belay uninstall'")
        }
        let request = ProcessRequest(executable: belay, arguments: ["--version"], environment: git.environment)
        let outcome = try? git.runner.run(request)
        let reported = outcome.map { String(decoding: $0.standardOutput, as: UTF8.self) }?
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard let outcome, outcome.succeeded, let reported, reported.hasPrefix("belay ") else {
            return DoctorItem(
                subject: subject, ok: false, detail: "\(belay) --version does not answer as belay does",
                fix: "install belay again and run 'belay install'")
        }
        guard reported == "belay \(version)" else {
            return DoctorItem(
                subject: subject, ok: false,
                detail: "the hook runs \(belay), which is \(reported); this is belay \(version)",
                fix: "run 'belay install' with the belay you mean to use")
        }
        // Fire it, as git would, unless a chained hook would run too (it may have effects): with
        // BELAY_ACTIVE=1 belay answers at once, so this proves the script, its interpreter and its belay.
        var fired = "; it fires"
        if !FileManager.default.fileExists(atPath: path + ".belay-chained") {
            let run = ProcessRequest(
                executable: path, environment: git.environment, workingDirectory: repository.topLevel,
                standardInput: [], timeout: 60, mergeOutput: true)
            guard let result = try? git.runner.run(run), result.succeeded else {
                return DoctorItem(
                    subject: subject, ok: false, detail: "\(path) does not run: git would refuse every \(hook)",
                    fix: "run 'belay install' again")
            }
        } else {
            fired = "; it runs the kept \(hook).belay-chained first"
        }
        return DoctorItem(
            subject: subject, ok: true, detail: "\(whereGitLooks); it runs \(belay) (\(reported))\(fired)")
    }

    /// The hook manager that wrote a foreign hook, from its content and place.
    static func hookManager(of text: String, path: String) -> String? {
        if path.contains("/.husky/") || text.contains("husky") { return "husky" }
        if text.contains("pre-commit.com") || text.contains("File generated by pre-commit") { return "pre-commit" }
        if text.contains("lefthook") { return "lefthook" }
        if text.contains("prek") { return "prek" }
        return nil
    }

    /// The `BELAY='…'` line of a hook script ``HookInstaller`` wrote.
    static func belayPath(inHook text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix("BELAY=") {
            var value = String(line.dropFirst("BELAY=".count))
            if value.hasPrefix("'") && value.hasSuffix("'") && value.count >= 2 {
                value = String(value.dropFirst().dropLast()).replacingOccurrences(of: "'\\''", with: "'")
            }
            return value
        }
        return nil
    }

    // MARK: checks

    private func examineCheck(_ check: CheckDefinition, topLevel: String) -> DoctorItem {
        let subject = "check '\(check.name)'"
        guard let program = Self.program(of: check.run) else {
            return DoctorItem(subject: subject, ok: true, detail: "runs a shell command")
        }
        if Self.shellBuiltins.contains(program) {
            return DoctorItem(subject: subject, ok: true, detail: "\(program) is a shell builtin")
        }
        let found: String?
        if program.contains("/") {
            let path = program.hasPrefix("/") ? program : topLevel + "/" + program
            found = access(path, X_OK) == 0 ? path : nil
        } else {
            found = resolveExecutable(program, path: git.environment["PATH"])
        }
        guard let found else {
            return DoctorItem(
                subject: subject, ok: false, detail: "\(program) is not found (PATH or the repository)",
                fix: "install \(program), or fix the check's `run`: a check that cannot run blocks every commit")
        }
        return DoctorItem(subject: subject, ok: true, detail: "\(program) is \(found)")
    }

    static let shellBuiltins: Set<String> = [
        "true", "false", "test", "[", "echo", "printf", "exit", "cd", ":", "set", "export", "exec", "command",
        "if", "for", "while", "case", "{", "(",
    ]

    /// The program a `run` command starts: its first word after `NAME=value` assignments.
    static func program(of command: String) -> String? {
        let words = command.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        for word in words {
            if let equals = word.firstIndex(of: "="), !word[..<equals].isEmpty,
                word[..<equals].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" })
            {
                continue
            }
            if word == "env" { continue }
            return word.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        }
        return nil
    }

    // MARK: agent hooks

    private func examineAgentConfig(_ agent: String, path: String, name: String) -> DoctorItem? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            return DoctorItem(
                subject: name, ok: false, detail: "not a JSON object: the agent ignores its hooks",
                fix: "fix it, then run 'belay init --agent \(agent)'")
        }
        let hooks = root["hooks"] as? [String: Any] ?? [:]
        let commands = hooks.values.compactMap { $0 as? [[String: Any]] }.flatMap { $0 }
            .flatMap { $0["hooks"] as? [[String: Any]] ?? [] }.compactMap { $0["command"] as? String }
            .filter { $0.contains("belay") && $0.contains("hook \(agent)") }
        guard !commands.isEmpty else {
            return DoctorItem(
                subject: name, ok: false, detail: "has no belay hook: the agent's commits are not gated",
                fix: "run 'belay init --agent \(agent)'")
        }
        let current = Set(SessionAgentConfig.hookCommands(agent).values)
        if let stale = commands.first(where: { !current.contains($0) }) {
            let detail =
                stale.hasPrefix("command -v belay")
                ? "a belay hook from another belay version: '\(stale)'"
                : "a belay hook by a machine path ('\(stale)'): it fails open (exit 127) in other clones"
            return DoctorItem(
                subject: name, ok: false, detail: detail, fix: "run 'belay init --agent \(agent)' and commit the file")
        }
        guard let belay = resolveExecutable("belay", path: git.environment["PATH"]) else {
            return DoctorItem(
                subject: name, ok: false, detail: "its hooks look belay up on PATH, and belay is not on PATH here",
                fix: "put belay on PATH: until then the agent's commits and pushes are blocked (exit 2)")
        }
        return DoctorItem(subject: name, ok: true, detail: "its hooks find belay on PATH (\(belay))")
    }
}
