import BelayCore
import BelayDetectors
import BelayGate
import BelayGit
import BelayReport
import Foundation

/// `belay demo`: in a throwaway repository, replays an agent's rename going wrong, one mistake per
/// commit attempt, and shows the gate's verdict on each. Needs only git (python3, when present, for a
/// real test check).
public struct Demo: Sendable {
    public let runner: any ProcessRunning
    public let environment: [String: String]
    public let colour: Bool

    public init(runner: any ProcessRunning, environment: [String: String], colour: Bool) {
        self.runner = runner
        self.colour = colour
        // The demo repository is self-contained: no outer repository, index or identity leaks in.
        var environment = environment.filter { !$0.key.hasPrefix("GIT_") && $0.key != "BELAY_SESSION" }
        environment["GIT_AUTHOR_NAME"] = "demo agent"
        environment["GIT_AUTHOR_EMAIL"] = "agent@belay.invalid"
        environment["GIT_COMMITTER_NAME"] = "demo agent"
        environment["GIT_COMMITTER_EMAIL"] = "agent@belay.invalid"
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        self.environment = environment
    }

    /// One line of the closing summary.
    public struct Outcome: Sendable {
        public var title: String
        public var expectedPass: Bool
        public var passed: Bool
        /// Rule ids and check names that blocked.
        public var caughtBy: [String]
    }

    /// Runs every scene, writing as it goes; returns the outcomes. `keep` leaves the repository behind.
    public func run(keep: Bool, emit: (String) -> Void) throws(BelayError) -> [Outcome] {
        let directory = NSTemporaryDirectory() + "belay-demo-\(UUID().uuidString.prefix(8))"
        let python = resolveExecutable("python3", path: environment["PATH"]) != nil
        defer { if !keep { try? FileManager.default.removeItem(atPath: directory) } }
        try write("", to: directory + "/.keep")
        let git = Git(runner: runner, environment: environment, directory: directory)
        _ = try git.run(["init", "-q", "-b", "main"])
        let base: [(String, String)] = [
            ("app/__init__.py", ""), ("app/models.py", DemoFiles.models), ("app/services.py", DemoFiles.servicesBefore),
            ("tests/__init__.py", ""), ("tests/test_services.py", DemoFiles.tests), ("README.md", DemoFiles.readme),
            ("tests/test_api.py", DemoFiles.apiCaller), ("web/record.js", DemoFiles.frontend),
            (Config.fileName, DemoFiles.config(python: python)),
        ]
        for (path, content) in base { try write(content, to: "\(directory)/\(path)") }
        unlink(directory + "/.keep")
        _ = try git.run(["add", "-A"])
        _ = try git.run(["commit", "-q", "-m", "A small app, before the rename"])
        emit("belay demo: an agent renames old_field to new_field in \(directory)\n")
        if !python { emit("(python3 is not installed: the test check and the scenes that need it are left out)\n") }

        var outcomes: [Outcome] = []
        let scenes = DemoFiles.scenes.filter { python || !$0.needsPython }
        for (number, scene) in scenes.enumerated() {
            emit("\n── \(number + 1)/\(scenes.count)  \(scene.title)\n\(scene.story)\n")
            for (path, content) in scene.writes { try write(content, to: "\(directory)/\(path)") }
            _ = try git.run(["add", "--"] + scene.stage)
            emit("$ git commit -m \"Rename old_field to new_field\"\n")
            let before = try workingTreeFingerprint(directory)
            var sceneEnvironment = environment
            if scene.outage { sceneEnvironment["DEMO_OUTAGE"] = "1" }
            let gate = Gate(runner: runner, environment: sceneEnvironment, directory: directory)
            let outcome = try gate.run(GateOptions(scope: .staged))
            emit(render(outcome))
            let passed = outcome.report.verdict == .pass
            let caught =
                Array(Set(outcome.report.diagnostics.filter { $0.severity == .error }.map(\.rule))).sorted()
                + outcome.report.checks.filter(\.blocks).map { "check \($0.name) (\($0.status))" }
            outcomes.append(
                Outcome(title: scene.title, expectedPass: scene.expectPass, passed: passed, caughtBy: caught))
            if try workingTreeFingerprint(directory) != before {
                throw .internal("the demo's working tree or index changed while the gate ran")
            }
            if passed {
                emit("working tree and index: unchanged by the gate (the checks ran on a snapshot of the index)\n")
                let again = try gate.run(GateOptions(scope: .staged))
                let cached = again.report.checks.filter(\.cached).count
                emit(
                    "checking the same tree again: \(cached) of \(again.report.checks.count) checks answered from the verified-tree cache in \(again.report.durationMs) ms\n"
                )
                if scene.commitOnPass { _ = try git.run(["commit", "-q", "-m", "Rename old_field to new_field"]) }
            }
        }
        outcomes.append(try sessionScene(git: git, directory: directory, emit: emit))
        emit("\n" + summary(outcomes))
        if keep { emit("the demo repository is kept at \(directory)\n") }
        return outcomes
    }

    private func render(_ outcome: GateOutcome) -> String {
        let sources = outcome.sources
        return ReportRenderer(sources: { sources[$0] }, colour: colour, toolVersion: belayVersion)
            .render(outcome.report, as: .text)
    }

    private func summary(_ outcomes: [Outcome]) -> String {
        var text = "What belay said:\n"
        let width = outcomes.map(\.title.count).max() ?? 0
        for outcome in outcomes {
            let verdict = outcome.passed ? "pass   " : "blocked"
            let mark = outcome.passed == outcome.expectedPass ? "" : "  (unexpected!)"
            let reason = outcome.caughtBy.isEmpty ? "" : "  ← " + outcome.caughtBy.joined(separator: ", ")
            text +=
                "  \(outcome.title.padding(toLength: width, withPad: " ", startingAt: 0))  \(verdict)\(reason)\(mark)\n"
        }
        let blocked = outcomes.filter { !$0.passed }.count
        text += "\(blocked) broken commit(s) stopped before they reached the pipeline.\n"
        return text
    }

    /// Bytes of every file in the working tree and the index, to prove the gate changed nothing.
    private func workingTreeFingerprint(_ directory: String) throws(BelayError) -> [String: Data] {
        var result: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return result }
        while let path = enumerator.nextObject() as? String {
            if path.hasPrefix(".git/") && path != ".git/index" { continue }
            if path.contains("__pycache__") { continue }
            if let data = FileManager.default.contents(atPath: "\(directory)/\(path)") { result[path] = data }
        }
        return result
    }

    private func write(_ content: String, to path: String) throws(BelayError) {
        do {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(content.utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw .internal("demo: cannot write \(path): \(error.localizedDescription)")
        }
    }
}
