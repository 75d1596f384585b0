"""checker: an offline, explainable claim-consistency checker for news.

>>> from checker import analyze, render
>>> print(render(analyze(["fixtures/quake"]), "markdown"))
"""

__version__ = "0.1.0"
SCHEMA_VERSION = "2.0"

__all__ = [
    "SCHEMA_VERSION",
    "analyze",
    "build_index",
    "check_draft",
    "open_index",
    "read_articles",
    "render",
]


def __getattr__(name: str):  # imported on first use, so 'import checker' stays light
    if name == "analyze":
        from checker.pipeline import analyze

        return analyze
    if name == "read_articles":
        from checker.ingest import read_articles

        return read_articles
    if name == "render":
        from checker.report import render

        return render
    if name in ("build_index", "check_draft", "open_index"):
        import checker.prepublish as prepublish

        return getattr(prepublish, name)
    raise AttributeError(f"module 'checker' has no attribute {name!r}")
