"""The build runs end to end on the review (detailed checks live in the per-stage test files)."""

from mskio.pipeline import BuildResult


def test_build_writes_the_three_dumps_and_the_report(built: BuildResult) -> None:
    names = {p.name for p in built.files}
    assert {"mskio.ttl", "mskio.jsonld", "mskio.nt", "validation.ttl"} <= names
    assert built.validation.conforms
