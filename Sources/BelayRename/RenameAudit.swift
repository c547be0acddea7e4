import BelayCore
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One leftover of a rename in a tracked file, ready to report.
public struct AuditHit: Sendable, Equatable, Codable {
    /// Repository-relative path, `/`-separated.
    public var path: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, counting characters.
    public var column: Int
    /// Byte offset of the hit in the file.
    public var start: Int
    /// Byte offset one past the hit.
    public var end: Int
    /// The exact text matched (see ``Hit/text``).
    public var text: String
    /// How the old name is written here.
    public var variant: NamingStyle
    /// Code, string, comment or documentation.
    public var context: HitContext
    /// True when the old name is part of a longer identifier.
    public var compound: Bool
    /// True when the old name is kept on purpose as an external name (a note, not an error).
    public var wireName: Bool
    /// ``text`` with the rename applied.
    public var suggestion: String
    /// The whole line, without its terminator.
    public var lineText: String
    /// The old name of the rename this hit belongs to.
    public var old: String
    /// The new name of that rename.
    public var new: String
}

/// Searches every tracked file of a repository for leftovers of renames: the `rename-leftover`
/// rule and `belay rename-audit`. Files are read one at a time per worker, scanned as bytes and
/// dropped; binary files (a NUL byte in the first 8000 bytes) are skipped.
public enum RenameAudit {
    /// Paths a rename must never touch: applied migrations and release history.
    public static let defaultExcludes: [String] = [
        "**/migrations/**", "**/db/migrate/**", "**/alembic/versions/**", "CHANGELOG*", "CHANGES*", "HISTORY*",
        "NEWS*", "changelog*", "Changelog*",
    ]

    /// Searches `files` (repository-relative paths, e.g. from ``listTrackedFiles(root:runner:environment:)``)
    /// for every rename and returns the hits sorted by path, line and column.
    ///
    /// - Parameters:
    ///   - include: when not empty, only paths matching one of these globs are searched.
    ///   - exclude: paths matching one of these globs are skipped, in addition to
    ///     ``defaultExcludes`` and Alembic version scripts when `useDefaultExcludes` is true.
    ///   - reader: reads a path's bytes (nil: unreadable, skipped); by default from `repositoryRoot`.
    ///   - classifier: makes the context classifier for a file with hits.
    public static func run(
        repositoryRoot: String,
        files: [String],
        renames: [(old: String, new: String)],
        include: [String] = [],
        exclude: [String] = [],
        useDefaultExcludes: Bool = true,
        parallelism: Int = ProcessInfo.processInfo.activeProcessorCount,
        reader: (@Sendable (String) -> [UInt8]?)? = nil,
        classifier: @escaping ContextClassifierFactory = LineContextClassifier.factory
    ) -> [AuditHit] {
        let matchers = renames.map { RenameMatcher(old: $0.old, new: $0.new) }.filter { !$0.oldWords.isEmpty }
        let paths = StageTrace.shared.measure("rename-audit: select paths") {
            selectPaths(files, include: include, exclude: exclude, useDefaultExcludes: useDefaultExcludes)
        }
        guard !matchers.isEmpty, !paths.isEmpty else { return [] }
        let work = SharedWork(count: paths.count)
        let workers = max(1, min(parallelism, paths.count))
        // Paths are opened relative to the root: the kernel walks only the repository-relative part.
        let root = open(repositoryRoot, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if root >= 0 { close(root) } }
        let prefix = root >= 0 ? "" : repositoryRoot + "/"
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var found: [AuditHit] = []
            // Files on disk are read into one buffer per worker, reused: no allocation (and no fresh
            // pages to fault in) per file; only a file with hits is copied, for the classifier.
            var buffer = FileBuffer()
            while let index = work.next() {
                let path = paths[index]
                if let reader {
                    guard let bytes = reader(path) else { continue }
                    found += scan(path: path, bytes: bytes, matchers: matchers, classifier: classifier)
                } else {
                    guard let contents = buffer.load(prefix + path, in: root >= 0 ? root : AT_FDCWD) else { continue }
                    found += scan(
                        path: path, buffer: contents, bytes: { Array(contents) }, matchers: matchers,
                        classifier: classifier)
                }
            }
            work.add(found)
        }
        return work.results.sorted {
            ($0.path, $0.line, $0.column, $0.old) < ($1.path, $1.line, $1.column, $1.old)
        }
    }

    /// The paths of `files` that the audit searches.
    public static func selectPaths(
        _ files: [String], include: [String], exclude: [String], useDefaultExcludes: Bool = true
    ) -> [String] {
        // Malformed patterns match nothing here; the CLI and the configuration parser reject them first.
        let includes = GlobSet(include.compactMap { try? Glob($0) })
        let excludes = GlobSet((exclude + (useDefaultExcludes ? defaultExcludes : [])).compactMap { try? Glob($0) })
        let alembicRoots = useDefaultExcludes ? alembicScriptFolders(files) : []
        return files.filter { path in
            if !includes.isEmpty && !includes.matches(path) { return false }
            if excludes.matches(path) { return false }
            return !alembicRoots.contains { path.hasPrefix($0 + "versions/") && path.hasSuffix(".py") }
        }
    }

    /// Hits of every matcher in one file's bytes, in file order. Binary content gives none.
    public static func scan(
        path: String, bytes: [UInt8], matchers: [RenameMatcher],
        classifier: ContextClassifierFactory = LineContextClassifier.factory
    ) -> [AuditHit] {
        bytes.withUnsafeBufferPointer { buffer in
            scan(path: path, buffer: buffer, bytes: { bytes }, matchers: matchers, classifier: classifier)
        }
    }

    /// ``scan(path:bytes:matchers:classifier:)`` on a buffer; `bytes` gives the same content as an array,
    /// asked for only when there are hits to classify.
    static func scan(
        path: String, buffer: UnsafeBufferPointer<UInt8>, bytes: () -> [UInt8], matchers: [RenameMatcher],
        classifier: ContextClassifierFactory
    ) -> [AuditHit] {
        if let base = buffer.baseAddress, memchr(base, 0, min(buffer.count, 8000)) != nil { return [] }
        var found: [(hit: Hit, matcher: RenameMatcher)] = []
        for matcher in matchers {
            found += matcher.hits(in: buffer).map { ($0, matcher) }
        }
        guard !found.isEmpty else { return [] }
        found.sort { $0.hit.start < $1.hit.start }
        let contexts = classifier(path, bytes())
        var position = LinePosition()
        return found.map { hit, matcher in
            position.advance(buffer, to: hit.start)
            return AuditHit(
                path: path, line: position.line, column: position.column,
                start: hit.start, end: hit.end, text: hit.text, variant: hit.variant,
                context: contexts.context(at: hit.start), compound: hit.compound,
                wireName: isWireName(buffer, start: hit.start, end: hit.end), suggestion: hit.suggestion,
                lineText: position.lineText(buffer), old: matcher.old, new: matcher.new)
        }
    }

    /// Folders holding an Alembic environment (`env.py` next to `script.py.mako`), with a trailing `/`.
    private static func alembicScriptFolders(_ files: [String]) -> [String] {
        let marker = "script.py.mako"
        return files.filter { $0 == marker || $0.hasSuffix("/" + marker) }.map { String($0.dropLast(marker.count)) }
    }
}

