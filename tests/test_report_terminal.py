"""The terminal report: summary first, ranked disputes with sides, a drawn timeline and quotes, then
updates; subjects and settings with --verbose; 100 columns."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from sample_report import empty_report, sample_report, with_text

from checker.report.terminal import TRACK, WIDTH, render_table


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
    assert flowing.count("the water kept rising") == 20  # quoted once, under its side of the death toll


def test_summary_comes_first_then_disputes_updates_and_articles(sample):
    out = render_table(sample)
    lines = out.splitlines()
    assert lines[:5] == [
        "checker report: 4 articles read, 1 skipped · 15 claims · 3 subjects · 4 disputes",
        "Findings: 4 disputes (1 number, 1 modality, 1 category, 1 negation) · 1 update · 1 shift",
        "Agreements and echoes: 1 agreement, 1 echo (details with --verbose)",
        "Skipped: 1",
        "  articles/scan-1017.pdf: unsupported format .pdf; save the page as text or HTML and run again",
    ]
    order = [
        "Disputes: most independent holders first",
        "Updates: running figures",
        "Certainty shifts:",
        "Articles read: 4",
        "Subjects: 3 (each with what every outlet said: --verbose)",
    ]
    positions = [out.index(heading) for heading in order]
    assert positions == sorted(positions)
    assert "[AGREEMENT]" not in out and "[ECHO]" not in out  # counted above, detailed with --verbose


def test_disputes_are_ranked_by_holders_then_recency_then_gap(sample):
    """The death toll (4 independent holders) first; of the three with 2 holders, the two stated last on
    10-17 before the negation of 10-16; of those two, the category (a full gap) before the modality
    (possible against certain)."""
    out = render_table(sample)
    titles = [
        "1. Death toll, Ferrow, 2024-10-16",
        "2. Some 4,000 people have been displaced by the flooding, the Red Crescent said",
        "3. Investigators said sabotage could not be ruled out",
        "4. Spillway maintenance skipped",
    ]
    positions = [out.index(f"\n{t}\n") for t in titles]
    assert positions == sorted(positions)
    assert "number · 3 sides · 4 independent holders · 3 outlets · latest 2024-10-17" in out
    assert "negation · 2 sides · 2 independent holders · 2 outlets · latest 2024-10-16" in out


def dispute_section(out: str, number: int) -> str:
    start = out.index(f"\n{number}. ")
    following = out.find(f"\n{number + 1}. ", start)
    return out[start : following if following > 0 else out.index("\nUpdates:")]


def test_dispute_shows_sides_with_holders_outlets_dates_and_quotes(sample):
    toll = dispute_section(render_table(sample), 1)
    flowing = " ".join(toll.split())
    assert "\n  A Twelve / 12 (certain)\n" in toll
    assert "\n     in Northern Ledger; on 2024-10-16\n" in toll  # one date, said once
    assert "\n  B Nineteen (19; certain)\n" in toll
    assert "\n  C more than 20 (20 or more; possible)\n" in toll  # the interval, open above
    assert (
        "held by hospital officials in Coastal Wire; Daily Meridian; first 2024-10-16, last 2024-10-17"
        in (flowing)
    )
    assert "“A local volunteer group said more than 20 people may have died.”" in toll
    assert "— Daily Meridian, 2024-10-17 (more than 20; a local volunteer group; possible)" in toll
    assert "echo of Coastal Wire, 2024-10-16" in flowing
    assert "Why: Death toll, Ferrow, 2024-10-16: 3 positions that cannot all hold" in toll


def test_timeline_draws_ranges_certainty_and_denials(sample):
    out = render_table(sample)
    toll = dispute_section(out, 1).splitlines()
    head = next(line for line in toll if line.strip().startswith("Date"))
    assert head.split()[:4] == ["Date", "Outlet", "Holder", "Says"] and head.split()[-2:] == ["12", "20"]
    rows = [line for line in toll if line.startswith("    2024-")]
    assert [r.split()[0] for r in rows] == ["2024-10-16"] * 3 + ["2024-10-17"] * 2  # by date
    volunteers = next(r for r in rows if "C more than 20" in r)
    drawn = volunteers[-TRACK:]
    assert drawn.endswith("▶") and "━" in drawn and "○" in drawn  # a hollow (possible) marker, a bar, open
    assert drawn.index("○") < drawn.index("━")  # the bar runs from the figure up, to the open end
    twelve = next(r for r in rows if "A Twelve" in r)
    assert twelve[-TRACK:] == "●" + "·" * (TRACK - 1)  # a point, certain, at the low end of the axis
    nineteen = next(r for r in rows if "B Nineteen" in r)[-TRACK:]
    assert "━" not in nineteen and 0 < nineteen.index("●") < drawn.index("○")
    denial = dispute_section(out, 4)
    assert "B denies it" in denial and "✕" in denial.split("B denies it", 1)[1].splitlines()[0]
    for line in toll:
        assert len(line) <= WIDTH


def test_first_said_and_who_moved(sample):
    toll = " ".join(dispute_section(render_table(sample), 1).split())
    assert (
        "First, on 2024-10-16: Twelve / 12 (regional police, Northern Ledger (own voice)); Nineteen "
        "(hospital officials); then, on 2024-10-17: more than 20 (a local volunteer group)."
    ) in toll
    assert (
        "No one changed position; latest, on 2024-10-17: Nineteen (hospital officials); more than 20" in toll
    )


def test_a_holder_who_changes_side_is_said_to_move(sample):
    """Regional police say 19 on 10-18 as well: they moved from 12 to 19."""
    claims = [
        dataclasses.replace(c, id="ledger-1018/9") if c.id == "ledger-1018/1" else c for c in sample.claims
    ]
    findings = []
    for f in sample.findings:
        if f.id == "f-toll-number":
            nineteen = dataclasses.replace(
                f.sides[1],
                claims=(*f.sides[1].claims, "ledger-1018/9"),
                holders=("hospital officials", "regional police"),
                last=date(2024, 10, 18),
            )
            f = dataclasses.replace(
                f, claims=(*f.claims, "ledger-1018/9"), sides=(f.sides[0], nineteen, f.sides[2])
            )
        findings.append(f)
    report = dataclasses.replace(sample, claims=tuple(claims), findings=tuple(findings))
    toll = " ".join(dispute_section(render_table(report), 1).split())
    assert "Moved: regional police moved from Twelve / 12 (2024-10-16) to Nineteen (2024-10-18)." in toll


def test_updates_list_steps_per_place(sample):
    out = render_table(sample)
    section = out[out.index("Updates: running figures") : out.index("Certainty shifts:")]
    assert "\n1. Death toll\n" in section
    assert "\n  overall: Twelve (regional police, 2024-10-16) → 23 (regional police, 2024-10-18)\n" in section


def test_verbose_shows_agreements_echoes_subjects_and_settings(sample):
    out = render_table(sample, verbose=True)
    assert "Agreements and echoes: 1 agreement, 1 echo\n" in out
    assert "[AGREEMENT] About 4,000 and 4,100 evacuated agree" in out
    assert "[ECHO] Daily Meridian repeats a Coastal Wire sentence" in out
    subjects = out[out.index("Subjects: 3, each shown by its shortest representative claim") :]
    # subjects by their shortest representative claim, never the clustering's keyword label
    assert "\n2. Dam breach at Ferrow kills 12\n" in subjects
    assert "Death toll from the Ferrow dam breach" not in out
    assert "see dispute 1, update 1, echo f-toll-echo" in subjects
    table = subjects[subjects.index("What each outlet said (figure · certainty · source)") :].splitlines()
    assert table[1].split() == ["Outlet", "2024-10-16", "2024-10-17", "2024-10-18"]
    ledger = next(line for line in table if line.startswith("  Northern Ledger"))
    assert "12 · certain ·" in ledger and "23 · certain · regional" in ledger
    assert "via state television <- the interior ministry" in out
    assert "cluster_distance" in out  # settings come last in verbose mode


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
    assert "twelve dead (12); regional police; certain" in " ".join(render_table(report).split())


def test_subject_without_figures_leaves_the_figure_out(sample):
    out = render_table(sample, verbose=True)
    subjects = out[out.index("Subjects: 3, each shown by its shortest representative claim") :]
    section = subjects[subjects.index("\n1. Investigators said sabotage could not be ruled out\n") :]
    section = section[: section.index("\n2. ")]
    assert "2 disputes, 1 shift" in section
    assert "What each outlet said (certainty · source)" in section
    assert "no figure" not in section
    assert "certain, denial · Ferrow Hydro" in " ".join(section.split())
