"""Fit cards (score, skills with points and evidence, gaps, next steps) and the pathways panel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import altair as alt
import pandas  # noqa: F401
import streamlit as st

from app.ui import charts, workspace
from app.ui.profile import TRUST_BADGES, plain
from ler_navigator.models.fit import EmployerFit, MatchResult, OccupationFit
from ler_navigator.models.ler import LearnerProfile

# pandas is imported above although unused: Altair only peeks into sys.modules for it, and a
# chart built while another thread is still importing pandas fails on a half-loaded module.

FIT_CARDS = 3
PATHWAYS_SHOWN = 5

# Looks up a knowledge item's display name by id (employers on fit cards); None when unknown.
NameLookup = Callable[[str], str | None]

# SOC 2018 major groups (U.S. Bureau of Labor Statistics, https://www.bls.gov/soc/2018/).
MAJOR_GROUPS: dict[str, str] = {
    "11": "Management Occupations",
    "13": "Business and Financial Operations Occupations",
    "15": "Computer and Mathematical Occupations",
    "17": "Architecture and Engineering Occupations",
    "19": "Life, Physical, and Social Science Occupations",
    "21": "Community and Social Service Occupations",
    "23": "Legal Occupations",
    "25": "Educational Instruction and Library Occupations",
    "27": "Arts, Design, Entertainment, Sports, and Media Occupations",
    "29": "Healthcare Practitioners and Technical Occupations",
    "31": "Healthcare Support Occupations",
    "33": "Protective Service Occupations",
    "35": "Food Preparation and Serving Related Occupations",
    "37": "Building and Grounds Cleaning and Maintenance Occupations",
    "39": "Personal Care and Service Occupations",
    "41": "Sales and Related Occupations",
    "43": "Office and Administrative Support Occupations",
    "45": "Farming, Fishing, and Forestry Occupations",
    "47": "Construction and Extraction Occupations",
    "49": "Installation, Maintenance, and Repair Occupations",
    "51": "Production Occupations",
    "53": "Transportation and Material Moving Occupations",
    "55": "Military Specific Occupations",
}
EDUCATION_LABELS: dict[str, str] = {
    "none": "No formal education",
    "high_school": "High school diploma or equivalent",
    "postsecondary_certificate": "Postsecondary certificate",
    "some_college": "Some college",
    "associate": "Associate's degree",
    "bachelor": "Bachelor's degree",
    "master": "Master's degree",
    "doctoral": "Doctoral or professional degree",
}
VIA_WORDS = {
    "exact": "you have it",
    "specific": "from a more specific skill you have",
    "general": "from a broader skill you have",
    "near": "from a similar skill you have",
}
CREDENTIAL_TYPES = {"registered_apprenticeship": "registered apprenticeship"}
HAVE, BUILD = "You have", "To build"
CHART_COLOURS = ["#2e7d32", "#bdbdbd"]
DEGREE_NOTE = ":material/school: Usually needs a bachelor's degree"


def no_names(item_id: str) -> str | None:
    return None


def _trust_words(trust: str) -> str:
    icon, words, _ = TRUST_BADGES.get(trust, TRUST_BADGES["unverified"])
    return f"{icon} {words.lower()}"


def _names(names: Sequence[str], limit: int = 6) -> str:
    shown = ", ".join(names[:limit])
    return f"{shown} and {len(names) - limit} more" if len(names) > limit else shown


def employer_names(fit: OccupationFit, lookup: NameLookup) -> list[str]:
    """Display names of the employers hiring for this occupation (ids when unknown)."""
    return [lookup(e) or e.split(":", 1)[-1] for e in fit.employers]


# ---------------------------------------------------------------- score explanation
def score_parts(fit: OccupationFit) -> list[tuple[str, float]]:
    """The components the score is the sum of: (what produced it, points)."""
    # A fit built without components (hand-made, or an old answer) is its skill points alone.
    if fit.evidence:
        return [(e.label, e.points) for e in fit.evidence]
    return [(f"{m.name} ({VIA_WORDS.get(m.via, m.via)})", m.points) for m in fit.matched]


def score_sum_line(fit: OccupationFit) -> str:
    """'a + b + c = total' for the score, saying so when the parts do not reach the score."""
    parts = score_parts(fit)
    total = round(sum(p for _, p in parts), 1)
    terms = " ".join(
        f"{'−' if p < 0 else '+'} {abs(p):.1f}" if i else f"{p:.1f}"
        for i, (_, p) in enumerate(parts)
    )
    line = f"{terms or '0'} = **{total:.1f}** points"
    if abs(total - fit.score) <= 0.15:
        return f"{line}, your score of {fit.score:.0f} / 100."
    return f"{line}; the score shown is {fit.score:.0f} / 100."


def skill_sum_line(fit: OccupationFit) -> str:
    """How the matched skills' points add up to the skill coverage."""
    total = round(sum(m.points for m in fit.matched), 1)
    terms = " + ".join(f"{m.points:.1f}" for m in fit.matched)
    return f"Skill points: {terms} = **{total:.1f}** of 100 the work needs."


