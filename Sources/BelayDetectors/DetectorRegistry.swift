/// The built-in rules.
public enum DetectorRegistry {
    /// Every built-in rule type, sorted by id.
    public static let all: [any Rule.Type] = {
        let rules: [any Rule.Type] = [
            AddedNotReplacedDetector.self,
            ConflictMarkerDetector.self,
            DestructiveMigrationDetector.self,
            DuplicateAssignmentDetector.self,
            DuplicateDefinitionDetector.self,
            DuplicateImportDetector.self,
            DuplicateKeyDetector.self,
            DuplicateKeywordArgumentDetector.self,
            DuplicateParameterDetector.self,
            FinalNewlineDetector.self,
            ForcePushRule.self,
            GuardTamperDetector.self,
            HookBypassDetector.self,
            MergeSourceRule.self,
            MixedLineEndingsDetector.self,
            ProtectedBranchDetector.self,
            PushDriftRule.self,
            PushSizeRule.self,
            RenameLeftoverRule.self,
            SecretFileDetector.self,
            SecretTokenDetector.self,
            TestWeakenedDetector.self,
            TrailingWhitespaceDetector.self,
        ]
        return rules.sorted { $0.description.id < $1.description.id }
    }()

    /// Every built-in rule's id, sorted. A list of its own, because building the descriptions decodes
    /// the secrets table (for `secret-token`'s examples): the configuration parser and `--only` / `--skip`
    /// need only the ids, on every run, before the checks start. A test keeps it equal to the descriptions'.
    public static let ids: [String] = [
        "added-not-replaced", "conflict-marker", "destructive-migration", "duplicate-assignment",
        "duplicate-definition", "duplicate-import",
        "duplicate-key", "duplicate-keyword-argument", "duplicate-parameter", "final-newline", "force-push",
        "guard-tamper",
        "hook-bypass", "merge-source", "mixed-line-endings", "protected-branch", "push-drift", "push-size",
        "rename-leftover", "secret-file", "secret-token",
        "test-weakened", "trailing-whitespace",
    ]

    /// Every built-in rule's description, sorted by id.
    public static var descriptions: [RuleDescription] { all.map { $0.description } }

    /// The rule type with `id`, if any.
    public static func rule(for id: String) -> (any Rule.Type)? {
        all.first { $0.description.id == id }
    }

    /// The description of the rule with `id`, if any.
    public static func description(for id: String) -> RuleDescription? {
        rule(for: id)?.description
    }

    /// The ids in `ids` that name no built-in rule, sorted, so a caller can report them.
    public static func validate<S: Sequence>(ids: S) -> [String] where S.Element == String {
        Set(ids).subtracting(Self.ids).sorted()
    }
}
