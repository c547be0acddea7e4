import BelayCore

/// The remote-tracking refs of a repository: `origin/main` → commit id, and each remote's default
/// branch as its `HEAD` names it (`origin` → `origin/main`).
public struct RemoteRefs: Sendable, Equatable {
    /// Short names (`origin/main`) → commit ids; symbolic refs (`origin/HEAD`) are left out.
    public var refs: [String: String]
    /// Remote name → the short name its `HEAD` points at.
    public var heads: [String: String]

    public init(refs: [String: String] = [:], heads: [String: String] = [:]) {
        self.refs = refs
        self.heads = heads
    }

    /// The short name of a ref as given (`origin/main`, `refs/remotes/origin/main`), if it exists here.
    public func named(_ name: String) -> String? {
        let short = name.hasPrefix("refs/remotes/") ? String(name.dropFirst("refs/remotes/".count)) : name
        return refs[short] != nil ? short : nil
    }
}

/// One commit and its parents.
public struct GraphCommit: Sendable, Equatable {
    public var id: String
    public var parents: [String]

    public init(id: String, parents: [String]) {
        self.id = id
        self.parents = parents
    }
}

/// A file's changed line count in a diff (`nil` counts: a binary file).
public struct NumstatEntry: Sendable, Equatable {
    public var path: String
    public var added: Int?
    public var deleted: Int?
}

/// The questions the push policy asks of the commit graph; each is one git process.
extension Git {
    /// Every remote-tracking ref, with one `git for-each-ref`.
    public func remoteRefs() throws(BelayError) -> RemoteRefs {
        let output = try run([
            "for-each-ref", "--format=%(objectname)%00%(refname)%00%(symref)", "refs/remotes/",
        ])
        var result = RemoteRefs()
        let prefix = "refs/remotes/"
        for line in output.split(separator: 0x0A) {
            let fields = line.split(separator: 0, omittingEmptySubsequences: false).map {
                String(decoding: $0, as: UTF8.self)
            }
            guard fields.count == 3, fields[1].hasPrefix(prefix) else { continue }
            let short = String(fields[1].dropFirst(prefix.count))
            if fields[2].hasPrefix(prefix) {
                guard let slash = short.firstIndex(of: "/") else { continue }
                result.heads[String(short[..<slash])] = String(fields[2].dropFirst(prefix.count))
            } else if !fields[2].isEmpty {
                continue
            } else {
                result.refs[short] = fields[0]
            }
        }
        return result
    }

    /// The commits reachable from `tip` and from none of `excluding` (ids or ref names), newest first,
    /// with their parents.
    public func commits(from tip: String, excluding: [String]) throws(BelayError) -> [GraphCommit] {
        let output = try run(["rev-list", "--parents", "--stdin"], input: revisions(tip, excluding))
        return output.split(separator: 0x0A).map { line in
            let ids = line.split(separator: 0x20).map { String(decoding: $0, as: UTF8.self) }
            return GraphCommit(id: ids[0], parents: Array(ids.dropFirst()))
        }
    }

    /// How many commits are reachable from any of `tips` and from none of `excluding`.
    public func countCommits(from tips: [String], excluding: [String]) throws(BelayError) -> Int {
        guard let first = tips.first else { return 0 }
        return try countCommits(from: first, excluding: excluding, more: Array(tips.dropFirst()))
    }

