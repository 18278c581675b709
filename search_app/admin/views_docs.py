"""Staff views for documents: uploads, review, withdrawals, corrections, reindex (ADMIN-DOCS)."""
