/// Declarations written without a definition keyword: Java and JavaScript methods, Java typed
/// variables.
extension ScannedFile {
    /// A Java or JavaScript method declared without a keyword in a type body: `public static int size(…)`,
    /// `async load(…) {`, `constructor(…)`: modifiers and a type, then the name and `(`.
    func keywordlessMethod(_ code: [Int]) -> (name: Int, open: Int)? {
        guard language == .java || language == .javascript || language == .typescript else { return nil }
        var angle = 0
        for (index, k) in code.enumerated() {
            let mark = punctuation(k)
            if mark == "<" { angle += 1 } else if mark == ">" { angle = max(0, angle - 1) }
            if angle > 0 { continue }
            if mark == "(" {
                guard index > 0, tokens[code[index - 1]].kind == .identifier else { return nil }
                let name = code[index - 1]
                guard !Self.statementWords.contains(text(name)) else { return nil }
                return (name, k)
            }
            // Anything that makes the line an expression ends the search: `=`, `.`, `=>`, a call's value.
            if ["=", ".", "=>", ":", ",", "{", ";", "?."].contains(mark) { return nil }
            if tokens[k].kind == .keyword && Self.statementWords.contains(text(k)) { return nil }
            let modifier = tokens[k].kind == .identifier || tokens[k].kind == .keyword
            if !modifier && ![">", "[", "]", "*", "@", "?"].contains(mark) { return nil }
        }
        return nil
    }

    /// Words that start a statement, not a declaration, before a `(`.
    static let statementWords: Set<String> = [
        "if", "for", "while", "switch", "catch", "return", "throw", "new", "super", "this", "synchronized", "do",
        "else", "try", "await", "yield", "typeof", "delete", "assert", "break", "continue", "case", "default",
    ]

    /// Java `Type name = …`, `final Map<K, V> name;`, `for (Type name : items)`, `catch (Exception e)`:
    /// a name after a type, with nothing but modifiers and types back to the start of the statement or
    /// of the parentheses it sits in.
    func isTypedDeclaration(_ code: [Int], _ position: Int) -> Bool {
        guard position > 0 else { return false }
        // The statement's `;` ends the logical line and is not among its tokens.
        let next = position + 1 < code.count ? text(code[position + 1]) : ";"
        let before = code[position - 1]
        guard
            tokens[before].kind == .identifier || tokens[before].kind == .keyword || text(before) == ">"
                || text(before) == "]"
        else { return false }
        var angle = 0
        var index = position - 1
        var types = 0
        while index >= 0 {
            let k = code[index]
            let mark = tokens[k].kind == .punctuation ? text(k) : ""
            if mark == ">" {
                angle += 1
            } else if mark == "<" {
                angle -= 1
            } else if angle == 0 && (mark == "(" || mark == ";" || mark == "{" || mark == "}") {
                // Inside parentheses: a for-each variable, a catch parameter or a resource.
                return types > 0 && mark == "(" && (next == ":" || next == ")" || next == "=")
                    && (index == 0 || ["for", "catch", "try"].contains(text(code[index - 1])))
            } else if angle == 0 && tokens[k].kind != .identifier && tokens[k].kind != .keyword
                && !["[", "]", ".", "@", "?"].contains(mark)
            {
                return false
            }
            if tokens[k].kind == .identifier || tokens[k].kind == .keyword {
                if Self.statementWords.contains(text(k)) { return false }
                types += 1
            }
            index -= 1
        }
        return angle == 0 && types > 0 && (next == "=" || next == ";" || next == ",")
    }

}
