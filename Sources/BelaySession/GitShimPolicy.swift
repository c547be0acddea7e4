/// Decides whether a `git` command line run inside a `belay run` session would get around the gate.
/// The shim (belay itself, linked as `git` first on the session's `PATH`) refuses those and runs
/// everything else with the real git.
public enum GitShimPolicy {
    /// git's global options that take a separate value (`git -C dir status`).
    static let globalOptionsWithValue: Set<String> = [
        "-C", "-c", "--git-dir", "--work-tree", "--namespace", "--exec-path", "--config-env", "--super-prefix",
        "--list-cmds", "--attr-source",
    ]
    /// Short `commit` options that take a value, ending a bundle (`-am msg`, `-mn` is message "n").
    static let commitShortOptionsWithValue: Set<Character> = ["m", "F", "C", "c", "t"]
    /// Config keys whose change disables or redirects hooks.
    static let hookKeys: Set<String> = ["core.hookspath"]

    /// `nil` when the command may run; otherwise the message to print (the command is refused).
    public static func refusal(for arguments: [String]) -> String? {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            guard argument.hasPrefix("-") else { break }
            if argument == "-c" || argument == "--config-env" {
                if index + 1 < arguments.count, let message = configRefusal(arguments[index + 1]) { return message }
                index += 2
                continue
            }
            if argument.hasPrefix("-c"), argument.count > 2, let message = configRefusal(String(argument.dropFirst(2)))
            {
                return message
            }
            if argument.hasPrefix("--config-env="), let message = configRefusal(String(argument.dropFirst(13))) {
                return message
            }
            index += globalOptionsWithValue.contains(argument) ? 2 : 1
        }
        guard index < arguments.count else { return nil }
        let subcommand = arguments[index]
        let rest = Array(arguments[(index + 1)...])
        let options = rest.prefix { $0 != "--" }
        if options.contains("--no-verify") {
            return bypassMessage("--no-verify", subcommand: subcommand)
        }
        if subcommand == "commit" && bundlesNoVerify(options) {
            return bypassMessage("-n", subcommand: subcommand)
        }
        if subcommand == "config" {
            let lowered = options.map { $0.lowercased() }
            if lowered.contains(where: { hookKeys.contains($0) }) && !lowered.contains("--get")
                && !lowered.contains("--list") && !lowered.contains("-l")
            {
                return """
                    belay: refusing 'git config core.hooksPath' during an agent session: it would switch off the gate.
                    belay: fix the findings the gate reports instead (see 'belay check').
                    """
            }
        }
        return nil
    }

    private static func configRefusal(_ setting: String) -> String? {
        let key = setting.split(separator: "=", maxSplits: 1).first.map { $0.lowercased() } ?? ""
        guard hookKeys.contains(key) else { return nil }
        return """
            belay: refusing '-c \(setting)' during an agent session: it would switch off the commit gate.
            belay: fix the findings the gate reports instead (see 'belay check').
            """
    }

    /// True when a `commit` option bundle such as `-an` or `-nm msg` contains `-n` (`--no-verify`).
    private static func bundlesNoVerify(_ options: ArraySlice<String>) -> Bool {
        var skipNext = false
        for option in options {
            if skipNext {
                skipNext = false
                continue
            }
            guard option.hasPrefix("-"), !option.hasPrefix("--"), option.count > 1 else { continue }
            for character in option.dropFirst() {
                if character == "n" { return true }
                if commitShortOptionsWithValue.contains(character) {
                    if option.last == character { skipNext = true }
                    break
                }
            }
        }
        return false
    }

    private static func bypassMessage(_ flag: String, subcommand: String) -> String {
        """
        belay: refusing 'git \(subcommand) \(flag)' during an agent session: it skips the gate.
        belay: the gate's findings are the work left to do; fix them and commit again (run 'belay check' to see them).
        """
    }
}