def coverage_rows(fit: OccupationFit) -> list[dict[str, Any]]:
    """Chart rows: per skill the points it adds (matched) or would add (missing)."""
    rows = [
        {"skill": m.name, "points": m.points, "part": HAVE, "trust": _trust_words(m.trust)}
        for m in fit.matched
    ]
    rows += [
        {"skill": m.name, "points": m.points, "part": BUILD, "trust": "—"} for m in fit.missing
    ]
    return rows


def coverage_chart(fit: OccupationFit) -> alt.Chart:
    """Matched points against missing points per skill, biggest first."""
    rows = coverage_rows(fit)
    order = [r["skill"] for r in sorted(rows, key=lambda r: (-r["points"], r["skill"]))]
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            x=alt.X("points:Q", title="Points out of 100"),
            y=alt.Y("skill:N", sort=order, title=None),
            color=alt.Color(
                "part:N",
                scale=alt.Scale(domain=[HAVE, BUILD], range=CHART_COLOURS),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("skill:N", title="Skill"),
                alt.Tooltip("points:Q", title="Points", format=".1f"),
                alt.Tooltip("part:N", title=" "),
                alt.Tooltip("trust:N", title="Evidence"),
            ],
        )
        .properties(height=24 * len(order) + 50)
    )


def matched_table(fit: OccupationFit) -> str:
    lines = ["| Skill | How it counts | Evidence | Points |", "|---|---|---|---:|"]
    for m in fit.matched:
        how = VIA_WORDS.get(m.via, m.via)
        if m.learner_skill and m.learner_skill != m.name:
            how += f" ({plain(m.learner_skill)})"
        lines.append(f"| {plain(m.name)} | {how} | {_trust_words(m.trust)} | {m.points:.1f} |")
    return "\n".join(lines)


def missing_table(fit: OccupationFit) -> str:
    lines = ["| Skill to build | Importance | Points it would add |", "|---|---:|---:|"]
    lines += [f"| {plain(m.name)} | {m.importance:.2f} | {m.points:.1f} |" for m in fit.missing]
    return "\n".join(lines)


def render_why(fit: OccupationFit, key: str) -> None:
    """How the score adds up, each skill's points and evidence, and the coverage chart."""
    with st.expander("Why this score?"):
        parts = score_parts(fit)
        if fit.evidence:
            st.markdown("\n".join(f"- {plain(label)}: {p:+.1f}" for label, p in parts))
        st.markdown(score_sum_line(fit))
        if fit.matched:
            st.markdown(matched_table(fit))
            st.markdown(skill_sum_line(fit))
            st.caption(
                "Each skill adds its share of what the work needs, weighted by how strong your "
                "evidence is: a verified credential counts in full, typed skills least."
            )
        if fit.missing:
            st.markdown(missing_table(fit))
        if fit.matched or fit.missing:
            st.altair_chart(coverage_chart(fit), key=f"{key}-chart", width="stretch")


