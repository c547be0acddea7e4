import BelayCore
import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// A seeded fuzz test of belay's data-safety promise: random small repository states (partial staging,
/// untracked and ignored files, deletions, mode changes, CRLF, odd names, intent-to-add, a merge in
/// progress, a subdirectory as the current directory) and random commands. Whatever happens, the
/// working tree, the index and every ref are unchanged — except that `--fix` may change staged content,
/// and then no unstaged edit is lost — and belay exits 0…3 in bounded time, without an internal error.
///
/// Deterministic: `BELAY_FUZZ_SEED` and `BELAY_FUZZ_CASES` reproduce or extend a run; the default is
/// bounded (48 cases, about 10 s; `bench/fuzz.sh` runs thousands).
final class DataSafetyFuzzTests: XCTestCase {
    func testRandomRepositoryStatesAndCommandsLoseNothing() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["BELAY_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x0B31_A7F0_2026
        let cases = environment["BELAY_FUZZ_CASES"].flatMap { Int($0) } ?? 48
        // A loaded machine runs fewer cases rather than a slow test; every case runs in full.
        let budget = environment["BELAY_FUZZ_CASES"] == nil ? 40.0 : .infinity
        let started = monotonicSeconds()
        var ran = 0
        var failed = 0
        for number in 0..<cases {
            if monotonicSeconds() - started > budget { break }
            var random = SplitMix64(seed: seed &+ UInt64(number))
            let failuresBefore = testRun?.totalFailureCount ?? 0
            try runCase(
                &random, number: number,
                label: "seed \(seed &+ UInt64(number)) (BELAY_FUZZ_SEED=\(seed), case \(number))")
            ran += 1
            if (testRun?.totalFailureCount ?? 0) > failuresBefore { failed += 1 }
        }
        print("fuzz: cases \(ran), failed cases \(failed), seed \(seed)")
        for (kind, count) in states.sorted(by: { $0.key < $1.key }) { print("fuzz: state \(kind) \(count)") }
        for (kind, count) in commandKinds.sorted(by: { $0.key < $1.key }) { print("fuzz: command \(kind) \(count)") }
    }

    private var states: [String: Int] = [:]
    private var commandKinds: [String: Int] = [:]

    // MARK: one case

    private static let names = [
        "a.py", "sub/b.py", "with space.txt", "ünï cødé.txt", "-dash.txt", "quote\"d 'x'.py", "sub/deep/c.js",
        "new\nline.txt", "run.sh", "sub/data.bin",
    ]
    private static let stepKinds = [
        "stage", "edit", "delete", "unstage", "chmod", "untracked", "ignored", "git mv", "git rm", "symlink",
        "partially stage", "conflicted merge", "clean merge", "submodule", "linked worktree", "binary file",
    ]
    private static let lines = [
        "x = 1", "def old_name(a, b):", "    return a", "old_name(1, 2)", "y = 2   ", "", "z = old_name",
        "const oldName = 1;", "<<<<<<< HEAD", "\t", "print('hi')",
    ]

    private func content(_ random: inout SplitMix64, name: String) -> [UInt8] {
        if name.hasSuffix(".bin") {
            return [0, 1, 2, 0x20, 0x0A, 0xFF] + Array(random.next() % 5 == 0 ? [0x0D, 0x0A] : [])
        }
        let ending = random.next() % 4 == 0 ? "\r\n" : "\n"
        let count = 1 + Int(random.next() % 4)
        var text = ""
        for _ in 0..<count {
            text += Self.lines[Int(random.next() % UInt64(Self.lines.count))]
            text += random.next() % 10 == 0 ? (ending == "\n" ? "\r\n" : "\n") : ending
        }
        if random.next() % 8 == 0 { text.removeLast() }
        return Array(text.utf8)
    }

    private func pick<T>(_ items: [T], _ random: inout SplitMix64) -> T {
        items[Int(random.next() % UInt64(items.count))]
    }

