/// Quotes `word` for a POSIX shell: the result is always one word, whatever it contains (spaces, quotes,
/// `$`, backticks, newlines, globs, non-ASCII). Single quotes are written as `'\''`.
public func shellQuote(_ word: String) -> String {
    var quoted = "'"
    for character in word {
        if character == "'" {
            quoted += "'\\''"
        } else {
            quoted.append(character)
        }
    }
    return quoted + "'"
}

/// Replaces every `{files}` in `template` with `files`, each shell-quoted, separated by spaces.
///
/// Paths are passed exactly as given (repository-relative, as git names them). Quoting makes each one a
/// single word, but a path that starts with `-` can still be read as an option by the tool; tools that care
/// accept `--` before `{files}`, which is the configuration's to write.
public func expandCommand(_ template: String, files: [String]) -> String {
    let expansion = files.map(shellQuote).joined(separator: " ")
    var result = ""
    var rest = Substring(template)
    while let range = rest.firstRange(of: "{files}") {
        result += rest[..<range.lowerBound]
        result += expansion
        rest = rest[range.upperBound...]
    }
    return result + rest
}
