// swift-tools-version:6.2
import PackageDescription

// Swift 6 language mode with strict concurrency, and every warning of our own code is an error.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .treatAllWarnings(as: .error),
]

let package = Package(
    name: "xuncha",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "xuncha", targets: ["xuncha"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-algorithms", from: "1.2.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        // Excel workbooks (`--format xlsx`, `report xlsx`).
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // PostgreSQL's own client library, for the shared office store.
        .systemLibrary(
            name: "CLibpq",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),
        .target(
            name: "CEditLineShim",
            dependencies: ["CEditLine"]
        ),
        .target(
            name: "XunchaCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Algorithms", package: "swift-algorithms"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "XunchaStore",
            dependencies: [
                "XunchaCore", "CLibpq",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "XunchaShell",
            dependencies: ["XunchaCore", "CEditLineShim", "CXlsxWriter", .product(name: "SystemPackage", package: "swift-system")],
            // The demos are part of the program (`play zhengzhou`); scripts/demo links here.
            resources: [.embedInCode("Demos")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "xuncha",
            dependencies: [
                "XunchaCore", "XunchaStore", "XunchaShell", "CEditLineShim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        // libFuzzer harness over lexer, parser and executor (scripts/fuzz builds it with the
        // fuzzer and address sanitizers); an ordinary build makes a small replay tool of it.
        .executableTarget(
            name: "XunchaFuzz",
            dependencies: ["XunchaCore", "XunchaShell", "XunchaStore"],
            swiftSettings: strict
        ),
        .testTarget(name: "XunchaCoreTests", dependencies: ["XunchaCore"], swiftSettings: strict),
        .testTarget(name: "XunchaStoreTests", dependencies: ["XunchaStore", "XunchaCore", "XunchaShell"], swiftSettings: strict),
        .testTarget(name: "XunchaShellTests", dependencies: ["XunchaShell", "XunchaCore", "XunchaStore"], swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["xuncha"], swiftSettings: strict),
    ]
)
