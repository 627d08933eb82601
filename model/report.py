"""The award committee's report: one self-contained HTML file (inline CSS and SVG, no CDN)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import jinja2
import pandas as pd

from model.rubric import POST_TYPES, Rubric, Scorecard

SPHERE_NAMES = {"education": "Образование", "culture": "Культура", "health": "Здравоохранение",
                "sport": "Спорт", "social": "Социальная сфера", "administration": "Органы власти",
                "other": "Другое"}
TYPE_NAMES = {"official": "официальные", "useful": "полезные", "interactive": "интерактивные",
              "entertaining": "развлекательные"}
TYPE_COLOURS = {"official": "#5b6c8f", "useful": "#2f9e77", "interactive": "#e08a2c", "entertaining": "#b55d9c"}

_environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=jinja2.select_autoescape(["html", "j2"]),
    trim_blocks=True, lstrip_blocks=True,
)


def render_report(cards: list[Scorecard], ranking: pd.DataFrame, rubric: Rubric) -> str:
    by_id = {c.page_id: c for c in cards}
    spheres = []
    for sphere in rubric.raw["ranking"]["spheres"]:
        rows = ranking[ranking["sphere"] == sphere] if len(ranking) else ranking
        if len(rows):
            spheres.append((SPHERE_NAMES.get(sphere, sphere), [by_id[p] for p in rows["page_id"]],
                            rows.to_dict(orient="records")))
    others = ranking[~ranking["sphere"].isin(rubric.raw["ranking"]["spheres"])] if len(ranking) else ranking
    if len(others):
        spheres.append(("Другое", [by_id[p] for p in others["page_id"]], others.to_dict(orient="records")))
    return _environment.get_template("report.html.j2").render(
        spheres=spheres, cards=[by_id[p] for p in ranking["page_id"]] if len(ranking) else [],
        ranking=ranking.to_dict(orient="records") if len(ranking) else [],
        eligible=[by_id[p] for p in ranking.loc[ranking["eligible"], "page_id"]] if len(ranking) else [],
        rubric=rubric, sphere_names=SPHERE_NAMES, types=POST_TYPES, type_names=TYPE_NAMES, type_colours=TYPE_COLOURS,
        created=datetime.now(UTC).strftime("%d.%m.%Y %H:%M UTC"),
    )
