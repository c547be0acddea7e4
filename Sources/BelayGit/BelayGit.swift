// BelayGit
