// BelayRename
