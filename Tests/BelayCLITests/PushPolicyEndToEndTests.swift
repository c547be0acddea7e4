import BelayCore
import Foundation
import XCTest

/// The push policy (seed 003) through real pushes: `belay install`'s pre-push hook, a local bare remote,
/// and `belay check --range` the way CI runs it.
final class PushPolicyEndToEndTests: XCTestCase {
    /// A repository with a bare `origin`: `main` (2 commits) and `develop` (5 more commits, published),
    /// the tag `fork` where develop leaves main, and belay's hooks installed.
    private func published() throws -> TestRepository {
        let repo = try TestRepository()
        try repo.write("app.py", "def main():\n    return 1\n")
        try repo.commitAll("start")
        try repo.write("README.md", "# app\n")
        try repo.commitAll("readme")
        try repo.git("tag", "fork")
        try repo.git("init", "-q", "--bare", repo.root + "/origin.git", in: repo.root)
        try repo.git("remote", "add", "origin", repo.root + "/origin.git")
        try repo.git("push", "-q", "origin", "main")
        try repo.git("checkout", "-q", "-b", "develop")
        for index in 1...5 {
            try repo.write("develop\(index).py", "VALUE = \(index)\n")
            try repo.commitAll("develop \(index)")
        }
        try repo.write("app.py", "def main():\n    return 2\n")
        try repo.commitAll("develop changes main()")
        try repo.git("push", "-q", "origin", "develop")
        try repo.git("checkout", "-q", "main")
        let install = try repo.binary("install")
        XCTAssertEqual(install.code, 0, install.all)
        return repo
    }

    private func push(_ repo: TestRepository, _ arguments: String..., env: [String: String] = [:]) throws -> BelayResult
    {
        try repo.gitOutcome(["push", "origin"] + arguments, env: env)
    }

