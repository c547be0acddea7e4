/// One option of a command, as the parser and `belay help` see it.
struct OptionSpec: Sendable {
    enum Arity: Sendable {
        /// `--staged`
        case flag
        /// `--format json`, `--format=json`
        case single
        /// `--files A B C` (values up to the next option), repeatable.
        case many
    }

    let name: String
    let arity: Arity
    let valueName: String
    let help: String
    /// Allowed values for `.single` options, when fixed.
    let choices: [String]

    init(_ name: String, _ arity: Arity = .flag, value: String = "", choices: [String] = [], help: String) {
        self.name = name
        self.arity = arity
        self.valueName = value
        self.help = help
        self.choices = choices
    }
}

/// One `belay` subcommand: its options, positional arguments and help text.
struct CommandSpec: Sendable {
    let name: String
    let summary: String
    let usage: String
    let options: [OptionSpec]
    /// Names of positional arguments, for messages; `minPositionals...maxPositionals` are accepted.
    let minPositionals: Int
    let maxPositionals: Int
    /// `belay run`: everything from the first non-option argument on belongs to the wrapped command.
    let stopsAtFirstPositional: Bool
    let details: String

    func option(named name: String) -> OptionSpec? { options.first { $0.name == name } }
}

private let formatOption = OptionSpec(
    "--format", .single, value: "FORMAT", choices: ["text", "json", "sarif", "github"],
    help: "output format: text (default), json, sarif or github")

private let maxFindingsOption = OptionSpec(
    "--max-findings", .single, value: "N",
    help: "list at most N findings as text, the worst first (default \(defaultMaxFindings); 0: all)")

/// Findings listed as text unless `--max-findings` says otherwise; json and sarif are always complete.
let defaultMaxFindings = 50

