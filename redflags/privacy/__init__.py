"""Privacy by design: keyed hashes for sharing, redaction for viewers and exports, and retention."""