/// Walks forward through a file once, counting lines and characters, so that many hits on one
/// long (minified) line cost no more than the line itself.
private struct LinePosition {
    var line = 1
    var column = 1
    var lineStart = 0
    var offset = 0
    private var cachedLine: (start: Int, text: String)?

    mutating func advance(_ bytes: UnsafeBufferPointer<UInt8>, to target: Int) {
        while offset < target {
            let byte = bytes[offset]
            if byte == 0x0A {
                line += 1
                column = 1
                lineStart = offset + 1
            } else if byte & 0xC0 != 0x80 {
                column += 1  // one per character: UTF-8 continuation bytes do not count
            }
            offset += 1
        }
    }

    mutating func lineText(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if let cachedLine, cachedLine.start == lineStart { return cachedLine.text }
        var end = lineStart
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        if end > lineStart, bytes[end - 1] == 0x0D { end -= 1 }
        let text = String(decoding: bytes[lineStart..<end], as: UTF8.self)
        cachedLine = (lineStart, text)
        return text
    }
}

/// Hands out file indices to workers and collects their hits.
private final class SharedWork: @unchecked Sendable {
    private let lock = NSLock()
    private let count: Int
    private var nextIndex = 0
    private(set) var results: [AuditHit] = []

    init(count: Int) { self.count = count }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    func add(_ hits: [AuditHit]) {
        lock.lock()
        results += hits
        lock.unlock()
    }
}

extension AuditHit {
    /// The stable id of the rule these hits belong to.
    public static let rule = "rename-leftover"

    /// This hit as a `rename-leftover` diagnostic: an error with a fix that applies the suggestion,
    /// or a note without a fix for a wire name kept on purpose.
    public var diagnostic: Diagnostic {
        let location = SourceLocation(path: path, start: start, end: end)
        if wireName {
            return Diagnostic(
                rule: Self.rule, severity: .note,
                message: "'\(text)' keeps the old name '\(old)' as an external (wire) name",
                hint: "fine if stored data or API clients still use '\(old)'", location: location)
        }
        let place = context == .code ? "" : " in a \(context.rawValue == "doc" ? "document" : context.rawValue)"
        return Diagnostic(
            rule: Self.rule, severity: .error,
            message: "'\(text)'\(place) still uses '\(old)', which this change renames to '\(new)'",
            hint: "replace it with '\(suggestion)'", location: location,
            fix: Fix(
                message: "rename '\(text)' to '\(suggestion)'",
                edits: [TextEdit(start: start, end: end, replacement: suggestion)]))
    }
}
