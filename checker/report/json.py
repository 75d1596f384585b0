"""The JSON report: the documented, versioned form of a Report (schema in checker/schema/)."""

from __future__ import annotations

import json
from dataclasses import fields, is_dataclass
from datetime import date
from enum import Enum
from typing import Any

from checker.models import Article, Claim, OffsetMap, Report


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, OffsetMap):
        return None
    if is_dataclass(value):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def article_to_dict(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "path": article.path,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "title": article.title,
        "url": article.url,
        "format": article.format,
        "encoding": article.encoding,
        "status": article.status_label,
        "reason": article.reason,
        "removed_lines": article.removed_lines,
        "text": article.text,
    }


def claim_to_dict(claim: Claim) -> dict[str, Any]:
    out = {f.name: _plain(getattr(claim, f.name)) for f in fields(claim)}
    out["certainty"] = claim.certainty.level.value
    out["polarity"] = claim.certainty.polarity.value
    out["certainty_cues"] = list(claim.certainty.cues)
    out["denial"] = claim.certainty.denial
    out["source"] = claim.attribution.original
    out["attribution"] = _plain(claim.attribution)
    return out


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "schema_version": report.schema_version,
        "model": report.model,
        "config": {k: _plain(v) for k, v in report.config},
        "summary": {
            "articles": len(report.articles),
            "articles_ok": sum(1 for a in report.articles if a.ok),
            "articles_skipped": sum(1 for a in report.articles if not a.ok),
            "sentences": report.sentences,
            "claims": len(report.claims),
            "subjects": len(report.subjects),
            "findings": _count_findings(report),
        },
        "articles": [article_to_dict(a) for a in report.articles],
        "claims": [claim_to_dict(c) for c in report.claims],
        "subjects": [_plain(s) for s in report.subjects],
        "findings": [_plain(f) for f in report.findings],
        "timelines": [{"subject": sid, "entries": _plain(entries)} for sid, entries in report.timelines],
    }


def _count_findings(report: Report) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in report.findings:
        key = f"{finding.kind.value}/{finding.type.value}"
        counts[key] = counts.get(key, 0) + 1
    return dict(sorted(counts.items()))


def render_json(report: Report, *, verbose: bool = False) -> str:
    """The report as indented JSON, keys in a fixed order, ending in a newline.

    ``verbose`` is accepted so that every renderer has the same signature; the JSON always holds
    everything (schema: checker/schema/report.schema.json).
    """
    return json.dumps(report_to_dict(report), indent=2, ensure_ascii=False) + "\n"
