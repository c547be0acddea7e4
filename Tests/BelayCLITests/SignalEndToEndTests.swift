import BelayCore
import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// SIGINT, SIGTERM and SIGHUP sent to the built binary while a check runs: belay stops the check's
/// whole process group (a child and a grandchild included), removes its temporary snapshot, records the
/// interruption and exits 128 + the signal. A killed gate lets nothing through and leaves nothing running.
final class SignalEndToEndTests: XCTestCase {
    /// Pid files the check writes outside the repository: belay (its parent), itself, a child, a grandchild.
    private struct CheckPids {
        var belay: pid_t
        var leader: pid_t
        var child: pid_t
        var grandchild: pid_t
    }

    /// A repository with one staged change and a check that records its pids and directory, starts a
    /// child that starts a grandchild, and sleeps. `trapTerm` makes all of them ignore SIGTERM.
    private func repositoryWithSlowCheck(trapTerm: Bool = false) throws -> TestRepository {
        let repo = try TestRepository()
        let r = repo.root
        let trap = trapTerm ? "trap '' TERM; " : ""
        let script =
            "\(trap)echo $PPID > \(r)/belay.pid; echo $$ > \(r)/leader.pid; pwd > \(r)/cwd; "
            + "sh -c 'sleep 300 & echo $! > \(r)/grandchild.pid; wait' & echo $! > \(r)/child.pid; sleep 300"
        let escaped = script.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        try repo.config("{ checks: [ { name: \"slow\", run: \"\(escaped)\" } ] }\n")
        try repo.write("a.txt", "a\n")
        try repo.commitAll()
        try repo.write("a.txt", "a\nb\n")
        try repo.git("add", "a.txt")
        return repo
    }

