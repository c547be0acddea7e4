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
            GuardTamperDetector.self,
            HookBypassDetector.self,
            MixedLineEndingsDetector.self,
            ProtectedBranchDetector.self,
            RenameLeftoverRule.self,
            SecretFileDetector.self,
            SecretTokenDetector.self,
            TestWeakenedDetector.self,
            TrailingWhitespaceDetector.self,
        ]
        return rules.sorted { $0.description.id < $1.description.id }
    }()

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
        let known = Set(all.map { $0.description.id })
        return Set(ids).subtracting(known).sorted()
    }
}
