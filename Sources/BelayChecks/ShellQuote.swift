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

/// The argument vector `template` stands for when a shell would only split it into words: every word
/// made of characters no POSIX shell treats specially, `{files}` only as a word of its own (one argument
/// per file), and a first word that names a program on `PATH` or by absolute path, not a builtin, keyword
/// or assignment. Then
/// the check can run without a `/bin/sh` in between (which would exec the same program); `nil` means the
/// shell is needed.
public func directArguments(_ template: String, files: [String]) -> [String]? {
    let words = template.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    // A relative path (`./lint.sh`) is the snapshot's, which only the child's shell resolves right.
    guard let first = words.first, first != "{files}", !first.contains("="), !shellBuiltins.contains(first),
        !first.contains("/") || first.hasPrefix("/")
    else { return nil }
    var arguments: [String] = []
    for word in words {
        if word == "{files}" {
            arguments += files
        } else if word.unicodeScalars.allSatisfy(isPlainWordCharacter) {
            arguments.append(word)
        } else {
            return nil
        }
    }
    return arguments
}

private func isPlainWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".", "/", ":", ",", "+", "=", "@", "%": true
    default: false
    }
}

/// Words a shell runs itself (dash's and bash's builtins and reserved words): never exec'd directly.
private let shellBuiltins: Set<String> = [
    ".", ":", "[", "alias", "bg", "break", "builtin", "case", "cd", "chdir", "command", "continue", "do", "done",
    "echo", "elif", "else", "esac", "eval", "exec", "exit", "export", "false", "fc", "fg", "fi", "for", "getopts",
    "hash", "if", "in", "jobs", "kill", "local", "printf", "pwd", "read", "readonly", "return", "select", "set",
    "shift", "source", "test", "then", "time", "times", "trap", "true", "type", "ulimit", "umask", "unalias",
    "unset", "until", "wait", "while",
]
