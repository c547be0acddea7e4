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
    private static func file(_ repository: Repository) -> String {
        repository.belayDirectory + "/cache/last-pass-index"
    }

    /// The index file's stamp, or `nil` when it cannot be read.
    static func current(_ repository: Repository) -> [UInt8]? {
        var info = stat()
        guard stat(repository.indexFile, &info) == 0 else { return nil }
        #if canImport(Darwin)
            let modified = info.st_mtimespec
        #else
            let modified = info.st_mtim
        #endif
        return Array("\(info.st_size) \(modified.tv_sec).\(modified.tv_nsec) \(info.st_ino)\n".utf8)
    }

    /// True when the checks passed on the index as it is now (see ``recordPass(_:)``).
    static func matchesLastPass(_ repository: Repository) -> Bool {
        guard let stamp = current(repository), let data = FileManager.default.contents(atPath: file(repository))
        else { return false }
        return [UInt8](data) == stamp
    }

    /// Remembers the index's stamp after the checks passed on it; failures are ignored.
    static func recordPass(_ repository: Repository) {
        guard let stamp = current(repository) else { return }
        _ = FileManager.default.createFile(atPath: file(repository), contents: Data(stamp))
    }
}
