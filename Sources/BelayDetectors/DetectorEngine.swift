import BelayCore
import Dispatch
import Foundation

/// Runs rules over a change, applies severity settings and, in ``Mode/changed`` mode, keeps only the
/// findings the change introduces.
///
/// A finding is new when its fingerprint — rule, message and the text of the flagged line with surrounding
/// whitespace trimmed — occurs more often in the new version than in the old one (a multiset comparison):
/// a problem whose line merely moved is not new, a second copy of an old problem is.
public struct DetectorEngine: Sendable {
    /// Which findings to report.
    public enum Mode: Sendable {
        /// Only findings the change introduces.
        case changed
        /// Every finding in the new versions.
        case all
    }

    private let detectors: [any Detector]
    private let changeDetectors: [any ChangeDetector]
    private let agentDetectors: [any AgentChangeDetector]
    private let severities: [String: Severity]
    /// Rules that follow the repository's convention (``RuleDescription/followsConvention``).
    private let conventionRules: Set<String>
    /// Rules whose findings are identified by message alone (``RuleDescription/identifiedByMessage``).
    private let messageRules: Set<String>
    /// What configurable rules (the secret rules) need from the run.
    private let context: RuleContext

    /// Rules about a file's layout, which a generator owns.
    static let layoutRules: Set<String> = ["trailing-whitespace", "mixed-line-endings", "final-newline"]

    /// Files at or above this count are checked in parallel.
    static let parallelThreshold = 8

    /// Prepares `detectors` (every built-in rule by default). A rule runs when it is in `only` (or `only` is
    /// `nil`), not in `skip`, and not set to `off` in `settings`; other settings override its severity.
    /// Unknown ids are ignored here; check them with ``DetectorRegistry/validate(ids:)``. Rules marked
    /// ``RuleDescription/agentOnly`` run only with `agentMode` (an agent is committing). `secrets` is the
    /// `secrets` section of `belay.json5`, `migrations` its `migrations` section.
    public init(
        detectors: [any Rule.Type] = DetectorRegistry.all, settings: [String: RuleSetting] = [:],
        only: Set<String>? = nil, skip: Set<String> = [], agentMode: Bool = false,
        secrets: SecretSettings = SecretSettings(), migrations: MigrationSettings = MigrationSettings()
    ) {
        var fileRules: [any Detector] = []
        var changeRules: [any ChangeDetector] = []
        var agentRules: [any AgentChangeDetector] = []
        var severities: [String: Severity] = [:]
        var conventionRules: Set<String> = []
        var messageRules: Set<String> = []
        for type in detectors {
            let id = type.description.id
            if type.description.agentOnly && !agentMode { continue }
            if let only, !only.contains(id) { continue }
            if skip.contains(id) { continue }
            let setting = settings[id]
            if setting == .off { continue }
            // A configured severity replaces the rule's own; without one, a rule that reports some findings
            // below its default (a test key, a JWT) keeps them there.
            if let severity = setting?.severity { severities[id] = severity }
            if type.description.followsConvention { conventionRules.insert(id) }
            if type.description.identifiedByMessage { messageRules.insert(id) }
            switch type.instantiate() {
            case .file(let rule): fileRules.append(rule)
            case .change(let rule): changeRules.append(rule)
            case .agent(let rule): agentRules.append(rule)
            case .documentation: break
            }
        }
        self.detectors = fileRules
        self.changeDetectors = changeRules
        self.agentDetectors = agentRules
        self.severities = severities
        self.conventionRules = conventionRules
        self.messageRules = messageRules
        self.context = RuleContext(secrets: secrets, agentMode: agentMode, migrations: migrations)
    }

    /// The findings for `changes` (and, for agent rules, the files the change `deleted`), sorted by path,
    /// offset and rule.
    public func run(changes: [FileChangeInput], mode: Mode, deleted: [DeletedFile] = []) -> [Diagnostic] {
        var perFile: [FileFindings]
        if changes.count >= Self.parallelThreshold {
            let slots = Slots(count: changes.count)
            DispatchQueue.concurrentPerform(iterations: changes.count) { index in
                slots.set(index, findings(in: changes[index], mode: mode))
            }
            perFile = slots.values
        } else {
            perFile = changes.map { findings(in: $0, mode: mode) }
        }
        var results = perFile.flatMap(\.new)
        let tolerated = perFile.reduce(into: Set<String>()) { $0.formUnion($1.tolerated) }
        for rule in changeDetectors {
            results += rule.findings(in: changes, context: context)
        }
        for rule in agentDetectors {
            results += rule.findings(in: changes, deleted: deleted)
        }
        for index in results.indices {
            if let severity = severities[results[index].rule] { results[index].severity = severity }
            if results[index].severity == .error, tolerated.contains(results[index].rule) {
                results[index].severity = .warning
                results[index].hint =
                    (results[index].hint.map { $0 + "; " } ?? "")
                    + "a warning here: files this change touches already have it, so the project tolerates it"
            }
        }
        return results.sorted(by: Self.reportOrder)
    }

