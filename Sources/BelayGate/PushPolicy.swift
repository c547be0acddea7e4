import BelayCore
import BelayDetectors
import BelayGit

/// One push of one ref (a line of the pre-push hook's stdin), or one CI range, as the push policy sees it.
public struct PushTarget: Sendable, Equatable {
    /// The commit the remote ref will point at; `nil` for a deletion.
    public var tip: String?
    /// The branch updated on the remote (`main` for `refs/heads/main`); `nil` for tags and other refs.
    public var branch: String?
    /// The remote pushed to (`origin`): its `HEAD` is the `auto` base and `<remote>/<branch>` the branch's own.
    public var remote: String
    /// What the remote branch pointed at before the push (`nil`: a new branch).
    public var oldTip: String?
    /// A CI range's start (`belay check --range A..B`): the base, and refs holding the tip are the branch's own.
    public var rangeBase: String?
    /// In an agent session: whether the session created the branch (`nil` outside sessions).
    public var createdBySession: Bool?
    /// Judged after the push (a session's end): `<remote>/<branch>` already holds the tip, so it is
    /// neither the branch's own published history nor another branch; `oldTip` is what it held before.
    public var alreadyPushed = false

    public init(
        tip: String?, branch: String?, remote: String = "origin", oldTip: String? = nil, rangeBase: String? = nil,
        createdBySession: Bool? = nil
    ) {
        self.tip = tip
        self.branch = branch
        self.remote = remote
        self.oldTip = oldTip
        self.rangeBase = rangeBase
        self.createdBySession = createdBySession
    }

    /// A pre-push hook line pushed to `remote`.
    public init(_ update: PushUpdate, remote: String, createdBySession: Bool? = nil) {
        let heads = "refs/heads/"
        self.init(
            tip: update.isDeletion ? nil : update.localSHA,
            branch: update.remoteRef.hasPrefix(heads) ? String(update.remoteRef.dropFirst(heads.count)) : nil,
            remote: remote, oldTip: update.isNewBranch ? nil : update.remoteSHA,
            createdBySession: createdBySession)
    }
}

/// What the push policy found: its findings, and which commits the push publishes, for the content rules.
public struct PushAnalysis: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var notes: [String] = []
    /// The commits the push publishes (on no remote ref, or for a range: on no other branch), newest first.
    public var published: [GraphCommit] = []
    /// The commits the published ones grow from, the one the tip's first parents lead to first: content is
    /// judged as the tip's tree against these (what a boundary already has is not new).
    public var boundaries: [String] = []
}

/// The push policy of seed 003: `merge-source`, `push-drift`, `push-size`, `force-push`. A handful of git
/// calls per pushed ref, whatever the number of commits.
public struct PushPolicy: Sendable {
    let git: Git
    let settings: PushSettings
    let protectedBranches: [String]
    let agentMode: Bool
    /// Rule id → severity, `nil` when the rule is off or not selected.
    let severity: @Sendable (String) -> Severity?
    /// The severities `belay.json5` sets.
    let configured: [String: RuleSetting]

    /// Lockfiles `push-size` leaves out besides ``GeneratedFiles``'s.
    static let extraLockfiles = [
        "bun.lock", "bun.lockb", "mix.lock", "flake.lock", "pubspec.lock", "Podfile.lock", "packages.lock.json",
        "deno.lock", "Gopkg.lock", "Manifest.toml", "conda-lock.yml", "pdm.lock",
    ]

    public init(
        git: Git, config: Config, agentMode: Bool, only: Set<String>? = nil, skip: Set<String> = []
    ) {
        self.git = git
        self.settings = config.push
        self.protectedBranches = config.protectedBranches
        self.agentMode = agentMode
        self.configured = config.rules
        self.severity = { id in
            let fallback =
                id == "push-size"
                ? (agentMode ? .error : .warning) : DetectorRegistry.description(for: id)?.defaultSeverity ?? .error
            return config.severity(of: id, fallback: fallback, only: only, skip: skip)
        }
    }