    /// How many commits are reachable from `tip` and from none of `excluding`.
    public func countCommits(from tip: String, excluding: [String], more: [String] = []) throws(BelayError) -> Int {
        let extra = more.isEmpty ? [] : Array(more.joined(separator: "\n").utf8) + [0x0A]
        let output = try run(["rev-list", "--count", "--stdin"], input: extra + revisions(tip, excluding))
        return Int(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    /// `rev-list --stdin` input: a repository with thousands of remote branches must not hit the
    /// argument-length limit.
    private func revisions(_ tip: String, _ excluding: [String]) -> [UInt8] {
        Array(([tip] + excluding.map { "^" + $0 }).joined(separator: "\n").utf8) + [0x0A]
    }

    /// The short names of the remote-tracking refs from which `commit` is reachable.
    public func remoteRefs(containing commit: String) throws(BelayError) -> [String] {
        let output = try run(["for-each-ref", "--format=%(refname)", "--contains", commit, "refs/remotes/"])
        return output.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
            .filter { !$0.hasSuffix("/HEAD") }.map { String($0.dropFirst("refs/remotes/".count)) }
    }

    /// Whether `ancestor` is reachable from `descendant` (false when either is unknown here).
    public func isAncestor(_ ancestor: String, of descendant: String) throws(BelayError) -> Bool {
        try outcome(["merge-base", "--is-ancestor", ancestor, descendant]).succeeded
    }

    /// Whether the object `id` exists in this repository.
    public func objectExists(_ id: String) throws(BelayError) -> Bool {
        try outcome(["cat-file", "-e", id + "^{commit}"]).succeeded
    }

    /// Changed lines per file between the merge base of `base` and `tip`, and `tip` (`git diff base...tip`).
    public func numstat(base: String, tip: String) throws(BelayError) -> [NumstatEntry] {
        let output = try run(["diff", "--numstat", "-z", "--no-renames", "\(base)...\(tip)", "--"])
        var entries: [NumstatEntry] = []
        for record in output.split(separator: 0, omittingEmptySubsequences: true) {
            let fields = record.split(separator: 0x09, maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let number = { (field: ArraySlice<UInt8>) in Int(String(decoding: field, as: UTF8.self)) }
            entries.append(
                NumstatEntry(
                    path: String(decoding: fields[2], as: UTF8.self), added: number(fields[0]),
                    deleted: number(fields[1])))
        }
        return entries
    }

    /// The paths among `paths` for which one of the boolean `attributes` is set by the `.gitattributes`
    /// files of the tree at `revision` (the root's and those of the paths' folders; a deeper file and a
    /// later line win). Read directly: `git check-attr --source` needs git 2.40.
    public func paths(
        _ paths: [String], withAnyOf attributes: [String], at revision: String
    ) throws(BelayError) -> Set<String> {
        guard !paths.isEmpty else { return [] }
        var folders: Set<String> = [""]
        for path in paths {
            var parts = path.split(separator: "/").dropLast()
            while !parts.isEmpty {
                folders.insert(parts.joined(separator: "/"))
                parts = parts.dropLast()
            }
        }
        let names = folders.sorted().map { "\(revision):\($0.isEmpty ? "" : $0 + "/").gitattributes" }
        let files = try readBlobs(names)
        // Folder → its rules, shallowest first.
        var rules: [(folder: String, glob: Glob, value: Bool)] = []
        for folder in folders.sorted(by: { $0.split(separator: "/").count < $1.split(separator: "/").count }) {
            guard let bytes = files["\(revision):\(folder.isEmpty ? "" : folder + "/").gitattributes"] else { continue }
            for line in String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline) {
                let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                guard let pattern = fields.first, !pattern.hasPrefix("#"), fields.count > 1,
                    let glob = try? Glob(pattern)
                else { continue }
                for field in fields.dropFirst() {
                    for attribute in attributes {
                        switch field {
                        case attribute, attribute + "=true", attribute + "=1": rules.append((folder, glob, true))
                        case "-" + attribute, "!" + attribute, attribute + "=false", attribute + "=0":
                            rules.append((folder, glob, false))
                        default: continue
                        }
                    }
                }
            }
        }
        guard !rules.isEmpty else { return [] }
        var result: Set<String> = []
        for path in paths {
            var set = false
            for rule in rules {
                let prefix = rule.folder.isEmpty ? "" : rule.folder + "/"
                guard path.hasPrefix(prefix), rule.glob.matches(String(path.dropFirst(prefix.count))) else { continue }
                set = rule.value
            }
            if set { result.insert(path) }
        }
        return result
    }
}
