import BelayCore
import BelayDetectors
import BelayGit
import BelayRename
import BelayScan
import Foundation

/// The `rename-leftover` rule in the gate. It infers the renames the change makes and, only when there
/// is one, searches every tracked file (changed or not) for what the rename left behind, each rename in
/// the scope its definition has. Contents are what will be committed: the change's new versions, the
/// index for files whose working copy differs from it, and the working tree for the rest.
struct RenameStage: Sendable {
    let git: Git
    let repository: Repository
    let config: Config
    let options: GateOptions

    /// The rule's id.
    static let rule = RenameLeftoverRule.description.id

    /// The rule's severity, or `nil` when the configuration or `--only` / `--skip` turn it off.
    var severity: Severity? {
        if case .all = options.scope { return nil }  // no old versions: nothing was renamed
        return config.severity(
            of: Self.rule, fallback: RenameLeftoverRule.description.defaultSeverity, only: options.only,
            skip: options.skip)
    }

    /// The rule's findings for `change`, with the contents of the files they point into; a failure to read
    /// the repository is reported, not thrown.
    func findings(in change: ChangeSet) -> (diagnostics: [Diagnostic], sources: [String: [UInt8]]) {
        guard let severity else { return ([], [:]) }
        let candidates = RenameInference.infer(change.inputs.map(\.versions))
        guard !candidates.isEmpty else { return ([], [:]) }
        do {
            let (files, reader) = try contents(change)
            let leftovers = RenameInference.resolve(
                candidates, files: files, exclude: config.rename.exclude, reader: reader
            ).leftovers
            var sources: [String: [UInt8]] = [:]
            for path in Set(leftovers.map(\.hit.path)) { sources[path] = reader(path) }
            let diagnostics = leftovers.map { leftover in
                var diagnostic = leftover.diagnostic
                if diagnostic.severity == .error { diagnostic.severity = severity }
                return diagnostic
            }
            return (diagnostics, sources)
        } catch {
            return (
                [
                    Diagnostic(
                        rule: Self.rule, severity: .warning,
                        message: "could not search the repository for leftovers of the renames: \(error.description)",
                        location: nil)
                ], [:]
            )
        }
    }

    /// `candidates` confirmed against every tracked file as it will be committed, with their leftovers.
    func resolve(_ candidates: [InferredRename], in change: ChangeSet) throws(BelayError) -> RenameInference.Resolution
    {
        let (files, reader) = try contents(change)
        return RenameInference.resolve(candidates, files: files, exclude: config.rename.exclude, reader: reader)
    }

    /// Every tracked path and a reader of its content as it will be committed.
    func contents(_ change: ChangeSet) throws(BelayError) -> ([String], @Sendable (String) -> [UInt8]?) {
        let changed = change.sources
        let top = repository.topLevel
        if let target = options.scope.committedTip {
            let listing = try git.run(["ls-tree", "-r", "-z", "--full-tree", target])
            var blobs: [String: String] = [:]
            for record in listing.split(separator: 0) {
                guard let tab = record.firstIndex(of: 0x09) else { continue }
                let fields = record[..<tab].split(separator: 0x20)
                guard fields.count == 3, fields[1].elementsEqual("blob".utf8) else { continue }
                blobs[String(decoding: record[(tab + 1)...], as: UTF8.self)] = String(
                    decoding: fields[2], as: UTF8.self)
            }
            let unchanged = blobs.filter { changed[$0.key] == nil }
            let contents = try git.readBlobs(Array(unchanged.values))
            let byPath = unchanged.compactMapValues { contents[$0] }
            return (blobs.keys.sorted(), { changed[$0] ?? byPath[$0] })
        }
        let entries = try git.lsFiles(stage: true).filter {
            $0.stage == 0 && $0.mode != FileMode.submodule && $0.mode != FileMode.symlink
        }
        var indexed: [String: [UInt8]] = [:]
        if case .working = options.scope {
        } else {
            // Files whose working copy differs from the index are read from the index.
            let dirty = Set(
                try git.run(["diff-files", "-z", "--name-only"]).split(separator: 0).map {
                    String(decoding: $0, as: UTF8.self)
                })
            let wanted = entries.filter { dirty.contains($0.path) && changed[$0.path] == nil }
            let blobs = try git.readBlobs(wanted.compactMap(\.blob))
            for entry in wanted { indexed[entry.path] = entry.blob.flatMap { blobs[$0] } }
        }
        let snapshot = indexed
        return (
            entries.map(\.path),
            { path in
                if let bytes = changed[path] ?? snapshot[path] { return bytes }
                return FileManager.default.contents(atPath: top + "/" + path).map { [UInt8]($0) }
            }
        )
    }
}
