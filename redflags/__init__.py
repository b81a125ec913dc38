"""Redflags: explainable leads from online ads for people who fight human trafficking."""
from redflags.model import Ad, Identifier

__all__ = ["Ad", "Identifier", "__version__"]
__version__ = "0.1.0"