    func testMergeOfPublishedDevelopWithConflictMarkersIsBlocked() throws {
        let repo = try published()
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.write("app.py", "def main():\n    return 3\n")
        try repo.commitAll("feature changes main()")
        XCTAssertEqual(try push(repo, "feature").code, 0)
        let published = try repo.git("rev-parse", "HEAD")
        // Merge develop to borrow one fix, resolve halfway, commit past the pre-commit hook, push.
        _ = try repo.gitOutcome(["merge", "-q", "origin/develop"])
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "--no-verify", "-m", "merge develop")
        let result = try push(repo, "feature")
        XCTAssertEqual(result.code, 1, result.all)
        XCTAssertTrue(result.err.contains("merge-source"), result.err)
        XCTAssertTrue(result.err.contains("brings in origin/develop (6 commits not on origin/main)"), result.err)
        XCTAssertTrue(result.err.contains("conflict-marker"), result.err)
        // develop's own files are develop's: not judged again.
        XCTAssertFalse(result.err.contains("develop1.py"), result.err)
        XCTAssertTrue(
            try repo.git("ls-remote", repo.root + "/origin.git", "refs/heads/feature").hasPrefix(published),
            "the blocked push left the remote as it was")
    }

    /// Seed 003's exact graph: the merge's first parent is develop's tip, its second the feature commit,
    /// pushed over the feature branch's pull request.
    func testSeedShapeDevelopAsFirstParentIsBlocked() throws {
        let repo = try published()
        try repo.git("checkout", "-q", "-b", "feature", "main")
        try repo.write("feature.py", "FEATURE = 1\n")
        try repo.commitAll("the actual feature commit")
        XCTAssertEqual(try push(repo, "feature").code, 0)
        try repo.git("checkout", "-q", "--detach", "origin/develop")
        try repo.git("merge", "-q", "--no-edit", "feature")
        let result = try push(repo, "HEAD:refs/heads/feature")
        XCTAssertEqual(result.code, 1, result.all)
        XCTAssertTrue(result.err.contains("error[merge-source]"), result.err)
        XCTAssertTrue(result.err.contains("brings in origin/develop (6 commits not on origin/main)"), result.err)
    }

    /// A pull request onto a maintenance line, kept current by merging that line: a person is warned (and
    /// told to allow the line), an agent is blocked.
    func testANewBranchBasedOnAnotherLineThatMergesItWarnsAPerson() throws {
        let repo = try published()
        try repo.git("checkout", "-q", "-b", "fix", "origin/develop")
        try repo.write("fix.py", "FIX = 1\n")
        try repo.commitAll("fix for develop")
        try repo.git("checkout", "-q", "develop")
        try repo.write("develop9.py", "MORE = 9\n")
        try repo.commitAll("develop moves on")
        try repo.git("push", "-q", "--no-verify", "origin", "develop")
        try repo.git("checkout", "-q", "fix")
        try repo.git("merge", "-q", "--no-edit", "origin/develop")
        let person = try push(repo, "fix")
        XCTAssertEqual(person.code, 0, person.all)
        XCTAssertTrue(person.err.contains("warning[merge-source]"), person.err)
        XCTAssertTrue(person.err.contains("the new branch is based on origin/develop"), person.err)
        try repo.git("push", "-q", "origin", "--delete", "fix")
        let agent = try push(repo, "fix", env: ["BELAY_SESSION": "s"])
        XCTAssertEqual(agent.code, 1, agent.all)
    }

    func testFastForwardOntoDevelopIsDrift() throws {
        let repo = try published()
        try repo.git("checkout", "-q", "-b", "topic", "fork")
        try repo.write("topic.py", "TOPIC = 1\n")
        try repo.commitAll("topic")
        XCTAssertEqual(try push(repo, "topic").code, 0)
        try repo.git("reset", "-q", "--hard", "origin/develop")
        let result = try push(repo, "--force", "topic")
        XCTAssertEqual(result.code, 1, result.all)
        XCTAssertTrue(
            result.err.contains("the push carries 6 commits published on origin/develop but not on origin/main"),
            result.err)
        XCTAssertFalse(result.err.contains("force-push"), "a person may rewrite an unprotected branch: \(result.err)")
    }

    func testMergeOfTheBaseAndOfALocalTopicPass() throws {
        let repo = try published()
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.write("feature.py", "FEATURE = 1\n")
        try repo.commitAll("feature")
        XCTAssertEqual(try push(repo, "feature").code, 0)
        // main moves on (with a finding of its own, which is main's business, not this push's)
        try repo.git("checkout", "-q", "main")
        try repo.write("main.txt", "trailing  \n")
        try repo.commitAll("main moves on")
        XCTAssertEqual(try repo.gitOutcome(["push", "--no-verify", "origin", "main"]).code, 0)
        try repo.git("checkout", "-q", "feature")
        try repo.git("merge", "-q", "--no-edit", "origin/main")
        let base = try push(repo, "feature")
        XCTAssertEqual(base.code, 0, base.all)
        XCTAssertFalse(base.err.contains("main.txt"), "main's content was published by main: \(base.err)")
        // A local topic branch, never published, merged in: fine.
        try repo.git("checkout", "-q", "-b", "helper")
        try repo.write("helper.py", "HELPER = 1\n")
        try repo.commitAll("helper")
        try repo.git("checkout", "-q", "feature")
        try repo.git("merge", "-q", "--no-ff", "--no-edit", "helper")
        let topic = try push(repo, "feature")
        XCTAssertEqual(topic.code, 0, topic.all)
        XCTAssertFalse(topic.err.contains("merge-source"), topic.err)
    }

    func testAllowedMergeSourcePasses() throws {
        let repo = try published()
        try repo.config("{ push: { allowedMergeSources: [\"origin/develop\"] } }\n")
        try repo.commitAll("allow develop")
        XCTAssertEqual(try repo.gitOutcome(["push", "--no-verify", "origin", "main"]).code, 0)
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.git("merge", "-q", "--no-edit", "-X", "theirs", "origin/develop")
        let result = try push(repo, "feature")
        XCTAssertEqual(result.code, 0, result.all)
    }

    func testForcePushToMainIsBlocked() throws {
        let repo = try published()
        try repo.write("README.md", "# app, rewritten\n")
        try repo.git("add", "-A")
        try repo.git("commit", "-q", "--amend", "--no-verify", "-m", "rewritten")
        let result = try push(repo, "--force", "main")
        XCTAssertEqual(result.code, 1, result.all)
        XCTAssertTrue(
            result.err.contains("rewrites (a non-fast-forward update of) the protected branch 'main' on origin"),
            result.err)
        let deletion = try push(repo, "--delete", "main")
        XCTAssertEqual(deletion.code, 1, deletion.all)
        XCTAssertTrue(deletion.err.contains("deletes the protected branch 'main'"), deletion.err)
    }

    func testBigChangeWarnsPeopleAndBlocksAgentsButLockfilesDoNotCount() throws {
        let repo = try published()
        try repo.git("checkout", "-q", "-b", "lock")
        try repo.write("package-lock.json", (0..<5000).map { "\"line\($0)\"," }.joined(separator: "\n") + "\n")
        try repo.write("vendored/lib.js", (0..<4000).map { "var a\($0) = 1;" }.joined(separator: "\n") + "\n")
        try repo.write(".gitattributes", "vendored/** linguist-vendored\n")
        try repo.write(
            "api/service.pb.go",
            "// Code generated by protoc-gen-go. DO NOT EDIT.\npackage api\n"
                + (0..<4000).map { "var X\($0) = \($0)" }.joined(separator: "\n") + "\n")
        try repo.commitAll("lockfile, vendored and generated code")
        let lock = try push(repo, "lock")
        XCTAssertEqual(lock.code, 0, lock.all)
        XCTAssertFalse(lock.err.contains("push-size"), lock.err)

        try repo.git("checkout", "-q", "-b", "big", "main")
        try repo.write("big.py", (0..<3500).map { "V\($0) = \($0)" }.joined(separator: "\n") + "\n")
        try repo.commitAll("big")
        let person = try push(repo, "big")
        XCTAssertEqual(person.code, 0, person.all)
        XCTAssertTrue(
            person.err.contains("the push changes 3,500 lines (limit 3000) against origin/main"), person.err)
        // Later pushes of a branch already over the limits are measured by what they add.
        try repo.write("big2.py", "MORE = 1\n")
        try repo.commitAll("more")
        let more = try push(repo, "big")
        XCTAssertEqual(more.code, 0, more.all)
        XCTAssertFalse(more.err.contains("push-size"), more.err)
        try repo.git("checkout", "-q", "-b", "agent-big", "main")
        try repo.write("big.py", (0..<3500).map { "V\($0) = \($0)" }.joined(separator: "\n") + "\n")
        try repo.commitAll("big")
        let agent = try push(repo, "agent-big", env: ["BELAY_SESSION": "test-session"])
        XCTAssertEqual(agent.code, 1, "an agent's oversized push blocks: \(agent.all)")
        XCTAssertTrue(agent.err.contains("push-size"), agent.err)
    }

    func testAgentMayRewriteOnlyBranchesItsSessionCreated() throws {
        let repo = try published()
        try repo.git("checkout", "-q", "-b", "theirs")
        try repo.write("theirs.py", "THEIRS = 1\n")
        try repo.commitAll("theirs")
        XCTAssertEqual(try push(repo, "theirs").code, 0)
        // The session started here: `theirs` existed, `mine` did not.
        let session = repo.root + "/session"
        try FileManager.default.createDirectory(atPath: session, withIntermediateDirectories: true)
        let refs = try repo.git("for-each-ref", "--format=%(objectname) %(refname)")
        try Data((refs + "\n").utf8).write(to: URL(fileURLWithPath: session + "/start-refs"))
        let agent = ["BELAY_SESSION": "s1", "BELAY_SESSION_DIR": session]
        try repo.git("commit", "-q", "--amend", "--no-verify", "-m", "theirs, rewritten")
        let rewrite = try push(repo, "--force", "theirs", env: agent)
        XCTAssertEqual(rewrite.code, 1, rewrite.all)
        XCTAssertTrue(rewrite.err.contains("which this agent session did not create"), rewrite.err)

        try repo.git("checkout", "-q", "-b", "mine", "main")
        try repo.write("mine.py", "MINE = 1\n")
        try repo.commitAll("mine")
        XCTAssertEqual(try push(repo, "mine", env: agent).code, 0)
        try repo.git("commit", "-q", "--amend", "--no-verify", "-m", "mine, rewritten")
        let own = try push(repo, "--force", "mine", env: agent)
        XCTAssertEqual(own.code, 0, own.all)
        // Without the session's start refs, no branch is the session's own: fail closed.
        try FileManager.default.removeItem(atPath: session + "/start-refs")
        try repo.git("commit", "-q", "--amend", "--no-verify", "-m", "mine, again")
        let unknown = try push(repo, "--force", "mine", env: agent)
        XCTAssertEqual(unknown.code, 1, unknown.all)
    }

    func testCheckRangeRunsThePolicyForCI() throws {
        let repo = try published()
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.write("feature.py", "FEATURE = 1\n")
        try repo.commitAll("feature")
        try repo.git("merge", "-q", "--no-edit", "-X", "theirs", "origin/develop")
        XCTAssertEqual(try repo.gitOutcome(["push", "--no-verify", "origin", "feature"]).code, 0)
        try repo.git("fetch", "-q", "origin")
        let ci = try repo.binary("check", "--range", "origin/main..origin/feature", "--format", "github", "--no-checks")
        XCTAssertEqual(ci.code, 1, ci.all)
        XCTAssertTrue(ci.out.contains("merge-source"), ci.out)
        XCTAssertTrue(ci.out.contains("brings in origin/develop"), ci.out)
        // A branch rebuilt on develop (no merge commit) is drift; its own ref is not named as the source.
        try repo.git("checkout", "-q", "-b", "rebuilt", "origin/develop")
        try repo.write("rebuilt.py", "REBUILT = 1\n")
        try repo.commitAll("rebuilt")
        XCTAssertEqual(try repo.gitOutcome(["push", "--no-verify", "origin", "rebuilt"]).code, 0)
        try repo.git("fetch", "-q", "origin")
        let drift = try repo.binary("check", "--range", "origin/main..origin/rebuilt", "--no-checks")
        XCTAssertEqual(drift.code, 1, drift.all)
        XCTAssertTrue(
            drift.out.contains("the push carries 6 commits published on origin/develop but not on origin/main"),
            drift.out)
        // A clean PR passes.
        try repo.git("checkout", "-q", "-b", "clean", "main")
        try repo.write("clean.py", "CLEAN = 1\n")
        try repo.commitAll("clean")
        XCTAssertEqual(try repo.gitOutcome(["push", "--no-verify", "origin", "clean"]).code, 0)
        try repo.git("fetch", "-q", "origin")
        let good = try repo.binary("check", "--range", "origin/main..origin/clean", "--no-checks")
        XCTAssertEqual(good.code, 0, good.all)
    }
}

