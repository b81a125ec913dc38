"""Server-rendered analyst pages and the public checker; their data comes from `redflags.api.views`."""