    private func runCase(_ random: inout SplitMix64, number: Int, label: String) throws {
        let repo = try TestRepository()
        try repo.config(
            """
            { checks: [
              { name: "writes", run: "echo w > written-by-check.txt; rm -f a.py sub/b.py; mkdir -p __pycache__", cache: false },
              { name: "ws", run: "true", files: ["*.py", "*.txt"], fix: "sed -i 's/  *$//' {files}", cache: false },
              { name: "exec", run: "true", files: ["*.sh"], fix: "chmod +x {files}", cache: false },
            ] }

            """)
        try repo.write(".gitignore", "*.log\nnode_modules/\n")
        try repo.write("sub/keep.txt", "keep\n")
        if random.next() % 4 == 0 { try repo.git("config", "core.autocrlf", "true") }
        if random.next() % 5 == 0 { try repo.write(".gitattributes", "*.txt text eol=crlf\n") }
        for name in Self.names where random.next() % 3 != 0 {
            try repo.write(name, bytes: content(&random, name: name))
        }
        if random.next() % 3 == 0 {
            try repo.write(
                "blob.png", bytes: (0..<(64 + Int(random.next() % 64))).map { _ in UInt8(random.next() % 256) })
        }
        try repo.commitAll("base")
        var steps: [String] = []
        if random.next() % 4 == 0 {
            // A submodule: a second repository, committed in the parent, sometimes dirty inside.
            let source = repo.root + "/submodule-source"
            try FileManager.default.createDirectory(atPath: source, withIntermediateDirectories: true)
            try repo.git("init", "-q", "-b", "main", in: source)
            try Data("inner = 1\n".utf8).write(to: URL(fileURLWithPath: source + "/inner.py"))
            try repo.git("add", "-A", in: source)
            try repo.git("commit", "-q", "-m", "inner", in: source)
            try repo.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", source, "sm")
            try repo.git("commit", "-q", "--no-verify", "-m", "submodule")
            if random.next() % 2 == 0 { try repo.write("sm/inner.py", "inner = 2   \n") }
            steps.append("submodule")
        }
        if random.next() % 4 == 0 {
            // A linked worktree on its own branch, with its own partial staging.
            try repo.git("worktree", "add", "-q", "-b", "wt", repo.root + "/wt")
            try Data("x = 'wt'\n".utf8).write(to: URL(fileURLWithPath: repo.root + "/wt/wt.py"))
            try repo.git("add", "wt.py", in: repo.root + "/wt")
            try Data("x = 'wt'   \n".utf8).write(to: URL(fileURLWithPath: repo.root + "/wt/wt.py"))
            steps.append("linked worktree")
        }
        if FileManager.default.fileExists(atPath: repo.path + "/blob.png") {
            if random.next() % 2 == 0 {
                try repo.write("blob.png", bytes: (0..<64).map { _ in UInt8(random.next() % 256) })
                if random.next() % 2 == 0 { _ = try repo.gitOutcome(["add", "--", "blob.png"]) }
            }
            steps.append("binary file")
        }

        if random.next() % 5 == 0 {
            // A merge in progress, conflicted or not.
            try repo.git("checkout", "-q", "-b", "other")
            try repo.write("a.py", "x = 'other'\n")
            try repo.commitAll("other")
            try repo.git("checkout", "-q", "main")
            let conflict = random.next() % 2 == 0
            try repo.write(conflict ? "a.py" : "sub/keep.txt", "x = 'main'\n")
            try repo.commitAll("main")
            _ = try repo.gitOutcome(["merge", "--no-commit", "--no-ff", "--no-verify", "other"])
            steps.append(conflict ? "conflicted merge" : "clean merge in progress")
        }
        for _ in 0..<(2 + Int(random.next() % 6)) {
            let name = pick(Self.names, &random)
            let full = repo.path + "/" + name
            switch random.next() % 12 {
            case 0, 1:
                try repo.write(name, bytes: content(&random, name: name))
                _ = try repo.gitOutcome(["add", "--", name])
                steps.append("stage \(name)")
            case 2:
                try repo.write(name, bytes: content(&random, name: name))
                steps.append("edit \(name)")
            case 3:
                try? FileManager.default.removeItem(atPath: full)
                steps.append("delete \(name)")
            case 4:
                _ = try repo.gitOutcome(["rm", "-q", "--cached", "--", name])
                steps.append("unstage \(name)")
            case 5:
                if FileManager.default.fileExists(atPath: full) {
                    _ = chmod(full, 0o755)
                    if random.next() % 2 == 0 { _ = try repo.gitOutcome(["add", "--", name]) }
                    steps.append("chmod +x \(name)")
                }
            case 6:
                let new = "new \(random.next() % 100).py"
                try repo.write(new, bytes: content(&random, name: new))
                if random.next() % 2 == 0 { _ = try repo.gitOutcome(["add", "-N", "--", new]) }
                steps.append("untracked \(new)")
            case 7:
                try repo.write("debug.log", "ignored   \n")
                try repo.write("node_modules/x/index.js", "module.exports = 1\n")
                steps.append("ignored files")
            case 9:
                _ = try repo.gitOutcome(["mv", "-k", "--", name, "moved \(name.split(separator: "/").last ?? "")"])
                steps.append("git mv \(name)")
            case 10:
                _ = try repo.gitOutcome(["rm", "-q", "-r", "--ignore-unmatch", "--", name])
                steps.append("git rm \(name)")
            case 11:
                try? FileManager.default.removeItem(atPath: repo.path + "/link.txt")
                _ = symlink(name, repo.path + "/link.txt")
                if random.next() % 2 == 0 { _ = try repo.gitOutcome(["add", "--", "link.txt"]) }
                steps.append("symlink to \(name)")
            default:
                try repo.write(name, bytes: content(&random, name: name))
                _ = try repo.gitOutcome(["add", "--", name])
                try repo.write(name, bytes: content(&random, name: name) + Array("unstaged = 2\n".utf8))
                steps.append("partially stage \(name)")
            }
        }
        let commands: [[String]] = [
            ["check"], ["check", "--working"], ["check", "--fix"], ["check", "--all"], ["check", "--no-checks"],
            ["rename-audit", "old_name", "new_name"], ["check", "--fix", "--files", "a.py"], ["hook", "claude"],
            ["hook", "pre-commit"], ["hook", "pre-push"],
            [
                "run", "--", "sh", "-c",
                "cd \"$(git rev-parse --show-toplevel)\" && printf 'agent = 1\\n' > agent-edit.py",
            ],
            [
                "run", "--", "sh", "-c",
                "cd \"$(git rev-parse --show-toplevel)\" && printf 'agent = 2\\n' > agent-commit.py && git add agent-commit.py"
                    + " && git commit -q -m agent -- agent-commit.py; true",
            ],
        ]
        for step in steps {
            let kind = Self.stepKinds.first { step.hasPrefix($0) } ?? step
            states[kind, default: 0] += 1
        }
        for turn in 0..<2 {
            // The first command rotates through every kind, so that a short run covers them all.
            let command = turn == 0 ? commands[number % commands.count] : pick(commands, &random)
            var kind = command.prefix(2).joined(separator: " ")
            if command.first == "run" {
                kind = command.last!.contains("commit") ? "run (agent commits)" : "run (agent edits)"
            }
            commandKinds[kind, default: 0] += 1
            let inWorktree = FileManager.default.fileExists(atPath: repo.root + "/wt") && random.next() % 3 == 0
            let directory =
                inWorktree && command.first != "run"
                ? repo.root + "/wt" : random.next() % 3 == 0 ? repo.path + "/sub" : repo.path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try assertSafe(repo, command, in: directory, context: "\(label): \(steps.joined(separator: "; "))")
        }
    }

