"""Linking ads into networks of likely common operators, with every link explained.

Link types: shared identifiers (`identifier_graph`), near-duplicate text (`shingles`, `minhash`, `lsh`,
`near_duplicates`), shared pictures (`images`); `clusters` unions them, `templates` shows what a
near-duplicate group shares and what varies, `incremental.link_store` keeps a store up to date.
See docs/linking.md.
"""
from redflags.link.clusters import Clustering, Evidence, cluster
from redflags.link.config import LinkConfig
from redflags.link.image_sources import DemoImages, FolderImages
from redflags.link.incremental import LinkReport, gather_evidence, link_store

__all__ = ["Clustering", "DemoImages", "Evidence", "FolderImages", "LinkConfig", "LinkReport", "cluster",
           "gather_evidence", "link_store"]
