import BelayCore
import Dispatch
import Foundation

/// Runs configured checks (with `/bin/sh -c`, or directly when the command needs no shell: see
/// ``directArguments(_:files:)``) in a directory holding the staged snapshot.
///
/// Checks run in parallel, one thread each (they wait on children, not on the CPU), every one in its own
/// process group with its timeout. Each child sees `BELAY_CHECK=<name>` (and, through the runner,
/// `BELAY_ACTIVE=1`). A failure whose output matches the ``TransientTable`` is retried
/// `transient.retries` times, waiting `backoffSeconds`, then twice that, and so on.
public struct CheckRunner: Sendable {
    /// What happens to a check while it runs, for a progress display: it started a process, or it ended.
    public enum Event: Sendable {
        case started(name: String)
        case finished(CheckResult)
    }

    /// Told of every check that starts a process and of its result, from the check's own thread.
    public var observer: (@Sendable (Event) -> Void)?
    private let runner: any ProcessRunning
    private let environment: [String: String]
    private let transient: TransientSettings
    /// The transient table, made only when a check fails (decoding the built-in one is not free).
    private let table: @Sendable () -> TransientTable
    private let cache: VerifiedTreeCache?
    private let treeID: String?

    /// A runner starting children through `runner` with `environment`. With a `cache` and the snapshot's
    /// `treeID`, checks that already passed on that tree are not run again (unless `cache: false`).
    public init(
        runner: any ProcessRunning, environment: [String: String], transient: TransientSettings,
        table: TransientTable, cache: VerifiedTreeCache? = nil, treeID: String? = nil
    ) {
        self.init(
            runner: runner, environment: environment, transient: transient, cache: cache, treeID: treeID,
            lazyTable: { table })
    }

    /// A runner whose transient table is made by `lazyTable` when a check first fails.
    public init(
        runner: any ProcessRunning, environment: [String: String], transient: TransientSettings,
        cache: VerifiedTreeCache? = nil, treeID: String? = nil, lazyTable: @escaping @Sendable () -> TransientTable
    ) {
        self.runner = runner
        self.environment = environment
        self.transient = transient
        self.table = lazyTable
        self.cache = cache
        self.treeID = treeID
    }

    /// Runs `checks` in parallel in `directory` and returns one result per check, in the order given.
    ///
    /// `stagedPaths` are the repository-relative paths of the change; a check's `files` globs select
    /// among them and `{files}` expands to the selection (all of them when the check has no `files`).
    /// With `useFix`, each check's `fix` command runs instead of `run`; checks without one are skipped,
    /// and the cache is neither read nor written.
    public func run(
        _ checks: [CheckDefinition], in directory: String, stagedPaths: [String], useFix: Bool = false
    ) -> [CheckResult] {
        let slots = ResultSlots(count: checks.count)
        let group = DispatchGroup()
        for (index, check) in checks.enumerated() {
            group.enter()
            let thread = Thread {
                slots.set(index, runOne(check, in: directory, stagedPaths: stagedPaths, useFix: useFix))
                group.leave()
            }
            thread.stackSize = 512 * 1024
            thread.start()
        }
        group.wait()
        return slots.results
    }

    /// What running `check` on `stagedPaths` amounts to, before anything is started.
    enum Plan {
        case invalid(String)
        case skipped(String)
        case cached
        case run(files: [String], cache: (VerifiedTreeCache, String)?)
    }

    /// True when at least one of `checks` would start a process: not skipped for want of matching
    /// files, and not already verified on this tree. Callers use it to avoid preparing a snapshot.
    public func needsToRun(_ checks: [CheckDefinition], stagedPaths: [String]) -> Bool {
        checks.contains { check in
            switch plan(check, stagedPaths: stagedPaths, useFix: false) {
            case .run, .invalid: true
            case .skipped, .cached: false
            }
        }
    }

    func plan(_ check: CheckDefinition, stagedPaths: [String], useFix: Bool) -> Plan {
        var matching = stagedPaths
        if let patterns = check.files {
            var globs: [Glob] = []
            for pattern in patterns {
                do throws(BelayError) {
                    globs.append(try Glob(pattern))
                } catch {
                    return .invalid("\(error)")
                }
            }
            matching = stagedPaths.filter { path in globs.contains { $0.matches(path) } }
            if matching.isEmpty {
                return .skipped("no staged file matches \(patterns.joined(separator: ", "))")
            }
        }
        let verifier = useFix || check.cache == false ? nil : cache.flatMap { cache in treeID.map { (cache, $0) } }
        if let (cache, tree) = verifier, cache.isVerified(tree: tree, check: check, files: matching) {
            return .cached
        }
        return .run(files: matching, cache: verifier)
    }

    private func runOne(
        _ check: CheckDefinition, in directory: String, stagedPaths: [String], useFix: Bool
    ) -> CheckResult {
        let started = monotonicSeconds()
        func finish(
            _ status: CheckStatus, attempts: Int, output: String, note: String? = nil, cached: Bool = false
        ) -> CheckResult {
            Self.result(check, started: started, status, attempts: attempts, output: output, note: note, cached: cached)
        }

        let key = useFix ? "fix" : "run"
        guard let template = useFix ? check.fix : check.run else {
            return finish(.skipped, attempts: 0, output: "", note: "no `fix` command configured")
        }
        let matching: [String]
        let verifier: (VerifiedTreeCache, String)?
        switch plan(check, stagedPaths: stagedPaths, useFix: useFix) {
        case .invalid(let note):
            return finish(.error, attempts: 0, output: "", note: note)
        case .skipped(let note):
            return finish(.skipped, attempts: 0, output: "", note: note)
        case .cached:
            return finish(.passed, attempts: 0, output: "", cached: true)
        case .run(let files, let cacheEntry):
            matching = files
            verifier = cacheEntry
        }

        observer?(.started(name: check.name))
        let result = execute(
            check, template: template, key: key, matching: matching, verifier: verifier, in: directory,
            started: started)
        observer?(.finished(result))
        return result
    }

