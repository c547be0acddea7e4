import BelayCore
import BelayGit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A hint for ``Gate``: whether the index file is unchanged (size, modification time, inode) since the
/// configured checks last passed on it. Then the verified-tree cache will most likely answer, and the gate
/// does not write the index's tree early, beside discovery, for a snapshot it will not need. Only a hint:
/// the cache alone decides what is verified; a wrong guess costs one `git write-tree`, early or late.
enum IndexStamp {
    private static func file(belayDirectory: String) -> String {
        belayDirectory + "/cache/last-pass-index"
    }

    /// The index file's stamp, or `nil` when it cannot be read.
    static func current(indexFile: String) -> [UInt8]? {
        var info = stat()
        guard stat(indexFile, &info) == 0 else { return nil }
        #if canImport(Darwin)
            let modified = info.st_mtimespec
        #else
            let modified = info.st_mtim
        #endif
        return Array("\(info.st_size) \(modified.tv_sec).\(modified.tv_nsec) \(info.st_ino)\n".utf8)
    }

    /// True when the checks passed on the index as it is now (see ``recordPass(_:)``).
    static func matchesLastPass(_ repository: Repository) -> Bool {
        matchesLastPass(indexFile: repository.indexFile, belayDirectory: repository.belayDirectory)
    }

    /// ``matchesLastPass(_:)`` for paths known before discovery (see ``RepositoryHint``).
    static func matchesLastPass(indexFile: String, belayDirectory: String) -> Bool {
        guard let stamp = current(indexFile: indexFile),
            let data = FileManager.default.contents(atPath: file(belayDirectory: belayDirectory))
        else { return false }
        return [UInt8](data) == stamp
    }

    /// Remembers the index's stamp after the checks passed on it; failures are ignored.
    static func recordPass(_ repository: Repository) {
        guard let stamp = current(indexFile: repository.indexFile) else { return }
        _ = replacePlainFile(file(belayDirectory: repository.belayDirectory), stamp)
    }
}
