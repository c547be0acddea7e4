// BelayDetectors: the rules that judge a change file by file.
//
// A rule describes itself (``RuleDescription``: id, summary, rationale, default severity, examples) and is
// either a per-file ``Detector`` (runs over one version of one file) or a ``ChangeDetector`` (sees the
// whole change). ``DetectorRegistry`` lists every built-in rule; ``DetectorEngine`` runs them, applies
// severity settings and keeps only the findings a change introduces. ``RuleDocumentation`` renders the text
// of `belay rules` and `belay explain`.

import BelayScan

extension DetectorEngine {
    /// Builds the tables every run of the rules needs (the rule descriptions, the secrets table, the
    /// language profiles) now: the gate does it while git reads the change, instead of after. Each is
    /// built once either way; a rule that needs one meanwhile waits for it.
    public static func prepareTables() {
        _ = DetectorRegistry.all
        _ = SecretTable.builtIn
        prepareLanguageTables()
    }
}