/// The false classes the real-history replay (bench/push-replay.sh) found, as minimal reproductions:
/// pushes that are not "a feature branch to origin, based on origin/HEAD".
final class PushPolicyReplayClassesTests: XCTestCase {
    /// `work` with a bare `origin` holding `main` (one commit), fetched, `origin/HEAD` set.
    private func repository(defaultBranch: String = "main", setHead: Bool = true) throws -> TestRepository {
        let repo = try TestRepository()
        try repo.git("checkout", "-q", "-b", defaultBranch)
        try repo.write("a.txt", "1\n")
        try repo.commitAll("one")
        try repo.git("init", "-q", "--bare", repo.root + "/origin.git", in: repo.root)
        try repo.git("remote", "add", "origin", repo.root + "/origin.git")
        try repo.git("push", "-q", "origin", defaultBranch)
        try repo.git("fetch", "-q", "origin")
        if setHead { try repo.git("remote", "set-head", "origin", defaultBranch) }
        return repo
    }

    private func hook(
        _ repo: TestRepository, remote: String = "origin", _ line: String, env: [String: String] = [:]
    ) throws -> BelayResult {
        try repo.binary("hook", "pre-push", remote, "/unused", env: env, stdin: line + "\n")
    }

    private let zero = String(repeating: "0", count: 40)

