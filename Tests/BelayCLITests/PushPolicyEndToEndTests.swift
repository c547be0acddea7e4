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
        try repo.commitAll("lockfile and vendored code")
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
        try repo.write("big2.py", "MORE = 1\n")
        try repo.commitAll("more")
        let agent = try push(repo, "big", env: ["BELAY_SESSION": "test-session"])
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
