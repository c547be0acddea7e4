import BelayCore
import Foundation
import XCTest

/// `docs/ci/belay-ci.sh`, the shell logic of `docs/ci/belay.yml`, run the way GitHub Actions runs it: in
/// a full-history clone of a remote holding `main` and a pull request's branch, with the environment and
/// event payload GitHub sets, and the built binary. Also `belay.yml` itself: well-formed, and every
/// `run:` step valid shell.
final class CIWorkflowEndToEndTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let script = packageRoot.appendingPathComponent("docs/ci/belay-ci.sh").path
    static let workflow = packageRoot.appendingPathComponent("docs/ci/belay.yml").path

    /// A pull request as CI sees it: `main` has a check and an old file with trailing whitespace; the
    /// branch adds `change` to `pr.txt`; `main` then moves on and cleans the old file (so only the merge
    /// base, not the base's tip, tells what the pull request changed).
    struct PullRequest {
        let repo: TestRepository
        let clone: String
        let head: String
        let environment: [String: String]
        var sarif: String { repo.root + "/out/belay.sarif" }
        var summary: String { repo.root + "/summary.md" }
    }

    /// With `mergingDevelop`, a published `develop` (two commits off the base) is merged into the branch
    /// first: what the push policy's `merge-source` is for.
    private func pullRequest(change: String, mergingDevelop: Bool = false) throws -> PullRequest {
        let repo = try TestRepository()
        let lint = "\(repo.counterCommand("lint")); if grep -rl BAD --include='*.txt' .; then exit 1; fi"
        try repo.config(
            "{ checks: [ { name: \"lint\", run: \"\(lint.replacingOccurrences(of: "\"", with: "\\\""))\" } ] }\n")
        try repo.write("old.txt", "old   \n")
        try repo.write("README.md", "readme\n")
        try repo.commitAll("base")
        if mergingDevelop {
            try repo.git("checkout", "-q", "-b", "develop")
            for index in 1...2 {
                try repo.write("develop\(index).txt", "develop \(index)\n")
                try repo.commitAll("develop \(index)")
            }
            try repo.git("checkout", "-q", "main")
        }
        try repo.git("checkout", "-q", "-b", "feature")
        if mergingDevelop { try repo.git("merge", "-q", "--no-ff", "--no-edit", "develop") }
        try repo.write("pr.txt", change)
        try repo.commitAll("the pull request")
        let head = try repo.git("rev-parse", "HEAD")
        try repo.git("checkout", "-q", "main")
        try repo.write("old.txt", "old\n")
        try repo.commitAll("main moves on")
        let base = try repo.git("rev-parse", "HEAD")

        let remote = repo.root + "/remote.git"
        try repo.git("init", "-q", "--bare", "-b", "main", remote)
        try repo.git("push", "-q", remote, "main", "feature")
        if mergingDevelop { try repo.git("push", "-q", remote, "develop") }
        // What actions/checkout leaves with fetch-depth: 0: every branch under origin/, no origin/HEAD,
        // the pull request's head checked out detached.
        let clone = repo.root + "/clone"
        try repo.git("clone", "-q", remote, clone, in: repo.root)
        try repo.git("remote", "set-head", "origin", "-d", in: clone)
        try repo.git("checkout", "-q", "--detach", head, in: clone)

        let event: [String: Any] = [
            "action": "synchronize", "number": 7,
            "pull_request": [
                "number": 7, "base": ["ref": "main", "sha": base], "head": ["ref": "feature", "sha": head],
            ],
        ]
        let eventPath = repo.root + "/event.json"
        try JSONSerialization.data(withJSONObject: event).write(to: URL(fileURLWithPath: eventPath))
        try FileManager.default.createDirectory(atPath: repo.root + "/out", withIntermediateDirectories: true)
        let environment = [
            "BELAY": belayBinary, "BELAY_SARIF": repo.root + "/out/belay.sarif", "GITHUB_ACTIONS": "true",
            "GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": eventPath, "GITHUB_BASE_REF": "main",
            "GITHUB_HEAD_REF": "feature", "GITHUB_SHA": head, "GITHUB_STEP_SUMMARY": repo.root + "/summary.md",
            "GITHUB_WORKSPACE": clone,
        ]
        return PullRequest(repo: repo, clone: clone, head: head, environment: environment)
    }

    private func runScript(_ pr: PullRequest, in directory: String? = nil) throws -> BelayResult {
        try pr.repo.process("/bin/bash", [Self.script], in: directory ?? pr.clone, env: pr.environment)
    }

    /// The SARIF log's results, after checking it is a SARIF 2.1.0 log GitHub accepts (every result located).
    private func sarifResults(_ path: String) throws -> [[String: Any]] {
        let data = try XCTUnwrap(FileManager.default.contents(atPath: path), "no SARIF at \(path)")
        let log = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(log["version"] as? String, "2.1.0")
        let runs = try XCTUnwrap(log["runs"] as? [[String: Any]])
        XCTAssertEqual(runs.count, 1)
        let driver = (runs[0]["tool"] as? [String: Any])?["driver"] as? [String: Any]
        XCTAssertEqual(driver?["name"] as? String, "belay")
        let results = try XCTUnwrap(runs[0]["results"] as? [[String: Any]])
        for result in results {
            let locations = try XCTUnwrap(result["locations"] as? [[String: Any]], "\(result)")
            XCTAssertNotNil(
                ((locations.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: Any])?[
                    "uri"] as? String, "\(result)")
        }
        return results
    }

    func testBadPullRequestIsAnnotatedWritesSARIFAndFails() throws {
        let pr = try pullRequest(change: "BAD   \n")
        let result = try runScript(pr)
        XCTAssertEqual(result.code, 1, result.all)
        XCTAssertTrue(result.out.contains("::error file=pr.txt,line=1,"), result.out)
        XCTAssertTrue(result.out.contains("title=belay trailing-whitespace::"), result.out)
        XCTAssertTrue(result.out.contains("::error title=belay check lint::check 'lint' failed"), result.out)
        XCTAssertFalse(result.out.contains("old.txt"), "main's own later commit is not the pull request's")
        XCTAssertEqual(pr.repo.count("lint"), 1, "the checks run once, in the annotated run")

        let results = try sarifResults(pr.sarif)
        let whitespace = try XCTUnwrap(results.first { $0["ruleId"] as? String == "trailing-whitespace" })
        XCTAssertEqual(whitespace["level"] as? String, "error")
        let uri =
            (((whitespace["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?[
                "artifactLocation"] as? [String: Any])?["uri"] as? String
        XCTAssertEqual(uri, "pr.txt")

        let summary = try String(contentsOfFile: pr.summary, encoding: .utf8)
        XCTAssertTrue(summary.hasPrefix("### belay: blocked\n"), summary)
        XCTAssertTrue(summary.contains("1 commit(s)"), summary)
        XCTAssertTrue(summary.contains("belay: blocked"), summary)
        XCTAssertEqual(
            try pr.repo.git("symbolic-ref", "refs/remotes/origin/HEAD", in: pr.clone), "refs/remotes/origin/main",
            "the push policy's base: auto is the pull request's base")
    }

    func testGoodPullRequestPasses() throws {
        let pr = try pullRequest(change: "fine\n")
        let result = try runScript(pr)
        XCTAssertEqual(result.code, 0, result.all)
        XCTAssertFalse(result.out.contains("::error"), result.out)
        XCTAssertEqual(pr.repo.count("lint"), 1)
        let results = try sarifResults(pr.sarif)
        XCTAssertEqual(results.filter { $0["level"] as? String == "error" }.count, 0, "\(results)")
        let summary = try String(contentsOfFile: pr.summary, encoding: .utf8)
        XCTAssertTrue(summary.hasPrefix("### belay: passed\n"), summary)
    }

    /// The push policy runs in CI through `check --range`: a pull request that merged a published branch
    /// other than its base is annotated, and the finding (about no file) still reaches a SARIF log GitHub
    /// accepts.
    func testPullRequestMergingAnotherPublishedBranchIsBlockedByThePushPolicy() throws {
        let pr = try pullRequest(change: "fine\n", mergingDevelop: true)
        let result = try runScript(pr)
        XCTAssertEqual(result.code, 1, result.all)
        XCTAssertTrue(result.out.contains("title=belay merge-source::"), result.out)
        XCTAssertTrue(result.out.contains("brings in origin/develop"), result.out)
        XCTAssertFalse(result.out.contains("develop1.txt"), "develop's own files are develop's: \(result.out)")
        let results = try sarifResults(pr.sarif)
        XCTAssertTrue(results.contains { $0["ruleId"] as? String == "merge-source" }, "\(results)")
    }

    func testShallowCloneIsAUsageErrorThatSaysWhy() throws {
        let pr = try pullRequest(change: "fine\n")
        let shallow = pr.repo.root + "/shallow"
        try pr.repo.git(
            "clone", "-q", "--depth", "1", "--branch", "feature", "file://" + pr.repo.root + "/remote.git", shallow,
            in: pr.repo.root)
        let result = try runScript(pr, in: shallow)
        XCTAssertEqual(result.code, 2, result.all)
        XCTAssertTrue(result.out.contains("::error title=belay CI::"), result.out)
        XCTAssertTrue(result.out.contains("fetch-depth: 0"), result.out)
        XCTAssertEqual(pr.repo.count("lint"), 0)
    }

    /// The workflow parses (PyYAML), uses what the README says, and each `run:` is valid bash.
    func testWorkflowIsWellFormedAndItsShellStepsParse() throws {
        try requireTool("python3")
        let repo = try TestRepository(initialize: false)
        let dump = "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))"
        let parsed = try repo.process("python3", ["-c", dump, Self.workflow])
        if parsed.code != 0 && parsed.err.contains("No module named 'yaml'") && !isCI {
            throw XCTSkip("PyYAML is not installed (CI is unset, so this test may skip; .ci/run installs it)")
        }
        XCTAssertEqual(parsed.code, 0, parsed.all)
        let workflow = try parseJSONObject(parsed.out)
        // YAML 1.1 reads the key `on` as true.
        let triggers = try XCTUnwrap((workflow["on"] ?? workflow["true"]) as? [String: Any])
        XCTAssertEqual(Array(triggers.keys), ["pull_request"])
        XCTAssertEqual((workflow["permissions"] as? [String: String])?["security-events"], "write")
        let job = try XCTUnwrap((workflow["jobs"] as? [String: Any])?["belay"] as? [String: Any])
        let steps = try XCTUnwrap(job["steps"] as? [[String: Any]])
        func step(using action: String) -> [String: Any]? {
            steps.first { ($0["uses"] as? String)?.hasPrefix(action + "@") == true }
        }
        func with(_ step: [String: Any]?) -> [String: Any] { step?["with"] as? [String: Any] ?? [:] }

        let checkout = try XCTUnwrap(step(using: "actions/checkout"))
        XCTAssertEqual(with(checkout)["fetch-depth"] as? Int, 0)
        let restore = try XCTUnwrap(step(using: "actions/cache/restore"))
        let save = try XCTUnwrap(step(using: "actions/cache/save"))
        XCTAssertEqual(with(restore)["path"] as? String, with(save)["path"] as? String)
        XCTAssertTrue((with(restore)["key"] as? String ?? "").contains("steps.belay.outputs.commit"))
        let build = try XCTUnwrap(steps.first { ($0["run"] as? String)?.contains("swift build") == true })
        XCTAssertTrue((build["run"] as? String ?? "").contains("swift build -c release --static-swift-stdlib"))
        XCTAssertEqual(build["if"] as? String, "steps.cache.outputs.cache-hit != 'true'")
        XCTAssertEqual(save["if"] as? String, "steps.cache.outputs.cache-hit != 'true'")
        let check = try XCTUnwrap(steps.first { ($0["run"] as? String)?.contains("docs/ci/belay-ci.sh") == true })
        let sarif = try XCTUnwrap((check["env"] as? [String: String])?["BELAY_SARIF"])
        XCTAssertEqual((check["env"] as? [String: String])?["BELAY"], with(restore)["path"].map { "\($0)/belay" })
        let upload = try XCTUnwrap(step(using: "github/codeql-action/upload-sarif"))
        XCTAssertEqual(with(upload)["sarif_file"] as? String, sarif)
        XCTAssertTrue((upload["if"] as? String ?? "").contains("!cancelled()"), "uploaded even when belay blocks")
        XCTAssertNil(check["continue-on-error"], "belay's exit code fails the job")

        for (index, item) in steps.enumerated() {
            guard let run = item["run"] as? String else { continue }
            let syntax = try repo.process("/bin/bash", ["-n", "-c", run])
            XCTAssertEqual(syntax.code, 0, "step \(index + 1): \(syntax.all)")
        }
        let script = try repo.process("/bin/bash", ["-n", Self.script])
        XCTAssertEqual(script.code, 0, script.all)
    }

    /// The workflow's own steps, run as Actions runs them: "Which belay" on a real checkout, and the build
    /// step with a `swift` on PATH that records its arguments and leaves a binary where SwiftPM would.
    func testWorkflowStepsNameTheCommitAndInstallTheBuiltBinary() throws {
        try requireTool("python3")
        let repo = try TestRepository()
        let dump = "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))"
        let parsed = try repo.process("python3", ["-c", dump, Self.workflow])
        if parsed.code != 0 && parsed.err.contains("No module named 'yaml'") && !isCI {
            throw XCTSkip("PyYAML is not installed (CI is unset, so this test may skip; .ci/run installs it)")
        }
        let job = try XCTUnwrap((try parseJSONObject(parsed.out)["jobs"] as? [String: Any])?["belay"] as? [String: Any])
        let steps = try XCTUnwrap(job["steps"] as? [[String: Any]])
        let which = try XCTUnwrap(steps.first { $0["id"] as? String == "belay" }?["run"] as? String)
        let build = try XCTUnwrap(steps.first { ($0["run"] as? String)?.contains("swift build") == true })

        let workspace = repo.root + "/workspace"
        let source = workspace + "/.belay/src"
        try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
        try repo.git("init", "-q", source, in: repo.root)
        try repo.git("commit", "-q", "--allow-empty", "-m", "belay", in: source)
        let commit = try repo.git("rev-parse", "HEAD", in: source)
        let output = repo.root + "/github-output"
        let named = try repo.process("/bin/bash", ["-e", "-c", which], in: workspace, env: ["GITHUB_OUTPUT": output])
        XCTAssertEqual(named.code, 0, named.all)
        XCTAssertEqual(try String(contentsOfFile: output, encoding: .utf8), "commit=\(commit)\n")

        let tools = repo.root + "/tools"
        try FileManager.default.createDirectory(atPath: tools, withIntermediateDirectories: true)
        let swift = """
            #!/bin/sh
            echo "$*" >> "\(repo.root)/swift.calls"
            case " $* " in *" --show-bin-path "*) echo "$PWD/.build/release"; exit 0 ;; esac
            mkdir -p .build/release
            printf '#!/bin/sh\\necho "belay 9.9.9"\\n' > .build/release/belay
            chmod +x .build/release/belay

            """
        FileManager.default.createFile(atPath: tools + "/swift", contents: Data(swift.utf8))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tools + "/swift")
        let directory = try XCTUnwrap(build["working-directory"] as? String)
        let built = try repo.process(
            "/bin/bash", ["-e", "-c", try XCTUnwrap(build["run"] as? String)], in: workspace + "/" + directory,
            env: ["PATH": tools + ":" + (repo.environment["PATH"] ?? "/usr/bin:/bin")])
        XCTAssertEqual(built.code, 0, built.all)
        XCTAssertEqual(built.out, "belay 9.9.9\n", "the step runs the installed binary")
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: workspace + "/.belay/bin/belay"))
        let calls = try String(contentsOfFile: repo.root + "/swift.calls", encoding: .utf8)
        XCTAssertTrue(calls.hasPrefix("build -c release --static-swift-stdlib\n"), calls)
    }
}
