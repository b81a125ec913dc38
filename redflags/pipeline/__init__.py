"""Run the pure stages over many ads. `analyse_ad` is the one per-ad step every engine calls."""
from redflags.pipeline.stages import analyse_ad, rescore_ad

__all__ = ["analyse_ad", "rescore_ad"]
