"""Seeded demo and benchmark corpus: multilingual job and escort-style ads with planted networks.

Public API: `generate`, `truth`, `generate_with_truth`, `write_corpus`, `render_image`.
See docs/demo-data.md for the record and ground-truth formats.
"""
from .corpus import generate, generate_with_truth, truth
from .images import render_image
from .writer import write_corpus

__all__ = ["generate", "generate_with_truth", "truth", "write_corpus", "render_image"]
