import BelayCore

/// One line of a pre-push hook's stdin: `<local ref> SP <local sha> SP <remote ref> SP <remote sha>`.
public struct PushUpdate: Sendable, Equatable {
    /// The local ref pushed (`refs/heads/main`), or `(delete)`.
    public var localRef: String
    /// The commit pushed; all zeros for a deletion.
    public var localSHA: String
    /// The ref updated on the remote.
    public var remoteRef: String
    /// What the remote ref points at now; all zeros when it does not exist yet.
    public var remoteSHA: String

    /// Memberwise initializer.
    public init(localRef: String, localSHA: String, remoteRef: String, remoteSHA: String) {
        self.localRef = localRef
        self.localSHA = localSHA
        self.remoteRef = remoteRef
        self.remoteSHA = remoteSHA
    }

    /// The push deletes the remote ref (the local sha is all zeros).
    public var isDeletion: Bool { isZero(localSHA) }
    /// The remote ref does not exist yet (the remote sha is all zeros).
    public var isNewBranch: Bool { isZero(remoteSHA) }
}

private func isObjectID(_ field: Substring) -> Bool {
    field.count >= 40 && field.allSatisfy { $0.isHexDigit }
}

private func isZero(_ sha: String) -> Bool { !sha.isEmpty && sha.allSatisfy { $0 == "0" } }

/// Parses a pre-push hook's stdin. Lines that are not four fields with object ids are ignored.
public func parsePrePushInput(_ bytes: [UInt8]) -> [PushUpdate] {
    bytes.split(separator: 0x0A).compactMap { line in
        var text = String(decoding: line, as: UTF8.self)
        if text.hasSuffix("\r") { text.removeLast() }
        let fields = text.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 4, isObjectID(fields[1]), isObjectID(fields[3]) else { return nil }
        return PushUpdate(
            localRef: String(fields[0]), localSHA: String(fields[1]), remoteRef: String(fields[2]),
            remoteSHA: String(fields[3]))
    }
}

extension Git {
    /// The commits `update` would publish, oldest first: none for a deletion; for a new branch (or a
    /// force push whose remote commit is unknown here) those on no remote-tracking ref; else `REMOTE..LOCAL`.
    public func commitsToCheck(_ update: PushUpdate) throws(BelayError) -> [String] {
        if update.isDeletion { return [] }
        if !update.isNewBranch {
            let outcome = try outcome(GitArguments.revList + ["\(update.remoteSHA)..\(update.localSHA)", "--"])
            if outcome.succeeded { return lines(outcome.standardOutput) }
        }
        return lines(try run(GitArguments.revList + [update.localSHA] + GitArguments.notRemotes + ["--"]))
    }
}

private func lines(_ bytes: [UInt8]) -> [String] {
    bytes.split(separator: 0x0A).map { String(decoding: $0, as: UTF8.self) }
}
