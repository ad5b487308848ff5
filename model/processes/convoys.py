"""Fuel convoys and the blockade (process 7): queues at the crossings, convoys, ambushes, deliveries."""

from __future__ import annotations

import math
from bisect import bisect_right

import mesa

from model.geography import corridor_reach_index
from model.ledger import Ledger
from model.rules import combat, convoys, negotiation

SENEGAL_CORRIDORS = ("senegal_south", "senegal_north")
"""The blockade was declared for the Kayes and Nioro regions first [R]."""


def fuel_corridors(mali) -> dict:
    """The map's fuel corridors by name, in the map's order."""
    return {n: c for n, c in mali.corridors.items() if c.kind == "fuel"}


class FuelConvoy(mesa.Agent):
    """Tankers moving together along a corridor toward Bamako, with or without escort."""

    def __init__(self, model, logistics: Logistics, corridor: str, tankers: int, escort: float, day: int):
        super().__init__(model)
        self.logistics = logistics
        self.corridor = corridor
        self.tankers = tankers
        self.escort = escort
        self.km = 0.0
        self.set_out_day = day
        self.path_index = 0
        logistics.convoys.append(self)

    def remove(self) -> None:
        """Leave the model (and the ordered list of convoys on the road)."""
        self.logistics.convoys.remove(self)
        super().remove()

    @property
    def road(self):
        """The corridor the convoy travels."""
        return self.logistics.corridors[self.corridor]

    def step(self) -> None:
        """Advance along the road; the ambushes on the stretch covered today are resolved after."""
        road = self.road
        self.km = min(road.length_km, self.km + self.logistics.p["convoy_speed_km_per_day"])
        self.path_index = bisect_right(road.km_list, self.km) - 1

    @property
    def cell(self) -> int:
        """Where the convoy is now."""
        return int(self.road.cells[self.path_index])

    @property
    def arrived(self) -> bool:
        """Whether the convoy has reached Bamako."""
        return self.km >= self.road.length_km


