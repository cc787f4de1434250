"""mskio: the literature of musculoskeletal interventional oncology as a FAIR knowledge graph."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("mskio")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = ["__version__"]
