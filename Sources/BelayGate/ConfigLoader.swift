import BelayCore
import BelayDetectors
import BelayGit

/// Reads `belay.json5` from the base of the change (HEAD, or the start of a range), so a change cannot
/// weaken the gate that judges it. When the base has none yet, the staged one is used.
package struct ConfigLoader {
    let git: Git
    let repository: Repository

    package init(git: Git, repository: Repository) {
        self.git = git
        self.repository = repository
    }

    package struct Loaded {
        package var config: Config
        /// Remarks for the report, e.g. that staged edits to the file are not in force yet.
        package var notes: [String]
    }

    /// The object names to read for `scope` (committed and staged `belay.json5`), so the caller can
    /// fetch them in the same `cat-file --batch` as the change's contents.
    func names(for scope: GateOptions.Scope) -> (committed: String?, staged: String) {
        let base = scope.committedBase ?? repository.head
        return (base.map { "\($0):\(Config.fileName)" }, ":\(Config.fileName)")
    }

    /// Reads the configuration with its own `cat-file` call.
    package func load(scope: GateOptions.Scope) throws(BelayError) -> Loaded {
        let names = names(for: scope)
        return try load(scope: scope, blobs: git.readBlobs([names.committed, names.staged].compactMap { $0 }))
    }

    /// The configuration from already-read `blobs` (keyed by the names of ``names(for:)``).
    ///
    /// An invalid committed file must never be a dead end: when the change (the staged version) repairs
    /// it, the staged version judges the change, with a note. Errors in the committed file say
    /// "belay.json5 at HEAD", never a working-tree path whose content may be fine.
    func load(scope: GateOptions.Scope, blobs: [String: [UInt8]]) throws(BelayError) -> Loaded {
        let names = names(for: scope)
        let committed = names.committed.flatMap { blobs[$0] }
        let staged = blobs[names.staged]
        if let committed {
            let base = scope.committedBase ?? "HEAD"
            let label = "\(Config.fileName) at \(base)"
            let config: Config
            do {
                config = try parse(committed, file: label)
            } catch {
                // A range is judged from its committed trees only: the index cannot repair its base.
                if scope.committedBase != nil { throw error }
                return try repaired(committedError: error, label: label, staged: staged, committed: committed)
            }
            var notes: [String] = []
            if let staged, staged != committed {
                notes.append(
                    "belay.json5 has staged changes; the gate uses the committed version until they are committed")
            }
            return Loaded(config: config, notes: notes)
        }
        if let staged {
            return Loaded(config: try parse(staged, file: workingPath), notes: [])
        }
        return Loaded(config: .default, notes: [])
    }

    /// HEAD's file is invalid: the staged version, when the change repairs it; else HEAD's error, saying
    /// how to get out of it without `--no-verify`.
    private func repaired(
        committedError: BelayError, label: String, staged: [UInt8]?, committed: [UInt8]
    ) throws(BelayError) -> Loaded {
        let advice = "stage a fixed \(Config.fileName): a change that repairs it is judged with the staged version"
        guard let staged, staged != committed else { throw adding(advice, to: committedError) }
        do {
            let config = try parse(staged, file: workingPath)
            let note =
                "\(label) is invalid (\(committedError.description)); this change repairs it, so the staged "
                + "\(Config.fileName) judges it"
            return Loaded(config: config, notes: [note])
        } catch {
            throw adding("the staged version does not repair it: \(error.description)", to: committedError)
        }
    }

    private func adding(_ advice: String, to error: BelayError) -> BelayError {
        guard case .configuration(let file, let line, let key, let message) = error else { return error }
        return .configuration(file: file, line: line, key: key, message: message + " (\(advice))")
    }

    /// A plain path, so editors and CI read `file:line`.
    private var workingPath: String { "\(repository.topLevel)/\(Config.fileName)" }

    private func parse(_ bytes: [UInt8], file: String) throws(BelayError) -> Config {
        try Config.parse(bytes, file: file, ruleIDs: DetectorRegistry.ids)
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
