// BelayRename: finds leftovers of renames anywhere in a repository — the `rename-leftover` rule and
// `belay rename-audit OLD NEW`.
//
// - `splitWords` / `spellings` / `respell` (WordSplitting.swift, Spelling.swift): a name is a list of
//   lowercase words; every naming style is a way of joining them.
// - `RenameMatcher` (RenameMatcher.swift) finds every spelling of an old name in a file's bytes in one
//   pass: a SWAR search for the old name's longest word (CandidateFinder.swift), then a whole-word
//   check of the identifier around each candidate. No regex, no `String` per line.
// - `ContextClassifier` (ContextClassifier.swift) says whether a hit is in code, a string, a comment
//   or documentation; `ScanContextClassifier` uses BelayScan's tokenizer for the nine scanned languages,
//   `LineContextClassifier` is the tokenizer-free fallback for every other text file.
// - `isWireName` (WireNames.swift): an old name kept on purpose as an external name is a note.
// - `RenameAudit` (RenameAudit.swift) streams the tracked files in parallel and returns `AuditHit`s
//   sorted by path, line and column; `listTrackedFiles` asks git (TrackedFiles.swift).
// - `RenameInference` (RenameInference.swift) infers the renames a change makes (BelayScan's
//   `RenameEvidenceFinder`: line diff, definitions, aligned removed/added lines) and searches for their
//   leftovers in the scope each definition has.