    private func execute(
        _ check: CheckDefinition, template: String, key: String, matching: [String],
        verifier: (VerifiedTreeCache, String)?, in directory: String, started: Double
    ) -> CheckResult {
        func finish(
            _ status: CheckStatus, attempts: Int, output: String, note: String? = nil, infrastructure: String? = nil
        ) -> CheckResult {
            Self.result(
                check, started: started, status, attempts: attempts, output: output, note: note,
                infrastructure: infrastructure)
        }
        var childEnvironment = environment
        childEnvironment["BELAY_CHECK"] = check.name
        let timeout = check.timeout ?? CheckDefinition.defaultTimeout
        // A plain command runs without the shell in between (one process fewer); a program not on PATH
        // still goes through the shell, which reports it the usual way (exit 127), and so does one the
        // system cannot execute itself (a script without `#!`, which only a shell runs).
        let shell = ProcessRequest(
            executable: "/bin/sh", arguments: ["-c", expandCommand(template, files: matching)],
            environment: childEnvironment, workingDirectory: directory, timeout: timeout, mergeOutput: true,
            ownProcessGroup: true)
        var direct: ProcessRequest?
        if let words = directArguments(template, files: matching),
            resolveExecutable(words[0], path: childEnvironment["PATH"]) != nil
        {
            var request = shell
            request.executable = words[0]
            request.arguments = Array(words.dropFirst())
            direct = request
        }
        var attempts = 0
        while true {
            attempts += 1
            let outcome: ProcessOutcome
            do {
                if let request = direct, let started = try? runner.run(request) {
                    outcome = started
                } else {
                    direct = nil
                    outcome = try runner.run(shell)
                }
            } catch {
                return finish(.error, attempts: attempts, output: "", note: "could not start the check: \(error)")
            }
            let output = String(decoding: outcome.standardOutput, as: UTF8.self)
            switch outcome.termination {
            case .exited(0):
                if let (cache, tree) = verifier { cache.recordPass(tree: tree, check: check, files: matching) }
                return finish(.passed, attempts: attempts, output: output)
            case .timedOut:
                let note = "timed out after \(seconds(timeout)); the check's whole process group was killed"
                return finish(.timeout, attempts: attempts, output: output, note: note)
            case .exited(127):
                let tool = missingTool(in: output) ?? firstWord(template)
                let note = "command not found: \(tool) — install it or fix `\(key)`"
                return finish(.error, attempts: attempts, output: output, note: note)
            case .exited(126):
                let note = "cannot execute the command (permission denied or not a program) — fix `\(key)`"
                return finish(.error, attempts: attempts, output: output, note: note)
            case .signalled(let signal):
                return finish(.failed, attempts: attempts, output: output, note: "killed by signal \(signal)")
            case .exited(let code):
                guard let kind = table().classify(output: output) else {
                    return finish(.failed, attempts: attempts, output: output)
                }
                if attempts <= transient.retries {
                    let delay = transient.backoffSeconds * Double(1 << min(attempts - 1, 16))
                    if delay > 0 { Thread.sleep(forTimeInterval: delay) }
                    continue
                }
                let note =
                    "exited \(code) with a transient infrastructure error (\(kind)) on all \(attempts) attempts; "
                    + "not the change's fault, but it still blocks"
                return finish(.transient, attempts: attempts, output: output, note: note, infrastructure: kind)
            }
        }
    }
}

extension CheckRunner {
    /// The result of `check`, started at `started`: its output with belay's `note` appended.
    fileprivate static func result(
        _ check: CheckDefinition, started: Double, _ status: CheckStatus, attempts: Int, output: String,
        note: String?, infrastructure: String? = nil, cached: Bool = false
    ) -> CheckResult {
        var text = output
        if let note {
            if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
            text += "belay: \(note)\n"
        }
        let milliseconds = Int(((monotonicSeconds() - started) * 1000).rounded())
        return CheckResult(
            name: check.name, status: status, attempts: attempts, durationMs: milliseconds, output: text,
            infrastructure: infrastructure, cached: cached)
    }
}

/// The program the shell could not find, from its message: dash's `sh: 1: ruff: not found`, bash's
/// `sh: line 1: ruff: command not found`, env's `env: 'python9': No such file or directory`.
func missingTool(in output: String) -> String? {
    let markers = ["command not found", "not found", "No such file or directory"]
    for line in output.split(separator: "\n").reversed() {
        let parts = line.components(separatedBy: ": ")
        guard let index = parts.lastIndex(where: { markers.contains($0.trimmingCharacters(in: .whitespaces)) }),
            index > 0
        else { continue }
        let tool = parts[index - 1].trimmingCharacters(in: CharacterSet(charactersIn: "'\"` ‘’“”"))
        if !tool.isEmpty { return tool }
    }
    return nil
}

private func firstWord(_ command: String) -> String {
    String(command.split(whereSeparator: { $0 == " " || $0 == "\t" }).first ?? Substring(command))
}

private func seconds(_ value: Double) -> String {
    value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
}

/// Results written by the check threads, each into its own slot.
private final class ResultSlots: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [CheckResult?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: CheckResult) {
        lock.lock()
        slots[index] = result
        lock.unlock()
    }

    var results: [CheckResult] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0! }
    }
}
