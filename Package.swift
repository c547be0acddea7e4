// swift-tools-version:6.0
// belay: a local safety harness for the edits of autonomous coding agents.
// No package dependencies: the toolchain alone (Foundation, Dispatch, XCTest).
import PackageDescription

let package = Package(
    name: "belay",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "belay", targets: ["belay"])
    ],
    targets: [
        .executableTarget(name: "belay", dependencies: ["BelayCLI"]),
        .target(
            name: "BelayCLI",
            dependencies: [
                "BelaySession", "BelayGate", "BelayReport", "BelayChecks", "BelayDetectors", "BelayRename", "BelayGit",
                "BelayScan", "BelayCore",
            ]
        ),
        .target(
            name: "BelaySession",
            dependencies: [
                "BelayGate", "BelayReport", "BelayChecks", "BelayDetectors", "BelayRename", "BelayGit", "BelayScan",
                "BelayCore",
            ]
        ),
        .target(
            name: "BelayGate",
            dependencies: [
                "BelayReport", "BelayChecks", "BelayDetectors", "BelayRename", "BelayGit", "BelayScan", "BelayCore",
            ]
        ),
        .target(name: "BelayReport", dependencies: ["BelayChecks", "BelayCore"]),
        .target(name: "BelayChecks", dependencies: ["BelayGit", "BelayCore"]),
        .target(name: "BelayDetectors", dependencies: ["BelayScan", "BelayCore"]),
        .target(name: "BelayRename", dependencies: ["BelayGit", "BelayScan", "BelayCore"]),
        .target(name: "BelayGit", dependencies: ["BelayCore"]),
        .target(name: "BelayScan", dependencies: ["BelayCore"]),
        .target(name: "BelayCore", plugins: ["EmbedRules"]),
        .executableTarget(name: "belay-embed-rules", path: "Sources/belay-embed-rules"),
        .plugin(name: "EmbedRules", capability: .buildTool(), dependencies: ["belay-embed-rules"]),

        .testTarget(name: "BelayCoreTests", dependencies: ["BelayCore"]),
        .testTarget(name: "BelayScanTests", dependencies: ["BelayScan", "BelayCore"]),
        .testTarget(name: "BelayGitTests", dependencies: ["BelayGit", "BelayCore"]),
        .testTarget(name: "BelayDetectorsTests", dependencies: ["BelayDetectors", "BelayScan", "BelayCore"]),
        .testTarget(name: "BelayRenameTests", dependencies: ["BelayRename", "BelayGit", "BelayScan", "BelayCore"]),
        .testTarget(name: "BelayChecksTests", dependencies: ["BelayChecks", "BelayGit", "BelayCore"]),
        .testTarget(name: "BelayReportTests", dependencies: ["BelayReport", "BelayChecks", "BelayCore"]),
        .testTarget(
            name: "BelayCLITests",
            dependencies: [
                "BelayCLI", "BelaySession", "BelayGate", "BelayReport", "BelayChecks", "BelayGit", "BelayCore",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
