import BelayCore

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
    /// For a parameter: the names a caller uses to call its function (the function's name, and the type's
    /// name for a constructor), so that keyword arguments are searched at its own call sites only.
    public var callees: [String] = []
}

/// A rename the change makes, with every place that shows it.
public struct InferredRename: Sendable, Equatable {
    /// The name before.
    public var old: String
    /// The name after.
    public var new: String
    /// Where the change renames it, in path and line order.
    public var evidence: [RenameEvidence]

    /// Whether any evidence renames a name that may be used anywhere: not a local variable or a parameter,
    /// whose uses stay inside their function (and, for a parameter, its keyword call sites).
    public var isRepositoryWide: Bool {
        evidence.contains { $0.functionRange == nil && $0.kind != .parameter }
    }

    /// Whether OLD and NEW are the same words in another style or case: only OLD's exact spelling is a
    /// leftover (every other spelling of those words is NEW's).
    public var isRestyle: Bool { RenameEvidenceFinder.normalized(old) == RenameEvidenceFinder.normalized(new) }

    /// Whether the rename is a parameter's: searched in its function and at its keyword call sites.
    public var isParameter: Bool { !isRepositoryWide && evidence.contains { $0.kind == .parameter } }
}

/// A definition whose name changed but that is not a rename, and why (`rename-audit --infer --verbose`).
public struct RejectedRename: Sendable, Equatable {
    public var old: String
    public var new: String
    /// Where the name changed.
    public var path: String
    /// 1-based line in the new version.
    public var line: Int
    /// Why it renames nothing, as a sentence fragment ("the old name is still defined at a.py:3").
    public var reason: String

