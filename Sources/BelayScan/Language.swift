import Foundation

/// A language BelayScan tokenizes. Its lexical rules come from `rules/languages.json`.
public enum Language: String, CaseIterable, Sendable, Codable {
    case python, javascript, typescript, swift, go, rust, java, kotlin, ruby

    /// The profile declared for this language in `rules/languages.json`.
    public var profile: LanguageProfile? { LanguageTable.profiles[self] }

    /// The language of a file, from its extension or exact name, else from a `#!` first line
    /// (`#!/usr/bin/env python3`, `#!/usr/bin/ruby -w`). `nil` when unknown.
    public static func detect(path: String, firstLine: String? = nil) -> Language? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let profiles = Language.allCases.compactMap { language in language.profile.map { (language, $0) } }
        for (language, profile) in profiles where profile.fileNames?.contains(name) == true { return language }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            let ext = name[name.index(after: dot)...].lowercased()
            for (language, profile) in profiles where profile.extensions.contains(ext) { return language }
        }
        guard let line = firstLine, line.hasPrefix("#!") else { return nil }
        var words = line.dropFirst(2).split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        if let first = words.first, first.hasSuffix("/env") {
            words.removeFirst()
            while let option = words.first, option.hasPrefix("-") { words.removeFirst() }
        }
        guard let program = words.first?.split(separator: "/").last.map(String.init) else { return nil }
        for (language, profile) in profiles where profile.shebangs.contains(program) { return language }
        // `python3.12`, `ruby3.2`: drop a version suffix.
        let base = String(program.prefix(while: { !$0.isNumber && $0 != "." }))
        for (language, profile) in profiles where profile.shebangs.contains(base) { return language }
        return nil
    }
}

/// The compiled profiles, made on first use and shared by every thread.
private final class CompiledProfiles: @unchecked Sendable {
    private let lock = NSLock()
    private var byLanguage: [Language: CompiledProfile] = [:]

    func profile(for language: Language) -> CompiledProfile {
        lock.lock()
        defer { lock.unlock() }
        if let known = byLanguage[language] { return known }
        let made: CompiledProfile
        if let profile = LanguageTable.profiles[language], let operators = LanguageTable.shared?.operators {
            made = CompiledProfile(language: language, profile: profile, operators: operators)
        } else {
            made = CompiledProfile.fallback(language)
        }
        byLanguage[language] = made
        return made
    }
}

/// A profile turned into byte tables for the lexer.
struct CompiledProfile: Sendable {
    let language: Language
    let profile: LanguageProfile
    let lineComments: [[UInt8]]
    let docLineComments: [[UInt8]]
    let blockComments: [(open: [UInt8], close: [UInt8], nests: Bool, docOpens: [[UInt8]])]
    let strings: [(form: StringForm, open: [UInt8], close: [UInt8])]
    let prefixes: [(bytes: [UInt8], prefix: StringPrefix)]
    let operatorsByFirstByte: [[[UInt8]]]
    let identifierStart: [Bool]
    let identifierPart: [Bool]
    let identifierSuffixes: [UInt8]
    /// First bytes that may open a comment / a quoted form (cheap filters before the table loops).
    let commentFirst: [Bool]
    let quoteFirst: [Bool]
    let keywords: ByteWordSet
    let regexKeywords: ByteWordSet
    let definitionKeywords: ByteWordSet
    let importKeywords: ByteWordSet
    let branchKeywords: ByteWordSet
    let features: Set<String>
    /// `@` opens annotations, attributes or decorators (feature `annotations`).
    let annotations: Bool

    /// Profiles compiled so far: each language on first use (a change touches one or two of them).
    private static let compiled = CompiledProfiles()

    /// A stand-in when the rules are missing: everything is code, nothing is hidden.
    static func fallback(_ language: Language) -> CompiledProfile {
        let empty = LanguageProfile(
            name: language.rawValue, extensions: [], shebangs: [], lineComments: [], docLineComments: [],
            blockComments: [], strings: [], identifierStart: "_", identifierPart: "_", keywords: [],
            definitionKeywords: [], importKeywords: [], branchKeywords: [], scopeStyle: .braces, features: [])
        return CompiledProfile(language: language, profile: empty, operators: [])
    }

    static func of(_ language: Language) -> CompiledProfile { compiled.profile(for: language) }

    init(language: Language, profile: LanguageProfile, operators: [String]) {
        self.language = language
        self.profile = profile
        lineComments = profile.lineComments.map { Array($0.utf8) }
        docLineComments = profile.docLineComments.map { Array($0.utf8) }
        blockComments = profile.blockComments.map {
            (Array($0.open.utf8), Array($0.close.utf8), $0.nests, ($0.docOpens ?? []).map { Array($0.utf8) })
        }
        strings = profile.strings.map { ($0, Array($0.open.utf8), Array($0.close.utf8)) }
            .sorted { $0.open.count > $1.open.count }
        prefixes = (profile.prefixes ?? []).map { (Array($0.text.utf8), $0) }.sorted { $0.bytes.count > $1.bytes.count }
        var byFirst = [[[UInt8]]](repeating: [], count: 256)
        for op in operators.map({ Array($0.utf8) }).sorted(by: { $0.count > $1.count }) where !op.isEmpty {
            byFirst[Int(op[0])].append(op)
        }
        operatorsByFirstByte = byFirst
        var start = [Bool](repeating: false, count: 256)
        var part = [Bool](repeating: false, count: 256)
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { start[Int(byte)] = true }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { start[Int(byte)] = true }
        for byte in 0x80...0xFF { start[byte] = true }  // non-ASCII: Unicode letters (and anything else non-ASCII)
        part = start
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { part[Int(byte)] = true }
        for byte in profile.identifierStart.utf8 { start[Int(byte)] = true }
        for byte in profile.identifierPart.utf8 { part[Int(byte)] = true }
        identifierStart = start
        var commentFirst = [Bool](repeating: false, count: 256)
        for open in profile.lineComments + profile.blockComments.map(\.open) {
            commentFirst[Int(open.utf8.first!)] = true
        }
        self.commentFirst = commentFirst
        var quoteFirst = [Bool](repeating: false, count: 256)
        for form in profile.strings { quoteFirst[Int(form.open.utf8.first!)] = true }
        self.quoteFirst = quoteFirst
        identifierPart = part
        identifierSuffixes = Array((profile.identifierSuffixes ?? "").utf8)
        keywords = ByteWordSet(profile.keywords)
        regexKeywords = ByteWordSet(profile.regexPrecedingKeywords ?? [])
        definitionKeywords = ByteWordSet(profile.definitionKeywords)
        importKeywords = ByteWordSet(profile.importKeywords)
        branchKeywords = ByteWordSet(profile.branchKeywords)
        features = Set(profile.features)
        annotations = features.contains("annotations")
    }
}
