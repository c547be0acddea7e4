// BelayScan: token-level scanners for Python, JavaScript, TypeScript, Swift, Go, Rust, Java, Kotlin and Ruby.
//
// `tokenize(_:language:)` makes one linear pass over the bytes, driven by the profiles in
// `rules/languages.json` (comment and string forms, identifier rules, keywords); `ScannedFile` adds the
// structure the detectors need (matching brackets, logical lines, scopes, branch paths) and
// `classify(offset:)` for the rename audit; `mutations(of:language:)` wraps examples in comments and strings
// so detector tests can check that nothing inside them is mistaken for code.

/// Builds the language table (parsed from `rules/languages.json`) now, so a caller can do it beside
/// work that waits on other processes; it is built once, on first use, either way.
public func prepareLanguageTables() {
    _ = LanguageTable.profiles
}
