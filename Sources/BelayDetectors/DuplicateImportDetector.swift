import BelayCore
import BelayScan

/// `duplicate-import`: a name imported again in the same scope and branch.
///
/// Each import statement yields the names it binds (Python `import a.b` binds `a.b`, `from m import x as y`
/// binds `y`; JavaScript default, named and namespace bindings, with `import type` names kept apart from
/// values, and CommonJS `const x = require('y')` / `const { a } = require('y')`; Rust use-tree leaves by full
/// path, since a derive macro and a trait may share a name; Java and Kotlin simple type names; Swift module
/// paths; Go aliases, or the path of an unaliased import, while `_` and `.` imports bind nothing) or, for
/// Ruby, what it loads (`require 'json'`). Two statements collide when they bind the same name in
/// the same scope on the same branch path, so `try: import json` / `except ImportError: import simplejson as
/// json`, `if TYPE_CHECKING:` imports, `#if` arms and imports inside different functions never do; Rust
/// imports under different `#[cfg(…)]` attributes are kept apart too.
public struct DuplicateImportDetector: Detector {
    /// The rule's id, documentation and examples.
    public static let description = RuleDescription(
        id: "duplicate-import",
        summary: "a name imported again in the same scope and branch",
        rationale: """
            An agent that switches a module or a name often adds the new import next to the old one instead \
            of replacing it. The second import is dead weight at best; when two imports bind one name to \
            different things, the later silently wins and the code uses something other than it appears to.
            """,
        defaultSeverity: .error,
        hint: "delete one of the imports — if the new one was meant to replace the old one, remove the old line",
        triggering: [
            .init("import json\nimport os\nimport 1️⃣json\n"),
            .init("from models import Field\nfrom legacy.models import 1️⃣Field\n"),
            .init("import numpy as np\nimport 1️⃣np\n"),
            .init(
                "import { useState } from 'react';\nimport { useEffect, 1️⃣useState } from 'react';\n", fileName: "a.js"),
            .init("import React from 'react';\nimport * as 1️⃣React from 'react';\n", fileName: "a.tsx"),
            .init("import (\n\t\"fmt\"\n\t\"os\"\n\t1️⃣\"fmt\"\n)\n", fileName: "main.go"),
            .init("use std::io::Read;\nuse std::{fs, io::1️⃣Read};\n", fileName: "lib.rs"),
            .init("import Foundation\nimport XCTest\nimport 1️⃣Foundation\n", fileName: "a.swift"),
            .init("import java.util.List;\nimport java.awt.1️⃣List;\n", fileName: "A.java"),
            .init("import kotlin.math.max\nimport kotlin.math.1️⃣max\n", fileName: "a.kt"),
            .init("require 'json'\nrequire 'set'\nrequire 1️⃣'json'\n", fileName: "a.rb"),
            .init(
                "const fs = require('fs')\nconst { join } = require('path')\nconst 1️⃣fs = require('fs')\n",
                fileName: "a.js"),
        ],
        nonTriggering: [
            .init("try:\n    import json\nexcept ImportError:\n    import simplejson as json\n"),
            .init("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from a import B\nelse:\n    B = None\n"),
            .init("def f():\n    import os\n\ndef g():\n    import os\n"),
            .init("import os\nimport os.path\nfrom . import views\n# import os\ns = 'import os'\n"),
            .init("import type { User } from './user';\nimport { User } from './user';\n", fileName: "a.ts"),
            .init(
                "#if canImport(UIKit)\nimport UIKit\n#else\nimport AppKit\nimport UIKit\n#endif\n", fileName: "a.swift"),
            .init(
                "#[cfg(unix)]\nuse std::os::unix::fs;\n#[cfg(windows)]\nuse std::os::windows::fs;\n", fileName: "a.rs"),
            .init("import kotlin.collections.map\nimport kotlinx.coroutines.flow.map\n", fileName: "a.kt"),
            .init(
                "import (\n\t\"math/rand\"\n\tcrand \"crypto/rand\"\n\t\"path\"\n\tpathpkg \"path\"\n)\n",
                fileName: "main.go"),
            .init("use rustc_macros::HashStable;\nuse stable_hasher::HashStable;\n", fileName: "a.rs"),
        ]
    )

    /// Creates the detector.
    public init() {}

    /// Every import binding that a statement earlier in the same scope and branch already bound.
    public func findings(in file: SourceFile) -> [Diagnostic] {
        guard let scanned = file.scanned else { return [] }
        let statements = ScopeStatements(scanned)
        var seen: [String: Int] = [:]
        var result: [Diagnostic] = []
        for statement in statements.list
        where scanned.isImportKeyword(statement.head) || scanned.language == .rust
            || statements.isScriptDeclaration(statement.head)
        {
            let bindings = statements.importBindings(statement)
            guard !bindings.isEmpty else { continue }
            let group = "\(statement.scope) \(statement.branch) \(statements.conditionKey(statement)) "
            for binding in bindings {
                let first = binding.keys.lazy.compactMap { seen[group + $0] }.first
                for key in binding.keys where seen[group + key] == nil { seen[group + key] = binding.token }
                guard let first else { continue }
                result.append(
                    Self.repeated(
                        "'\(binding.name)' is imported twice in the same scope",
                        at: scanned.tokens[binding.token].range,
                        first: scanned.tokens[first].range, in: file, note: "first imported here"))
            }
        }
        return result
    }
}
