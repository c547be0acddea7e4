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
/// bounded to a few seconds.
final class DataSafetyFuzzTests: XCTestCase {
    func testRandomRepositoryStatesAndCommandsLoseNothing() throws {
        let environment = ProcessInfo.processInfo.environment
        let seed = environment["BELAY_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0x0B31_A7F0_2026
        let cases = environment["BELAY_FUZZ_CASES"].flatMap { Int($0) } ?? 12
        // A loaded machine runs fewer cases rather than a slow test; every case runs in full.
        let budget = environment["BELAY_FUZZ_CASES"] == nil ? 8.0 : .infinity
        let started = monotonicSeconds()
        for number in 0..<cases {
            if monotonicSeconds() - started > budget { break }
            var random = SplitMix64(seed: seed &+ UInt64(number))
            try runCase(&random, label: "seed \(seed &+ UInt64(number)) (BELAY_FUZZ_SEED=\(seed), case \(number))")
        }
    }

    // MARK: one case

    private static let names = [
        "a.py", "sub/b.py", "with space.txt", "ünï cødé.txt", "-dash.txt", "quote\"d 'x'.py", "sub/deep/c.js",
        "new\nline.txt", "run.sh", "sub/data.bin",
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

    private func runCase(_ random: inout SplitMix64, label: String) throws {
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
        try repo.commitAll("base")
        var steps: [String] = []

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
        ]
        for _ in 0..<2 {
            let command = pick(commands, &random)
            let directory = random.next() % 3 == 0 ? repo.path + "/sub" : repo.path
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try assertSafe(repo, command, in: directory, context: "\(label): \(steps.joined(separator: "; "))")
        }
    }

    private func assertSafe(_ repo: TestRepository, _ command: [String], in directory: String, context: String) throws {
        let where_ = directory == repo.path ? "" : " (from sub/)"
        let description = "belay \(command.joined(separator: " "))\(where_) after \(context)"
        let before = try State(repo)
        // The agent hook: a commit attempt or the end of a turn, from the current directory.
        let event =
            directory.hasSuffix("/sub")
            ? #"{"hook_event_name": "Stop", "cwd": "\#(directory)"}"#
            : #"{"hook_event_name": "PreToolUse", "cwd": "\#(directory)", "tool_name": "Bash", "tool_input": {"command": "git commit -m x"}}"#
        let input = command.first == "hook" ? Array(event.utf8) : nil
        let result = try repo.process(belayBinary, command, in: directory, input: input, timeout: 60)
        XCTAssertTrue((0...3).contains(result.code), "exit \(result.code): \(description)\n\(result.all)")
        XCTAssertFalse(result.all.contains("internal error"), "\(description)\n\(result.all)")
        let after = try State(repo)
        XCTAssertEqual(after.refs, before.refs, "refs changed: \(description)")
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
        staged = try repo.git("diff", "--cached", "--binary", "--no-ext-diff")
        let head =
            try repo.gitOutcome(["symbolic-ref", "-q", "HEAD"]).out + repo.gitOutcome(["rev-parse", "HEAD"]).out
        refs = try repo.git("for-each-ref", "--format=%(objectname) %(refname)") + "\nHEAD " + head
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
