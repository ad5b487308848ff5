"""Fuel convoys and the blockade (process 7): queues at the crossings, convoys, ambushes, deliveries."""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass

import mesa

from model.geography import corridor_reach_index
from model.ledger import Ledger
from model.processes.fuel import base_imports_l_per_day
from model.rules import combat, convoys, negotiation

SENEGAL_CORRIDORS = ("senegal_south", "senegal_north")
"""The blockade was declared for the Kayes and Nioro regions first [R]."""


@dataclass
class Detachment:
    """The escort of one convoy: FAMa soldiers of the corridor's escort and Russian men, until it is back.

    Attributes:
        fama: FAMa soldiers.
        russians: Russian men, and the unit they come from.
        strength: combat strength of the whole detachment.
        back_day: the day it is back at the crossing, ready for another convoy.

    """

    fama: float
    russians: list[tuple[object, float]]
    strength: float
    back_day: int


def fuel_corridors(mali) -> dict:
    """The map's fuel corridors by name, in the map's order."""
    return {n: c for n, c in mali.corridors.items() if c.kind == "fuel"}


class FuelConvoy(mesa.Agent):
    """Tankers moving together along a corridor toward Bamako, with or without escort."""

    def __init__(self, model, logistics: Logistics, corridor: str, tankers: int, escort: Detachment | None, day: int):
        super().__init__(model)
        self.logistics = logistics
        self.corridor = corridor
        self.tankers = tankers
        self.detachment = escort
        self.km = 0.0
        self.set_out_day = day
        self.path_index = 0
        p = logistics.p
        # An escorted convoy moves at the pace of its escort, with halts; free traffic at the trucks'.
        self.speed_km_per_day = p["escorted_convoy_speed_km_per_day"] if escort else p["convoy_speed_km_per_day"]
        logistics.convoys.append(self)

    def remove(self) -> None:
        """Leave the model (and the ordered list of convoys on the road)."""
        self.logistics.convoys.remove(self)
        super().remove()

    @property
    def escort(self) -> float:
        """Combat strength of the convoy's escort (0 for free traffic)."""
        return self.detachment.strength if self.detachment else 0.0

    @property
    def road(self):
        """The corridor the convoy travels."""
        return self.logistics.corridors[self.corridor]

    def step(self) -> None:
        """Advance along the road; the ambushes on the stretch covered today are resolved after."""
        road = self.road
        self.km = min(road.length_km, self.km + self.speed_km_per_day)
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
        self.base_tankers_per_day = base_imports_l_per_day(p) / p["tanker_capacity_l"]
        self.trucker_fear = dict.fromkeys(self.corridors, 0.0)
        self.queue = dict.fromkeys(self.corridors, 0)
        self.away: dict[str, list[Detachment]] = {name: [] for name in self.corridors}
        self.round_trip_days = {n: math.ceil(2 * c.length_km / p["escorted_convoy_speed_km_per_day"])
                                for n, c in self.corridors.items()}
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

    def available_escort(self, name: str, day: int, russians_fighting: list) -> tuple[float, list, float]:
        """FAMa soldiers and Russian men of this corridor's escort at the crossing today, and their combat strength.

        The corridor's share of the fighting Russians' escort duty (``russian_escort_share`` times
        the corridor's fuel share) rides along; men away with a convoy are back after its round trip.
        """
        self.away[name] = [d for d in self.away[name] if d.back_day > day]
        fama_away = sum(d.fama for d in self.away[name])
        fama = max(0.0, self.escorts[name].strength - fama_away)
        share = self.p["russian_escort_share"] * self.corridors[name].fuel_share
        russians = []
        for unit in russians_fighting:
            away = sum(m for d in self.away[name] for u, m in d.russians if u is unit)
            russians.append((unit, max(0.0, unit.strength * share - away)))
        strength = fama * self.escorts[name].combat_weight(self.p) + sum(m for _, m in russians) * self.p[
            "russian_combat_weight"]
        return fama, russians, strength

    def assign_escort(self, name: str, day: int, tankers: int, fama: float, russians: list,
                      available: float) -> Detachment:
        """The escort a convoy of ``tankers`` needs, from what is available (all of it if short)."""
        take = min(1.0, tankers * self.p["escort_per_tanker"] / available) if available > 0 else 0.0
        detachment = Detachment(fama * take, [(u, m * take) for u, m in russians if m > 0], available * take,
                                day + self.round_trip_days[name])
        self.away[name].append(detachment)
        return detachment

    def convoy_size(self, name: str, strength: float, supply_days: float) -> int:
        """How many tankers the junta sends today: as many as its escort can protect, if worth sending.

        It holds a convoy until ``convoy_min_tankers`` have gathered, unless Bamako is short
        (below ``market_comfort_days`` of supply), when whatever can be protected goes.
        """
        p = self.p
        size = min(self.queue[name], int(strength / p["escort_per_tanker"]))
        short = supply_days < p["market_comfort_days"]
        return size if size >= p["convoy_min_tankers"] or (short and size >= 1) else 0

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
                                               today.supply_days_at_dawn, p["initial_stock_days"],
                                               p["importer_restock_min"], p["importer_restock_max"],
                                               self.queue[name] / max(base, 1e-9), p["trucker_patience_days"])
            self.queue[name] += model.rng.poisson(rate)
            # Unescorted traffic leaves daily; under blockade the junta sends escorted convoys.
            escort, size = None, self.queue[name]
            if today.blockade[name] > 0:
                fama, russians, strength = self.available_escort(name, today.day, russians_fighting)
                size = self.convoy_size(name, strength, today.supply_days_at_dawn)
                if size:
                    escort = self.assign_escort(name, today.day, size, fama, russians, strength)
            if size >= 1:
                FuelConvoy(model, self, name, int(size), escort, today.day)
                sizes.append(size)
                self.queue[name] -= size
        self.convoy_size_today = float(sum(sizes) / len(sizes)) if sizes else math.nan

    def move(self, today, column_list: list, hub, ledger: Ledger, engagements, rng) -> None:
        """Advance convoys, resolve ambushes on the stretch covered, deliver arrivals; update fear."""
        ambushers = [u for u in column_list if u.task == "ambush"]
        in_reach = self.ambushers_in_reach(ambushers)
        lost = dict.fromkeys(self.corridors, 0.0)
        for convoy in list(self.convoys):
            start = convoy.path_index
            convoy.step()
            lost[convoy.corridor] += self.ambush(today, convoy, start, in_reach[convoy.corridor], ledger,
                                                 engagements, rng)
            if convoy.tankers <= 0:
                convoy.remove()
            elif convoy.arrived:
                self.deliver(today, convoy, hub, ledger)
        for name, corridor in self.corridors.items():
            base = max(1.0, self.base_tankers_per_day * corridor.fuel_share)
            self.trucker_fear[name] = convoys.update_fear(self.trucker_fear[name], min(1.0, lost[name] / base))

    def ambushers_in_reach(self, ambushers: list) -> dict[str, list[tuple[int, object]]]:
        """For each corridor, the ambushing columns within reach of its road and the road position they watch.

        Columns do not move while convoys do, so this is worked out once a day, in the columns' order.
        """
        in_reach = {}
        for name, reach in self.reach.items():
            positions = reach[[u.cell for u in ambushers]].tolist() if ambushers else []
            in_reach[name] = [(k, u) for k, u in zip(positions, ambushers, strict=True) if k >= 0]
        return in_reach

    def ambush(self, today, convoy: FuelConvoy, start: int, ambushers: list, ledger, engagements, rng) -> float:
        """Let the first column in reach of today's stretch attack; return the tankers lost.

        ``ambushers`` are the columns in reach of the convoy's road with the position each watches
        (:meth:`ambushers_in_reach`).
        """
        intensity = today.blockade[convoy.corridor]
        if intensity <= 0 or not ambushers:
            return 0.0
        for k, unit in ambushers:
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
        engagements.casualties(today.deaths, unit, self.defenders_of(convoy), defence, won, convoy.cell)
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

    def defenders_of(self, convoy: FuelConvoy) -> list[tuple[object, float]]:
        """The units that fight for a convoy, each with its share of the escort's strength.

        The FAMa escort unit and the Russian units whose men ride along share the losses.
        """
        d = convoy.detachment
        if d is None or d.strength <= 0:
            return [(self.escorts[convoy.corridor], 1.0)]
        fama_share = d.fama * self.escorts[convoy.corridor].combat_weight(self.p) / d.strength
        russian_w = self.p["russian_combat_weight"]
        return [(self.escorts[convoy.corridor], fama_share)] + [(u, m * russian_w / d.strength) for u, m in d.russians]

    def deliver(self, today, convoy: FuelConvoy, hub, ledger: Ledger) -> None:
        """A convoy reaching Bamako unloads its fuel at the hub."""
        litres = convoy.tankers * self.p["tanker_capacity_l"]
        hub.receive(litres)
        ledger.add("fuel_delivered_l", litres)
        ledger.add("tankers_delivered", convoy.tankers)
        today.delivered_l += litres
        convoy.remove()
