"""The processes own their state: the table is never written, the agents that exist are the ones read."""

import copy

import numpy as np

from model.model import MaliModel
from model.params import validate
from model.processes.army import ArmyRole, ArmyUnit
from model.processes.villages import Village


def test_a_coup_changes_the_juntas_policy_but_never_the_parameter_table():
    params = {"post_coup_policy": "negotiate"}
    model = MaliModel(params, seed=4, horizon_days=30)
    table = copy.deepcopy(model.p)
    model.step()
    legitimacy = model.junta.legitimacy
    model.junta.install_new_leader(model.day)
    assert model.junta.negotiation == table["post_coup_negotiation"] > table["negotiation"]
    assert model.junta.legitimacy == legitimacy + table["coup_legitimacy_bump"]
    model.step()
    assert model.army.command.effectiveness < 1.0  # the purge disorganises FAMa
    while model.running:
        model.step()
    assert model.p == table == validate(params)


def test_every_village_agent_views_its_row_of_the_arrays():
    model = MaliModel({}, seed=1, horizon_days=3)
    for _ in range(3):
        model.step()
    agents = model.villages.agents
    assert len(agents) == len(model.agents_of(Village)) == len(model.villages.cells)
    arrays = model.villages.arrays
    k = int(np.argmax(arrays.population))
    assert agents[k].cell == arrays.cells[k] == model.grid.capital_cell
    assert agents[k].region == "Bamako District"
    assert agents[k].loyalty == arrays.loyalty[k] and agents[k].zone == arrays.zone[k]


def test_the_garrison_agents_are_the_garrisons_that_fight():
    model = MaliModel({}, seed=2, horizon_days=60)
    garrisons = [u for u in model.agents_of(ArmyUnit) if u.role is ArmyRole.GARRISON]
    assert garrisons == model.army.garrison_units
    assert model.army.bamako_garrison.cell == model.grid.capital_cell
    while model.running:
        model.step()
    strengths = model.army.garrisons.strength
    assert [u.strength for u in garrisons] == strengths.tolist()
    assert np.any(strengths < model.army.garrisons.full_strength)  # some garrison fought and lost men
