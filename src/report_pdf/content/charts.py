"""Chart declarations: which indicators a chart shows and how it is labelled."""

from __future__ import annotations

import dataclasses

from ..errors import ProblemCollector
from ..model import ChartItem, ChartSpec, Indicator, LastYear, Report
from .indicators import ID_PATTERN, ID_RULE, shortened
from .yamldoc import Fields, Node

CHART_KINDS = {
    "bar": "vertical bars",
    "hbar": "horizontal bars, for many or long labels",
}


def read_charts(root: Node, indicators: dict[str, Indicator], declared: set[str] | None,
                problems: ProblemCollector) -> list[ChartSpec]:
    """Read the chart declarations.

    ``indicators`` are those found in the text; ``declared`` also holds those
    whose figure could not be found, already reported, so not reported again.
    ``declared`` is None when indicators.yaml could not be read: its problem is
    the one to report, not every chart that names an indicator.
    """
    top = Fields(root, problems, "charts file")
    entries = top.list("charts")
    top.finish()
    charts: list[ChartSpec] = []
    seen: dict[str, int | None] = {}
    for entry in entries:
        chart = _read_chart(entry, indicators, declared, problems)
        if chart is None:
            continue
        if chart.id in seen:
            problems.add(f"chart id '{chart.id}' is declared twice "
                         f"(first at line {seen[chart.id]})", chart.defined_at)
            continue
        seen[chart.id] = chart.defined_at.line
        charts.append(chart)
    return charts


def _read_chart(node: Node, indicators: dict[str, Indicator], declared: set[str] | None,
                problems: ProblemCollector) -> ChartSpec | None:
    fields = Fields(node, problems, "chart")
    chart_id = fields.text("id")
    if chart_id is not None:
        fields.what = f"chart '{chart_id}'"
    kind = fields.text("type")
    title = fields.text("title")
    bar_nodes = fields.list("bars")
    note_nodes = fields.list("notes", required=False)
    last_year = fields.boolean("last_year")
    fields.finish()
    valid = fields.ok
    if chart_id is not None and not ID_PATTERN.match(chart_id):
        problems.add(f"chart id '{shortened(chart_id)}' {ID_RULE}", fields.location_of("id"))
        valid = False
    if kind is not None and kind not in CHART_KINDS:
        known = "; ".join(f"{name} ({meaning})" for name, meaning in CHART_KINDS.items())
        problems.add(f"{fields.what}: unknown type '{kind}'; known types: {known}",
                     fields.location_of("type"))
        valid = False
    if fields.ok and not bar_nodes and fields.mapping("bars", required=False) is not None:
        problems.add(f"{fields.what}: 'bars' lists no indicator", fields.location_of("bars"))
        valid = False
    bars = _read_items(bar_nodes, fields.what, indicators, declared, problems)
    notes = _read_items(note_nodes, fields.what, indicators, declared, problems)
    if not valid or None in (chart_id, kind, title) or None in bars or None in notes:
        return None
    return ChartSpec(chart_id, kind, title, tuple(bars), tuple(notes), fields.location,
                     last_year)


def _read_items(nodes: list[Node], what: str, indicators: dict[str, Indicator],
                declared: set[str] | None,
                problems: ProblemCollector) -> list[ChartItem | None]:
    result: list[ChartItem | None] = []
    for node in nodes:
        fields = Fields(node, problems, f"{what}, entry")
        indicator_id = fields.text("indicator")
        label = fields.text("label")
        fields.finish()
        if indicator_id is not None and declared is not None and indicator_id not in declared:
            problems.add(f"{what}: no indicator '{indicator_id}' is declared in "
                         "indicators.yaml", fields.location_of("indicator"))
            indicator_id = None
        if indicator_id not in indicators or label is None:
            result.append(None)
            continue
        result.append(ChartItem(indicators[indicator_id], label))
    return result


def with_last_years_figures(charts: list[ChartSpec], last_year: LastYear | None,
                            year: str) -> list[ChartSpec]:
    """The charts that ask for last year's figures, given them: each bar's figure of
    the same id in last year's report, the two years from the folders' names. A
    figure in another unit is none: its bar would be drawn against the wrong scale."""
    if last_year is None or last_year.unreadable:
        return charts

    def before(item: ChartItem) -> Indicator | None:
        figure = last_year.indicators.get(item.indicator.id)
        return figure if figure is not None and figure.unit == item.indicator.unit else None

    return [dataclasses.replace(spec, years=(last_year.folder.name, year), bars=tuple(
                dataclasses.replace(item, last_year=before(item)) for item in spec.bars))
            if spec.last_year else spec for spec in charts]


def charts_without_last_year(report: Report) -> list[str]:
    """A warning for each chart that asks for last year's figures but is drawn
    without them: no report of the year before beside this one, or one unreadable."""
    why = ("last year's report could not be read" if report.last_year
           else "there is no last year's report beside this one")
    return [f"{spec.defined_at}: chart '{spec.id}' asks for last year's figures "
            f"(last_year: true), but {why}: it is drawn with this year's alone"
            for spec in report.charts if spec.last_year and not spec.years]
