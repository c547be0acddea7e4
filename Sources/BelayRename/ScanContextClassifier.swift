import BelayScan

/// The precise classifier: BelayScan's tokenizer for the nine scanned languages, so a hit inside an
/// f-string, a raw string, a template literal or a docstring is classified by the real lexical rules.
/// Other files (Markdown, RST and text are documentation; YAML, SQL, templates…) use
/// ``LineContextClassifier``.
public struct ScanContextClassifier: ContextClassifier {
    private let file: ScannedFile

    /// Wraps a scanned file.
    public init(_ file: ScannedFile) { self.file = file }

    public func context(at offset: Int) -> HitContext {
        switch file.classify(offset: offset) {
        case .code: .code
        case .string: .string
        case .comment: .comment
        case .doc: .doc
        }
    }

    /// Scans the file when its language is known, else falls back to the line-based classifier.
    public static let factory: ContextClassifierFactory = { path, bytes in
        if let file = ScannedFile(path: path, bytes: bytes) { return ScanContextClassifier(file) }
        return LineContextClassifier(path: path, bytes: bytes)
    }
}
