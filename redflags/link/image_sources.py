"""Where image bytes come from: a folder of files, or the demo corpus's deterministic renderer.

Ads carry image *references* (`img/<hex>.jpg`, URLs, file keys). A resolver turns a reference into bytes or
None when the picture is not available; linking then simply has no image evidence for it. Resolvers are
plain callables so an API deployment can plug in object storage without touching the linking code.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

from redflags.errors import ConfigError

ImageResolver = Callable[[str], Optional[bytes]]


def file_names(ref: str) -> tuple[str, ...]:
    """The file names a reference is looked up under in a folder: its base name, then the same as PNG
    (`img/ab12_v2.jpg` → `ab12_v2.jpg`, `ab12_v2.png`); none for an empty, "." or ".." name."""
    name = ref.rstrip("/").rsplit("/", 1)[-1]
    if not name or name in (".", ".."):
        return ()
    return name, Path(name).with_suffix(".png").name


class FolderImages:
    """Look a reference up by its base name (`img/ab12.jpg` → `DIR/ab12.jpg`; also tries `.png`)."""

    def __init__(self, folder: str | Path) -> None:
        self.folder = Path(folder)
        if not self.folder.is_dir():
            raise ConfigError(f"image folder {self.folder} does not exist")

    def __call__(self, ref: str) -> bytes | None:
        for candidate in file_names(ref):
            path = self.folder / candidate
            if path.is_file():
                return path.read_bytes()
        return None


class DemoImages:
    """Render demo corpus references with `redflags.demo.render_image` at its default 64 px."""

    def __init__(self, size: int = 64) -> None:
        self.size = size

    def __call__(self, ref: str) -> bytes | None:
        from redflags.demo import render_image

        try:
            return render_image(ref, size=self.size)
        except ValueError:
            return None
