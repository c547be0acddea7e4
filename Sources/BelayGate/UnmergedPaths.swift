import BelayChecks
import BelayCore

/// An index with unmerged paths (a merge, rebase, cherry-pick or stash pop that stopped on a conflict)
/// is an input, not belay's failure: nothing can be committed until the conflicts are resolved, and no
/// tree exists to run checks on. The gate blocks, names the paths, and says how to resolve them.
enum UnmergedPaths {
    /// The rule the findings are filed under: conflict blocks in what will be committed.
    static let rule = "conflict-marker"

    /// One error per unmerged path. Reported whatever the rule settings say: this is not a finding that
    /// a severity override can turn into a pass, since git itself refuses to commit such an index.
    static func findings(_ paths: [String]) -> [Diagnostic] {
        paths.map { path in
            Diagnostic(
                rule: rule, severity: .error,
                message: "\(path) has an unresolved merge conflict: the index holds more than one version of it",
                hint: "resolve the conflict in \(path), then `git add \(path)` (or `git rm` it)",
                location: SourceLocation(path: path, start: 0))
        }
    }

    /// What each selected check reports instead of running: there is no tree to check.
    static func notRun(_ checks: [CheckDefinition], paths: [String]) -> [CheckResult] {
        let listed = paths.prefix(5).joined(separator: ", ") + (paths.count > 5 ? ", …" : "")
        return checks.map {
            CheckResult(
                name: $0.name, status: .error, attempts: 0, durationMs: 0,
                output:
                    "belay: not run: the index has unresolved conflicts (\(listed)); resolve them and `git add` them first"
            )
        }
    }
}
