// BelayDetectors
