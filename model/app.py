"""The browser app: the siege on the map of Mali, with charts, in Mesa's SolaraViz.

Run with ``mali-abm viz`` (which calls ``solara run`` on this file). The map is one image
layer (zones) plus a few hundred markers, drawn with matplotlib.
"""

from __future__ import annotations

import io
import os

import numpy as np
import solara
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator
from mesa.visualization import SolaraViz
from mesa.visualization.utils import update_counter

from model import portrayal
from model.processes.moscow import Posture
from model.series import date_of
from model.village_view import place_report, village_grid
from model.viz_ensemble import Settings, run_ensemble
from model.viz_model import SLIDERS, VizModel, map_snapshot, model_params

LABELLED_TOWNS = ("Kayes", "Sikasso", "Segou", "Mopti", "Timbuktu", "Gao", "Kidal", "Nioro du Sahel", "Kita")


LAYERS = ("control zones", "population", "JNIM's share of control", "corridors")
DEFAULT_LAYERS = ("control zones", "corridors")


def draw_map(model, snapshot: dict | None = None, layers: tuple[str, ...] = DEFAULT_LAYERS) -> Figure:
    """The map of Mali with the chosen layers, places and agents, today or on a day kept for playback."""
    snapshot = snapshot or map_snapshot(model)
    m = model.grid.map
    rows, cols = m.shape
    fig = Figure(figsize=(7.5, 6.2), layout="constrained")
    ax = fig.subplots()
    extent = (m.lon_west, m.lon_west + cols * m.resolution, m.lat_north - rows * m.resolution, m.lat_north)
    draw_layers(ax, model, snapshot, layers, extent)
    ring = m.border_lonlat
    ax.plot([*ring[:, 0], ring[0, 0]], [*ring[:, 1], ring[0, 1]], color="black", lw=1.2)
    lat, lon = m.cell_centres()
    for corridor in m.corridors.values() if "corridors" in layers else ():
        fuel = corridor.kind == "fuel"
        ax.plot(lon.ravel()[corridor.cells], lat.ravel()[corridor.cells], color="#555555" if fuel else "#999999",
                lw=1.6 if fuel else 0.8, ls="-" if fuel else "--")
    draw_places(ax, m)
    draw_agents(ax, snapshot, lat.ravel(), lon.ravel())
    ax.set_xlim(extent[0] - 0.3, extent[1] + 0.3)
    ax.set_ylim(extent[2] - 0.3, extent[3] + 0.3)
    ax.set_aspect("equal")
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.set_title(f"Mali, day {snapshot['day']} ({date_of(snapshot['day']).isoformat()})")
    ax.legend(handles=legend_handles(), loc="upper left", fontsize=7, framealpha=0.9)
    return fig


def draw_layers(ax, model, snapshot: dict, layers: tuple[str, ...], extent) -> None:
    """The cell layers: zones, population (log scale, greys) and JNIM's share of control (reds, 0 to 1)."""
    m = model.grid.map
    if "control zones" in layers:
        ax.imshow(portrayal.zone_image(snapshot["zones"], m.inside), extent=extent, interpolation="nearest")
    if "population" in layers:
        people = village_grid(model, snapshot["population"])
        ax.imshow(np.log10(np.maximum(people, 1.0)), extent=extent, interpolation="nearest", cmap="Greys",
                  alpha=0.6 if "control zones" in layers else 1.0)
    if "JNIM's share of control" in layers:
        ax.imshow(village_grid(model, snapshot["jnim_share"]), extent=extent, interpolation="nearest", cmap="Reds",
                  vmin=0.0, vmax=1.0, alpha=0.6 if "control zones" in layers else 1.0)


def draw_places(ax, m) -> None:
    """Towns, Bamako, mines and border crossings (one artist per kind)."""
    towns = [t for t in m.towns if t.kind != "capital"]
    ax.plot([t.lon for t in towns], [t.lat for t in towns], ls="", marker=".", color="black", ms=4)
    for town in towns:
        if town.name in LABELLED_TOWNS:
            ax.annotate(town.name.replace(" du Sahel", ""), (town.lon, town.lat), xytext=(3, 3),
                        textcoords="offset points", fontsize=7)
    capital = next(t for t in m.towns if t.kind == "capital")
    ax.plot(capital.lon, capital.lat, marker="*", color="black", ms=14, zorder=5)
    ax.annotate("Bamako", (capital.lon, capital.lat), xytext=(4, -12), textcoords="offset points", fontsize=9,
                weight="bold")
    ax.plot([p.lon for p in m.mines], [p.lat for p in m.mines], ls="", marker="p", color="#d4a017", mec="black",
            mew=0.4, ms=6)
    ax.plot([p.lon for p in m.crossings], [p.lat for p in m.crossings], ls="", marker="|", color="black", ms=9,
            mew=2)