/// The hand-written table that drives parsing, `belay help` and `belay help COMMAND`.
let commandTable: [CommandSpec] = [
    CommandSpec(
        name: "check", summary: "check what will be committed (default: the staged change)",
        usage:
            "belay check [--staged | --all | --range A..B | --working | --files P…] [--fix] [--only ID…] [--skip ID…] [--format FORMAT] [--max-findings N] [--no-checks] [--no-cache]",
        options: [
            OptionSpec("--staged", help: "the staged change, as `git commit` would record it (default)"),
            OptionSpec("--all", help: "every tracked file, reporting old findings too"),
            OptionSpec("--range", .single, value: "A..B", help: "the commits in a revision range"),
            OptionSpec("--working", help: "the working tree (tracked and untracked) against HEAD"),
            OptionSpec("--files", .many, value: "PATH", help: "only these staged paths"),
            OptionSpec("--fix", help: "run each check's fix command and stage the result where safe"),
            OptionSpec("--only", .many, value: "ID", help: "run only these rules and checks"),
            OptionSpec("--skip", .many, value: "ID", help: "skip these rules and checks"),
            formatOption,
            maxFindingsOption,
            OptionSpec("--no-checks", help: "run only belay's built-in rules, not the configured checks"),
            OptionSpec("--no-cache", help: "ignore the verified-tree cache for this run"),
        ],
        minPositionals: 0, maxPositionals: 0, stopsAtFirstPositional: false,
        details: """
            Runs the configured checks on a snapshot of exactly what will be committed and belay's
            built-in rules on what the change adds. Exit 0: pass; 1: blocked; 2: usage or configuration error.
            Text lists at most --max-findings findings, errors first, then how many more there are per rule.
            """),
    CommandSpec(
        name: "install", summary: "install the pre-commit and pre-push hooks",
        usage: "belay install [--hooks pre-commit,pre-push] [--force]",
        options: [
            OptionSpec(
                "--hooks", .single, value: "LIST",
                help: "comma-separated hooks to install (default pre-commit,pre-push)"),
            OptionSpec("--force", help: "replace an existing hook instead of chaining it"),
        ],
        minPositionals: 0, maxPositionals: 0, stopsAtFirstPositional: false,
        details: """
            Writes hooks into the directory git really uses (core.hooksPath, linked worktrees). An existing
            hook is kept and run first; a hook belay did not write is never overwritten without --force.
            """),
    CommandSpec(
        name: "uninstall", summary: "remove belay's hooks and restore what was there",
        usage: "belay uninstall", options: [], minPositionals: 0, maxPositionals: 0, stopsAtFirstPositional: false,
        details: "Removes the hooks `belay install` wrote and puts back any hook it had chained."),
    CommandSpec(
        name: "hook", summary: "entry point for git and agent hooks (reads their stdin)",
        usage: "belay hook pre-commit | pre-push | claude | codex [--format FORMAT] [--max-findings N]",
        options: [formatOption, maxFindingsOption],
        minPositionals: 1, maxPositionals: 3, stopsAtFirstPositional: false,
        details: "Called by the hook scripts `belay install` writes and by agent hook configurations."),
    CommandSpec(
        name: "run", summary: "wrap an agent session so it cannot commit around the gate",
        usage: "belay run [--branch NAME] [--heal N] [--quarantine] [--] COMMAND [ARG…]",
        options: [
            OptionSpec("--branch", .single, value: "NAME", help: "create or switch to the agent's branch first"),
            OptionSpec("--heal", .single, value: "N", help: "re-run the agent with the findings up to N times"),
            OptionSpec(
                "--quarantine", help: "move the branch back to the last good commit, keeping the agent's commits"),
        ],
        minPositionals: 1, maxPositionals: Int.max, stopsAtFirstPositional: true,
        details: """
            Everything from COMMAND on is passed to the agent unchanged. Every commit the agent makes goes
            through the gate (session hooks set through git's environment, a `git` shim that refuses
            --no-verify and disabled hooks); at the end every new commit on any ref is audited and commits
            that skipped the gate are reported as hook-bypass. With --heal, the findings are written to the
            file in $BELAY_FEEDBACK (also `{feedback}` in the arguments) and the agent runs again.
            Exit 0: pass (or the agent's own exit status); 1: blocked. Sessions are recorded: see `belay log`.
            """),
    CommandSpec(
        name: "log", summary: "list recorded agent sessions, or show one",
        usage: "belay log [SESSION-ID]", options: [formatOption], minPositionals: 0, maxPositionals: 1,
        stopsAtFirstPositional: false, details: "Sessions are recorded under .git/belay/sessions/."),
    CommandSpec(
        name: "rename-audit", summary: "find every leftover of a rename, anywhere in the repository",
        usage:
            "belay rename-audit OLD NEW [--format FORMAT] [--include GLOB…] [--exclude GLOB…]\n       belay rename-audit --infer [--staged | --range A..B] [--verbose]",
        options: [
            formatOption,
            OptionSpec("--include", .many, value: "GLOB", help: "search only paths matching these globs"),
            OptionSpec("--exclude", .many, value: "GLOB", help: "skip paths matching these globs"),
            OptionSpec("--infer", help: "print the renames a change makes, with the evidence"),
            OptionSpec("--staged", help: "with --infer: the staged change (default)"),
            OptionSpec("--range", .single, value: "A..B", help: "with --infer: the commits in a range"),
            OptionSpec("--verbose", help: "with --infer: also the name changes that rename nothing, and why"),
        ],
        minPositionals: 0, maxPositionals: 2, stopsAtFirstPositional: false,
        details: "Searches every tracked text file for OLD in every naming style. Exit 1 when anything is left."),
    CommandSpec(
        name: "init", summary: "write a starter belay.json5 for the stack found here",
        usage: "belay init [--agent claude|codex|aider] [--force]",
        options: [
            OptionSpec(
                "--agent", .single, value: "AGENT", choices: ["claude", "codex", "aider"],
                help: "also write that agent's hook configuration"),
            OptionSpec("--force", help: "overwrite an existing belay.json5"),
        ],
        minPositionals: 0, maxPositionals: 0, stopsAtFirstPositional: false,
        details:
            "Detects pyproject.toml, package.json, Package.swift, go.mod and Cargo.toml, and only configures tools that are installed."
    ),
    CommandSpec(
        name: "doctor", summary: "prove the hooks really fire; say what to fix", usage: "belay doctor", options: [],
        minPositionals: 0, maxPositionals: 0, stopsAtFirstPositional: false,
        details: """
            Looks for the hooks where git itself resolves them (core.hooksPath, linked worktrees): they must
            be belay's, executable, and call an existing belay of this version; a hook manager that shadows
            them (husky, pre-commit, lefthook) is named. belay.json5 must parse, every check's program must
            exist, and agent hook configurations must reach a runnable belay.
            Exit 0: the gate is in place; 1: something to fix, line by line.
            """),
    CommandSpec(
        name: "rules", summary: "list belay's rules", usage: "belay rules", options: [], minPositionals: 0,
        maxPositionals: 0, stopsAtFirstPositional: false, details: ""),
    CommandSpec(
        name: "explain", summary: "explain a rule, with examples", usage: "belay explain RULE-ID", options: [],
        minPositionals: 1, maxPositionals: 1, stopsAtFirstPositional: false, details: ""),
    CommandSpec(
        name: "demo", summary: "replay an agent's rename going wrong, in a throwaway repository",
        usage: "belay demo [--keep]",
        options: [OptionSpec("--keep", help: "keep the demo repository and print its path")],
        minPositionals: 0, maxPositionals: 0, stopsAtFirstPositional: false,
        details: "Needs only git (and python3, if present, for a real test check)."),
    CommandSpec(
        name: "help", summary: "show help for belay or one command", usage: "belay help [COMMAND]", options: [],
        minPositionals: 0, maxPositionals: 1, stopsAtFirstPositional: false, details: ""),
]
