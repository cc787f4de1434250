"""Where a project's files live: ontology, shapes, context, queries, sources and curation.

Library code takes a `Project` (explicit paths); only the CLI decides which directory it is.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Project:
    """The files of an mskio project rooted at `root`."""

    root: Path

    @property
    def ontology(self) -> Path:
        """The OWL ontology of mskio: terms (Turtle)."""
        return self.root / "ontology" / "mskio.ttl"

    @property
    def context(self) -> Path:
        """The published JSON-LD context."""
        return self.root / "ontology" / "context.jsonld"

    @property
    def shapes(self) -> Path:
        """The SHACL shapes every published graph must conform to."""
        return self.root / "shapes" / "mskio.ttl"

    @property
    def queries(self) -> Path:
        """The canned SPARQL queries (`*.rq`)."""
        return self.root / "queries"

    @property
    def statistics_queries(self) -> Path:
        """The SPARQL queries of the dataset's VoID statistics (mskio.metadata.Statistics.from_store)."""
        return self.root / "queries" / "statistics"

    @property
    def sources(self) -> Path:
        """The article pages the dataset is built from."""
        return self.root / "data" / "sources"

    @property
    def curation(self) -> Path:
        """Curated facts the pages lack (one file per source, named after it)."""
        return self.root / "data" / "curation"

    @property
    def dataset_description(self) -> Path:
        """The hand-written part of the dataset description (VoID/DCAT Turtle, IRIs relative to the base)."""
        return self.root / "data" / "dataset.ttl"

    def default_sources(self) -> tuple[Path, ...]:
        """Every `*.txt` page under data/sources, sorted by name."""
        return tuple(sorted(self.sources.glob("*.txt")))

    @classmethod
    def locate(cls, start: Path) -> Project:
        """The project containing `start` (a directory with ontology/mskio.ttl), else the one this
        package was installed from (an editable install), else `start` itself."""
        for candidate in (start, *start.parents, Path(__file__).resolve().parent.parent):
            if (candidate / "ontology" / "mskio.ttl").is_file() and (candidate / "shapes").is_dir():
                return cls(candidate)
        return cls(start)
