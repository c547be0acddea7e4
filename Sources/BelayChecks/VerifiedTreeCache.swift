import BelayCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Remembers which checks already passed on which tree, so an unchanged snapshot is not checked twice
/// (e.g. the pre-commit hook after `belay check`, or a re-run after an unrelated amend of the message).
///
/// One file per pass, named by the SHA-256 of a canonical text of (belay version, tree id, check
/// definition, the staged paths `{files}` expanded to); the file holds that text and is trusted only if it
/// still matches. Writes are atomic (temporary file, then rename). The cache is best-effort: anything
/// unreadable is a miss and a failed write is ignored — it can only cost time, never pass a check wrongly.
/// The check's environment is not part of the key.
public struct VerifiedTreeCache: Sendable {
    /// The folder holding the entries, e.g. `<git-dir>/belay/cache`.
    public let directory: String
    /// belay's version: a new belay re-verifies everything.
    public let version: String

    /// A cache in `directory` (created on the first write) for this belay `version`.
    public init(directory: String, version: String) {
        self.directory = directory
        self.version = version
    }

    /// The canonical text a pass is recorded under. Every field is length-prefixed so no two
    /// different inputs can produce the same text.
    func canonicalText(tree: String, check: CheckDefinition, files: [String]) -> String {
        var fields = [
            "belay-verified-tree-v1", version, tree, check.name, check.run, check.fix ?? "\u{0}none",
            check.timeout.map { "\($0)" } ?? "\u{0}default", check.cache.map { "\($0)" } ?? "\u{0}default",
        ]
        fields.append(check.files.map { "\($0.count)" } ?? "\u{0}all")
        fields += check.files ?? []
        fields.append("\(files.count)")
        fields += files
        return fields.map { "\($0.utf8.count):\($0)\n" }.joined()
    }

    /// The entry's file name: 64 hex digits.
    public func key(tree: String, check: CheckDefinition, files: [String] = []) -> String {
        SHA256.hex(Array(canonicalText(tree: tree, check: check, files: files).utf8))
    }

    /// Whether `check` already passed on `tree` with these matching `files`.
    public func isVerified(tree: String, check: CheckDefinition, files: [String] = []) -> Bool {
        let text = canonicalText(tree: tree, check: check, files: files)
        let path = "\(directory)/\(SHA256.hex(Array(text.utf8)))"
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        return [UInt8](data) == Array(text.utf8)
    }

    /// Records that `check` passed on `tree`. Returns whether the entry was written.
    @discardableResult
    public func recordPass(tree: String, check: CheckDefinition, files: [String] = []) -> Bool {
        let text = canonicalText(tree: tree, check: check, files: files)
        let name = SHA256.hex(Array(text.utf8))
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            return false
        }
        return replacePlainFile("\(directory)/\(name)", Array(text.utf8))
    }
}