# ---------------------------------------------------------------- cards
def render_fit_card(fit: OccupationFit, *, key: str, lookup: NameLookup = no_names) -> None:
    """One occupation: score bar, matched and missing skills, next steps, employers, why."""
    with st.container(border=True):
        heading = f"**[{plain(fit.title)}]({fit.url})** · O*NET-SOC {fit.code}"
        st.markdown(heading)
        if fit.needs_degree:
            stone = fit.stepping_stone
            st.caption(
                DEGREE_NOTE
                + (
                    f" · a step you can reach without one: {plain(stone.title)} "
                    f"(fit {stone.score:.0f})"
                    if stone
                    else ""
                )
            )
        st.progress(min(max(fit.score / 100, 0.0), 1.0), text=f"Fit {fit.score:.0f} / 100")
        if fit.matched:
            chips = " ".join(
                f":{TRUST_BADGES.get(m.trust, TRUST_BADGES['unverified'])[2]}-badge["
                f"{plain(m.name)} +{m.points:.0f}]"
                for m in fit.matched
            )
            st.markdown(f"**Skills that count** (points, coloured by evidence)  \n{chips}")
        if fit.missing:
            st.markdown(
                "**Skills to build** (most important first)  \n"
                + " ".join(f":gray-badge[{plain(m.name)} +{m.points:.0f}]" for m in fit.missing)
            )
        if fit.next_steps:
            steps = [
                f"- [{plain(s.name)}]({s.url}) — {plain(s.issuer)}, "
                f"{CREDENTIAL_TYPES.get(s.credential_type, s.credential_type)}; covers "
                f"{_names([plain(c) for c in s.covers])}; **+{s.gain:.0f} points**"
                for s in fit.next_steps
            ]
            st.markdown("**Next steps**\n" + "\n".join(steps))
        if fit.employers:
            st.caption(f"Employers hiring for it: {_names(employer_names(fit, lookup))}")
        render_why(fit, key)


def render_fits(
    fits: Sequence[OccupationFit],
    *,
    key: str,
    lookup: NameLookup = no_names,
    limit: int = FIT_CARDS,
) -> None:
    """Occupation fit cards, best first."""
    for number, fit in enumerate(fits[:limit]):
        render_fit_card(fit, key=f"{key}-fit-{number}", lookup=lookup)


def render_employer_fits(fits: Sequence[EmployerFit], limit: int = FIT_CARDS) -> None:
    """Employer fit cards: score, the skills that match what they hire for, their practice."""
    for fit in fits[:limit]:
        with st.container(border=True):
            st.markdown(f"**[{plain(fit.name)}]({fit.url})**")
            st.progress(min(max(fit.score / 100, 0.0), 1.0), text=f"Fit {fit.score:.0f} / 100")
            if fit.degree_optional:
                st.caption(":material/school: Hires for some roles without a four-year degree")
            if fit.matched_skills:
                st.caption(f"Matching skills: {_names(fit.matched_skills)}")
            st.caption(plain(fit.practice))


# ---------------------------------------------------------------- pathways panel
GROUPS_KEY = "pathways_major_groups"
EDUCATION_KEY = "pathways_education"


def render_pathways_panel(
    shared: LearnerProfile | None,
    major_groups: Sequence[str],
    find: Callable[[Sequence[str], Sequence[str]], MatchResult | None],
    *,
    lookup: NameLookup = no_names,
) -> None:
    """Filters by SOC major group and entry education, then the best pathways for the profile.

    ``find(major_groups, education)`` runs the match (and shows its own errors).
    """
    with st.expander("Find pathways", icon=":material/explore:"):
        if shared is None:
            st.caption(
                "Add your records or type skills in the sidebar first: pathways are matched "
                "to the skills you share."
            )
            return
        left, right = st.columns(2)
        with left:
            groups = st.multiselect(
                "Occupation groups",
                options=list(major_groups),
                format_func=lambda g: f"{g} {MAJOR_GROUPS.get(g, '')}".strip(),
                key=workspace.bind(st.session_state, GROUPS_KEY, []),
                placeholder="All groups",
            )
        with right:
            education = st.multiselect(
                "Typical education to start",
                options=list(EDUCATION_LABELS),
                format_func=EDUCATION_LABELS.__getitem__,
                key=workspace.bind(st.session_state, EDUCATION_KEY, []),
                placeholder="Any education",
            )
        result = find(groups, education)
        if result is None:
            return
        if not result.occupations:
            st.caption("No pathway in these groups fits your shared skills yet.")
            return
        shown = result.occupations[:PATHWAYS_SHOWN]
        cards, compare = st.tabs(["Pathway cards", "Charts"])
        with cards:
            render_fits(shown, key="pathways", lookup=lookup, limit=PATHWAYS_SHOWN)
            if result.employers:
                st.markdown("**Employers that hire for skills like yours**")
                render_employer_fits(result.employers)
        with compare:
            charts.render_pathway_charts(shown, key="pathways-charts")
