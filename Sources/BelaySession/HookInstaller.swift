// BelaySession: the ways into belay around the gate — wrapped agent sessions and agent hooks, hook
// installation, `init`, `doctor` and the demo. The gate itself is BelayGate.
import BelayCore
import Foundation

/// Installs and removes belay's git hooks in one hooks directory. An existing hook is never lost:
/// it is chained (run first) or, with `force`, set aside; `uninstall` puts it back.
public struct HookInstaller: Sendable {
    /// The hooks directory git really uses (`git rev-parse --git-path hooks`).
    public let hooksDirectory: String
    /// Absolute path of the belay binary the hooks call.
    public let belayPath: String

    /// The hooks belay installs by default.
    public static let defaultHooks = ["pre-commit", "pre-push"]
    /// The hooks belay knows how to serve.
    public static let supportedHooks = ["pre-commit", "pre-push"]
    static let marker = "# belay-managed-hook"

    public init(hooksDirectory: String, belayPath: String) {
        self.hooksDirectory = hooksDirectory
        self.belayPath = belayPath
    }

    /// Where a kept hook lives while belay's hook runs it first.
    func chainedPath(_ hook: String) -> String { "\(hooksDirectory)/\(hook).belay-chained" }
    /// Where a hook replaced with `force` is kept, so `uninstall` can restore it.
    func backupPath(_ hook: String) -> String { "\(hooksDirectory)/\(hook).belay-backup" }

    /// Installs `hooks`; returns one line per hook saying what was done.
    public func install(hooks: [String], force: Bool) throws(BelayError) -> [String] {
        for hook in hooks where !Self.supportedHooks.contains(hook) {
            throw .usage(
                "belay cannot serve the '\(hook)' hook; supported: \(Self.supportedHooks.joined(separator: ", "))")
        }
        let files = FileManager.default
        do {
            try files.createDirectory(atPath: hooksDirectory, withIntermediateDirectories: true)
        } catch {
            throw .internal("cannot create the hooks directory \(hooksDirectory): \(error.localizedDescription)")
        }
        var report: [String] = []
        for hook in hooks {
            let path = "\(hooksDirectory)/\(hook)"
            var chained = files.fileExists(atPath: chainedPath(hook))
            var action = "installed"
            if let existing = files.contents(atPath: path) ?? symlinkTarget(path).map({ _ in Data() }) {
                if String(decoding: existing, as: UTF8.self).contains(Self.marker) {
                    action = "updated"
                } else if force {
                    if files.fileExists(atPath: backupPath(hook)) {
                        // Another foreign hook on top of a kept one: moving it would overwrite the backup.
                        throw .usage(
                            "\(path) exists and \(hook).belay-backup is taken already; move one aside first")
                    }
                    try move(path, to: backupPath(hook))
                    action = "installed (the previous hook is kept as \(hook).belay-backup)"
                } else if chained {
                    throw .usage(
                        "\(path) exists and \(hook).belay-chained is taken already; move one aside or use --force")
                } else {
                    try move(path, to: chainedPath(hook))
                    chained = true
                    action = "installed (the existing hook is kept and runs first)"
                }
            }
            try write(script(for: hook, chained: chained), to: path)
            report.append("\(hook): \(action) at \(path)")
        }
        return report
    }

    /// Removes belay's hooks and restores whatever they replaced or chained.
    public func uninstall() throws(BelayError) -> [String] {
        let files = FileManager.default
        var report: [String] = []
        for hook in Self.supportedHooks {
            let path = "\(hooksDirectory)/\(hook)"
            guard let contents = files.contents(atPath: path) else { continue }
            guard String(decoding: contents, as: UTF8.self).contains(Self.marker) else {
                report.append("\(hook): left alone (not written by belay)")
                continue
            }
            do { try files.removeItem(atPath: path) } catch {
                throw .internal("cannot remove \(path): \(error.localizedDescription)")
            }
            if files.fileExists(atPath: chainedPath(hook)) {
                try move(chainedPath(hook), to: path)
                report.append("\(hook): removed; the original hook is restored")
            } else if files.fileExists(atPath: backupPath(hook)) {
                try move(backupPath(hook), to: path)
                report.append("\(hook): removed; the original hook is restored")
            } else {
                report.append("\(hook): removed")
            }
        }
        return report
    }

    /// The hook script: runs a kept hook first, then belay by absolute path, failing closed when the
    /// binary is gone.
    func script(for hook: String, chained: Bool) -> String {
        let quotedBelay = "'" + belayPath.replacingOccurrences(of: "'", with: "'\\''") + "'"
        let readsStdin = hook == "pre-push"
        var lines = [
            "#!/bin/sh",
            Self.marker,
            "# Installed by `belay install`; remove with `belay uninstall`.",
            "BELAY=\(quotedBelay)",
            "if [ ! -x \"$BELAY\" ]; then",
            "    echo \"belay: cannot run the \(hook) gate: $BELAY is missing or not executable.\" >&2",
            "    echo \"belay: reinstall belay and run 'belay install', or remove the gate with 'belay uninstall'.\" >&2",
            "    exit 1",
            "fi",
        ]
        if readsStdin { lines.append("input=$(cat)") }
        if chained {
            let feed = readsStdin ? "printf '%s\\n' \"$input\" | " : ""
            lines += [
                "chained=\"$(dirname \"$0\")/\(hook).belay-chained\"",
                "if [ -x \"$chained\" ]; then",
                "    \(feed)\"$chained\" \"$@\" || exit $?",
                "fi",
            ]
        }
        if readsStdin {
            lines.append("printf '%s\\n' \"$input\" | exec \"$BELAY\" hook \(hook) \"$@\"")
        } else {
            lines.append("exec \"$BELAY\" hook \(hook) \"$@\"")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func symlinkTarget(_ path: String) -> String? {
        try? FileManager.default.destinationOfSymbolicLink(atPath: path)
    }

    private func move(_ source: String, to destination: String) throws(BelayError) {
        guard rename(source, destination) == 0 else {
            throw .internal("cannot move \(source) to \(destination): \(String(cString: strerror(errno)))")
        }
    }

    private func write(_ text: String, to path: String) throws(BelayError) {
        do {
            let temporary = path + ".belay-tmp"
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
            chmod(temporary, 0o755)
            try move(temporary, to: path)
        } catch let error as BelayError {
            throw error
        } catch {
            throw .internal("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
