import BelayCore
import BelayGit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Carries one file a `--fix` run changed in the snapshot back into the index and the working tree.
///
/// Only what the fix changed is carried: the snapshot was checked out by git (smudge filters, `eol`,
/// `autocrlf`), so its bytes are compared with what git wrote there, and the fixed bytes are staged as
/// git would clean them: a file the fix did not change, or changed only in what git normalizes away, is
/// neither touched nor reported. The working file is rewritten only when it equals the staged copy
/// (raw, or as git would check it out), and keeps that form's line endings; a mode the fix changed is
/// applied to it too, so the next `git add -A` does not revert the fix.
struct FixCarryBack {
    let git: Git
    let repository: Repository

    enum Outcome: Equatable {
        /// Staged, and written to the working tree.
        case carried
        /// The fix did not change the staged content or mode.
        case unchanged
        /// Not safe to carry back; the note says why.
        case leftAlone(String)
    }

    func carry(_ file: SnapshotFile) throws(BelayError) -> Outcome {
        let path = file.path
        guard let bytes = file.bytes else { return .leftAlone("--fix: a fix command deleted \(path); left alone") }
        let fileModes = [FileMode.regular, FileMode.executable]
        guard fileModes.contains(file.mode) else {
            return .leftAlone("--fix: a fix command made \(path) something other than a file; left alone")
        }
        guard let entry = try git.indexEntry(path: path), let blob = entry.blob, let mode = entry.mode,
            fileModes.contains(mode)
        else { return .leftAlone("--fix: \(path) is not a staged file; left alone") }
        let checkedOut = try git.checkoutBytes(blob: blob, path: path)
        let modeChanged = file.mode != mode
        let newBlob = bytes == checkedOut ? blob : try git.hashObject(bytes, path: path)
        guard newBlob != blob || modeChanged else { return .unchanged }

        let workingPath = repository.topLevel + "/" + path
        let unstaged = Outcome.leftAlone(
            "fix would touch unstaged changes in \(path); left alone (stage or revert them, then run --fix again)")
        guard let working = regularFileContents(workingPath) else { return unstaged }
        let staged = try git.readBlobs([blob])[blob]
        let newWorking: [UInt8]?
        if working == checkedOut {
            newWorking = newBlob == blob ? working : try git.checkoutBytes(blob: newBlob, path: path)
        } else if working == staged {
            newWorking = newBlob == blob ? working : try git.readBlobs([newBlob])[newBlob]
        } else {
            return unstaged
        }
        guard let newWorking else { throw .internal("--fix: cannot read the fixed blob \(newBlob) of \(path)") }
        if newWorking != working {
            do {
                try Data(newWorking).write(to: URL(fileURLWithPath: workingPath))
            } catch {
                throw .internal("--fix: cannot write \(workingPath): \(error.localizedDescription)")
            }
        }
        if modeChanged { try applyMode(file.mode, to: workingPath) }
        try git.stage(blob: newBlob, path: path, mode: file.mode)
        return .carried
    }

    /// Sets or clears the executable bits the way git checks a file out (`x` wherever `r` is set).
    private func applyMode(_ mode: String, to path: String) throws(BelayError) {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .internal("--fix: cannot stat \(path)") }
        let permissions = info.st_mode & 0o7777
        let wanted =
            mode == FileMode.executable ? permissions | ((permissions & 0o444) >> 2) : permissions & ~mode_t(0o111)
        guard wanted != permissions else { return }
        guard chmod(path, wanted) == 0 else { throw .internal("--fix: cannot chmod \(path)") }
    }

    private func regularFileContents(_ path: String) -> [UInt8]? {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileManager.default.contents(atPath: path).map { [UInt8]($0) }
    }
}