    private func assertSafe(_ repo: TestRepository, _ command: [String], in directory: String, context: String) throws {
        let where_ = directory == repo.path ? "" : " (from sub/)"
        let description = "belay \(command.joined(separator: " "))\(where_) after \(context)"
        var before = try State(repo)
        // The agent hook: a commit attempt or the end of a turn, from the current directory.
        let event =
            directory.hasSuffix("/sub")
            ? #"{"hook_event_name": "Stop", "cwd": "\#(directory)"}"#
            : #"{"hook_event_name": "PreToolUse", "cwd": "\#(directory)", "tool_name": "Bash", "tool_input": {"command": "git commit -m x"}}"#
        var input = command.first == "hook" ? Array(event.utf8) : nil
        if command == ["hook", "pre-commit"] { input = [] }
        if command == ["hook", "pre-push"] {
            // What git gives the hook: a push of the current branch to a bare remote that lacks it.
            let remote = repo.root + "/remote.git"
            if !FileManager.default.fileExists(atPath: remote) {
                try repo.git("init", "-q", "--bare", remote)
                try repo.git("remote", "add", "origin", remote)
            }
            let head = try repo.git("rev-parse", "HEAD", in: directory)
            let branch = try repo.git("symbolic-ref", "HEAD", in: directory)
            input = Array("\(branch) \(head) \(branch) \(String(repeating: "0", count: 40))\n".utf8)
        }
        let result = try repo.process(belayBinary, command, in: directory, input: input, timeout: 60)
        XCTAssertTrue((0...3).contains(result.code), "exit \(result.code): \(description)\n\(result.all)")
        XCTAssertFalse(result.all.contains("internal error"), "\(description)\n\(result.all)")
        var after = try State(repo)
        if command.first == "run" {
            // The agent's own work is kept: its file in the working tree (and, when it committed, in the index
            // and on the branch, as one commit on top of the old HEAD); nothing else changed.
            let file = command.last!.contains("commit") ? "agent-commit.py" : "agent-edit.py"
            XCTAssertEqual(
                after.files.removeValue(forKey: file),
                "- \(Array("agent = \(file == "agent-edit.py" ? 1 : 2)\n".utf8))",
                "the agent's edit is gone: \(description)\n\(result.all)")
            before.files[file] = nil  // a second run in the same case: the first one's file is no loss
            for index in [\State.index] {
                after[keyPath: index] = after[keyPath: index].split(separator: "\0")
                    .filter { !$0.hasSuffix("\t" + file) }.map { $0 + "\0" }.joined()
                before[keyPath: index] = before[keyPath: index].split(separator: "\0")
                    .filter { !$0.hasSuffix("\t" + file) }.map { $0 + "\0" }.joined()
            }
            after.untracked.remove(file)
            before.untracked.remove(file)
            if after.refs != before.refs {
                let head = try repo.git("rev-parse", "HEAD")
                XCTAssertEqual(try repo.git("rev-parse", "HEAD^"), before.head, "not one commit: \(description)")
                XCTAssertEqual(
                    try repo.git("diff-tree", "-r", "--name-only", "HEAD^", "HEAD"), file,
                    "the agent's commit holds more: \(description)")
                XCTAssertEqual(
                    after.refs.replacingOccurrences(of: head, with: before.head), before.refs,
                    "refs other than the agent's branch changed: \(description)")
                after.refs = before.refs
            }
        }
        XCTAssertEqual(after.refs, before.refs, "refs changed: \(description)")
        XCTAssertEqual(after.others, before.others, "the linked worktree or the submodule changed: \(description)")
        guard command.contains("--fix") else {
            let changed = Set(before.files.keys).union(after.files.keys).filter { before.files[$0] != after.files[$0] }
            XCTAssertTrue(
                changed.isEmpty, "the working tree changed (\(changed.sorted())): \(description)\n\(result.all)")
            XCTAssertEqual(after.index, before.index, "the index changed: \(description)\n\(result.all)")
            XCTAssertEqual(after.staged, before.staged, "the staged diff changed: \(description)")
            return
        }
        // --fix may change staged files whose working copy equals the staged copy, in both places alike.
        for path in before.unstaged.union(before.untracked) {
            XCTAssertEqual(after.files[path], before.files[path], "\(path) lost its unstaged edit: \(description)")
        }
        for path in before.unstaged {
            XCTAssertEqual(after.indexEntry(path), before.indexEntry(path), "\(path) restaged: \(description)")
        }
        XCTAssertTrue(
            after.unstaged.isSubset(of: before.unstaged),
            "the fix left \(after.unstaged.subtracting(before.unstaged).sorted()) differing: \(description)\n\(result.all)"
        )
    }
}

