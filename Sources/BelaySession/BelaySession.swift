// BelaySession
