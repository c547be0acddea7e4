import BelayCore
import BelayGate
import BelayGit
import BelayReport
import Foundation

/// What `belay run` was asked to do.
public struct SessionOptions: Sendable {
    /// The agent's command line; `{feedback}` in an argument becomes the feedback file's path.
    public var command: [String]
    /// Create or switch to this branch before the agent starts.
    public var branch: String?
    /// Extra rounds the agent gets, with the findings as feedback, while the session is blocked.
    public var heal: Int
    /// Move branches back to their last good commit when the session ends blocked.
    public var quarantine: Bool

    /// Creates options.
    public init(command: [String], branch: String? = nil, heal: Int = 0, quarantine: Bool = false) {
        self.command = command
        self.branch = branch
        self.heal = heal
        self.quarantine = quarantine
    }
}

/// A wrapped agent session: sets up the hooks and the shim, runs the agent (again, with feedback, while
/// blocked and rounds are left), audits every commit that appeared, and writes the session record.
/// Never rewrites history; `quarantine` only moves branch refs and keeps the old tips.
public struct AgentSession: Sendable {
    let runner: any ProcessRunning
    let environment: [String: String]
    let directory: String
    let belayPath: String
    let launch: @Sendable ([String], [String: String], String) throws(BelayError) -> Termination

    /// A session in `directory`. `launch` runs the agent (default: attached to the console).
    public init(
        runner: any ProcessRunning, environment: [String: String], directory: String, belayPath: String,
        launch: @escaping @Sendable ([String], [String: String], String) throws(BelayError) -> Termination = {
            command, environment, directory throws(BelayError) in
            try SessionAgentProcess.run(command, environment: environment, directory: directory)
        }
    ) {
        self.runner = runner
        self.environment = environment.filter { $0.key != "BELAY_ACTIVE" }
        self.directory = directory
        self.belayPath = belayPath
        self.launch = launch
    }

    /// Runs the session; `emit` receives progress lines for the person watching.
    public func run(_ options: SessionOptions, emit: (String) -> Void) throws(BelayError) -> SessionRecord {
        let started = monotonicSeconds()
        let startedAt = Date()
        var repository = try Repository.discover(
            git: Git(runner: runner, environment: environment, directory: directory))
        let git = Git(runner: runner, environment: environment, directory: directory).rooted(at: repository)
        if let branch = options.branch {
            try switchBranch(branch, git: git)
            repository = try Repository.discover(git: git)
        }
        let id = SessionSetup.newID(now: startedAt)
        let store = SessionStore(belayDirectory: repository.belayDirectory)
        let realGit =
            environment["BELAY_REAL_GIT"].flatMap { resolveExecutable($0, path: nil) }
            ?? resolveExecutable("git", path: environment["PATH"]) ?? "/usr/bin/git"
        let setup = SessionSetup(
            directory: store.sessionDirectory(id), id: id, realGit: realGit,
            originalHooks: repository.hooksDirectory, belayPath: belayPath)
        try setup.create()
        let start = try RefSnapshot.read(git, gitDirectory: repository.gitDirectory)
        try SessionStartRefs.write(start, to: setup.directory)
        let gate = Gate(runner: runner, environment: environment, directory: directory)
        let audit = SessionAudit(git: git, gate: gate, setup: setup, start: start)
        let agentEnvironment = setup.environment(from: environment)
        _ = writePlainFile(setup.feedbackFile, [])  // no fsync for an empty scratch file

        var record = SessionRecord(
            id: id, command: options.command, directory: repository.topLevel,
            startedAt: utcTimestamp(startedAt), endedAt: nil, durationMs: 0,
            branch: repository.branch, startRefs: start.refs, endRefs: start.refs, rounds: [], verdict: .pass,
            quarantine: [])
        let rounds = 1 + max(0, options.heal)
        for number in 1...rounds {
            emit("belay: session \(id), round \(number) of \(rounds): \(options.command.joined(separator: " "))\n")
            let roundStarted = monotonicSeconds()
            var roundEnvironment = agentEnvironment
            roundEnvironment["BELAY_FEEDBACK"] = setup.feedbackFile
            roundEnvironment["BELAY_ROUND"] = String(number)
            let command = options.command.map { $0.replacingOccurrences(of: "{feedback}", with: setup.feedbackFile) }
            let termination = try launch(command, roundEnvironment, directory)
            let end = try RefSnapshot.read(git, gitDirectory: repository.gitDirectory)
            let judged = try audit.audit(end: end) { () throws(BelayError) -> Config in
                try ConfigLoader(git: git, repository: repository).load(scope: .staged).config
            }
            let blocked =
                judged.commits.contains { $0.verdict == .block } || judged.working?.verdict == .block
                || judged.findings.contains { $0.severity == .error }
            var round = SessionRound(
                number: number, exitCode: nil, signal: nil, durationMs: Int((monotonicSeconds() - roundStarted) * 1000),
                commits: judged.commits, workingTree: judged.working, findings: judged.findings,
                verdict: blocked ? .block : .pass)
            switch termination {
            case .exited(let code): round.exitCode = code
            case .signalled(let signal): round.signal = signal
            case .timedOut: round.signal = SIGKILL
            }
            record.rounds.append(round)
            record.endRefs = end.refs
            record.verdict = round.verdict
            guard blocked, number < rounds else { break }
            try store.save(record)  // a record survives a later round that never returns
            let feedback = SessionFeedback.text(for: round, round: number, of: rounds)
            do {
                try Data(feedback.utf8).write(to: URL(fileURLWithPath: setup.feedbackFile))
            } catch {
                throw .internal("cannot write \(setup.feedbackFile): \(error.localizedDescription)")
            }
            emit("belay: the gate blocked round \(number); running the agent again with the findings\n")
        }

        if record.verdict == .block && options.quarantine {
            let blocked = Set(record.blockedCommits.map(\.id))
            record.quarantine = try audit.quarantine(
                end: try RefSnapshot.read(git, gitDirectory: repository.gitDirectory), blocked: blocked)
            record.endRefs = try RefSnapshot.read(git, gitDirectory: repository.gitDirectory).refs
        }
        record.endedAt = utcTimestamp(Date())
        record.durationMs = Int((monotonicSeconds() - started) * 1000)
        try store.save(record)
        return record
    }

    /// `--branch NAME`: switches to NAME, creating it at `HEAD` when it does not exist.
    private func switchBranch(_ branch: String, git: Git) throws(BelayError) {
        let exists = try git.revParse("refs/heads/\(branch)") != nil
        let outcome = try git.outcome(exists ? ["switch", "--quiet", branch] : ["switch", "--quiet", "-c", branch])
        guard outcome.succeeded else {
            let message = String(decoding: outcome.standardError, as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw .usage("--branch \(branch): \(message)")
        }
    }
}