/// Everything the fuzz test promises to keep: file bytes and executable bits, the index, the refs.
private struct State {
    var files: [String: String] = [:]
    var index: String
    var staged: String
    var refs: String
    var head: String
    var others: String
    /// Tracked paths whose working copy differs from the index (git's own comparison, filters applied).
    var unstaged: Set<String>
    var untracked: Set<String>

    init(_ repo: TestRepository) throws {
        let manager = FileManager.default
        if let walker = manager.enumerator(atPath: repo.path) {
            while let relative = walker.nextObject() as? String {
                if relative == ".git" {
                    walker.skipDescendants()
                    continue
                }
                let full = repo.path + "/" + relative
                var info = stat()
                guard lstat(full, &info) == 0 else { continue }
                if info.st_mode & S_IFMT == S_IFLNK {
                    files[relative] = "link " + ((try? manager.destinationOfSymbolicLink(atPath: full)) ?? "?")
                    continue
                }
                guard info.st_mode & S_IFMT == S_IFREG, let data = manager.contents(atPath: full) else { continue }
                files[relative] = "\(info.st_mode & 0o111 != 0 ? "x" : "-") \(Array(data))"
            }
        }
        index = try repo.git("ls-files", "-s", "-z")
        // The agent's own file (`run`) is asserted on its own.
        staged = try repo.git(
            "diff", "--cached", "--binary", "--no-ext-diff", "--", ".", ":(exclude)agent-commit.py",
            ":(exclude)agent-edit.py")
        let head =
            try repo.gitOutcome(["symbolic-ref", "-q", "HEAD"]).out + repo.gitOutcome(["rev-parse", "HEAD"]).out
        refs = try repo.git("for-each-ref", "--format=%(objectname) %(refname)") + "\nHEAD " + head
        self.head = try repo.gitOutcome(["rev-parse", "HEAD"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        // The linked worktree's and the submodule's files, index and refs (the walk above includes sm/).
        var others = ""
        for directory in [repo.root + "/wt", repo.path + "/sm"] where manager.fileExists(atPath: directory) {
            others += try repo.git("ls-files", "-s", "-z", in: directory)
            others += try repo.git(
                "status", "--porcelain=v2", "-z", "--untracked-files=all", "--ignored", in: directory)
            others += try repo.git("for-each-ref", "--format=%(objectname) %(refname)", in: directory)
            others += try repo.git("rev-parse", "HEAD", in: directory)
            for file in try repo.git("ls-files", "-z", "--cached", "--others", in: directory).split(separator: "\0") {
                others += "\(file) \(manager.contents(atPath: directory + "/" + file).map { Array($0) } ?? [])"
            }
        }
        self.others = others
        unstaged = Set(try repo.git("diff", "--name-only", "-z").split(separator: "\0").map(String.init))
        untracked = Set(try repo.git("ls-files", "-z", "--others").split(separator: "\0").map(String.init))
    }

    func indexEntry(_ path: String) -> [Substring] {
        index.split(separator: "\0").filter { $0.hasSuffix("\t" + path) }
    }
}

/// A small, fast, seedable generator (SplitMix64): the same seed gives the same repositories.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
