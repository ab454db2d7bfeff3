"""Charts of the suggested pathways: skill coverage, skills to build, and a side-by-side view.

Each chart has a ``*_rows`` function giving its data (tested without a browser) and a chart
function drawing it with Altair (Vega-Lite). Every chart carries a description that screen
readers announce, and the panel prints the same facts in words under it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas  # noqa: F401
import streamlit as st

from ler_navigator.models.fit import OccupationFit

# pandas is imported although unused: Altair peeks into sys.modules for it, and a chart built
# while another thread is still importing pandas fails on a half-loaded module.

HAVE, BUILD = "You have", "To build"
# Dark green and a mid grey: both tell apart from white and from each other without colour
# vision (the legend and tooltips also say which is which).
HAVE_COLOUR, BUILD_COLOUR = "#2e7d32", "#9e9e9e"
GAP_COLOUR = "#1f5fa8"
GAPS_SHOWN = 10
COMPARED_SKILLS = 12
BAR_HEIGHT = 26


def _title(fit: OccupationFit) -> str:
    return f"{fit.title} ({fit.score:.0f})"


# ---------------------------------------------------------------- coverage per pathway
def coverage_rows(fits: Sequence[OccupationFit]) -> list[dict[str, Any]]:
    """Per pathway: the skill points the learner has and the points still to build."""
    rows = []
    for fit in fits:
        have = round(sum(m.points for m in fit.matched), 1)
        build = round(sum(m.points for m in fit.missing), 1)
        rows.append({"pathway": _title(fit), "part": HAVE, "points": have, "order": 0})
        rows.append({"pathway": _title(fit), "part": BUILD, "points": build, "order": 1})
    return rows


def coverage_chart(fits: Sequence[OccupationFit]) -> alt.Chart:
    """Stacked bars: how much of each pathway's skills the learner already covers."""
    order = [_title(f) for f in fits]
    return (
        alt.Chart(alt.Data(values=coverage_rows(fits)))
        .mark_bar()
        .encode(
            x=alt.X("points:Q", title="Skill points out of 100", stack="zero"),
            y=alt.Y("pathway:N", sort=order, title=None, axis=alt.Axis(labelLimit=240)),
            color=alt.Color(
                "part:N",
                scale=alt.Scale(domain=[HAVE, BUILD], range=[HAVE_COLOUR, BUILD_COLOUR]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("pathway:N", title="Pathway (fit)"),
                alt.Tooltip("part:N", title=" "),
                alt.Tooltip("points:Q", title="Points", format=".1f"),
            ],
        )
        .properties(
            height=alt.Step(BAR_HEIGHT),
            description="Skill coverage per suggested pathway: points you have and to build.",
        )
    )


def coverage_words(fits: Sequence[OccupationFit]) -> str:
    """The coverage chart in one sentence per pathway."""
    lines = []
    for fit in fits:
        have = sum(m.points for m in fit.matched)
        build = sum(m.points for m in fit.missing)
        lines.append(f"- {fit.title}: {have:.0f} skill points covered, {build:.0f} to build")
    return "\n".join(lines)


# ---------------------------------------------------------------- skills to build
def gap_rows(fits: Sequence[OccupationFit], limit: int = GAPS_SHOWN) -> list[dict[str, Any]]:
    """Missing skills across the pathways: points they would add in all, and where."""
    gaps: dict[str, dict[str, Any]] = {}
    for fit in fits:
        for missing in fit.missing:
            row = gaps.setdefault(
                missing.skill_id, {"skill": missing.name, "points": 0.0, "pathways": []}
            )
            row["points"] += missing.points
            row["pathways"].append(fit.title)
    ranked = sorted(gaps.values(), key=lambda r: (-len(r["pathways"]), -r["points"], r["skill"]))
    return [
        {
            "skill": r["skill"],
            "points": round(r["points"], 1),
            "count": len(r["pathways"]),
            "pathways": ", ".join(r["pathways"]),
        }
        for r in ranked[:limit]
    ]


def gap_chart(fits: Sequence[OccupationFit], limit: int = GAPS_SHOWN) -> alt.Chart:
    """Bars: the skills to build that open the most pathways, biggest gain first."""
    rows = gap_rows(fits, limit)
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_bar(color=GAP_COLOUR)
        .encode(
            x=alt.X("count:Q", title="Pathways that need it", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y(
                "skill:N",
                sort=[r["skill"] for r in rows],
                title=None,
                axis=alt.Axis(labelLimit=240),
            ),
            tooltip=[
                alt.Tooltip("skill:N", title="Skill"),
                alt.Tooltip("count:Q", title="Pathways"),
                alt.Tooltip("points:Q", title="Points it adds in all", format=".1f"),
                alt.Tooltip("pathways:N", title="Needed for"),
            ],
        )
        .properties(
            height=alt.Step(BAR_HEIGHT),
            description="Skills to build, by how many suggested pathways need them.",
        )
    )


def gap_words(fits: Sequence[OccupationFit], limit: int = 5) -> str:
    """The top skills to build, in words."""
    rows = gap_rows(fits, limit)
    return "\n".join(
        f"- {r['skill']}: needed for {r['count']} pathway{'s' if r['count'] != 1 else ''}, "
        f"+{r['points']:.0f} points in all"
        for r in rows
    )


# ---------------------------------------------------------------- pathways side by side
def comparison_rows(
    fits: Sequence[OccupationFit], limit: int = COMPARED_SKILLS
) -> list[dict[str, Any]]:
    """One cell per (skill, pathway) that needs it: whether the learner has it, and its points.

    The skills shown are the ones that matter most across the pathways (summed importance).
    """
    weight: dict[str, float] = {}
    name: dict[str, str] = {}
    for fit in fits:
        for skill in (*fit.matched, *fit.missing):
            weight[skill.skill_id] = weight.get(skill.skill_id, 0.0) + skill.importance
            name[skill.skill_id] = skill.name
    top = sorted(weight, key=lambda s: (-weight[s], name[s]))[:limit]
    shown = set(top)
    rows = []
    for fit in fits:
        for skill, part in [(m, HAVE) for m in fit.matched] + [(m, BUILD) for m in fit.missing]:
            if skill.skill_id in shown:
                rows.append(
                    {
                        "skill": skill.name,
                        "pathway": _title(fit),
                        "part": part,
                        "points": round(skill.points, 1),
                        "rank": top.index(skill.skill_id),
                    }
                )
    return sorted(rows, key=lambda r: (r["rank"], r["pathway"]))


def comparison_chart(fits: Sequence[OccupationFit], limit: int = COMPARED_SKILLS) -> alt.Chart:
    """A grid of skills by pathway: which pathways need each skill, and whether you have it."""
    rows = comparison_rows(fits, limit)
    skills = list(dict.fromkeys(r["skill"] for r in rows))
    return (
        alt.Chart(alt.Data(values=rows))
        .mark_square(size=260)
        .encode(
            x=alt.X(
                "pathway:N",
                sort=[_title(f) for f in fits],
                title=None,
                axis=alt.Axis(labelAngle=-30, labelLimit=180, orient="top"),
            ),
            y=alt.Y("skill:N", sort=skills, title=None, axis=alt.Axis(labelLimit=240)),
            color=alt.Color(
                "part:N",
                scale=alt.Scale(domain=[HAVE, BUILD], range=[HAVE_COLOUR, BUILD_COLOUR]),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            shape=alt.Shape(
                "part:N",
                scale=alt.Scale(domain=[HAVE, BUILD], range=["square", "circle"]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("pathway:N", title="Pathway (fit)"),
                alt.Tooltip("skill:N", title="Skill"),
                alt.Tooltip("part:N", title=" "),
                alt.Tooltip("points:Q", title="Points", format=".1f"),
            ],
        )
        .properties(
            height=alt.Step(BAR_HEIGHT),
            description="Pathways compared: the skills each needs, and which ones you have.",
        )
    )


# ---------------------------------------------------------------- the panel
def render_pathway_charts(fits: Sequence[OccupationFit], *, key: str) -> None:
    """The three charts with a sentence or list under each saying the same in words."""
    if not fits:
        return
    st.markdown("**How much of each pathway you cover**")
    st.altair_chart(coverage_chart(fits), key=f"{key}-coverage", width="stretch")
    with st.expander("The same in words"):
        st.markdown(coverage_words(fits))
    if any(f.missing for f in fits):
        st.markdown("**Skills to build that open the most pathways**")
        st.altair_chart(gap_chart(fits), key=f"{key}-gaps", width="stretch")
        with st.expander("The top skills to build in words"):
            st.markdown(gap_words(fits))
    if len(fits) > 1:
        st.markdown("**Pathways side by side** (■ you have it, ● to build)")
        st.altair_chart(comparison_chart(fits), key=f"{key}-compare", width="stretch")