    func testPushToAForkWhoseMainIsBehindUpstream() throws {
        let repo = try repository()
        try repo.git("init", "-q", "--bare", repo.root + "/fork.git", in: repo.root)
        try repo.git("remote", "add", "fork", repo.root + "/fork.git")
        try repo.git("push", "-q", "fork", "main")
        try repo.git("fetch", "-q", "fork")
        try repo.git("remote", "set-head", "fork", "main")
        try repo.write("b.txt", "2\n")
        try repo.commitAll("upstream moves on")
        try repo.git("push", "-q", "origin", "main")
        try repo.git("fetch", "-q", "origin")
        try repo.git("checkout", "-q", "-b", "feature", "origin/main")
        try repo.write("c.txt", "3\n")
        try repo.commitAll("feature")
        let head = try repo.git("rev-parse", "HEAD")
        let result = try hook(repo, remote: "fork", "refs/heads/feature \(head) refs/heads/feature \(zero)")
        XCTAssertEqual(result.code, 0, result.all)
        XCTAssertFalse(result.err.contains("push-drift"), result.err)
        // Sized against upstream's main, which the branch grows from, not the fork's stale one.
        try repo.config("{ push: { maxCommits: 1 } }\n")
        try repo.commitAll("one more")
        let sized = try hook(
            repo, remote: "fork",
            "refs/heads/feature \(try repo.git("rev-parse", "HEAD")) refs/heads/feature \(zero)")
        XCTAssertTrue(sized.err.contains("2 commits (limit 1) against origin/main"), sized.err)
        try repo.git("reset", "-q", "--hard", "HEAD^")
        // The same pull request merging upstream's main to stay current.
        try repo.git("push", "-q", "fork", "feature")
        try repo.git("checkout", "-q", "main")
        try repo.write("d.txt", "4\n")
        try repo.commitAll("upstream again")
        try repo.git("push", "-q", "origin", "main")
        try repo.git("checkout", "-q", "feature")
        try repo.git("merge", "-q", "--no-edit", "origin/main")
        let merged = try hook(
            repo, remote: "fork",
            "refs/heads/feature \(try repo.git("rev-parse", "HEAD")) refs/heads/feature \(head)")
        XCTAssertEqual(merged.code, 0, merged.all)
    }

