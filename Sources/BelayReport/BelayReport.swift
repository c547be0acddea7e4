// BelayReport
