"""The browser app without a browser: controls, Step and Reset, portrayal, slider table."""

import numpy as np
import pytest
import solara
from matplotlib.colors import to_rgba

from model import portrayal
from model.params import BY_NAME
from model.viz_model import SLIDERS, VizModel, model_params, seed_from_text, viz_params


def test_sliders_come_from_the_parameter_table():
    controls = model_params()
    for name in SLIDERS:
        p = BY_NAME[name]
        assert (controls[name]["value"], controls[name]["min"], controls[name]["max"]) == (p.default, p.low, p.high)
        steps = (p.default - p.low) / controls[name]["step"]
        assert abs(steps - round(steps)) < 1e-9, f"{name}: default off the slider grid"
        assert (p.high - p.low) / controls[name]["step"] >= 50
    assert controls["scenario"]["values"][0] == "baseline"


def test_seed_arrives_as_text():
    assert seed_from_text("42") == 42 and seed_from_text(" 7 ") == 7 and seed_from_text("") == 0
    assert seed_from_text("abc") == 0 and seed_from_text(3) == 3
    assert VizModel(seed="5").seed == 5


def test_scenario_overrides_win_over_sliders():
    params = viz_params("stand_down", {"mercenary_stand_down": 0.2, "blockade_intensity": 0.9})
    assert params["mercenary_stand_down"] == 1.0 and params["blockade_intensity"] == 0.9
    assert viz_params("nope", {})["blockade_intensity"] == BY_NAME["blockade_intensity"].default


def test_step_and_reset_through_the_model_controller():
    from mesa.visualization.solara_viz import ModelController

    model = solara.reactive(VizModel(seed="3"))
    parameters = solara.reactive({"scenario": "no_blockade", "seed": "9", "blockade_intensity": 0.5})
    import ipyvuetify as v

    controller = ModelController(model, model_parameters=parameters, play_interval=solara.reactive(100),
                                 render_interval=solara.reactive(1), use_threads=solara.reactive(False))
    _, rc = solara.render(controller, handle_error=False)
    first = model.value
    rc.find(v.Btn, children=["Step"]).widget.click()
    assert model.value is first and first.day == 1 and first.series.n_rows == 2
    rc.find(v.Btn, children=["Reset"]).widget.click()
    assert model.value is not first and model.value.day == 0
    assert model.value.scenario == "no_blockade" and model.value.seed == 9
    assert model.value.p["blockade_intensity"] == 0.0  # the scenario's override
    rc.find(v.Btn, children=["Step"]).widget.click()
    assert model.value.day == 1


def test_zone_colours_unpopulated_neutral_and_transparency_outside_mali():
    zones = np.array([[1, portrayal.UNPOPULATED], [5, 4]])
    inside = np.array([[True, True], [True, False]])
    image = portrayal.zone_image(zones, inside)
    assert tuple(image[0, 0]) == to_rgba(portrayal.ZONE_COLOURS[1])
    assert tuple(image[0, 1]) == to_rgba(portrayal.UNPOPULATED_COLOUR)
    assert tuple(image[0, 1]) != to_rgba(portrayal.ZONE_COLOURS[3])  # empty desert is not contested ground
    assert tuple(image[1, 0]) == to_rgba(portrayal.ZONE_COLOURS[5])
    assert image[1, 1, 3] == 0.0


def test_the_map_and_the_place_report_read_the_village_agents():
    from model.village_view import place_report, village_at, zone_grid

    model = VizModel(seed="1")
    zones = zone_grid(model).ravel()
    populated = {v.cell for v in model.villages.agents}
    inside = model.grid.map.inside.ravel()
    empty = [c for c in np.flatnonzero(inside) if c not in populated]
    assert empty and np.all(zones[empty] == portrayal.UNPOPULATED)
    mopti = next(t.cell for t in model.grid.map.towns if t.name == "Mopti")
    village = village_at(model, mopti)
    assert zones[mopti] == village.zone
    village.arrays.zone[village.index] = 5  # the agent is a view: the map follows what it says
    assert zone_grid(model).ravel()[mopti] == 5
    report = place_report(model, mopti)
    assert report["region"] == "Mopti" and report["zone"] == portrayal.ZONE_LABELS[5]
    assert place_report(model, int(empty[0])) == {"place": "unpopulated: no village, no zone"}


@pytest.mark.parametrize(("small", "big"), [(10, 80)])
def test_agents_are_sized_by_what_matters(small, big):
    assert portrayal.convoy_style(big)["size"] > portrayal.convoy_style(small)["size"]
    assert portrayal.jnim_style(800)["size"] > portrayal.jnim_style(50)["size"]
    assert portrayal.russian_style("active", 500)["color"] != portrayal.russian_style("stood_down", 500)["color"]
    assert portrayal.army_style("sweep", 3000)["marker"] == "^"


def test_map_and_charts_draw_every_kind_of_agent():
    from model.app import draw_charts, draw_map, event_lines
    from model.processes.convoys import FuelConvoy

    model = VizModel(seed="2")
    for _ in range(5):
        model.step()
    assert model.agents_of(FuelConvoy) and model.insurgency.columns
    fig = draw_map(model)
    ax = fig.axes[0]
    assert len(ax.images) == 1 and len(ax.collections) >= 4  # zones; convoys, columns, Russians, FAMa
    assert len(draw_charts(model).axes) == 6  # four panels, the price twin and the losses twin
    model.junta.coup_days.append(3)
    assert event_lines(model) == ["Coup on day 3 (2025-09-06)"]


def test_each_map_layer_draws_its_own_picture_and_playback_draws_a_kept_day():
    """Layer toggles change what the map shows; a kept day's map is that day's, whatever the model did since."""
    import io

    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from model.app import DEFAULT_LAYERS, LAYERS, draw_map
    from model.viz_model import VizModel

    def pixels(fig):
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        return np.asarray(canvas.buffer_rgba()).copy()

    model = VizModel(scenario="baseline", seed="2")
    for _ in range(3):
        model.step()
    pictures = {layer: pixels(draw_map(model, model.snapshots[3], (layer,))) for layer in LAYERS}
    assert all(not np.array_equal(pictures[a], pictures[b]) for a in LAYERS for b in LAYERS if a < b)
    assert len(model.snapshots) == 4 and [s["day"] for s in model.snapshots] == [0, 1, 2, 3]
    day_one = pixels(draw_map(model, model.snapshots[1], DEFAULT_LAYERS))
    for _ in range(3):
        model.step()
    assert np.array_equal(pixels(draw_map(model, model.snapshots[1], DEFAULT_LAYERS)), day_one)
    buffer = io.BytesIO()
    draw_map(model).savefig(buffer, format="png")
    assert buffer.getvalue()[:4] == b"\x89PNG"
