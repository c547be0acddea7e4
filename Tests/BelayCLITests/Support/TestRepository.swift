import BelayCLI
import BelayCore
import Foundation
import XCTest

#if canImport(Glibc)
    import Glibc
#endif

/// What one belay run (in-process or the built binary) produced.
struct BelayResult {
    var code: Int32
    var out: String
    var err: String
    /// stdout and stderr together, for "the message says…" assertions.
    var all: String { out + err }
}

/// Collects what a ``Console`` writes.
private final class Capture: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func append(_ more: String) {
        lock.lock()
        text += more
        lock.unlock()
    }
    var value: String {
        lock.lock()
        defer { lock.unlock() }
        return text
    }
}

/// The built `belay` binary: `<package>/.build/debug/belay`, found from this file's path, or next to the
/// test bundle.
let belayBinary: String = {
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    let candidates = [
        URL(fileURLWithPath: Bundle.main.bundlePath).deletingLastPathComponent().appendingPathComponent("belay").path,
        Bundle.main.bundleURL.appendingPathComponent("belay").path,
        package.appendingPathComponent(".build/debug/belay").path,
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
}()

/// Whether the test run is CI, where no test may skip for a missing tool.
var isCI: Bool { ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "0" } ?? false }

/// Skips when `tool` is not on PATH, but only outside CI: under `CI=true` the test runs (and fails).
func requireTool(_ tool: String) throws {
    if resolveExecutable(tool, path: ProcessInfo.processInfo.environment["PATH"]) == nil && !isCI {
        throw XCTSkip("\(tool) is not installed (CI is unset, so this test may skip)")
    }
}

/// A real git repository in a fresh temporary directory, isolated from the user's and the system's
/// git configuration, with helpers to run belay in-process or as the built binary.
final class TestRepository {
    /// The temporary folder holding the repository (and siblings: worktrees, counters, copies).
    let root: String
    /// The repository's working tree.
    let path: String
    var environment: [String: String]

    init(initialize: Bool = true) throws {
        root =
            URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath().path
            + "/belay-e2e-\(UUID().uuidString.prefix(8))"
        path = root + "/repo"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let inherited = ProcessInfo.processInfo.environment
        environment = [
            "PATH": inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin", "HOME": root, "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": root + "/gitconfig", "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com", "TMPDIR": root, "NO_COLOR": "1",
        ]
        FileManager.default.createFile(atPath: root + "/gitconfig", contents: Data())
        if initialize { try git("init", "-q", "-b", "main") }
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    // MARK: git and files

    /// Runs git (never marked `BELAY_ACTIVE`, so real hooks run); throws when it fails.
    @discardableResult
    func git(_ arguments: String..., in directory: String? = nil, env: [String: String] = [:]) throws -> String {
        let outcome = try gitOutcome(arguments, in: directory, env: env)
        guard outcome.code == 0 else {
            throw BelayError.internal("git \(arguments) failed (\(outcome.code)): \(outcome.all)")
        }
        return outcome.out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs git and returns whatever happened.
    func gitOutcome(
        _ arguments: [String], in directory: String? = nil, env: [String: String] = [:], input: String? = nil
    ) throws -> BelayResult {
        try process("git", arguments, in: directory, env: env, input: input.map { Array($0.utf8) })
    }

    func process(
        _ executable: String, _ arguments: [String], in directory: String? = nil, env: [String: String] = [:],
        input: [UInt8]? = nil, timeout: Double = 180
    ) throws -> BelayResult {
        let request = ProcessRequest(
            executable: executable, arguments: arguments, environment: environment.merging(env) { $1 },
            workingDirectory: directory ?? path, standardInput: input, timeout: timeout, ownProcessGroup: true,
            marksChild: false)
        let outcome = try ProcessRunner().run(request)
        let code: Int32
        switch outcome.termination {
        case .exited(let status): code = status
        case .signalled(let signal): code = 128 + signal
        case .timedOut: code = -1
        }
        return BelayResult(
            code: code, out: String(decoding: outcome.standardOutput, as: UTF8.self),
            err: String(decoding: outcome.standardError, as: UTF8.self))
    }

    func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Array(text.utf8))
    }

    func write(_ relative: String, bytes: [UInt8]) throws {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
    }

    func read(_ relative: String) -> String? {
        FileManager.default.contents(atPath: path + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The staged content of `relative`.
    func staged(_ relative: String) throws -> String { try git("show", ":" + relative) }

    func commitAll(_ message: String = "commit") throws {
        try git("add", "-A")
        try git("commit", "-q", "--no-verify", "-m", message)
    }

    /// Writes `belay.json5`.
    func config(_ text: String) throws { try write("belay.json5", text) }

    /// A counter file outside the repository; `counterCommand(name)` appends one line to it.
    func counterPath(_ name: String) -> String { root + "/\(name).count" }
    func counterCommand(_ name: String) -> String { "echo x >> '\(counterPath(name))'" }
    func count(_ name: String) -> Int {
        (FileManager.default.contents(atPath: counterPath(name)).map { String(decoding: $0, as: UTF8.self) } ?? "")
            .split(separator: "\n").count
    }

    // MARK: belay

    /// Runs `BelayCLI.run` in-process in `directory` (default: the repository).
    func belay(
        _ arguments: String..., in directory: String? = nil, env: [String: String] = [:], stdin: String = ""
    ) -> BelayResult {
        belay(arguments, in: directory, env: env, stdin: stdin)
    }

    /// Runs `BelayCLI.run` in-process with an argument list built at run time.
    func belay(
        _ arguments: [String], in directory: String? = nil, env: [String: String] = [:], stdin: String = ""
    ) -> BelayResult {
        let out = Capture()
        let err = Capture()
        let input = Array(stdin.utf8)
        let console = Console(stdin: { input }, out: { out.append($0) }, err: { err.append($0) })
        let invocation = Invocation(
            environment: environment.merging(env) { $1 }, workingDirectory: directory ?? path, console: console,
            runner: ProcessRunner(), executablePath: belayBinary)
        let code = BelayCLI.run(arguments, invocation)
        return BelayResult(code: code, out: out.value, err: err.value)
    }

    /// Runs the built binary.
    func binary(
        _ arguments: String..., in directory: String? = nil, env: [String: String] = [:], stdin: String? = nil,
        executable: String = belayBinary
    ) throws -> BelayResult {
        try process(executable, arguments, in: directory, env: env, input: stdin.map { Array($0.utf8) })
    }

    /// A real `git commit` (hooks run) with `arguments` after `commit -q`.
    func commit(_ arguments: String..., env: [String: String] = [:]) throws -> BelayResult {
        try gitOutcome(["commit", "-q"] + arguments, env: env)
    }
}

/// Bytes and modification time of a file, for "untouched" assertions.
struct Fingerprint: Equatable {
    var bytes: [UInt8]
    var seconds: Int
    var nanoseconds: Int

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0, let data = FileManager.default.contents(atPath: path) else { return nil }
        bytes = [UInt8](data)
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
    }
}

/// Parses `text` as a JSON object, failing the test when it is not one.
func parseJSONObject(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
    return try XCTUnwrap(value as? [String: Any], "not a JSON object: \(text)", file: file, line: line)
}
