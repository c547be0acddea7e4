// BelayReport: turns a verdict, its diagnostics and its check results into text a person, an agent or a
// CI system reads — `text` (compiler style), `json` (DESIGN.md version 1), `sarif` (2.1.0) and `github`
// (workflow commands). Pure functions from values to `String`; nothing here prints.