    /// Path, then start offset, then rule id; findings without a location first.
    static func reportOrder(_ lhs: Diagnostic, _ rhs: Diagnostic) -> Bool {
        let left = (lhs.location?.path ?? "", lhs.location?.start ?? -1, lhs.rule)
        let right = (rhs.location?.path ?? "", rhs.location?.start ?? -1, rhs.rule)
        if left != right { return left < right }
        return lhs.message < rhs.message
    }

    /// One file's new findings, and the convention rules its old versions already broke.
    struct FileFindings {
        var new: [Diagnostic] = []
        var tolerated: Set<String> = []
    }

    private func findings(in change: FileChangeInput, mode: Mode) -> FileFindings {
        if detectors.isEmpty || SourceFile.isBinary(change.new) { return FileFindings() }
        let new = change.newFile
        // Build output and vendored code are nobody's edit: only conflict markers are judged. Generated
        // source is judged as code, but its layout is the generator's.
        let rules: [any Detector]
        switch GeneratedFiles.kind(path: change.path, bytes: change.new) {
        case .output?: rules = detectors.filter { type(of: $0).description.id == "conflict-marker" }
        case .generatedSource?: rules = detectors.filter { !Self.layoutRules.contains(type(of: $0).description.id) }
        case nil: rules = detectors
        }
        let found = rules.flatMap { $0.findings(in: new, context: context) }
        let olds =
            ([change.oldFile].compactMap { $0 } + change.otherOlds.map { SourceFile(path: change.path, bytes: $0) })
            .filter { !$0.isBinary }
        guard mode == .changed, !olds.isEmpty, !found.isEmpty else { return FileFindings(new: found) }
        // With several old versions (a merge), a finding is old when any parent already had it.
        var remaining: [Fingerprint: Int] = [:]
        var tolerated: Set<String> = []
        for (position, old) in olds.enumerated() {
            var counts: [Fingerprint: Int] = [:]
            // The convention is the base's (the first parent), not what a merged branch brought.
            let base = position == 0 && change.oldFile != nil
            for diagnostic in rules.flatMap({ $0.findings(in: old, context: context) }) {
                counts[
                    Fingerprint(diagnostic, in: old, ignoringLine: messageRules.contains(diagnostic.rule)), default: 0] +=
                    1
                if base && conventionRules.contains(diagnostic.rule) { tolerated.insert(diagnostic.rule) }
            }
            remaining.merge(counts, uniquingKeysWith: max)
        }
        // Earlier findings consume old fingerprints first, so the later copy of a duplicated line is new.
        let fresh = found.sorted(by: Self.reportOrder).filter { diagnostic in
            let fingerprint = Fingerprint(diagnostic, in: new, ignoringLine: messageRules.contains(diagnostic.rule))
            guard let count = remaining[fingerprint], count > 0 else { return true }
            remaining[fingerprint] = count - 1
            return false
        }
        return FileFindings(new: fresh, tolerated: tolerated)
    }
}

/// What identifies a finding across versions of a file.
struct Fingerprint: Hashable {
    var rule: String
    var message: String
    var line: ArraySlice<UInt8>

    init(_ diagnostic: Diagnostic, in file: SourceFile, ignoringLine: Bool = false) {
        rule = diagnostic.rule
        // Line numbers in a message ("assigned again on line 12") change when lines move; the finding does not.
        message = String(diagnostic.message.map { $0.isASCII && $0.isNumber ? "#" : $0 })
        guard !ignoringLine, let start = diagnostic.location?.start else {
            line = []
            return
        }
        let index = file.lineIndex
        var range = index.lineRange(index.lineNumber0(at: min(start, file.bytes.count)))
        let bytes = file.bytes
        while range.lowerBound < range.upperBound, Self.isSpace(bytes[range.lowerBound]) {
            range = (range.lowerBound + 1)..<range.upperBound
        }
        while range.lowerBound < range.upperBound, Self.isSpace(bytes[range.upperBound - 1]) {
            range = range.lowerBound..<(range.upperBound - 1)
        }
        line = bytes[range]
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    static func == (lhs: Fingerprint, rhs: Fingerprint) -> Bool {
        lhs.rule == rhs.rule && lhs.message == rhs.message && lhs.line.elementsEqual(rhs.line)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(rule)
        hasher.combine(message)
        hasher.combine(line.count)
        line.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}

/// Per-file result slots written from `concurrentPerform`.
private final class Slots: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [DetectorEngine.FileFindings]

    init(count: Int) { storage = Array(repeating: DetectorEngine.FileFindings(), count: count) }

    func set(_ index: Int, _ value: DetectorEngine.FileFindings) {
        lock.lock()
        storage[index] = value
        lock.unlock()
    }

    var values: [DetectorEngine.FileFindings] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}