def draw_agents(ax, snapshot: dict, lat, lon) -> None:
    """Convoys, JNIM columns, Russian units and mobile FAMa units at their cells."""
    def scatter(cells, styles):
        if cells:
            ax.scatter(lon[cells], lat[cells], s=[s["size"] for s in styles], c=[s["color"] for s in styles],
                       marker=styles[0]["marker"], edgecolors="black", linewidths=0.5, zorder=6, alpha=0.9)
    convoys = snapshot["convoys"]
    scatter([cell for cell, _ in convoys], [portrayal.convoy_style(tankers) for _, tankers in convoys])
    columns = snapshot["columns"]
    scatter([cell for cell, _ in columns], [portrayal.jnim_style(fighters) for _, fighters in columns])
    for posture in Posture:
        russians = [(cell, strength) for cell, value, strength in snapshot["russians"] if value == posture.value]
        scatter([cell for cell, _ in russians], [portrayal.russian_style(posture.value, s) for _, s in russians])
    army = snapshot["army"]
    scatter([cell for cell, _, _ in army], [portrayal.army_style(role, strength) for _, role, strength in army])


def legend_handles() -> list:
    """Legend entries: the five zones, then each kind of marker."""
    handles = [Patch(color=portrayal.ZONE_COLOURS[z], label=portrayal.ZONE_LABELS[z]) for z in range(1, 6)]
    handles.append(Patch(color=portrayal.UNPOPULATED_COLOUR, label="unpopulated (no zone)"))
    marks = [("*", "black", "Bamako"), ("p", "#d4a017", "gold/lithium mine"), ("s", "#ff7f00", "fuel convoy"),
             ("o", "#222222", "JNIM column"), ("D", portrayal.POSTURE_COLOURS["active"], "Russians, active"),
             ("D", portrayal.POSTURE_COLOURS["stood_down"], "Russians, stood down"), ("^", "#1b7837", "FAMa unit")]
    handles += [Line2D([], [], marker=mk, color=c, ls="", ms=7, label=label) for mk, c, label in marks]
    return [*handles, Line2D([], [], color="#555555", lw=1.6, label="fuel corridor")]


def draw_charts(model, marked_day: int | None = None) -> Figure:
    """Fuel, the junta, control and tankers over time (with the day on show marked during playback)."""
    s = model.series.to_frame()
    fig = Figure(figsize=(7.5, 6.2), layout="constrained")
    fuel, junta, territory, tankers = fig.subplots(4, 1, sharex=True).ravel()
    fuel.plot(s.day, s.fuel_days_of_supply, color="#1f78b4", label="days of supply")
    fuel.set_ylabel("days")
    price = fuel.twinx()
    price.plot(s.day, s.fuel_price_cfa, color="#e31a1c", label="price CFA/L")
    price.plot(s.day, s.litres_per_min_wage * 10, color="#fb9a99", ls="--", label="L per SMIG ×10")
    price.set_ylabel("CFA/L")
    fuel.legend(loc="upper left", fontsize=7)
    price.legend(loc="upper right", fontsize=7)
    for column, colour in (("junta_cohesion", "#33a02c"), ("junta_legitimacy", "#6a3d9a")):
        junta.plot(s.day, s[column], color=colour, label=column.replace("junta_", ""))
    junta.plot(s.day, (s.coup_hazard * 365).clip(upper=1), color="black", ls=":", label="coup hazard /yr (≤1)")
    junta.set_ylim(0, 1)
    junta.legend(loc="lower left", fontsize=7)
    territory.stackplot(s.day, s.control_state, s.control_contested, s.control_jnim,
                        colors=[portrayal.ZONE_COLOURS[1], portrayal.ZONE_COLOURS[3], portrayal.ZONE_COLOURS[5]],
                        labels=["state", "contested", "JNIM"])
    territory.set_ylim(0, 1)
    territory.set_ylabel("population share")
    territory.legend(loc="lower left", fontsize=7)
    tankers.plot(s.day, s.tankers_delivered, color="#1f78b4", label="delivered (left)")
    tankers.set_ylabel("delivered")
    losses = tankers.twinx()
    losses.plot(s.day, s.tankers_destroyed, color="#e31a1c", label="destroyed (right)")
    losses.plot(s.day, s.tankers_diverted, color="#ff7f00", label="diverted (right)")
    losses.set_ylabel("lost")
    losses.legend(loc="center left", fontsize=7)
    tankers.set_xlabel("day since 2025-09-03")
    tankers.xaxis.set_major_locator(MaxNLocator(integer=True))  # whole days, not 0.5 steps
    tankers.legend(loc="upper left", fontsize=7)
    for day in model.junta.coup_days:
        for ax in (fuel, junta, territory, tankers):
            ax.axvline(day, color="black", lw=1)
    if marked_day is not None and marked_day < model.day:  # playback: the day the map shows
        for ax in (fuel, junta, territory, tankers):
            ax.axvline(marked_day, color="#ff7f00", lw=1.5, ls="--")
    return fig


