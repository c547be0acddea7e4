/// Every git argument list belay uses, in one place. Name lists always use `-z`.
enum GitArguments {
    /// Discovery: one call; see ``Repository/discover(git:)``. `--revs-only HEAD` prints nothing on an
    /// unborn branch instead of failing.
    static let discover = [
        "rev-parse", "--path-format=absolute", "--show-toplevel", "--absolute-git-dir", "--git-common-dir",
        "--git-path", "hooks", "--git-path", "index", "--revs-only", "HEAD", "HEAD^{tree}",
    ]
    static let revParseVerify = ["rev-parse", "--verify", "--quiet", "--end-of-options"]
    static let catFileBatch = ["cat-file", "--batch"]
    static let catFileBlob = ["cat-file", "blob"]
    static let writeTree = ["write-tree"]
    /// Stages the whole working tree (into a private index: see ``Git/workingTree(of:)``). Never
    /// `--force`: ignored files stay out. Without fsmonitor: the copy is not the index it knows. Without
    /// sparse checkout: an untracked file outside the sparse patterns would make `add` fail, while
    /// skip-worktree entries are kept as they are either way.
    static let addAll = ["-c", "core.fsmonitor=false", "-c", "core.sparseCheckout=false", "add", "-A"]
    static let readTreeReset = ["read-tree", "--reset", "-u"]
    /// `--ita-invisible-in-index`: an intent-to-add entry (`git add -N`) is not part of what a commit records.
    static let stagedDiff = [
        "diff-index", "--cached", "-z", "--raw", "-M", "--no-abbrev", "--ignore-submodules=none",
        "--ita-invisible-in-index",
    ]
    static let workingDiff = ["diff-index", "-z", "--raw", "-M", "--no-abbrev"]
    static let treeDiff = ["diff-tree", "-r", "-z", "--raw", "-M", "--no-abbrev", "--no-commit-id"]
    static let untracked = ["ls-files", "-z", "--others", "--exclude-standard"]
    static let lsFiles = ["ls-files", "-z"]
    static let lsFilesStage = ["ls-files", "-z", "--stage"]
    static let literalPathspecs = "--literal-pathspecs"
    static let hashObjectStdin = ["hash-object", "-w", "--stdin"]
    /// `cat-file --filters --path=P BLOB`: the bytes git would write to the working file P.
    static let catFileFilters = ["cat-file", "--filters"]
    static let updateIndexInfo = ["update-index", "-z", "--index-info"]
    static let refreshIndex = ["update-index", "-q", "--refresh", "--ignore-submodules"]
    static let diffFiles = ["diff-files", "-z", "--raw", "--no-abbrev", "--ignore-submodules"]
    static let revList = ["rev-list", "--reverse"]
    static let notRemotes = ["--not", "--remotes"]
}
