"""mskio's errors. Library code raises these; only `mskio.cli` turns them into exit codes.

Exit codes (documented in the README): 0 ok, 1 a check failed, 2 bad input, 3 environment.
"""

from __future__ import annotations

from pathlib import Path


class MskioError(Exception):
    """Base class of every error mskio raises on purpose."""

    exit_code = 2


class InputError(MskioError):
    """Bad input: a file that cannot be read or does not have the expected form."""

    exit_code = 2

    def __init__(self, message: str, *, path: Path | str | None = None, line: int | None = None) -> None:
        self.message = message
        self.path = Path(path) if path is not None else None
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return f"{where}{self.message}"


class ParseError(InputError):
    """A source page that cannot be parsed; names file, line and, where known, the reference."""

    def __init__(
        self,
        message: str,
        *,
        path: Path | str | None = None,
        line: int | None = None,
        reference: int | None = None,
        raw: str | None = None,
    ) -> None:
        self.reference = reference
        self.raw = raw
        if reference is not None:
            message = f"reference {reference}: {message}"
        super().__init__(message, path=path, line=line)


class CurationError(InputError):
    """A curation file (under data/) that contradicts the source or the ontology."""


class QueryError(InputError):
    """An unknown canned query or parameter, a parameter value of the wrong type, or a query
    file whose header does not follow the convention (queries/README in the project README)."""


class OutputError(MskioError):
    """The output directory cannot be written."""

    exit_code = 2


class CheckFailed(MskioError):
    """A check failed: SHACL violations, a violation query, a FAIR check, an inconsistency."""

    exit_code = 1


class EnvironmentProblem(MskioError):
    """The environment lacks something: Java missing, store unreachable."""

    exit_code = 3


class StoreError(EnvironmentProblem):
    """A SPARQL endpoint or graph store that cannot be reached, answers with an HTTP error, or
    sends a malformed response."""


class QueryTimeout(StoreError):
    """A query that did not finish within its time limit; it was stopped, and has no answer."""


class JavaMissing(EnvironmentProblem):
    """The reasoner needs Java (HermiT runs on the JVM) and no `java` executable was found."""


class JavaHeapTooSmall(EnvironmentProblem):
    """The JVM that runs the reasoner could not start or ran out of memory with the heap it was given."""


class ReasonerFailed(EnvironmentProblem):
    """The reasoner stopped with an error that is neither an inconsistency nor a memory problem."""


class InconsistentOntology(CheckFailed):
    """The ontology with the data has no model: some individual is asserted to be in disjoint classes,
    or some other axiom is contradicted. Carries the reasoner's explanation."""


class UnsatisfiableClasses(CheckFailed):
    """Classes of the ontology that can have no member (equivalent to owl:Nothing)."""

    def __init__(self, message: str, *, classes: tuple[str, ...] = ()) -> None:
        self.classes = classes  # a default, so that pickle (from mskio.reason's child) can make it again
        super().__init__(message)
