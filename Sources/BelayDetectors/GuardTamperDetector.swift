import BelayCore
import Foundation

/// `guard-tamper`: an agent change to the files that configure the gate itself — belay's config, git hooks,
/// CI, lint/format/test configuration (the tables are in `rules/agent-policy.json`). For shared files
/// (`pyproject.toml`, `setup.cfg`, `package.json`) only the listed sections or keys count.
public struct GuardTamperDetector: AgentChangeDetector {
    /// The rule's id, documentation and examples.
    public static let description = RuleDescription(
        id: "guard-tamper",
        summary: "an agent change to belay's config, hooks, CI, or lint/format/test configuration",
        rationale: """
            An agent that cannot make a check pass can make the check say less: relax a lint rule, drop a \
            test from CI, edit the hook. The gate then passes for the wrong reason. Such changes are a \
            person's decision, so belay stops them in agent sessions and agent hooks.
            """,
        defaultSeverity: .error,
        hint: "fix the code instead of the configuration that judges it; a person commits config changes",
        triggering: [
            .init("{\n  checks: [1️⃣],\n}\n", fileName: "belay.json5"),
            .init("[tool.ruff]\n1️⃣line-length = 200\n", fileName: "pyproject.toml"),
        ],
        nonTriggering: [
            .init("[project]\nversion = \"1.1\"\n", fileName: "pyproject.toml"),
            .init("print('not configuration')\n", fileName: "app.py"),
        ],
        agentOnly: true
    )

    let policy: AgentPolicy
    let globs: [(Glob, AgentPolicy.GuardFile)]

    /// Creates the detector with the built-in policy.
    public init() { self.init(policy: .builtIn) }

    /// Creates the detector with `policy`.
    public init(policy: AgentPolicy) {
        self.policy = policy
        self.globs = policy.guardFiles.compactMap { file in (try? Glob(file.glob)).map { ($0, file) } }
    }

    /// One finding per guarded file the change adds, edits or deletes.
    public func findings(in changes: [FileChangeInput], deleted: [DeletedFile]) -> [Diagnostic] {
        var results: [Diagnostic] = []
        for change in changes {
            guard let guarded = guardFile(for: change.path) else { continue }
            if let sections = guarded.sections {
                let changed = GuardSections.changed(sections, path: change.path, old: change.old ?? [], new: change.new)
                for (section, offset) in changed {
                    results.append(
                        Self.diagnostic(
                            "changes [\(section)] in \(change.path) (\(guarded.why))", path: change.path, start: offset)
                    )
                }
            } else if change.old != change.new {
                let start = firstDifference(change.old ?? [], change.new)
                let verb = change.old == nil ? "adds" : "changes"
                results.append(
                    Self.diagnostic("\(verb) \(change.path) (\(guarded.why))", path: change.path, start: start))
            }
        }
        for file in deleted {
            guard let guarded = guardFile(for: file.path) else { continue }
            results.append(
                Diagnostic(
                    rule: Self.description.id, severity: Self.description.defaultSeverity,
                    message: "deletes \(file.path) (\(guarded.why))", hint: Self.description.hint, location: nil))
        }
        return results
    }

    private func guardFile(for path: String) -> AgentPolicy.GuardFile? {
        globs.first { $0.0.matches(path) }?.1
    }

    /// The start of the line holding the first byte where `old` and `new` differ.
    private func firstDifference(_ old: [UInt8], _ new: [UInt8]) -> Int {
        var index = 0
        while index < old.count, index < new.count, old[index] == new[index] { index += 1 }
        index = min(index, new.count)
        while index > 0, new[index - 1] != 0x0A { index -= 1 }
        return index
    }
}

/// Guarded sections of shared configuration files: TOML/INI headers, or top-level JSON keys.
enum GuardSections {
    /// The listed sections whose content differs between `old` and `new`, with an offset in `new` to report at.
    static func changed(_ sections: [String], path: String, old: [UInt8], new: [UInt8]) -> [(String, Int)] {
        if path.hasSuffix(".json") { return changedKeys(sections, old: old, new: new) }
        let before = iniSections(old, guarded: sections)
        let after = iniSections(new, guarded: sections)
        var results: [(String, Int)] = []
        for name in Set(before.keys).union(after.keys).sorted() where before[name]?.lines != after[name]?.lines {
            results.append((name, after[name]?.offset ?? 0))
        }
        return results
    }

    /// Guarded section → its meaningful lines and the offset of its first changed-or-header line.
    static func iniSections(_ bytes: [UInt8], guarded: [String]) -> [String: (lines: [String], offset: Int)] {
        var result: [String: (lines: [String], offset: Int)] = [:]
        var current: String?
        let index = LineIndex(bytes)
        for line in 0..<index.lineCount {
            let range = index.lineRange(line)
            let text = String(decoding: bytes[range], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty || text.hasPrefix("#") || text.hasPrefix(";") { continue }
            if text.hasPrefix("[") {
                let name = text.trimmingCharacters(in: CharacterSet(charactersIn: "[] \t"))
                current = guarded.first { name == $0 || name.hasPrefix($0 + ".") }
                if let current, result[current] == nil { result[current] = ([], range.lowerBound) }
                continue
            }
            if let current { result[current]?.lines.append(text) }
        }
        return result
    }

    private static func changedKeys(_ keys: [String], old: [UInt8], new: [UInt8]) -> [(String, Int)] {
        let before = topLevel(old)
        let after = topLevel(new)
        guard let before, let after else {
            return old == new ? [] : [("the whole file (not readable as JSON)", 0)]
        }
        return keys.filter { canonical(before[$0]) != canonical(after[$0]) }.map { key in
            let needle = Array("\"\(key)\"".utf8)
            let offset = new.indices.first { new[$0...].starts(with: needle) } ?? 0
            return (key, offset)
        }
    }

    private static func topLevel(_ bytes: [UInt8]) -> [String: Any]? {
        if bytes.isEmpty { return [:] }
        return (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) as? [String: Any]
    }

    private static func canonical(_ value: Any?) -> Data? {
        guard let value else { return nil }
        return try? JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys])
    }
}
