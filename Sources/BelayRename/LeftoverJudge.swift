import BelayCore
import BelayScan
import Foundation

/// Decides, hit by hit, whether an occurrence of a rename's old name is a leftover and how sure that is.
struct LeftoverJudge {
    let rename: InferredRename
    let scans: ScanCache
    let reader: @Sendable (String) -> [UInt8]?
    /// Languages of the files the rename was made in.
    let languages: Set<String>
    /// Per path: the function scopes that define a local or parameter named like the old name.
    private var shadows: [String: Set<Int>] = [:]

    init(rename: InferredRename, scans: ScanCache, reader: @escaping @Sendable (String) -> [UInt8]?) {
        self.rename = rename
        self.scans = scans
        self.reader = { [scans] path in scans.bytes(path, reader) }
        languages = Set(rename.evidence.compactMap { Self.family($0.path) })
        isFixture = rename.evidence.contains { evidence in
            guard evidence.path.hasSuffix(".py"), evidence.kind == .function, let bytes = reader(evidence.path) else {
                return false
            }
            return Self.decorated(bytes, line: evidence.newLine, with: "fixture")
        }
    }

    /// A pytest fixture: a parameter of that name in a test function is a use of it, not a name of its own.
    let isFixture: Bool

    /// Whether one of the three lines above the 1-based `line` holds a decorator mentioning `word`.
    static func decorated(_ bytes: [UInt8], line: Int, with word: String) -> Bool {
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A {
            starts.append(offset + 1)
            if starts.count > line { break }
        }
        guard line - 1 < starts.count else { return false }
        let from = starts[max(0, line - 4)]
        let to = starts[line - 1]
        let text = String(decoding: bytes[from..<to], as: UTF8.self)
        return text.split(separator: "\n").contains { $0.contains("@") && $0.contains(word) }
    }

    /// The first place among `hits` that still defines the old name at module or type level. On the way,
    /// notes the functions that still declare a parameter of that name: a keyword argument passed to one
    /// of them is that parameter, not a leftover.
    mutating func stillDefined(in hits: [AuditHit]) -> (path: String, line: Int)? {
        var found: (path: String, line: Int)?
        for hit in hits where hit.context == .code && !hit.compound && hit.text == rename.old {
            guard let scan = scans.scan(hit.path, reader), let k = scan.file.tokenIndex(at: hit.start),
                let definition = scan.definitions[k], definition.name == rename.old,
                !Self.borrowed.contains(definition.kind)
            else { continue }
            if definition.kind == .parameter {
                if isFixture { continue }  // a test asking for the fixture by name
                ownParameters.formUnion(scan.file.callees(of: definition))
            }
            if definition.functionScope == nil && definition.kind != .parameter && found == nil {
                found = (hit.path, hit.line)
            }
        }
        return found
    }

    /// Whether the file defines the old name outside any function (a field, a global).
    private mutating func outerDefinitionExists(in path: String) -> Bool {
        if let known = outerDefined[path] { return known }
        let value =
            scans.scan(path, reader)?.definitions.values.contains { definition in
                definition.name == rename.old && definition.functionScope == nil
                    && ![.parameter, .importBinding, .keywordArgument].contains(definition.kind)
            } ?? false
        outerDefined[path] = value
        return value
    }

    private var outerDefined: [String: Bool] = [:]

    /// Per path: whether the file is generated (a bundle, a lockfile, a file that says so).
    private var generated: [String: Bool] = [:]

    private mutating func isGenerated(_ path: String) -> Bool {
        if let known = generated[path] { return known }
        let value =
            GeneratedFiles.isGenerated(path: path)
            || reader(path).map { GeneratedFiles.isGenerated(path: path, bytes: $0) } == true
        generated[path] = value
        return value
    }

    /// Functions that still declare a parameter named like the old name.
    private var ownParameters: Set<String> = []

    private static let borrowed: Set<DefinitionKind> = [.importBinding, .keywordArgument]

    /// The layer a file's language belongs to: JavaScript and TypeScript are one, Java and Kotlin are one.
    static func family(_ path: String) -> String? {
        switch Language.detect(path: path) {
        case nil: return nil
        case .typescript?: return "javascript"
        case .kotlin?: return "java"
        case let language?: return language.rawValue
        }
    }

