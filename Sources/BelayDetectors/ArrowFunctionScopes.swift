import BelayScan

// JavaScript arrow functions at file level: `const f = (…) => { … }` has a body the scanner sees as a
// plain block, but its `let` names are the arrow's locals, not file state.

extension ScopeStatements {
    /// The function whose locals a statement in `scope` writes: its definition scope, or, in JavaScript
    /// and TypeScript where that is the file, the outermost arrow function body (`=> {`) around it.
    func functionScope(of scope: Int) -> Int {
        let definition = file.definitionScope(of: scope)
        guard definition == 0, file.language == .javascript || file.language == .typescript else {
            return definition
        }
        var id = scope
        var arrow = 0
        while id != 0 {
            if let opener = file.scopes[id].opener, punct(opener) == 0x7B {
                var before = opener - 1
                while before >= 0 && !file.tokens[before].isCode { before -= 1 }
                if before >= 0 && isWord(before, "=>") { arrow = id }
            }
            guard let parent = file.scopes[id].parent else { break }
            id = parent
        }
        return arrow
    }
}
