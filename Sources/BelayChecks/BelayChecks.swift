// BelayChecks