def event_lines(model) -> list[str]:
    """One line per event so far: coups and the capital's fall, with day and date."""
    lines = [f"Coup on day {d} ({date_of(d).isoformat()})" for d in model.junta.coup_days]
    if model.capital.fell:
        lines.append(f"Bamako fell on day {model.capital.fall_day} ({date_of(model.capital.fall_day).isoformat()})"
                     f" — {model.capital.end_reason.removeprefix('capital_fell_')}")
    return lines


def slider_values(model) -> str:
    """The slider parameters the running model was built with."""
    return ", ".join(f"{name} {model.p[name]:g}" for name in SLIDERS)


def settings_line(model) -> str:
    """What the running model was built with: scenario, seed and the slider parameters."""
    return f"scenario {model.scenario} · seed {model.seed} · {slider_values(model)}"


LATEST = -1
"""The playback slider's value when the map follows the run."""
REPLAY_SECONDS_PER_DAY = 0.25
APP_STYLE = ".v-tabs { display: none; } .vue-grid-item { overflow: auto; }"
"""Mesa's SolaraViz heads its panels with a tab bar even for one page ("PAGE 0"): this app has one page. Its
grid gives each panel a fixed height: a panel taller than that scrolls instead of spilling over the next."""


map_layers = solara.reactive(list(DEFAULT_LAYERS))
"""The layers the map draws (toggles of the map panel)."""
playback_day = solara.reactive(LATEST)
"""The day the map and charts show: a day already run, or LATEST (follow the run)."""


def shown_day(model) -> int:
    """The day on show: the playback slider's, if the run has reached it, else the last day kept.

    (The last kept, not ``model.day``: with SolaraViz's threads a render may fall inside a step,
    after the day has advanced and before its map is kept.)
    """
    kept = len(model.snapshots) - 1
    return kept if playback_day.value == LATEST or playback_day.value > kept else playback_day.value


@solara.lab.task
async def replay(until: int) -> None:
    """Play the days already run back, from the one on show to ``until``, then follow the run again."""
    import asyncio

    for day in range(0 if playback_day.value == LATEST else playback_day.value, until + 1):
        playback_day.value = day
        await asyncio.sleep(REPLAY_SECONDS_PER_DAY)
    playback_day.value = LATEST


def map_png(model, day: int) -> bytes:
    """The map of ``day`` as a PNG file (the map panel's export)."""
    buffer = io.BytesIO()
    draw_map(model, model.snapshots[day], tuple(map_layers.value)).savefig(buffer, format="png", dpi=120)
    return buffer.getvalue()


def series_csv(model) -> str:
    """The run's daily series as CSV (the map panel's export), as `mali-abm run --out FILE.csv` writes it."""
    return model.series.to_frame().to_csv(index=False)


def MapView(model):  # noqa: N802 (Solara components are named like classes)
    """The map of the day on show, its playback controls and the exports (and the style hiding the one tab)."""
    update_counter.get()
    day = shown_day(model)
    with solara.Column() as column:
        solara.Style(APP_STYLE)
        solara.FigureMatplotlib(draw_map(model, model.snapshots[day], tuple(map_layers.value)), format="png", dpi=90)
        solara.ToggleButtonsMultiple(map_layers, values=list(LAYERS), dense=True)
        solara.Text(f"showing day {day} of {model.day}" + (" (playback)" if day < model.day else ""),
                    classes=["mali-shown-day"])
        with solara.Row():
            solara.SliderInt("Show day", value=day, min=0, max=model.day,
                             on_value=lambda d: playback_day.set(LATEST if d >= model.day else d))
            if replay.pending:
                solara.Button("Pause", on_click=replay.cancel, classes=["mali-pause"])
            else:
                solara.Button("Replay", on_click=lambda: replay(model.day), classes=["mali-replay"])
            solara.Button("Latest", on_click=lambda: playback_day.set(LATEST))
        with solara.Row():
            solara.FileDownload(lambda: series_csv(model), filename=f"mali-abm-{model.scenario}-seed{model.seed}.csv",
                                label="Daily series (CSV)", mime_type="text/csv")
            solara.FileDownload(lambda: map_png(model, day), filename=f"mali-abm-map-day{day}.png",
                                label="Map (PNG)", mime_type="image/png")
    return column


selected_town = solara.reactive("Mopti")
"""The town the place panel reports on (a reactive value, not a hook: Mesa renders the panels in one list)."""