    /// The severity of `hit` as a leftover, or nil when it is not one.
    mutating func severity(of hit: AuditHit) -> Severity? {
        if isGenerated(hit.path) { return nil }  // the generator rewrites it
        if hit.wireName { return .note }
        let inside = rename.evidence.contains { $0.path == hit.path && $0.functionRange?.contains(hit.start) == true }
        if !rename.isRepositoryWide {
            // `self.commands` inside the function of a renamed local `commands` is a member, not the local,
            // and `withRunningApp(app: remoteApp)` passes an argument labelled like it.
            if hit.context == .code && isMemberAccess(hit) { return nil }
            if inside && hit.context == .code && isLabel(hit) {
                let callees = Set(rename.evidence.flatMap(\.callees))
                return rename.isParameter && isKeywordArgument(hit, of: callees) ? .error : nil
            }
            if inside {
                // A field or global of the same name outside the function still answers to the old name
                // (`method` in a Java method whose parameter became `httpMethod`): likely, not certain.
                let severity = grade(hit)
                return severity == .error && outerDefinitionExists(in: hit.path) ? .warning : severity
            }
            guard rename.isParameter, hit.context == .code, !hit.compound, hit.text == rename.old,
                isKeywordArgument(hit, of: Set(rename.evidence.flatMap(\.callees)))
            else { return nil }
            return .error
        }
        if isShadowed(hit) { return nil }
        if !ownParameters.isEmpty, hit.context == .code, isKeywordArgument(hit, of: ownParameters) { return nil }
        return grade(hit)
    }

    /// Errors for references, warnings for everything that only looks like one.
    private func grade(_ hit: AuditHit) -> Severity {
        // HTML and XML pages are prose and examples, except inside a template expression.
        if Self.isMarkup(hit.path) && !Self.inTemplateExpression(hit) { return .warning }
        switch hit.context {
        case .comment, .doc: return .warning
        case .string:
            // A one-word string ("sync", "name") is too common to be the renamed name for sure.
            let distinctive = !rename.old.allSatisfy { $0.isLowercase || $0.isNumber }
            return !hit.compound && hit.text == rename.old && distinctive && isWholeString(hit) ? .error : .warning
        case .code:
            if hit.compound { return .warning }
            if hit.text == rename.old { return isCommonMember(hit) ? .warning : .error }
            // Another spelling of the name: the same thing across layers only in another language.
            guard let family = Self.family(hit.path) else { return .warning }
            return languages.contains(family) ? .warning : .error
        }
    }

    static func isMarkup(_ path: String) -> Bool {
        let name = path.lowercased()
        return [".html", ".htm", ".xml", ".svg", ".xhtml"].contains { name.hasSuffix($0) }
    }

    /// `{{ record.old_field }}`, `{% if old_field %}`, `<%= old_field %>`, `${oldField}` on the hit's line.
    static func inTemplateExpression(_ hit: AuditHit) -> Bool {
        let before = hit.lineText.prefix(max(0, hit.column - 1))
        return ["{{", "{%", "<%", "${"].contains { before.contains($0) }
    }

    /// A one-word member name (`close`, `value`) in another file than the rename's: too common to call
    /// every `x.close` a leftover when the receiver's type is unknown.
    private func isCommonMember(_ hit: AuditHit) -> Bool {
        guard rename.evidence.allSatisfy({ $0.kind == .method || $0.kind == .field }),
            !rename.evidence.contains(where: { $0.path == hit.path })
        else { return false }
        return rename.old.allSatisfy { $0.isLowercase || $0.isNumber }
    }

    /// `f(name: x)`, `f(name=x)`, `{ a: 1, name: x }`: the hit labels an argument or a key.
    private func isLabel(_ hit: AuditHit) -> Bool {
        guard let bytes = reader(hit.path) else { return false }
        var before = hit.start - 1
        while before >= 0, isSpace(bytes[before]) { before -= 1 }
        guard before >= 0, [UInt8(ascii: "("), UInt8(ascii: ","), UInt8(ascii: "{")].contains(bytes[before]) else {
            return false
        }
        var after = hit.end
        while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
        guard after < bytes.count, bytes[after] == UInt8(ascii: "=") || bytes[after] == UInt8(ascii: ":") else {
            return false
        }
        return after + 1 >= bytes.count || bytes[after + 1] != bytes[after]
    }

    /// `self.name`, `obj?.name`, `Type::name`: the hit follows a member-access operator.
    private func isMemberAccess(_ hit: AuditHit) -> Bool {
        guard let bytes = reader(hit.path) else { return false }
        var before = hit.start - 1
        while before >= 0, bytes[before] == 0x20 || bytes[before] == 0x09 { before -= 1 }
        guard before >= 0 else { return false }
        if bytes[before] == UInt8(ascii: ".") { return before == 0 || bytes[before - 1] != UInt8(ascii: ".") }
        return before > 0 && bytes[before] == UInt8(ascii: ":") && bytes[before - 1] == UInt8(ascii: ":")
    }

    /// `"old_field"`, `'old_field'`: the hit is the whole literal.
    private func isWholeString(_ hit: AuditHit) -> Bool {
        guard let bytes = reader(hit.path), hit.start > 0, hit.end < bytes.count else { return false }
        let quotes: Set<UInt8> = [0x22, 0x27, 0x60]
        return quotes.contains(bytes[hit.start - 1]) && bytes[hit.end] == bytes[hit.start - 1]
    }

