import BelayCore
import BelayGate
import BelayGit
import BelayReport
import BelaySession
import Foundation

/// `belay log [SESSION-ID] [--format text|json]`: recorded agent sessions.
func runLog(_ command: ParsedCommand, _ invocation: Invocation) throws(BelayError) -> Int32 {
    let git = Git(
        runner: invocation.runner, environment: invocation.environment, directory: invocation.workingDirectory)
    let store = SessionStore(belayDirectory: try Repository.discover(git: git).belayDirectory)
    let json = command.value("--format") == "json"
    let console = invocation.console
    if let id = command.positionals.first {
        let record = try store.find(id)
        console.out(json ? try encodeJSON(record) : sessionDetails(record))
        return 0
    }
    let records = store.list()
    if json {
        console.out(try encodeJSON(records))
        return 0
    }
    if records.isEmpty {
        console.out("no recorded sessions (start one with 'belay run -- AGENT…')\n")
        return 0
    }
    let width = records.map(\.id.count).max() ?? 0
    console.out(
        "id".padding(toLength: width, withPad: " ", startingAt: 0)
            + "  started               rounds  verdict  command\n")
    for record in records.reversed() {
        let line =
            record.id.padding(toLength: width, withPad: " ", startingAt: 0) + "  "
            + record.startedAt.padding(toLength: 20, withPad: " ", startingAt: 0) + "  "
            + String(record.rounds.count).padding(toLength: 6, withPad: " ", startingAt: 0) + "  "
            + record.verdict.rawValue.padding(toLength: 7, withPad: " ", startingAt: 0) + "  "
            + record.command.joined(separator: " ")
        console.out(line + "\n")
    }
    return 0
}

/// One session in full: rounds, each commit's verdict and findings, leftovers, quarantine.
func sessionDetails(_ record: SessionRecord) -> String {
    var text = "session \(record.id)\n"
    text += "command:  \(record.command.joined(separator: " "))\n"
    text += "started:  \(record.startedAt)  (\(record.durationMs) ms)\n"
    if let branch = record.branch { text += "branch:   \(branch)\n" }
    text += "verdict:  \(record.verdict.rawValue)\n"
    for round in record.rounds {
        let exit = round.exitCode.map { "exit \($0)" } ?? round.signal.map { "signal \($0)" } ?? "?"
        text += "\nround \(round.number): agent \(exit), \(round.durationMs) ms, \(round.verdict.rawValue)\n"
        for commit in round.commits {
            let how = commit.passedGate ? "passed the gate" : "did NOT pass the gate"
            text += "  \(commit.verdict == .pass ? "ok " : "FIX") \(commit.id.prefix(12)) \(commit.subject) (\(how))\n"
            for finding in commit.findings { text += "      \(finding.oneLine)\n" }
            for check in commit.checks where check.blocks { text += "      check '\(check.name)' \(check.status)\n" }
        }
        for finding in round.findings { text += "  \(finding.oneLine)\n" }
        if let working = round.workingTree {
            text += "  uncommitted changes: \(working.verdict.rawValue)\n"
            for finding in working.findings { text += "      \(finding.oneLine)\n" }
        }
    }
    for moved in record.quarantine {
        text +=
            "\nquarantine: \(moved.ref) \(moved.from.prefix(12)) → \(moved.to.prefix(12)); kept at \(moved.keptAt)\n"
    }
    return text
}

private func encodeJSON<T: Encodable>(_ value: T) throws(BelayError) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    do {
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    } catch {
        throw .internal("cannot encode the session record: \(error)")
    }
}