    /// Waits (hang guard: 60 s) until the check has written every pid file.
    private func waitForCheck(_ repo: TestRepository) throws -> CheckPids {
        func pid(_ name: String) -> pid_t? {
            FileManager.default.contents(atPath: repo.root + "/\(name).pid")
                .flatMap { pid_t(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let belay = pid("belay"), let leader = pid("leader"), let child = pid("child"),
                let grandchild = pid("grandchild")
            {
                return CheckPids(belay: belay, leader: leader, child: child, grandchild: grandchild)
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw BelayError.internal("the check never started")
    }

    /// Runs `executable` (the built binary, or git) in the repository on a thread, as
    /// ``TestRepository/process(_:_:in:env:input:timeout:)`` does; `wait()` returns its result.
    private final class Background: @unchecked Sendable {
        private var result: BelayResult?
        private var failure: Error?
        private let done = DispatchSemaphore(value: 0)

        init(_ repo: TestRepository, _ executable: String, _ arguments: [String]) {
            let request = ProcessRequest(
                executable: executable, arguments: arguments, environment: repo.environment,
                workingDirectory: repo.path, timeout: 120, ownProcessGroup: true, marksChild: false)
            let thread = Thread { [self] in
                do {
                    let outcome = try ProcessRunner().run(request)
                    let code: Int32
                    switch outcome.termination {
                    case .exited(let status): code = status
                    case .signalled(let signal): code = 128 + signal
                    case .timedOut: code = -1
                    }
                    result = BelayResult(
                        code: code, out: String(decoding: outcome.standardOutput, as: UTF8.self),
                        err: String(decoding: outcome.standardError, as: UTF8.self))
                } catch {
                    failure = error
                }
                done.signal()
            }
            thread.start()
        }

        func wait() throws -> BelayResult {
            guard done.wait(timeout: .now() + 120) == .success else { throw BelayError.internal("belay hung") }
            if let failure { throw failure }
            return result!
        }
    }

    private func assertNothingSurvives(
        _ pids: CheckPids, _ repo: TestRepository, file: StaticString = #filePath, line: UInt = #line
    ) {
        // belay has sent SIGKILL to the whole group before it exits; on a loaded machine a killed process
        // may take a moment to be torn down. Hang guard only: 10 s.
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline
            && ([pids.leader, pids.child, pids.grandchild].contains(where: isRunning)
                || !runningMembers(ofGroup: pids.leader).isEmpty)
        {
            Thread.sleep(forTimeInterval: 0.02)
        }
        for (name, pid) in [("check", pids.leader), ("child", pids.child), ("grandchild", pids.grandchild)] {
            XCTAssertFalse(isRunning(pid), "the \(name) (pid \(pid)) survived", file: file, line: line)
        }
        XCTAssertEqual(
            runningMembers(ofGroup: pids.leader), [], "the check's process group survived", file: file, line: line)
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: repo.path + "/.git/belay")) ?? []
        XCTAssertEqual(
            leftovers.filter { $0.hasPrefix("snapshot-") || $0.hasSuffix(".index") }, [],
            "temporary snapshot left behind", file: file, line: line)
    }

    /// Each signal, with the persistent snapshot held by someone else so that belay makes a temporary one.
    func testEachSignalStopsTheCheckAndRemovesTheTemporarySnapshot() throws {
        for number in [SIGINT, SIGTERM, SIGHUP] {
            let repo = try repositoryWithSlowCheck()
            try FileManager.default.createDirectory(
                atPath: repo.path + "/.git/belay/snapshot", withIntermediateDirectories: true)
            let lock = open(repo.path + "/.git/belay/snapshot/lock", O_RDWR | O_CREAT, 0o644)
            XCTAssertEqual(flock(lock, LOCK_EX | LOCK_NB), 0)
            defer { close(lock) }

            let run = Background(repo, belayBinary, ["check"])
            let pids = try waitForCheck(repo)
            let cwd = repo.read("../cwd") ?? ""
            XCTAssertTrue(cwd.contains("/.git/belay/snapshot-"), "the check ran in a temporary snapshot: \(cwd)")
            XCTAssertEqual(kill(pids.belay, number), 0)
            let result = try run.wait()

            let name = Interruption.name(of: number)
            XCTAssertEqual(result.code, 128 + number, "\(name): \(result.all)")
            XCTAssertTrue(result.err.contains("interrupted by \(name)"), result.err)
            XCTAssertFalse(result.all.contains("passed"), "no report after the interruption: \(result.all)")
            assertNothingSurvives(pids, repo)
            let log = repo.read(".git/belay/interruptions.log") ?? ""
            XCTAssertTrue(log.contains("belay check interrupted by \(name)"), log)
        }
    }

    /// Through a real `git commit`: the hook is killed, the commit does not happen, the index is intact.
    func testKilledPreCommitHookRefusesTheCommitAndLeavesNothingRunning() throws {
        let repo = try repositoryWithSlowCheck()
        XCTAssertEqual(try repo.binary("install").code, 0)
        let head = try repo.git("rev-parse", "HEAD")
        let index = try repo.git("ls-files", "-s")

        let commit = Background(repo, "git", ["commit", "-q", "-m", "interrupted"])
        let pids = try waitForCheck(repo)
        XCTAssertEqual(kill(pids.belay, SIGTERM), 0)
        let result = try commit.wait()

        XCTAssertNotEqual(result.code, 0, result.all)
        XCTAssertTrue(result.err.contains("interrupted by SIGTERM"), result.err)
        XCTAssertEqual(try repo.git("rev-parse", "HEAD"), head, "nothing was committed")
        XCTAssertEqual(try repo.git("ls-files", "-s"), index, "the index is as it was")
        XCTAssertEqual(try repo.staged("a.txt"), "a\nb")
        assertNothingSurvives(pids, repo)
        let log = repo.read(".git/belay/interruptions.log") ?? ""
        XCTAssertTrue(log.contains("belay hook pre-commit interrupted by SIGTERM"), log)
    }

    /// Through a real `git push`: the pre-push hook is killed, nothing reaches the remote.
    func testKilledPrePushHookRefusesThePush() throws {
        let repo = try repositoryWithSlowCheck()
        try repo.git("init", "-q", "--bare", repo.root + "/remote.git")
        try repo.git("remote", "add", "origin", repo.root + "/remote.git")
        try repo.git("commit", "-q", "--no-verify", "-m", "to push")
        XCTAssertEqual(try repo.binary("install").code, 0)

        let push = Background(repo, "git", ["push", "-q", "origin", "main"])
        let pids = try waitForCheck(repo)
        XCTAssertEqual(kill(pids.belay, SIGHUP), 0)
        let result = try push.wait()

        XCTAssertNotEqual(result.code, 0, result.all)
        XCTAssertTrue(result.err.contains("interrupted by SIGHUP"), result.err)
        XCTAssertEqual(try repo.git("--git-dir", repo.root + "/remote.git", "for-each-ref"), "", "nothing was pushed")
        assertNothingSurvives(pids, repo)
    }

    /// A check that ignores SIGTERM is killed after the grace period; a second signal sent during that
    /// cleanup does not cut it short: the exit code is the first signal's and nothing is left.
    func testSecondSignalDuringCleanupDoesNotCutItShort() throws {
        let repo = try repositoryWithSlowCheck(trapTerm: true)
        let run = Background(repo, belayBinary, ["check"])
        let pids = try waitForCheck(repo)
        XCTAssertEqual(kill(pids.belay, SIGTERM), 0)
        Thread.sleep(forTimeInterval: 0.3)  // within the 1 s grace the check has to exit
        kill(pids.belay, SIGINT)
        let result = try run.wait()

        XCTAssertEqual(result.code, 128 + SIGTERM, result.all)
        XCTAssertTrue(result.err.contains("needed SIGKILL"), result.err)
        assertNothingSurvives(pids, repo)
        XCTAssertEqual(try repo.git("status", "--porcelain"), "M  a.txt")
    }
}

/// True when `pid` exists and is not a zombie (a zombie has exited; only its parent has not reaped it).
private func isRunning(_ pid: pid_t) -> Bool {
    guard kill(pid, 0) == 0 || errno == EPERM else { return false }
    #if os(Linux)
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.first != "Z" && fields.first != "X"
    #else
        return true
    #endif
}

/// The live (non-zombie) processes of process group `group`, on Linux from `/proc`.
private func runningMembers(ofGroup group: pid_t) -> [pid_t] {
    #if os(Linux)
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { pid_t($0) }.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                let close = stat.lastIndex(of: ")")
            else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 3 && fields[2] == "\(group)" && fields[0] != "Z" && fields[0] != "X"
        }.sorted()
    #else
        return kill(-group, 0) == 0 ? [group] : []
    #endif
}
