import BelayChecks
import BelayCore
import Foundation
import XCTest

/// A fresh temporary folder, removed when the test ends.
func makeTemporaryDirectory(_ test: XCTestCase) throws -> String {
    let path = NSTemporaryDirectory() + "belay-checks-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
    return path
}

/// A runner with real processes, no retry delay worth waiting for, and the built-in transient table.
func makeRunner(
    retries: Int = 2, cache: VerifiedTreeCache? = nil, treeID: String? = nil
) throws -> CheckRunner {
    CheckRunner(
        runner: ProcessRunner(), environment: ProcessInfo.processInfo.environment,
        transient: TransientSettings(retries: retries, backoffSeconds: 0.05), table: try TransientTable.builtIn(),
        cache: cache, treeID: treeID)
}