    func testPushToARemoteNeverFetched() throws {
        let repo = try repository()
        try repo.git("init", "-q", "--bare", repo.root + "/fork.git", in: repo.root)
        try repo.git("remote", "add", "fork", repo.root + "/fork.git")
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.write("c.txt", "3\n")
        try repo.commitAll("feature")
        let head = try repo.git("rev-parse", "HEAD")
        let result = try hook(repo, remote: "fork", "refs/heads/feature \(head) refs/heads/feature \(zero)")
        XCTAssertEqual(result.code, 0, result.all)
        XCTAssertFalse(result.err.contains("push-drift"), result.err)
    }

    func testNoOriginHeadAndATrunkDefaultIsANoteNotABlock() throws {
        let repo = try repository(defaultBranch: "trunk", setHead: false)
        try repo.git("checkout", "-q", "-b", "feature")
        try repo.write("c.txt", "3\n")
        try repo.commitAll("feature")
        let head = try repo.git("rev-parse", "HEAD")
        let result = try hook(repo, "refs/heads/feature \(head) refs/heads/feature \(zero)")
        XCTAssertEqual(result.code, 0, result.all)
        XCTAssertTrue(result.err.contains("no base branch for the push"), result.err)
    }

    func testForcePushOfTheRemotesDefaultBranchIsBlockedWhateverItsName() throws {
        let repo = try repository(defaultBranch: "trunk")
        try repo.write("b.txt", "2\n")
        try repo.commitAll("two")
        try repo.git("push", "-q", "origin", "trunk")
        let old = try repo.git("rev-parse", "HEAD")
        try repo.git("commit", "-q", "--amend", "--no-verify", "-m", "two, rewritten")
        let result = try hook(repo, "refs/heads/trunk \(try repo.git("rev-parse", "HEAD")) refs/heads/trunk \(old)")
        XCTAssertEqual(result.code, 1, result.all)
        XCTAssertTrue(result.err.contains("the protected branch 'trunk'"), result.err)
    }

