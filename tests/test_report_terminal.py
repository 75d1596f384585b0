"""The terminal report: summary first, conflicts with quotes, outlet x date tables, 100 columns."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from sample_report import empty_report, sample_report, with_text

from checker.models import FindingKind
from checker.report.terminal import WIDTH, render_table


def widest(text: str) -> int:
    return max(len(line) for line in text.splitlines())


@pytest.fixture(scope="module")
def sample():
    return sample_report()


def long_report():
    """The sample with a 900-character claim, a 300-character unbroken token and very long names."""
    claim = (
        "Officials said that " + "the water kept rising through the night and " * 20 + "12 people died, "
        "according to https://example.invalid/" + "x" * 300 + " as police said."
    )
    return with_text(
        sample_report(),
        article_text="Intro " * 200,
        claim_text=claim,
        outlet="The Extraordinarily Long-Named Regional Evening Newspaper of the Northern Valleys",
        title="A headline " * 30,
    )


def many_dates_report():
    """The sample with one subject's claims spread over ten dates: too many for one column a date."""
    report = sample_report()
    claims = []
    for i, claim in enumerate(report.claims):
        if claim.subject == "s-cause":
            claim = dataclasses.replace(claim, published=date(2024, 10, 1) + timedelta(days=i))
        claims.append(claim)
    extra = [
        dataclasses.replace(c, id=f"{c.id}-{n}", published=date(2024, 11, 1) + timedelta(days=n))
        for n, c in enumerate(claims)
        if c.subject == "s-cause"
    ]
    subjects = tuple(
        dataclasses.replace(s, claims=s.claims + tuple(c.id for c in extra)) if s.id == "s-cause" else s
        for s in report.subjects
    )
    return dataclasses.replace(report, claims=tuple(claims + extra), subjects=subjects)


@pytest.mark.parametrize("verbose", [False, True])
@pytest.mark.parametrize("build", [sample_report, long_report, many_dates_report, empty_report])
def test_no_line_is_wider_than_100_columns(build, verbose):
    out = render_table(build(), verbose=verbose)
    assert WIDTH == 100
    assert widest(out) <= 100, max(out.splitlines(), key=len)


def test_long_quote_is_wrapped_not_cut():
    out = render_table(long_report())
    joined = "".join(line.strip() for line in out.splitlines())
    assert "x" * 300 in joined  # the unbroken token is split across lines, every character kept
    flowing = " ".join(out.split())
    assert flowing.count("the water kept rising") == 20 * 2  # quoted in both findings about the claim


def test_summary_comes_first_with_skips_subjects_and_conflicts(sample):
    out = render_table(sample)
    lines = out.splitlines()
    assert lines[0] == "checker report: 4 articles read, 1 skipped · 14 claims · 3 subjects · 4 conflicts"
    assert (
        "  articles/scan-1017.pdf: unsupported format .pdf; save the page as text or HTML and run again"
        in lines
    )
    conflicts = out.index("Conflicts: 4")
    first_subject = out.index("1. Cause of the breach (")
    assert (
        out.index("Articles read: 4")
        < conflicts
        < out.index("Subjects: 3 (3 with conflicts)")
        < first_subject
    )
    for conflict_type in ("number", "modality", "category", "negation"):
        assert f"  {conflict_type:<8}  1" in lines
    assert "Other findings: 1 shift, 1 update, 1 echo, 1 agreement" in lines


def test_subject_shows_findings_quotes_and_outlet_date_table(sample):
    out = render_table(sample)
    section = out[out.index("2. Death toll from the Ferrow dam breach (") :]
    section = section[: section.index("3. Evacuations")]
    flowing = " ".join(section.split())
    assert (
        "[CONFLICT · number] Regional police put the dead at 12 while hospital officials said 19" in flowing
    )
    assert "\n    values: 12 vs 19\n" in section
    assert "\n      — Northern Ledger, 2024-10-16 (Twelve (12); regional police; certain)\n" in section
    assert "[UPDATE · number]" in section and "[ECHO]" in section
    assert "echo of Coastal Wire, 2024-10-16" in flowing
    table = section[section.index("What each outlet said (figure · certainty · source)") :].splitlines()
    assert table[1].split() == ["Outlet", "2024-10-16", "2024-10-17", "2024-10-18"]
    ledger = next(line for line in table if line.startswith("  Northern Ledger"))
    assert "12 · certain ·" in ledger and "23 · certain · regional" in ledger
    assert "(headline)" in section  # the headline claim is marked as one


def test_subject_without_figures_leaves_the_figure_out(sample):
    out = render_table(sample)
    section = out[
        out.index("1. Cause of the breach (") : out.index("2. Death toll from the Ferrow dam breach (")
    ]
    assert "What each outlet said (certainty · source)" in section
    assert "no figure" not in section
    assert "certain, denial · Ferrow Hydro" in " ".join(section.split())


def test_subjects_without_conflicts_are_listed_and_shown_with_verbose(sample):
    calm = dataclasses.replace(
        sample,
        findings=tuple(
            f
            for f in sample.findings
            if not (f.subject == "s-evacuations" and f.kind is FindingKind.CONFLICT)
        ),
    )
    out = render_table(calm)
    assert "  3. Evacuations from riverside villages: 3 claims; 1 agreement (details with --verbose)" in out
    assert "[AGREEMENT]" not in out
    verbose = render_table(calm, verbose=True)
    assert "3. Evacuations from riverside villages (3 claims; 1 agreement)" in verbose
    assert "[AGREEMENT] About 4,000 and 4,100 evacuated agree" in verbose
    assert "Claims:" in verbose and "via state television <- the interior ministry" in verbose
    assert "cluster_distance" in verbose  # settings come last in verbose mode


def test_control_characters_in_article_text_cannot_reach_the_terminal():
    report = with_text(
        sample_report(),
        article_text="Clear\x1b[2J screen.",
        claim_text="Twelve\x1b]0;pwned\x07 people\x00 died\u202e, police said.",
        outlet="Ledger\x1b[31m",
        title="Title\rOverwrite",
    )
    out = render_table(report, verbose=True)
    for bad in ("\x1b", "\x07", "\x00", "\r", "\u202e"):
        assert bad not in out
    assert "Twelve ]0;pwned people died , police said." in out


def test_figures_are_read_from_the_timeline_entry(sample):
    entries = dict(sample.timelines)
    toll = tuple(
        dataclasses.replace(e, figure="twelve dead", value=12.0) if e.claim == "ledger-1016/1" else e
        for e in entries["s-toll"]
    )
    report = dataclasses.replace(sample, timelines=(("s-toll", toll), *[t for t in sample.timelines[1:]]))
    assert "twelve dead (12); regional police; certain" in render_table(report)