    public init(old: String, new: String, path: String, line: Int, reason: String) {
        self.old = old
        self.new = new
        self.path = path
        self.line = line
        self.reason = reason
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

/// What inference learned from a change: the one model of renames that `rename-leftover`,
/// `added-not-replaced` and `rename-audit --infer` share.
public struct ChangeAnalysis: Sendable {
    /// The rename candidates, sorted by old then new name: a definition of OLD renamed to NEW, and OLD no
    /// longer defined in its scope in any changed file. The rename stage confirms them against the
    /// unchanged files too (``RenameInference``).
    public var renames: [InferredRename]
    /// Names added beside an old one that stays defined, while references elsewhere in the change switched
    /// from OLD to NEW (the seed's model that kept `old_field` next to an added `new_field`): the evidence
    /// `added-not-replaced` needs besides ``renames``. The evidence lines are the switched references.
    public var siblings: [InferredRename]
    /// Definitions whose name changed that rename nothing, with the reason.
    public var rejected: [RejectedRename]
    /// Every identifier replacement on aligned lines, renames or not.
    public var replacements: [NameReplacement]
    /// The compared files (those in a supported language).
    public var files: [FileComparison]
}

/// Infers the renames a change makes from the old and new versions of its files (DESIGN.md, "What a
/// rename is"): a definition (function, class, method, parameter, variable, field) whose name changed
/// between aligned removed and added lines, while the old name is no longer defined in the new version
/// (in the same function for locals and parameters; at module or type level in any changed file for other
/// names). An import or a keyword argument is not a definition of the repository's: swapping one for
/// another renames nothing; nor does a line that lost tokens (a rewrite), a NEW that existed before where
/// names do not overload, or one OLD turned into several NEWs. Names shorter than three characters are not
/// renames; a change of case or style alone is one, searched in its exact spelling.
public enum RenameEvidenceFinder {
    /// Shortest name that inference reports.
    public static let minimumNameLength = 3

    /// Kinds that bind a name the repository may not define: never evidence of a rename.
    static let borrowedKinds: Set<DefinitionKind> = [.importBinding, .keywordArgument]

    private struct Candidate {
        var old: String
        var new: String
        var evidence: RenameEvidence
        var function: Int?
        var file: Int
    }

    /// Analyzes the change.
    public static func analyze(_ changes: [FileVersions]) -> ChangeAnalysis {
        var files: [FileComparison] = []
        for change in changes {
            guard let old = change.old, old != change.new, !isBinary(old), !isBinary(change.new),
                !GeneratedFiles.isGenerated(path: change.path, bytes: change.new),
                let comparison = (change.newShared ?? SharedScan(path: change.path, bytes: change.new)).comparison(
                    from: change.oldShared ?? SharedScan(path: change.path, bytes: old))
            else { continue }
            files.append(comparison)
        }
        var candidates: [Candidate] = []
        var rejected: [RejectedRename] = []
        var replacements: Set<NameReplacement> = []
        var uses: [(replacement: NameReplacement, file: Int)] = []
        for (index, file) in files.enumerated() {
            for pair in file.replacements {
                let oldName = file.oldScan.text(pair.oldToken)
                let newName = file.newScan.text(pair.newToken)
                let replacement = NameReplacement(
                    old: oldName, new: newName, path: file.path, oldLine: pair.oldLine + 1, newLine: pair.newLine + 1)
                replacements.insert(replacement)
                let before = file.oldDefinitions[pair.oldToken]
                let after = file.newDefinitions[pair.newToken]
                guard let before, let after, !borrowedKinds.contains(before.kind) else {
                    if isWorthARename(oldName, newName) && pair.isSubstitution { uses.append((replacement, index)) }
                    if let before, borrowedKinds.contains(before.kind), isWorthARename(oldName, newName) {
                        rejected.append(
                            RejectedRename(
                                old: oldName, new: newName, path: file.path, line: pair.newLine + 1,
                                reason: before.kind == .importBinding
                                    ? "an import: swapping imports renames nothing"
                                    : "a keyword argument: the change does not rename the callee's parameter"))
                    }
                    continue
                }
                guard compatible(before.kind, after.kind), isWorthARename(oldName, newName) else { continue }
                guard pair.isSubstitution else {
                    rejected.append(
                        RejectedRename(
                            old: oldName, new: newName, path: file.path, line: pair.newLine + 1,
                            reason: "the line was rewritten, not renamed (tokens were added or removed)"))
                    continue
                }
                var evidence = RenameEvidence(
                    path: file.path, oldLine: pair.oldLine + 1, newLine: pair.newLine + 1, kind: before.kind,
                    functionRange: file.functionRange(of: after), newOffset: file.newScan.tokens[pair.newToken].start)
                if after.kind == .parameter { evidence.callees = file.newScan.callees(of: after) }
                candidates.append(
                    Candidate(
                        old: oldName, new: newName, evidence: evidence, function: after.functionScope, file: index))
            }
        }
        // Where each name is still defined at module or type level in the new versions, and was before.
        var definedAfter: [String: (path: String, line: Int)] = [:]
        var definedBefore: Set<String> = []
        var definedBeforeAtTop: [String: Set<String>] = [:]
        for file in files {
            for definition in file.newDefinitions.values
            where definition.functionScope == nil && definition.kind != .parameter
                && !borrowedKinds.contains(definition.kind)
            {
                if definedAfter[definition.name] == nil {
                    definedAfter[definition.name] = (file.path, file.newLine(ofToken: definition.token) + 1)
                }
            }
            for definition in file.oldDefinitions.values where !borrowedKinds.contains(definition.kind) {
                definedBefore.insert(definition.name)
                if definition.functionScope == nil && definition.kind != .parameter {
                    definedBeforeAtTop[file.path, default: []].insert(definition.name)
                }
            }
        }
        var grouped: [String: InferredRename] = [:]
        for candidate in candidates {
            let file = files[candidate.file]
            if let function = candidate.function {
                if let still = file.newDefinitions.values.first(where: {
                    $0.name == candidate.old && $0.functionScope == function && !borrowedKinds.contains($0.kind)
                }) {
                    rejected.append(
                        RejectedRename(
                            old: candidate.old, new: candidate.new, path: file.path, line: candidate.evidence.newLine,
                            reason:
                                "the old name is still defined in the same function (line \(file.newLine(ofToken: still.token) + 1))"
                        ))
                    continue
                }
            } else if definedBeforeAtTop[file.path, default: []].contains(candidate.new),
                !joinsOverloads(candidate.evidence.kind, file.newScan.language)
            {
                rejected.append(
                    RejectedRename(
                        old: candidate.old, new: candidate.new, path: file.path, line: candidate.evidence.newLine,
                        reason: "'\(candidate.new)' was already defined before the change"))
                continue
            } else if let still = definedAfter[candidate.old] {
                rejected.append(
                    RejectedRename(
                        old: candidate.old, new: candidate.new, path: file.path, line: candidate.evidence.newLine,
                        reason: "the old name is still defined at \(still.path):\(still.line)"))
                continue
            }
            let key = candidate.old + "\u{0}" + candidate.new
            grouped[key, default: InferredRename(old: candidate.old, new: candidate.new, evidence: [])]
                .evidence.append(candidate.evidence)
        }
        // One old name renamed to several new ones is a rewrite the alignment guessed at, not a rename.
        var targets: [String: Set<String>] = [:]
        for rename in grouped.values { targets[rename.old, default: []].insert(rename.new) }
        for (key, rename) in grouped where targets[rename.old]!.count > 1 {
            grouped[key] = nil
            let first = rename.evidence[0]
            rejected.append(
                RejectedRename(
                    old: rename.old, new: rename.new, path: first.path, line: first.newLine,
                    reason:
                        "'\(rename.old)' also became \(targets[rename.old]!.subtracting([rename.new]).sorted().map { "'\($0)'" }.joined(separator: ", ")) elsewhere"
                ))
        }
        let renames = sortedRenames(grouped)
        let siblings = siblingRenames(
            uses: uses, files: files, definedAfter: definedAfter, definedBefore: definedBefore,
            renamed: Set(renames.map(\.old)))
        return ChangeAnalysis(
            renames: renames, siblings: siblings, rejected: rejected,
            replacements: replacements.sorted { ($0.path, $0.newLine, $0.old) < ($1.path, $1.newLine, $1.old) },
            files: files)
    }

    /// References switched from OLD to NEW where NEW is a name the change defines for the first time and
    /// OLD stays defined, and no unchanged line of a changed file still uses OLD: the change moved every
    /// reference over to a new definition that was added beside the old one.
    private static func siblingRenames(
        uses: [(replacement: NameReplacement, file: Int)], files: [FileComparison],
        definedAfter: [String: (path: String, line: Int)], definedBefore: Set<String>, renamed: Set<String>
    ) -> [InferredRename] {
        var grouped: [String: InferredRename] = [:]
        var stillUsed: [String: Bool] = [:]
        for (replacement, _) in uses {
            guard !renamed.contains(replacement.old), definedAfter[replacement.old] != nil,
                definedAfter[replacement.new] != nil, !definedBefore.contains(replacement.new)
            else { continue }
            let used = stillUsed[replacement.old] ?? files.contains { $0.usesOnUnchangedLines(replacement.old) }
            stillUsed[replacement.old] = used
            if used { continue }
            let evidence = RenameEvidence(
                path: replacement.path, oldLine: replacement.oldLine, newLine: replacement.newLine, kind: .variable,
                functionRange: nil, newOffset: 0)
            let key = replacement.old + "\u{0}" + replacement.new
            grouped[key, default: InferredRename(old: replacement.old, new: replacement.new, evidence: [])]
                .evidence.append(evidence)
        }
        return sortedRenames(grouped)
    }

    /// A function renamed to a name it shares with other overloads (`fakeSuccess` → `success`, Swift's
    /// `asyncBoot()` → `boot() async`): NEW existing before is no sign of a rewrite where names overload.
    private static func joinsOverloads(_ kind: DefinitionKind, _ language: Language) -> Bool {
        (kind == .function || kind == .method) && [.swift, .java, .kotlin, .typescript].contains(language)
    }

    private static func sortedRenames(_ grouped: [String: InferredRename]) -> [InferredRename] {
        grouped.values.map { rename -> InferredRename in
            var rename = rename
            rename.evidence = Array(Set(rename.evidence)).sorted { ($0.path, $0.newLine) < ($1.path, $1.newLine) }
            return rename
        }.sorted { ($0.old, $0.new) < ($1.old, $1.new) }
    }

    /// Whether renaming `old` to `new` is worth a search: both long enough and spelled differently. A
    /// change of style alone (`performRequest` → `PerformRequest`, an export in Go) is a rename too, searched
    /// in its exact spelling only (``InferredRename/isRestyle``).
    public static func isWorthARename(_ old: String, _ new: String) -> Bool {
        old.count >= minimumNameLength && new.count >= minimumNameLength && old != new
            && old.filter { $0 != "`" } != new.filter { $0 != "`" }
    }

    /// A name lowercased with `_` and `-` removed: `old_field`, `oldField` and `OLD-FIELD` agree.
    public static func normalized(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "_" && $0 != "-" && $0 != "`" })
    }

    private static func compatible(_ a: DefinitionKind, _ b: DefinitionKind) -> Bool {
        a == b || (a == .function && b == .method) || (a == .method && b == .function)
            || (a == .variable && b == .field) || (a == .field && b == .variable)
    }

    private static func isBinary(_ bytes: [UInt8]) -> Bool { bytes.prefix(8000).contains(0) }
}
