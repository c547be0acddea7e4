import BelayChecks
import BelayCore
import BelayGate
import BelayReport

/// Short, actionable text about why a session (or an agent hook) blocked: where, which rule, the fix.
public enum SessionFeedback {
    /// How many findings are listed before the rest is summarised.
    static let limit = 20

    /// The feedback file for the agent's next round.
    public static func text(for round: SessionRound, round number: Int, of total: Int) -> String {
        var lines = [
            "belay blocked round \(number) of \(total) of this session. Fix the items below, then commit with",
            "plain `git commit` (the gate runs on every commit; --no-verify and disabled hooks are refused",
            "and audited).",
            "",
        ]
        var items: [String] = []
        for commit in round.commits where commit.verdict == .block {
            items.append("commit \(commit.id.prefix(12)) \"\(commit.subject)\":")
            items += commit.findings.map { "  " + item($0) }
            items += commit.checks.filter(\.blocks).map { "  " + item($0) }
        }
        items += round.findings.map(item)
        if let working = round.workingTree, working.verdict == .block {
            items.append("uncommitted changes:")
            items += working.findings.map { "  " + item($0) }
            items += working.checks.filter(\.blocks).map { "  " + item($0) }
        }
        lines += items.prefix(limit).map { "- " + $0 }
        if items.count > limit { lines.append("- … and \(items.count - limit) more (see 'belay log')") }
        if round.commits.contains(where: { !$0.passedGate }) {
            lines += [
                "",
                "Commits that skipped the gate stay flagged until they are no longer on any branch: recommit",
                "their changes through the gate (e.g. `git reset --soft <last good commit>`, fix, `git commit`).",
            ]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Failed checks and findings of one gate report, one item per line (agent hooks use this). The
    /// checks come first: a failing test run must not hide behind a flood of findings.
    public static func items(findings: [SessionFinding], checks: [CheckResult]) -> [String] {
        let all = checks.filter(\.blocks).map(item) + findings.filter { $0.severity == .error }.map(item)
        return all.count > limit ? Array(all.prefix(limit)) + ["… and \(all.count - limit) more"] : all
    }

    static func item(_ finding: SessionFinding) -> String {
        finding.oneLine + (finding.hint.map { " — fix: \($0)" } ?? "")
    }

    static func item(_ check: CheckResult) -> String {
        let tail = check.output.split(separator: "\n").suffix(5).joined(separator: " | ")
        return "check '\(check.name)' \(check.status)" + (tail.isEmpty ? "" : ": \(tail)")
    }
}
