import BelayCore
import Foundation
import XCTest

@testable import BelayGit

/// A real git repository in a fresh temporary directory, isolated from the user's git configuration.
final class TestRepository {
    let path: String
    let environment: [String: String]
    private let root: String

    init(file: StaticString = #filePath, line: UInt = #line) throws {
        root = NSTemporaryDirectory() + "belay-git-\(UUID().uuidString)"
        path = root + "/repo"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let inherited = ProcessInfo.processInfo.environment
        environment = [
            "PATH": inherited["PATH"] ?? "/usr/bin:/bin", "HOME": root, "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
            "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com",
        ]
        try git("init", "-q", "-b", "main")
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    /// A sibling directory under the same temporary root (for worktrees, other repositories).
    func sibling(_ name: String) -> String { root + "/" + name }

    func handle(_ overrides: [String: String] = [:], directory: String? = nil) -> Git {
        Git(runner: ProcessRunner(), environment: environment.merging(overrides) { $1 }, directory: directory ?? path)
    }

    func discover(_ overrides: [String: String] = [:], directory: String? = nil) throws -> Repository {
        try Repository.discover(git: handle(overrides, directory: directory))
    }

    @discardableResult
    func git(_ arguments: String..., in directory: String? = nil, input: String? = nil) throws -> String {
        let request = ProcessRequest(
            executable: "git", arguments: arguments, environment: environment, workingDirectory: directory ?? path,
            standardInput: input.map { Array($0.utf8) })
        let outcome = try ProcessRunner().run(request)
        let output = String(decoding: outcome.standardOutput, as: UTF8.self)
        guard outcome.succeeded else {
            throw BelayError.internal(
                "git \(arguments) failed: \(String(decoding: outcome.standardError, as: UTF8.self))")
        }
        return output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Outcome of a git call that may fail.
    func gitOutcome(_ arguments: String...) throws -> ProcessOutcome {
        try ProcessRunner().run(
            ProcessRequest(executable: "git", arguments: arguments, environment: environment, workingDirectory: path))
    }

    func write(_ relative: String, _ text: String, in directory: String? = nil) throws {
        try write(relative, bytes: Array(text.utf8), in: directory)
    }

    func write(_ relative: String, bytes: [UInt8], in directory: String? = nil) throws {
        let full = (directory ?? path) + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: full))
    }

    func read(_ relative: String, in directory: String? = nil) -> [UInt8]? {
        FileManager.default.contents(atPath: (directory ?? path) + "/" + relative).map { [UInt8]($0) }
    }

    func commitAll(_ message: String = "commit") throws {
        try git("add", "-A")
        try git("commit", "-q", "-m", message)
    }
}

/// Bytes and modification time of a file, for "untouched" assertions.
func fingerprint(_ path: String) -> (bytes: [UInt8], mtime: Int, nanoseconds: Int)? {
    var info = stat()
    guard stat(path, &info) == 0, let data = FileManager.default.contents(atPath: path) else { return nil }
    return ([UInt8](data), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec))
}