    func testABackportToAMaintenanceBranchIsMeasuredByWhatItAdds() throws {
        let repo = try repository()
        try repo.git("checkout", "-q", "-b", "1.x")
        for index in 1...101 {
            try repo.write("v.txt", "\(index)\n")
            try repo.commitAll("1.x fix \(index)")
        }
        try repo.git("push", "-q", "origin", "1.x")
        let old = try repo.git("rev-parse", "HEAD")
        try repo.write("fix.txt", "x\n")
        try repo.commitAll("one backport")
        let line = "refs/heads/1.x \(try repo.git("rev-parse", "HEAD")) refs/heads/1.x \(old)"
        let agent = try hook(repo, line, env: ["BELAY_SESSION": "s"])
        XCTAssertEqual(agent.code, 0, agent.all)
        XCTAssertFalse(agent.err.contains("push-size"), agent.err)
    }

    /// 2.x merged forward into 3.x, and the push of 3.x (`config`: the repository's belay.json5).
    private func mergeForward(config: String?) throws -> BelayResult {
        let repo = try repository()
        if let config {
            try repo.config(config)
            try repo.commitAll("config")
            try repo.git("push", "-q", "origin", "main")
        }
        try repo.git("checkout", "-q", "-b", "2.x")
        try repo.write("two.txt", "2\n")
        try repo.commitAll("2.x fix")
        try repo.git("push", "-q", "origin", "2.x")
        try repo.git("checkout", "-q", "-b", "3.x", "main")
        try repo.write("three.txt", "3\n")
        try repo.commitAll("3.x work")
        try repo.git("push", "-q", "origin", "3.x")
        let old = try repo.git("rev-parse", "HEAD")
        try repo.git("fetch", "-q", "origin")
        try repo.git("merge", "-q", "--no-edit", "origin/2.x")
        return try hook(repo, "refs/heads/3.x \(try repo.git("rev-parse", "HEAD")) refs/heads/3.x \(old)")
    }

    func testMergingAMaintenanceBranchForwardIntoAProtectedOne() throws {
        // By default 3.x is any branch, and bringing in 2.x is a merge source to allow.
        let unconfigured = try mergeForward(config: nil)
        XCTAssertEqual(unconfigured.code, 1, unconfigured.all)
        XCTAssertTrue(unconfigured.err.contains("brings in origin/2.x"), unconfigured.err)
        // Declared long-lived (protected), merging other lines into it is what it is for.
        let declared = try mergeForward(config: "{ protectedBranches: [\"main\", \"*.x\"] }\n")
        XCTAssertEqual(declared.code, 0, declared.all)
    }

    func testAStackedBranchWarnsAPersonAndBlocksAnAgent() throws {
        let repo = try repository()
        try repo.git("checkout", "-q", "-b", "part1")
        try repo.write("p1.txt", "1\n")
        try repo.commitAll("part 1")
        try repo.git("push", "-q", "origin", "part1")
        try repo.git("checkout", "-q", "-b", "part2")
        try repo.write("p2.txt", "2\n")
        try repo.commitAll("part 2")
        let line = "refs/heads/part2 \(try repo.git("rev-parse", "HEAD")) refs/heads/part2 \(zero)"
        let person = try hook(repo, line)
        XCTAssertEqual(person.code, 0, person.all)
        XCTAssertTrue(person.err.contains("warning[push-drift]"), person.err)
        XCTAssertTrue(person.err.contains("a new branch built on origin/part1"), person.err)
        let agent = try hook(repo, line, env: ["BELAY_SESSION": "s"])
        XCTAssertEqual(agent.code, 1, agent.all)
        XCTAssertTrue(agent.err.contains("error[push-drift]"), agent.err)
    }
}
