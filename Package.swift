// swift-tools-version:6.0
// belay: a local safety harness for the edits of autonomous coding agents.
// No package dependencies: the toolchain alone (Foundation, Dispatch, XCTest).
import PackageDescription

// The release binary links the Swift runtime and Foundation statically on Linux, as
// `--static-swift-stdlib` does, so `swift build -c release` and `swift run -c release` make the fast,
// self-contained binary: no 20 shared libraries to find, load and relocate at every start (most of a
// cache hit's time). `-static-stdlib` alone links only the core (the toolchain's
// `static-stdlib-args.lnk`); Foundation's static archives and what they need come here, in one linker
// group so that their order does not matter. Debug builds (and so `swift test`) stay dynamic.
let staticFoundation =
    ["-static-stdlib", "-Xlinker", "--start-group"]
    + [
        "Foundation", "FoundationEssentials", "FoundationInternationalization", "CoreFoundation", "_FoundationICU",
        "_FoundationCShims", "_FoundationCollections", "swiftSynchronization", "swiftDispatch", "dispatch",
        "BlocksRuntime", "swift_Concurrency", "swift_StringProcessing", "swift_RegexParser", "swiftGlibc", "swiftCore",
    ].flatMap { ["-Xlinker", "-l\($0)"] } + ["-Xlinker", "--end-group"]
    // A position-dependent executable: the 75,000 relative relocations of a PIE (Swift metadata and
    // Foundation's tables) are otherwise applied, page by page, at every start — about 1 ms of a gate run
    // that spends 6 ms starting. Shared libraries, heap and stack stay randomised; lefthook's Linux binary
    // (Go's default build mode) is position-dependent too.
    + ["-Xclang-linker", "-no-pie"]

let package = Package(
    name: "belay",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "belay", targets: ["belay"])
    ],
    targets: [
        .executableTarget(
            name: "belay", dependencies: ["BelayCLI"],
            linkerSettings: [.unsafeFlags(staticFoundation, .when(platforms: [.linux], configuration: .release))]
        ),
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
