// BelayGit: everything belay asks of git — repository discovery, staged and committed changes as
// values, batched blob reads, pre-push input, and the staged snapshot in which checks run. Every git
// call goes through BelayCore's `ProcessRunning` seam; name lists always use `-z`; parsers are pure.

import BelayCore
import Foundation

/// A handle on the `git` executable for one directory, with the environment its children inherit
/// (including `GIT_INDEX_FILE`, `GIT_DIR` and `GIT_WORK_TREE` when belay runs inside a hook).
public struct Git: Sendable {
    /// The process seam every git call goes through.
    public let runner: any ProcessRunning
    /// The environment children inherit; `GIT_OPTIONAL_LOCKS=0` and `LC_ALL=C` are added.
    public let environment: [String: String]
    /// The working directory of every git call: the top level once ``rooted(at:)`` (git's path lists
    /// are relative to, and limited to, the directory git runs in).
    public let directory: String
    /// The directory belay was started in. Only paths the user typed (`--files`, `--include`) are
    /// relative to it; everything belay reads from git is relative to the top level.
    public let invocationDirectory: String

    /// The id of the empty tree (SHA-1 repositories).
    public static let emptyTree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"

    /// Creates a handle; nothing runs until a method is called.
    public init(runner: any ProcessRunning, environment: [String: String], directory: String) {
        var environment = environment
        environment["GIT_OPTIONAL_LOCKS"] = "0"
        environment["LC_ALL"] = "C"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        self.runner = runner
        self.environment = environment
        self.directory = directory
        self.invocationDirectory = directory
    }

    private init(_ git: Git, directory: String, environment: [String: String]) {
        self.runner = git.runner
        self.environment = environment
        self.directory = directory
        self.invocationDirectory = git.invocationDirectory
    }

    /// This handle, running git from the top level of `repository`. `ls-files`, `ls-files --others` and
    /// `diff-files --name-only` print paths relative to, and limited to, the current directory: from a
    /// subdirectory they would judge only that folder. Relative `GIT_DIR`, `GIT_WORK_TREE` and
    /// `GIT_INDEX_FILE` (hooks may set them) are replaced by the absolute paths discovery found.
    public func rooted(at repository: Repository) -> Git {
        var environment = environment
        if environment["GIT_DIR"] != nil { environment["GIT_DIR"] = repository.gitDirectory }
        if environment["GIT_WORK_TREE"] != nil { environment["GIT_WORK_TREE"] = repository.topLevel }
        if environment["GIT_INDEX_FILE"] != nil { environment["GIT_INDEX_FILE"] = repository.indexFile }
        environment["GIT_PREFIX"] = nil
        return Git(self, directory: repository.topLevel, environment: environment)
    }

    /// Runs git with `arguments` and returns its standard output; throws ``BelayError/internal(_:)``
    /// with git's stderr when it does not exit 0.
    @discardableResult
    public func run(
        _ arguments: [String], input: [UInt8]? = nil, overriding overrides: [String: String] = [:]
    ) throws(BelayError) -> [UInt8] {
        let outcome = try outcome(arguments, input: input, overriding: overrides)
        guard outcome.succeeded else {
            throw .internal(Self.failureMessage(arguments, outcome))
        }
        return outcome.standardOutput
    }

    /// Runs git and returns the whole outcome, whatever the exit status. `overrides` replace entries of
    /// ``environment``; an empty value removes the variable.
    public func outcome(
        _ arguments: [String], input: [UInt8]? = nil, overriding overrides: [String: String] = [:]
    ) throws(BelayError) -> ProcessOutcome {
        var environment = environment
        for (key, value) in overrides {
            environment[key] = value.isEmpty ? nil : value
        }
        let request = ProcessRequest(
            executable: "git", arguments: arguments, environment: environment, workingDirectory: directory,
            standardInput: input)
        return try runner.run(request)
    }

    static func failureMessage(_ arguments: [String], _ outcome: ProcessOutcome) -> String {
        let stderr = String(decoding: outcome.standardError, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let command = (["git"] + arguments.prefix(4)).joined(separator: " ")
        return "'\(command)' failed (\(outcome.termination)): \(stderr)"
    }

    /// The full object id `revision` names (`HEAD`, `main~2`, `HEAD:path`), or `nil` when it names nothing.
    public func revParse(_ revision: String) throws(BelayError) -> String? {
        let outcome = try outcome(GitArguments.revParseVerify + [revision])
        guard outcome.succeeded else { return nil }
        let id = String(decoding: outcome.standardOutput, as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return id.isEmpty ? nil : id
    }

    /// Reads objects through one `git cat-file --batch` process. Ids that do not exist are absent from
    /// the result; the keys are the ids (or `rev:path` names) as given.
    public func readBlobs(_ ids: [String]) throws(BelayError) -> [String: [UInt8]] {
        let unique = Array(Set(ids)).filter { !$0.isEmpty && !$0.contains("\n") }
        guard !unique.isEmpty else { return [:] }
        let input = Array(unique.joined(separator: "\n").utf8) + [0x0A]
        let output = try run(GitArguments.catFileBatch, input: input)
        return try parseCatFileBatch(output, requested: unique)
    }

    /// The bytes of `path` at `rev` (e.g. `HEAD`, `:0` for the index), or `nil` when absent.
    public func showFile(rev: String, path: String) throws(BelayError) -> [UInt8]? {
        let name = "\(rev):\(path)"
        if path.contains("\n") {
            let outcome = try outcome(GitArguments.catFileBlob + [name])
            return outcome.succeeded ? outcome.standardOutput : nil
        }
        return try readBlobs([name])[name]
    }
}

/// Parses `git cat-file --batch` output for `requested` names, in order.
func parseCatFileBatch(_ output: [UInt8], requested: [String]) throws(BelayError) -> [String: [UInt8]] {
    var result: [String: [UInt8]] = [:]
    var position = 0
    for name in requested {
        guard let newline = output[position...].firstIndex(of: 0x0A) else {
            throw .internal("git cat-file --batch: output ended early at '\(name)'")
        }
        let header = String(decoding: output[position..<newline], as: UTF8.self)
        position = newline + 1
        let fields = header.split(separator: " ")
        if fields.count == 3, let size = Int(fields[2]) {
            guard position + size <= output.count else {
                throw .internal("git cat-file --batch: object '\(name)' is truncated")
            }
            result[name] = Array(output[position..<position + size])
            position += size + 1  // contents are followed by a newline
        } else if header.hasSuffix(" missing") || header.hasSuffix(" ambiguous") {
            continue
        } else {
            throw .internal("git cat-file --batch: unexpected header '\(header)'")
        }
    }
    return result
}