    public func analyze(_ target: PushTarget) throws(BelayError) -> PushAnalysis {
        var analysis = PushAnalysis()
        let remotes = try git.remoteRefs()
        let defaults = Self.defaultBranches(remotes)
        let remoteDefault = defaults[target.remote].map { String($0.dropFirst(target.remote.count + 1)) }
        if let finding = try forcePush(target, remoteDefault: remoteDefault) { analysis.diagnostics.append(finding) }
        guard let named = target.tip else { return analysis }
        guard let tip = try git.revParse(named + "^{commit}") else {
            throw .usage("no such commit: \(named)")
        }
        let baseRef = try resolveBase(target.remote, remotes, defaults: defaults, tip: tip, notes: &analysis.notes)
        let base = target.rangeBase ?? baseRef.map { remotes.refs[$0] ?? $0 }
        // The branch's own remote ref; for a CI range (every commit already pushed), the refs holding the tip.
        var own: Set<String> = target.rangeBase == nil ? [] : Set(try git.remoteRefs(containing: tip))
        var ignored: Set<String> = []
        if let branch = target.branch, remotes.refs["\(target.remote)/\(branch)"] != nil {
            if target.alreadyPushed {
                ignored.insert("\(target.remote)/\(branch)")
            } else {
                own.insert("\(target.remote)/\(branch)")
            }
        }
        let allowed = remotes.refs.keys.filter { name in
            settings.allowedMergeSources.contains { (try? Glob($0).matches(name)) ?? false }
        }.sorted()
        var oldTip: String? = nil
        if let old = target.oldTip, try git.objectExists(old) { oldTip = old }
        // What the branch may hold without question: the base, its own remote (already published there;
        // for a CI range, every commit is on the branch's own remote, so there it is judged as new), the
        // allowed sources, and what the remote branch held before.
        let ownExcluded = target.rangeBase == nil ? own.sorted() : []
        let ids = { (names: [String]) in Array(Set(names.compactMap { remotes.refs[$0] })).sorted() }
        // Every remote's default branch is sanctioned too: a fork's pull request grows from upstream's main
        // (origin/main) while its own remote's main lags behind.
        let sanctioned = [base, oldTip].compactMap { $0 } + ids(allowed + ownExcluded + Array(defaults.values))
        let others = ids(
            remotes.refs.keys.filter {
                !own.contains($0) && !allowed.contains($0) && !ignored.contains($0) && $0 != baseRef
                    && !defaults.values.contains($0)
            })
        let beyondBase = try git.commits(from: tip, excluding: sanctioned)
        let published = others.isEmpty ? beyondBase : try git.commits(from: tip, excluding: sanctioned + others)
        analysis.published = published
        analysis.boundaries = boundaries(of: published, tip: tip)

        // Without a base there is nothing to measure drift, sources or size against: say so, never guess.
        guard target.branch != nil || target.rangeBase != nil, let base else {
            if target.branch != nil, baseRef == nil, settings.base == "auto" {
                analysis.notes.append(
                    "no base branch for the push: \(target.remote) has no HEAD, main or master here (set push.base, or "
                        + "run 'git remote set-head \(target.remote) --auto'): merge sources, drift and size not judged"
                )
            }
            return analysis
        }
        // Pushing a long-lived branch (the base itself, the remote's default, a protected branch: a
        // maintainer merging 2.x forward into 3.x): integrating other branches is what it is for, so merge
        // sources and drift are not judged there, and its size is what this push adds to it.
        let mine = own.union(ignored)
        let longLived =
            (baseRef.map { mine.contains($0) } ?? false)
            || target.branch.map { branch in
                branch == remoteDefault
                    || protectedBranches.contains { (try? Glob($0).matches(branch)) ?? ($0 == branch) }
            } ?? false
        if !longLived {
            let merges = try mergeSources(
                published, sanctioned: sanctioned, own: mine, remotes: remotes, basedOn: analysis.boundaries,
                newBranch: target.rangeBase == nil && oldTip == nil, baseName: baseRef ?? base)
            analysis.diagnostics += merges
            if merges.isEmpty,
                let drift = try drift(
                    beyondBase: beyondBase, published: published, own: mine, remotes: remotes,
                    newBranch: target.rangeBase == nil && oldTip == nil, baseName: baseRef ?? base)
            {
                analysis.diagnostics.append(drift)
            }
        }
        let from = longLived && target.rangeBase == nil ? oldTip ?? base : base
        if let size = try size(from: from, tip: tip, oldTip: oldTip, baseName: from == base ? baseRef ?? base : nil) {
            analysis.diagnostics.append(size)
        }
        return analysis
    }

    /// Each remote's default branch: what its `HEAD` names, else its `main`, else its `master`.
    static func defaultBranches(_ remotes: RemoteRefs) -> [String: String] {
        var result: [String: String] = [:]
        let names = Set(remotes.refs.keys.compactMap { $0.split(separator: "/", maxSplits: 1).first.map(String.init) })
        for remote in names {
            if let head = remotes.heads[remote], remotes.refs[head] != nil {
                result[remote] = head
            } else if let fallback = ["\(remote)/main", "\(remote)/master"].first(where: { remotes.refs[$0] != nil }) {
                result[remote] = fallback
            }
        }
        return result
    }

    // MARK: - The base

    /// `push.base`: `auto` is the pushed-to remote's default branch (its `HEAD`, else `main`, else
    /// `master`), else `origin`'s or `upstream`'s (a fork never fetched), else the only remote's.
    private func resolveBase(
        _ remote: String, _ remotes: RemoteRefs, defaults: [String: String], tip: String, notes: inout [String]
    ) throws(BelayError) -> String? {
        if settings.base == "auto" {
            guard let first = defaults[remote] ?? defaults["origin"] ?? defaults["upstream"] else {
                return defaults.count == 1 ? defaults.values.first : nil
            }
            // A fork's main lags upstream's: the base is the default branch the tip is nearest to (the
            // pushed-to remote's on a tie), so 30 days of upstream commits are not this push's size.
            guard defaults.count > 1 else { return first }
            var best = (
                name: first, distance: try git.countCommits(from: tip, excluding: [remotes.refs[first] ?? first])
            )
            for name in defaults.values.sorted() where name != first {
                guard let id = remotes.refs[name] else { continue }
                let distance = try git.countCommits(from: tip, excluding: [id])
                if distance < best.distance { best = (name, distance) }
            }
            return best.name
        }
        if let name = remotes.named(settings.base) { return name }
        if let id = try? git.revParse(settings.base + "^{commit}") { return id }
        notes.append(
            "push.base '\(settings.base)' names no ref here (fetch it?): merge sources, drift and size not judged")
        return nil
    }

    /// The parents of the published commits that are not published themselves; the first is the one the
    /// tip's first-parent chain reaches.
    private func boundaries(of published: [GraphCommit], tip: String) -> [String] {
        guard !published.isEmpty else { return [] }
        let ids = Set(published.map(\.id))
        let byID = Dictionary(published.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var primary: String? = nil
        var walk = tip
        while let commit = byID[walk] {
            guard let first = commit.parents.first else { break }
            if !ids.contains(first) {
                primary = first
                break
            }
            walk = first
        }
        // A root commit among them: the first push of a history grows from nothing.
        var result: [String] = [primary ?? Git.emptyTree]
        for commit in published {
            for parent in commit.parents where !ids.contains(parent) && !result.contains(parent) {
                result.append(parent)
            }
        }
        return result
    }
}
