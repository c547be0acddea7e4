import BelayCore

// Hand-written decoding of rules/languages.json from its parsed tree. The table is read on every run;
// through Codable, instantiating the generic decoding machinery cost a quarter of a cache-hit gate run.

extension LanguageTable {
    init(rule: RuleValue) throws(BelayError) {
        operators = try rule.requiredStrings("operators")
        guard let entries = rule["languages"]?.array else { throw .internal("rules: 'languages' must be an array") }
        var languages: [LanguageProfile] = []
        for entry in entries { languages.append(try LanguageProfile(rule: entry)) }
        self.languages = languages
    }
}

extension LanguageProfile {
    init(rule: RuleValue) throws(BelayError) {
        var blockComments: [BlockComment] = []
        for comment in rule["blockComments"]?.array ?? [] { blockComments.append(try BlockComment(rule: comment)) }
        var strings: [StringForm] = []
        for form in rule["strings"]?.array ?? [] { strings.append(try StringForm(rule: form)) }
        var prefixes: [StringPrefix]?
        if let entries = rule["prefixes"]?.array {
            var decoded: [StringPrefix] = []
            for entry in entries { decoded.append(try StringPrefix(rule: entry)) }
            prefixes = decoded
        }
        let scopeText = try rule.requiredString("scopeStyle")
        guard let scopeStyle = ScopeStyle(rawValue: scopeText) else {
            throw .internal("rules: unknown scopeStyle '\(scopeText)'")
        }
        self.init(
            name: try rule.requiredString("name"),
            extensions: try rule.requiredStrings("extensions"),
            fileNames: rule["fileNames"]?.strings,
            shebangs: try rule.requiredStrings("shebangs"),
            lineComments: try rule.requiredStrings("lineComments"),
            docLineComments: try rule.requiredStrings("docLineComments"),
            blockComments: blockComments,
            strings: strings,
            prefixes: prefixes,
            identifierStart: try rule.requiredString("identifierStart"),
            identifierPart: try rule.requiredString("identifierPart"),
            identifierSuffixes: rule["identifierSuffixes"]?.string,
            backtickIdentifiers: rule["backtickIdentifiers"]?.bool,
            keywords: try rule.requiredStrings("keywords"),
            definitionKeywords: try rule.requiredStrings("definitionKeywords"),
            importKeywords: try rule.requiredStrings("importKeywords"),
            branchKeywords: try rule.requiredStrings("branchKeywords"),
            regexPrecedingKeywords: rule["regexPrecedingKeywords"]?.strings,
            scopeStyle: scopeStyle,
            features: try rule.requiredStrings("features"))
    }
}

extension BlockComment {
    init(rule: RuleValue) throws(BelayError) {
        self.init(
            open: try rule.requiredString("open"), close: try rule.requiredString("close"),
            nests: rule["nests"]?.bool ?? false, docOpens: rule["docOpens"]?.strings)
    }
}

extension StringForm {
    init(rule: RuleValue) throws(BelayError) {
        self.init(
            open: try rule.requiredString("open"), close: try rule.requiredString("close"),
            escapes: rule["escapes"]?.bool ?? false, multiline: rule["multiline"]?.bool ?? false,
            interpolation: try interpolationStyle(rule["interpolation"]), kind: rule["kind"]?.string)
    }
}

extension StringPrefix {
    init(rule: RuleValue) throws(BelayError) {
        self.init(
            text: try rule.requiredString("text"), raw: rule["raw"]?.bool,
            interpolation: try interpolationStyle(rule["interpolation"]))
    }
}

private func interpolationStyle(_ value: RuleValue?) throws(BelayError) -> InterpolationStyle? {
    guard let text = value?.string else { return nil }
    guard let style = InterpolationStyle(rawValue: text) else {
        throw .internal("rules: unknown interpolation '\(text)'")
    }
    return style
}
