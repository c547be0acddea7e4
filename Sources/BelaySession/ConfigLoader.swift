import BelayCore
import BelayDetectors
import BelayGit

/// Reads `belay.json5` from the base of the change (HEAD, or the start of a range), so a change cannot
/// weaken the gate that judges it. When the base has none yet, the staged one is used.
struct ConfigLoader {
    let git: Git
    let repository: Repository

    struct Loaded {
        var config: Config
        /// Remarks for the report, e.g. that staged edits to the file are not in force yet.
        var notes: [String]
    }

    /// The object names to read for `scope` (committed and staged `belay.json5`), so the caller can
    /// fetch them in the same `cat-file --batch` as the change's contents.
    func names(for scope: GateOptions.Scope) -> (committed: String?, staged: String) {
        var base = repository.head
        if case .range(let range) = scope { base = RevisionRange(range).from }
        return (base.map { "\($0):\(Config.fileName)" }, ":\(Config.fileName)")
    }

    /// Reads the configuration with its own `cat-file` call.
    func load(scope: GateOptions.Scope) throws(BelayError) -> Loaded {
        let names = names(for: scope)
        return try load(scope: scope, blobs: git.readBlobs([names.committed, names.staged].compactMap { $0 }))
    }

    /// The configuration from already-read `blobs` (keyed by the names of ``names(for:)``).
    func load(scope: GateOptions.Scope, blobs: [String: [UInt8]]) throws(BelayError) -> Loaded {
        let names = names(for: scope)
        let committed = names.committed.flatMap { blobs[$0] }
        let staged = blobs[names.staged]
        if let committed {
            var notes: [String] = []
            if let staged, staged != committed {
                notes.append(
                    "belay.json5 has staged changes; the gate uses the committed version until they are committed")
            }
            return Loaded(config: try parse(committed), notes: notes)
        }
        if let staged {
            return Loaded(config: try parse(staged), notes: [])
        }
        return Loaded(config: .default, notes: [])
    }

    private func parse(_ bytes: [UInt8]) throws(BelayError) -> Config {
        // A plain path, so editors and CI read `file:line` (the staged and committed versions share it).
        let file = "\(repository.topLevel)/\(Config.fileName)"
        return try Config.parse(bytes, file: file, ruleIDs: DetectorRegistry.descriptions.map(\.id))
    }
}

/// `A..B` (B defaults to HEAD, A to B's parent when only `B` is given).
struct RevisionRange {
    var from: String
    var to: String

    init(_ text: String) {
        if let dots = text.range(of: "..") {
            let from = String(text[..<dots.lowerBound])
            var to = String(text[dots.upperBound...])
            if to.hasPrefix(".") { to.removeFirst() }
            self.from = from.isEmpty ? "HEAD" : from
            self.to = to.isEmpty ? "HEAD" : to
        } else {
            self.from = text + "^"
            self.to = text
        }
    }
}
