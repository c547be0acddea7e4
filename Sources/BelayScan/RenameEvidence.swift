/// The old and new version of one changed file (`old` is nil for an added file).
public struct FileVersions: Sendable {
    /// Repository-relative path of the new version.
    public var path: String
    /// Content before the change.
    public var old: [UInt8]?
    /// Content after the change.
    public var new: [UInt8]
    /// Scans of the two versions shared with other rules of the same run, when there are any.
    public var oldShared: SharedScan?
    public var newShared: SharedScan?

    /// Creates the pair.
    public init(
        path: String, old: [UInt8]?, new: [UInt8], oldShared: SharedScan? = nil, newShared: SharedScan? = nil
    ) {
        self.path = path
        self.old = old
        self.new = new
        self.oldShared = oldShared
        self.newShared = newShared
    }
}

/// Where a change renames a definition: an old line whose definition's name changed on the aligned new line.
public struct RenameEvidence: Sendable, Hashable, Codable {
    /// Repository-relative path.
    public var path: String
    /// 1-based line in the old version.
    public var oldLine: Int
    /// 1-based line in the new version.
    public var newLine: Int
    /// What was renamed there.
    public var kind: DefinitionKind
    /// For a local variable or a parameter: the bytes of the new version the name lives in (its function,
    /// signature included). `nil` for names whose uses may be anywhere in the repository.
    public var functionRange: Range<Int>?
    /// Byte offset of the new name's definition in the new version.
    public var newOffset: Int
}

/// A rename the change makes, with every place that shows it.
public struct InferredRename: Sendable, Equatable {
    /// The name before.
    public var old: String
    /// The name after.
    public var new: String
    /// Where the change renames it, in path and line order.
    public var evidence: [RenameEvidence]

    /// Whether any evidence renames a name that may be used anywhere (not only inside one function, and not
    /// only as a keyword argument: a renamed keyword argument is a renamed parameter seen from a caller).
    public var isRepositoryWide: Bool {
        evidence.contains { $0.functionRange == nil && $0.kind != .keywordArgument }
    }
}

/// One identifier replaced by another between aligned removed and added lines (a definition or a use).
public struct NameReplacement: Sendable, Hashable {
    public var old: String
    public var new: String
    public var path: String
    /// 1-based lines.
    public var oldLine: Int
    public var newLine: Int
}

/// What inference learned from a change.
public struct ChangeAnalysis: Sendable {
    /// The renames, sorted by old then new name.
    public var renames: [InferredRename]
    /// Every identifier replacement on aligned lines, renames or not.
    public var replacements: [NameReplacement]
    /// The compared files (those in a supported language).
    public var files: [FileComparison]
}

/// Infers the renames a change makes from the old and new versions of its files: a definition (function,
/// class, method, parameter, variable, field, import binding, keyword argument) whose name changed between
/// aligned removed and added lines, while the old name is no longer defined in the new version (in the same
/// function for locals and parameters; in any changed file for other names). Names shorter than three
/// characters and changes of naming style alone are not renames.
public enum RenameEvidenceFinder {
    /// Shortest name that inference reports.
    public static let minimumNameLength = 3

    /// Analyzes the change.
    public static func analyze(_ changes: [FileVersions]) -> ChangeAnalysis {
        var files: [FileComparison] = []
        for change in changes {
            guard let old = change.old, old != change.new, !isBinary(old), !isBinary(change.new),
                let comparison = (change.newShared ?? SharedScan(path: change.path, bytes: change.new)).comparison(
                    from: change.oldShared ?? SharedScan(path: change.path, bytes: old))
            else { continue }
            files.append(comparison)
        }
        var candidates: [(old: String, new: String, evidence: RenameEvidence, function: Int?, file: Int)] = []
        var replacements: Set<NameReplacement> = []
        for (index, file) in files.enumerated() {
            for pair in file.alignedReplacements() {
                let oldName = file.oldScan.text(pair.oldToken)
                let newName = file.newScan.text(pair.newToken)
                replacements.insert(
                    NameReplacement(
                        old: oldName, new: newName, path: file.path, oldLine: pair.oldLine + 1,
                        newLine: pair.newLine + 1))
                guard let before = file.oldDefinitions[pair.oldToken], let after = file.newDefinitions[pair.newToken],
                    compatible(before.kind, after.kind), isWorthARename(oldName, newName)
                else { continue }
                let evidence = RenameEvidence(
                    path: file.path, oldLine: pair.oldLine + 1, newLine: pair.newLine + 1, kind: before.kind,
                    functionRange: file.functionRange(of: after), newOffset: file.newScan.tokens[pair.newToken].start)
                candidates.append((oldName, newName, evidence, after.functionScope, index))
            }
        }
        // Names still defined in the new versions, for the "still defined elsewhere" test.
        var globallyDefined: Set<String> = []
        for file in files {
            for definition in file.newDefinitions.values
            where definition.functionScope == nil && definition.kind != .keywordArgument {
                globallyDefined.insert(definition.name)
            }
        }
        var grouped: [String: InferredRename] = [:]
        for candidate in candidates {
            let file = files[candidate.file]
            if let function = candidate.function {
                let stillThere = file.newDefinitions.values.contains {
                    $0.name == candidate.old && $0.functionScope == function
                }
                if stillThere { continue }
            } else if globallyDefined.contains(candidate.old) {
                continue
            }
            let key = candidate.old + "\u{0}" + candidate.new
            grouped[key, default: InferredRename(old: candidate.old, new: candidate.new, evidence: [])]
                .evidence.append(candidate.evidence)
        }
        let renames = grouped.values.map { rename -> InferredRename in
            var rename = rename
            rename.evidence = Array(Set(rename.evidence)).sorted { ($0.path, $0.newLine) < ($1.path, $1.newLine) }
            return rename
        }.sorted { ($0.old, $0.new) < ($1.old, $1.new) }
        return ChangeAnalysis(
            renames: renames,
            replacements: replacements.sorted { ($0.path, $0.newLine, $0.old) < ($1.path, $1.newLine, $1.old) },
            files: files)
    }

    /// Whether renaming `old` to `new` is worth a search: both long enough, and more than a change of style.
    public static func isWorthARename(_ old: String, _ new: String) -> Bool {
        old.count >= minimumNameLength && new.count >= minimumNameLength && normalized(old) != normalized(new)
    }

    /// A name lowercased with `_` and `-` removed: `old_field`, `oldField` and `OLD-FIELD` agree.
    public static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "_" && $0 != "-" })
    }

    private static func compatible(_ a: DefinitionKind, _ b: DefinitionKind) -> Bool {
        a == b || (a == .function && b == .method) || (a == .method && b == .function)
            || (a == .variable && b == .field) || (a == .field && b == .variable)
    }

    private static func isBinary(_ bytes: [UInt8]) -> Bool { bytes.prefix(8000).contains(0) }
}
