import BelayCore
import BelayGit
import Foundation

extension Gate {
    /// `onInternalError` from the configuration, best effort: when even that cannot be read, `allow`.
    public func internalErrorPolicy() -> InternalErrorPolicy {
        guard let repository = try? Repository.discover(git: git),
            let loaded = try? ConfigLoader(git: git, repository: repository).load(scope: .staged)
        else { return .allow }
        return loaded.config.onInternalError
    }

    /// Appends an internal failure to `.git/belay/internal-errors.log`, so an allowed failure is never
    /// silent after the fact either.
    public func recordInternalError(_ message: String) {
        guard let repository = try? Repository.discover(git: git) else { return }
        let directory = repository.belayDirectory
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/internal-errors.log"
        let line = "\(ISO8601DateFormatter().string(from: Date())) belay \(belayVersion): \(message)\n"
        if let handle = FileHandle(forWritingAtPath: path) {
            handle.seekToEndOfFile()
            handle.write(Data(line.utf8))
            try? handle.close()
        } else {
            FileManager.default.createFile(atPath: path, contents: Data(line.utf8))
        }
    }
}
