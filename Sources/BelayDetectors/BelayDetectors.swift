// BelayDetectors: the rules that judge a change file by file.
//
// A rule describes itself (``RuleDescription``: id, summary, rationale, default severity, examples) and is
// either a per-file ``Detector`` (runs over one version of one file) or a ``ChangeDetector`` (sees the
// whole change). ``DetectorRegistry`` lists every built-in rule; ``DetectorEngine`` runs them, applies
// severity settings and keeps only the findings a change introduces. ``RuleDocumentation`` renders the text
// of `belay rules` and `belay explain`.
