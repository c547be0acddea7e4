import BelayCore
import BelayGit
import Foundation

/// The files and environment that force the gate on for every commit an agent makes in a session:
/// a hooks directory selected through git's environment configuration (so the repository's own hook
/// setup does not matter), a `git` shim first on `PATH`, and the session id.
public struct SessionSetup: Sendable {
    /// `<git dir>/belay/sessions/<id>`.
    public let directory: String
    public let id: String
    /// The real git, resolved before the shim goes on `PATH`.
    public let realGit: String
    /// The hooks directory git used before the session (`core.hooksPath` or `.git/hooks`).
    public let originalHooks: String
    /// Absolute path of the belay binary.
    public let belayPath: String

    /// Hooks the session serves with the gate; every other hook of the repository is forwarded as is.
    static let gatedHooks: [String: String] = [
        "pre-commit": "pre-commit", "pre-merge-commit": "pre-commit", "pre-push": "pre-push",
    ]
    /// Hooks git knows, forwarded to the repository's own when it has them.
    static let forwardedHooks = [
        "applypatch-msg", "pre-applypatch", "post-applypatch", "prepare-commit-msg", "commit-msg", "post-commit",
        "pre-rebase", "post-checkout", "post-merge", "pre-auto-gc", "post-rewrite", "reference-transaction",
        "push-to-checkout", "sendemail-validate", "post-index-change",
    ]

    public var hooksDirectory: String { directory + "/hooks" }
    public var binDirectory: String { directory + "/bin" }
    /// The trees of the commits the session's hook passed, one per line.
    public var passedTreesFile: String { directory + "/passed-trees" }
    public var feedbackFile: String { directory + "/feedback.md" }

    /// Describes a session; ``create()`` writes it.
    public init(directory: String, id: String, realGit: String, originalHooks: String, belayPath: String) {
        self.directory = directory
        self.id = id
        self.realGit = realGit
        self.originalHooks = originalHooks
        self.belayPath = belayPath
    }

    /// A new, sortable session id: UTC time and a random suffix.
    public static func newID(now: Date = Date()) -> String {
        let suffix = String(UInt32.random(in: 0..<0x10000), radix: 16)
        let milliseconds = Int(now.timeIntervalSince1970 * 1000) % 1000
        let stamp = utcTimestamp(now, format: "%Y%m%d-%H%M%S") + "." + String(format: "%03d", milliseconds)
        return stamp + "-" + String(repeating: "0", count: 4 - suffix.count) + suffix
    }

    /// Writes the hooks directory and the `git` shim.
    public func create() throws(BelayError) {
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: hooksDirectory, withIntermediateDirectories: true)
            try files.createDirectory(atPath: binDirectory, withIntermediateDirectories: true)
            for (hook, gate) in Self.gatedHooks {
                try write(gatedScript(hook: hook, gate: gate), to: "\(hooksDirectory)/\(hook)")
            }
            let present = Set((try? files.contentsOfDirectory(atPath: originalHooks)) ?? [])
            for hook in Self.forwardedHooks
            where present.contains(hook) && files.isExecutableFile(atPath: original(hook)) {
                try write(forwardingScript(hook: hook), to: "\(hooksDirectory)/\(hook)")
            }
            try? files.removeItem(atPath: binDirectory + "/git")
            try files.createSymbolicLink(atPath: binDirectory + "/git", withDestinationPath: belayPath)
            _ = writePlainFile(passedTreesFile, [])  // no fsync for an empty scratch file
        } catch let error as BelayError {
            throw error
        } catch {
            throw .internal("cannot set up the session in \(directory): \(error.localizedDescription)")
        }
    }

    /// The agent's environment: shim first on `PATH`, session hooks through `GIT_CONFIG_*`, the session id.
    public func environment(from base: [String: String]) -> [String: String] {
        var environment = base
        environment["PATH"] = binDirectory + (base["PATH"].map { ":" + $0 } ?? "")
        environment["BELAY_SESSION"] = id
        environment["BELAY_SESSION_DIR"] = directory
        environment["BELAY_REAL_GIT"] = realGit
        environment["BELAY_ACTIVE"] = nil
        let count = Int(base["GIT_CONFIG_COUNT"] ?? "") ?? 0
        environment["GIT_CONFIG_KEY_\(count)"] = "core.hooksPath"
        environment["GIT_CONFIG_VALUE_\(count)"] = hooksDirectory
        environment["GIT_CONFIG_COUNT"] = String(count + 1)
        return environment
    }

    /// The repository's own hook, as it ran before the session. A hook `belay install` wrote would run the
    /// gate a second time, so the hook it chains is run instead.
    func original(_ hook: String) -> String {
        let path = "\(originalHooks)/\(hook)"
        if let data = FileManager.default.contents(atPath: path),
            String(decoding: data, as: UTF8.self).contains(HookInstaller.marker)
        {
            return "\(originalHooks)/\(hook).belay-chained"
        }
        return path
    }

    func gatedScript(hook: String, gate: String) -> String {
        let readsStdin = hook == "pre-push"
        let feed = readsStdin ? "printf '%s\\n' \"$input\" | " : ""
        var lines = [
            "#!/bin/sh",
            "# belay session \(id): runs the repository's own \(hook) hook, then the gate.",
            "BELAY=\(shellQuote(belayPath))",
        ]
        if readsStdin { lines.append("input=$(cat)") }
        lines += [
            "original=\(shellQuote(original(hook)))",
            "if [ -x \"$original\" ]; then",
            "    \(feed)\"$original\" \"$@\" || exit $?",
            "fi",
            "BELAY_SESSION=\(shellQuote(id)) BELAY_SESSION_DIR=\(shellQuote(directory))",
            "export BELAY_SESSION BELAY_SESSION_DIR",
            "\(feed)exec \"$BELAY\" hook \(gate) \"$@\"",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    func forwardingScript(hook: String) -> String {
        "#!/bin/sh\n# belay session \(id): the repository's own \(hook) hook.\nexec \(shellQuote(original(hook))) \"$@\"\n"
    }

    private func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        chmod(path, 0o755)
    }
}

/// Records the tree of a commit the gate passed in a session, so the audit knows it went through the hook.
public func recordPassedTree(_ tree: String, sessionDirectory: String) {
    let path = sessionDirectory + "/passed-trees"
    guard let handle = FileHandle(forWritingAtPath: path) else { return }
    handle.seekToEndOfFile()
    handle.write(Data((tree + "\n").utf8))
    try? handle.close()
}

func shellQuote(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
}

/// `text` as one shell word: as it is when it holds nothing the shell would interpret, else single-quoted.
func shellWord(_ text: String) -> String {
    let plain = !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || "/._-+@%:,=".contains($0) }
    return plain ? text : shellQuote(text)
}

/// `date` in UTC with a `strftime` format (cheaper than Foundation's formatters, which load ICU).
func utcTimestamp(_ date: Date, format: String = "%Y-%m-%dT%H:%M:%SZ") -> String {
    var seconds = time_t(date.timeIntervalSince1970)
    var parts = tm()
    gmtime_r(&seconds, &parts)
    var buffer = [CChar](repeating: 0, count: 64)
    let count = strftime(&buffer, buffer.count, format, &parts)
    return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