    /// Whether the hit sits inside a function that defines its own local or parameter of the old name.
    private mutating func isShadowed(_ hit: AuditHit) -> Bool {
        guard hit.context == .code, !isFixture, !isMemberAccess(hit), let scan = scans.scan(hit.path, reader) else {
            return false
        }
        let scopes: Set<Int>
        if let known = shadows[hit.path] {
            scopes = known
        } else {
            scopes = Set(
                scan.definitions.values.compactMap { definition in
                    definition.name == rename.old && (definition.kind == .parameter || definition.kind == .variable)
                        ? definition.functionScope : nil
                })
            shadows[hit.path] = scopes
        }
        guard !scopes.isEmpty, let k = scan.file.tokenIndex(at: hit.start) else { return false }
        if let own = scan.definitions[k]?.functionScope, scopes.contains(own) { return true }  // the declaration
        var current: Int? = scan.file.scope(of: k)
        while let id = current {
            if scopes.contains(id) { return true }
            current = scan.file.scopes[id].parent
        }
        return false
    }

    /// `process_data(old_field=…)`, `load(x, oldField: …)`: the hit names an argument of a call to the
    /// function in `callees` — right after `(` or `,`, before `=` (not `==`) or `:` (not `::`), and the
    /// call's callee is one of the function's names.
    private func isKeywordArgument(_ hit: AuditHit, of callees: Set<String>) -> Bool {
        guard !callees.isEmpty, let bytes = reader(hit.path) else { return false }
        var before = hit.start - 1
        while before >= 0, isSpace(bytes[before]) { before -= 1 }
        guard before >= 0, bytes[before] == UInt8(ascii: "(") || bytes[before] == UInt8(ascii: ",") else {
            return false
        }
        var after = hit.end
        while after < bytes.count, bytes[after] == 0x20 || bytes[after] == 0x09 { after += 1 }
        guard after < bytes.count, bytes[after] == UInt8(ascii: "=") || bytes[after] == UInt8(ascii: ":"),
            after + 1 >= bytes.count || bytes[after + 1] != bytes[after]
        else { return false }
        // Back to the call's open parenthesis, then the name in front of it.
        var depth = 0
        var k = before
        while k >= 0, hit.start - k < 20_000 {
            let byte = bytes[k]
            if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { depth += 1 }
            if byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                if depth == 0 { break }
                depth -= 1
            }
            k -= 1
        }
        guard k >= 0, bytes[k] == UInt8(ascii: "(") else { return false }
        var end = k
        while end > 0, isSpace(bytes[end - 1]) { end -= 1 }
        var start = end
        while start > 0, isIdentifierByte(bytes[start - 1]) { start -= 1 }
        guard start < end else { return false }
        return callees.contains(String(decoding: bytes[start..<end], as: UTF8.self))
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private func isIdentifierByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "_") || byte >= 0x80 || (byte >= 0x30 && byte <= 0x39)
            || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
    }
}

/// Scans of the files with hits, made once: the context classifier and the definition lookups share them.
final class ScanCache: @unchecked Sendable {
    struct Entry {
        var file: ScannedFile
        var definitions: [Int: Definition]
    }

    private let lock = NSLock()
    private var files: [String: ScannedFile] = [:]
    private var entries: [String: Entry?] = [:]
    private var contents: [String: [UInt8]] = [:]

    /// A classifier factory that keeps the contents and scans it sees (files with hits only).
    var factory: ContextClassifierFactory {
        { [self] path, bytes in
            let file = ScannedFile(path: path, bytes: bytes)
            lock.lock()
            contents[path] = bytes
            if let file { files[path] = file }
            lock.unlock()
            guard let file else { return LineContextClassifier(path: path, bytes: bytes) }
            return ScanContextClassifier(file)
        }
    }

    /// The content of a file with hits, read once.
    func bytes(_ path: String, _ reader: (String) -> [UInt8]?) -> [UInt8]? {
        lock.lock()
        if let known = contents[path] {
            lock.unlock()
            return known
        }
        lock.unlock()
        let read = reader(path)
        lock.lock()
        contents[path] = read
        lock.unlock()
        return read
    }

    /// The scan of `path` with its definitions, or nil when it is in no scanned language.
    func scan(_ path: String, _ reader: (String) -> [UInt8]?) -> Entry? {
        lock.lock()
        if let entry = entries[path] {
            lock.unlock()
            return entry
        }
        let known = files[path]
        lock.unlock()
        let file = known ?? bytes(path, reader).flatMap { ScannedFile(path: path, bytes: $0) }
        let entry = file.map { Entry(file: $0, definitions: $0.definitions()) }
        lock.lock()
        entries[path] = entry
        lock.unlock()
        return entry
    }
}
