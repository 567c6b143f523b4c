// swift-tools-version:6.2
import PackageDescription

/// Settings every target shares (STYLE rule 11): Swift 6 mode, explicit existentials,
/// and imports that are internal unless a module says `public import`.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "heatsync",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "heatsync", targets: ["heatsync"]),
        .library(name: "HeatSyncCore", targets: ["HeatSyncCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        .target(
            name: "HeatSyncCore",
            dependencies: [
                // Only Yams' vendored libyaml (CYaml) is used: heatsync composes documents from
                // libyaml events itself, to bound depth and alias expansion and to report
                // every duplicate key with its position.
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(
            name: "HeatSyncOpenStack",
            dependencies: ["HeatSyncCore", "CCurl", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .systemLibrary(name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
        .target(
            name: "HeatSyncGit",
            dependencies: ["HeatSyncCore", "CGit2"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HeatSyncStore",
            dependencies: ["HeatSyncCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HeatSyncEngine",
            dependencies: ["HeatSyncCore", "HeatSyncOpenStack", "HeatSyncStore"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "OpenStackSimulator",
            dependencies: [
                // Only what serving HTTP needs: the simulator writes its own wire JSON and
                // imports no heatsync module, so client and simulator bugs cannot agree.
                .product(name: "Hummingbird", package: "hummingbird")
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HeatSyncCLI",
            dependencies: [
                "HeatSyncCore",
                "HeatSyncEngine",
                "HeatSyncGit",
                "HeatSyncOpenStack",
                "HeatSyncStore",
                "OpenStackSimulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "heatsync",
            dependencies: ["HeatSyncCLI"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "heatsync-bench",
            dependencies: ["HeatSyncCore", "HeatSyncGit"],
            path: "Benchmarks/HeatSyncBench",
            swiftSettings: swiftSettings
        ),
        .target(name: "AllocationCounter", path: "Benchmarks/AllocationCounter"),
        .executableTarget(
            name: "heatsync-heat-bench",
            dependencies: ["HeatSyncOpenStack", "OpenStackSimulator", "AllocationCounter"],
            path: "Benchmarks/HeatListBench",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "HeatSyncTesting",
            dependencies: ["HeatSyncCore", "HeatSyncGit"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HeatSyncCoreTests",
            dependencies: ["HeatSyncCore", "HeatSyncTesting"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HeatSyncGitTests",
            dependencies: ["HeatSyncGit", "HeatSyncCore", "HeatSyncTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HeatSyncOpenStackTests",
            dependencies: ["HeatSyncOpenStack", "OpenStackSimulator", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "OpenStackSimulatorTests",
            // The simulator never imports heatsync; its tests may, to send what heatsync sends.
            dependencies: ["OpenStackSimulator", "HeatSyncCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HeatSyncStoreTests",
            dependencies: ["HeatSyncStore", "HeatSyncCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HeatSyncEngineTests",
            dependencies: [
                "HeatSyncEngine", "HeatSyncStore", "HeatSyncCore", "HeatSyncOpenStack", "OpenStackSimulator",
                "HeatSyncTesting",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "HeatSyncCLITests",
            dependencies: [
                "HeatSyncCLI", "HeatSyncCore", "HeatSyncTesting", "HeatSyncOpenStack", "HeatSyncStore",
                "OpenStackSimulator", "HeatSyncGit",
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
    ]
)
