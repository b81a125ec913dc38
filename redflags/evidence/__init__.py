"""Evidence that holds up: raw items kept content-addressed, a hash-chained custody log with a signed head."""