class Logistics:
    """The fuel corridors: tankers queued at each crossing, the truckers' fear, convoys on the road.

    Attributes:
        queue: tankers waiting at each crossing.
        trucker_fear: each corridor's truckers' fear of the road (not the villages' fear).
        convoys: convoys on the road, in the order they set out.
        convoy_size_today: mean size of the convoys that set out today (NaN if none).

    """

    def __init__(self, p: dict, mali, escorts: dict):
        self.p = p
        self.corridors = fuel_corridors(mali)
        self.reach = {n: corridor_reach_index(mali, c) for n, c in self.corridors.items()}
        self.escorts = escorts
        base_import_l = p["national_demand_l_per_day"] * p["import_to_demand_ratio"]
        self.base_tankers_per_day = base_import_l / p["tanker_capacity_l"]
        self.trucker_fear = dict.fromkeys(self.corridors, 0.0)
        self.queue = dict.fromkeys(self.corridors, 0)
        self.convoys: list[FuelConvoy] = []
        self.convoy_size_today = math.nan

    def blockade_on(self, name: str, day: int, spinning_up: bool, negotiation_level: float) -> float:
        """Blockade intensity on a corridor on ``day``, after spread and negotiated relief."""
        p = self.p
        if spinning_up:
            return 0.0
        if name not in SENEGAL_CORRIDORS and day < p["blockade_spread_days"]:
            return 0.0
        return negotiation.effective_blockade(p["blockade_intensity"], negotiation_level, p["negotiation_relief"])

    def escort_strength(self, name: str, russians_fighting: list) -> float:
        """Effective escort a convoy on this corridor gets: its FAMa escort plus active Russians."""
        p = self.p
        army = self.escorts[name].strength * p["army_combat_weight"]
        active = sum(u.strength for u in russians_fighting)
        russian = p["russian_escort_share"] * active * self.corridors[name].fuel_share * p["russian_combat_weight"]
        return (army + russian) / p["escort_rotations"]

    def dispatch(self, model, today, russians_fighting: list) -> None:
        """Tankers reach the crossings; convoys set out daily, or every few days under escort.

        The truckers set out by yesterday's days of supply (``today.supply_days_at_dawn``).
        """
        p = self.p
        sizes = []
        for name, corridor in self.corridors.items():
            base = self.base_tankers_per_day * corridor.fuel_share
            # Moscow's fuel was offered via Conakry, so it joins the Guinea corridor's tankers.
            if name == "guinea" and today.day >= p["russian_fuel_start_day"]:
                base += p["russian_fuel_l_per_day"] / p["tanker_capacity_l"]
            rate = convoys.tankers_setting_out(base, self.trucker_fear[name], p["trucker_fear"],
                                               today.supply_days_at_dawn, p["initial_stock_days"])
            self.queue[name] += model.rng.poisson(rate)
            blockaded = today.blockade[name] > 0
            if convoys.convoy_departs(today.day, blockaded, p["escorted_convoy_interval_days"], self.queue[name]):
                escort = self.escort_strength(name, russians_fighting) if blockaded else 0.0
                size = self.queue[name]
                if blockaded:
                    size = min(size, p["escorted_convoy_max_tankers"])
                FuelConvoy(model, self, name, int(size), escort, today.day)
                sizes.append(size)
                self.queue[name] -= size
        self.convoy_size_today = float(sum(sizes) / len(sizes)) if sizes else math.nan

    def move(self, today, column_list: list, hub, ledger: Ledger, engagements, rng) -> None:
        """Advance convoys, resolve ambushes on the stretch covered, deliver arrivals; update fear."""
        ambushers = [u for u in column_list if u.task == "ambush"]
        lost = dict.fromkeys(self.corridors, 0.0)
        for convoy in list(self.convoys):
            start = convoy.path_index
            convoy.step()
            lost[convoy.corridor] += self.ambush(today, convoy, start, ambushers, ledger, engagements, rng)
            if convoy.tankers <= 0:
                convoy.remove()
            elif convoy.arrived:
                self.deliver(today, convoy, hub, ledger)
        for name, corridor in self.corridors.items():
            base = max(1.0, self.base_tankers_per_day * corridor.fuel_share)
            self.trucker_fear[name] = convoys.update_fear(self.trucker_fear[name], min(1.0, lost[name] / base))

    def ambush(self, today, convoy: FuelConvoy, start: int, ambushers: list, ledger, engagements, rng) -> float:
        """Let the first column in reach of today's stretch attack; return the tankers lost."""
        intensity = today.blockade[convoy.corridor]
        if intensity <= 0 or not ambushers:
            return 0.0
        reach = self.reach[convoy.corridor]
        for unit in ambushers:
            k = reach[unit.cell]
            if k < start or k > convoy.path_index or unit.fighters <= 0:
                continue
            p_attack = convoys.ambush_attack_probability(intensity, unit.combat_strength, convoy.escort)
            if rng.random() >= p_attack:
                continue
            return self.resolve_ambush(today, convoy, unit, ledger, engagements, rng)
        return 0.0

    def resolve_ambush(self, today, convoy: FuelConvoy, unit, ledger: Ledger, engagements, rng) -> float:
        """Contest between column and escort; burn, divert and turn back tankers if the column wins."""
        p = self.p
        defence = convoy.escort * p["escort_defence_weight"]
        won = rng.random() < combat.contest_win_probability(unit.combat_strength, defence)
        engagements.casualties(today.deaths, unit, self.escort_of(convoy), defence, won, convoy.cell)
        if not won:
            return 0.0
        concentration = p["ambush_burn_concentration"]
        mean_burn = p["ambush_burn_fraction"]
        burn_share = rng.beta(concentration, concentration * (1 - mean_burn) / mean_burn)
        # The diverted share is uniform on [0, 2 × its mean], capped at the whole convoy.
        divert_share = p["ambush_divert_fraction"] * rng.random() * 2.0
        burned, diverted = convoys.ambush_losses(convoy.tankers, burn_share, min(1.0, divert_share))
        convoy.tankers -= burned + diverted
        ledger.add("tankers_destroyed", burned)
        ledger.add("tankers_diverted", diverted)
        ledger.add("fuel_destroyed_l", burned * p["tanker_capacity_l"])
        unit.fuel += diverted * p["tanker_capacity_l"]
        unit.cash += diverted * p["tanker_capacity_l"] * p["diverted_fuel_value_cfa_per_l"]
        ledger.ambush_burn_shares.append(burned / max(1, burned + diverted + convoy.tankers))
        if burned:
            today.defeats += 1.0
        if convoy.escort > 0 and rng.random() < p["escorted_turn_back_prob"]:
            self.queue[convoy.corridor] += convoy.tankers
            convoy.tankers = 0
        return float(burned + diverted)

    def escort_of(self, convoy: FuelConvoy):
        """The FAMa escort unit of the convoy's corridor (it takes the losses of an ambush)."""
        return self.escorts[convoy.corridor]

    def deliver(self, today, convoy: FuelConvoy, hub, ledger: Ledger) -> None:
        """A convoy reaching Bamako unloads its fuel at the hub."""
        litres = convoy.tankers * self.p["tanker_capacity_l"]
        hub.receive(litres)
        ledger.add("fuel_delivered_l", litres)
        ledger.add("tankers_delivered", convoy.tankers)
        today.delivered_l += litres
        convoy.remove()