def PlaceView(model):  # noqa: N802
    """A town's village as the model sees it today: pick a town, read its report."""
    update_counter.get()
    towns = {t.name: t.cell for t in model.grid.map.towns}
    with solara.Column() as column:
        solara.Select(label="Inspect a town", value=selected_town, values=sorted(towns))
        for key, value in place_report(model, towns[selected_town.value]).items():
            solara.Text(f"{key}: {value}", classes=["mali-place"])
    return column


def ChartsView(model):  # noqa: N802
    """The charts and the event banner, redrawn after every step."""
    update_counter.get()
    with solara.Column() as column:
        solara.Text(settings_line(model), classes=["mali-settings"])
        for line in event_lines(model):
            solara.Error(line, icon="mdi-alert") if "fell" in line else solara.Warning(line)
        solara.FigureMatplotlib(draw_charts(model, shown_day(model)), format="png", dpi=80)
    return column


ensemble_replicates = solara.reactive(40)
"""How many runs the ensemble panel asks for (a control of the panel)."""
ensemble_wanted = solara.reactive("")
"""The ensemble the panel last asked for (its name): it asks again only when the page's settings change."""


@solara.lab.task
def compute_ensemble(settings: Settings):
    """Run (or read back) an ensemble in a thread, on the sweep engine's local executor, while the page steps."""
    return settings.name(), run_ensemble(settings)


def draw_ensemble(ensemble) -> Figure:
    """Cumulative incidence of a coup and of the fall, and fan bands of Bamako's days of supply and price."""
    fig = Figure(figsize=(7.5, 5.0), layout="constrained")
    incidence, supply, price = fig.subplots(3, 1, sharex=True).ravel()
    for event, colour in (("coup", "#6a3d9a"), ("fall", "#e31a1c")):
        incidence.step(ensemble.incidence_days, ensemble.incidence[event], where="post", color=colour,
                       label=f"{event} (Aalen–Johansen)")
    incidence.set_ylim(0, 1)
    incidence.set_ylabel("cumulative incidence")
    incidence.legend(loc="upper left", fontsize=7)
    for ax, column, colour, label in ((supply, "fuel_days_of_supply", "#1f78b4", "days of supply"),
                                      (price, "fuel_price_cfa", "#e31a1c", "price CFA/L")):
        q05, q25, q50, q75, q95 = ensemble.fan[column]
        ax.fill_between(ensemble.fan_days, q05, q95, color=colour, alpha=0.15, lw=0, label="90 % of runs")
        ax.fill_between(ensemble.fan_days, q25, q75, color=colour, alpha=0.35, lw=0, label="50 %")
        ax.plot(ensemble.fan_days, q50, color=colour, label="median")
        ax.set_ylabel(label)
        ax.legend(loc="upper right", fontsize=7)
    price.set_xlabel("day since 2025-09-03")
    price.xaxis.set_major_locator(MaxNLocator(integer=True))
    return fig


def probability_line(ensemble, event: str, what: str) -> str:
    """'P(coup within 365 d) = 0.15 [0.07, 0.29]'."""
    p, low, high = ensemble.probability[event]
    return f"P({what} within {ensemble.horizon_days} d) = {p:.2f} [{low:.2f}, {high:.2f}]"


def EnsembleView(model):  # noqa: N802
    """The odds of the page's settings: an ensemble of runs in the background, its probabilities and curves."""
    settings = Settings(scenario=model.scenario, sliders={name: model.p[name] for name in SLIDERS},
                        replicates=ensemble_replicates.value)
    if ensemble_wanted.value != settings.name() and not compute_ensemble.pending:
        ensemble_wanted.value = settings.name()
        compute_ensemble(settings)
    done = compute_ensemble.finished and compute_ensemble.value[0] == settings.name()
    with solara.Column() as column:
        solara.SliderInt("Ensemble runs", value=ensemble_replicates, min=10, max=200, step=10)
        if done:
            ensemble = compute_ensemble.value[1]
            solara.Text(f"{ensemble.runs} runs of scenario {model.scenario} · {slider_values(model)}",
                        classes=["mali-ensemble-n"])
            solara.Text(probability_line(ensemble, "coup", "coup"), classes=["mali-ensemble"])
            solara.Text(probability_line(ensemble, "fall", "the capital's fall"), classes=["mali-ensemble"])
            solara.FigureMatplotlib(draw_ensemble(ensemble), format="png", dpi=80)
        elif compute_ensemble.error:
            solara.Error(f"the ensemble failed: {compute_ensemble.exception}")
        else:
            solara.Text(f"running {settings.replicates} runs of these settings on the sweep engine …",
                        classes=["mali-ensemble-running"])
            solara.ProgressLinear(True)
    return column


initial_scenario = os.environ.get("MALI_ABM_SCENARIO", "baseline")
model = VizModel(scenario=initial_scenario)
page = SolaraViz(model, components=[MapView, ChartsView, EnsembleView, PlaceView],
                 model_params=model_params(initial_scenario), name="mali-abm — the fuel siege")
