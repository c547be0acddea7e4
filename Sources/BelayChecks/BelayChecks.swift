// BelayChecks runs the project's configured checks (linters, formatters, tests) on the staged snapshot:
// in parallel, each in its own process group with a timeout, retrying transient infrastructure failures,
// and skipping checks already verified on the same tree (``VerifiedTreeCache``).
