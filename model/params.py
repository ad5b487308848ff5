"""The one parameter table: name, unit, default, range, source. Everything else reads it.

The CLI (`mali-abm params`, `--set`), the scenarios, the sweeps, the browser sliders and the
tests all take names, defaults and legal ranges from ``PARAMETERS``; nothing keeps a copy.
Sources name the fact (with the reliability flag of ``model/data/calibration_facts.md``:
[R] reliable, [M] single/secondary source) or say ``assumption``.

Rows are grouped by the process that reads them (``GROUPS``) and declared with keywords only,
so that two free-text fields (source and description) cannot be swapped without it showing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class ParameterError(ValueError):
    """A parameter name or value a user gave is not allowed; the message says what is."""


@dataclass(frozen=True, kw_only=True)
class Parameter:
    """One row of the table. ``choices`` is set for categorical parameters only; ``group`` is one of ``GROUPS``."""

    name: str
    default: Any
    low: float | None
    high: float | None
    unit: str
    source: str
    description: str
    group: str
    kind: type = float
    choices: tuple[str, ...] = ()

    def coerce(self, value: Any) -> Any:
        """Convert and check one value (from a CLI string, a TOML number or Python)."""
        if self.choices:
            if str(value) not in self.choices:
                raise ParameterError(
                    f"{self.name}={value!r} is not allowed; choose one of {', '.join(self.choices)}")
            return str(value)
        try:
            number = self.kind(float(value)) if self.kind is int else self.kind(value)
        except (TypeError, ValueError):
            raise ParameterError(
                f"{self.name}={value!r} is not a {self.kind.__name__}; "
                f"allowed: {self.range_text()}") from None
        if self.kind is int and float(value) != int(float(value)):
            raise ParameterError(f"{self.name}={value!r} must be a whole number in {self.range_text()}")
        if not self.low <= number <= self.high:
            raise ParameterError(f"{self.name}={value} is out of range; allowed: {self.range_text()}")
        return number

    def range_text(self) -> str:
        """The legal values as text, for messages and the printed table."""
        if self.choices:
            return " | ".join(self.choices)
        return f"[{self.low:g}, {self.high:g}]"


GROUPS: tuple[str, ...] = (
    "levers",
    "map & forces",
    "fuel & market",
    "convoys & blockade",
    "JNIM columns & economy",
    "control",
    "villages",
    "army & combat",
    "state finances",
    "Moscow",
    "junta & coup",
    "capital",
    "negotiation",
    "set-up & spin-up",
)
"""The processes, in the order `mali-abm params` prints them; every row belongs to one."""

R_FUEL = "fuel consumption ≈ 40,000 bbl/day ≈ 6.3-6.5 M L/day; imports 1.9 Mt in 2021 [M]"

PARAMETERS: tuple[Parameter, ...] = (
    # --- levers ----------------------------------------------------------------------------------------------
    Parameter(name="concession_refusal", default=0.8, low=0.0, high=1.0, unit="probability", group="levers",
              source="lever; junta refused additional resource rights, Moscow halted offensives (2025) [R]",
              description="Probability that the junta refuses each of Moscow's demands for resource rights"),
    Parameter(name="mercenary_stand_down", default=0.6, low=0.0, high=1.0, unit="fraction", group="levers",
              source="lever; assumption on the size of the stand-down",
              description="Fraction of Russian units Moscow stands down while its goodwill is below threshold"),
    # --- map & forces ----------------------------------------------------------------------------------------
    Parameter(name="resolution_deg", default=0.2, low=0.1, high=0.5, unit="degree", group="map & forces",
              source="assumption (design: 0.2 deg ≈ 22 km)",
              description="Grid cell size"),
    Parameter(name="jnim_fighters", default=6000, low=4000, high=8000, unit="fighters", kind=int, group="map & forces",
              source="JNIM ≈ 6,000 fighters (officials, 2025) [M]",
              description="JNIM fighters at day 0"),
    Parameter(name="jnim_initial_units", default=30, low=8, high=60, unit="units", kind=int, group="map & forces",
              source="assumption",
              description="Number of JNIM columns at day 0 (sizes heavy-tailed)"),
    Parameter(name="jnim_size_tail", default=1.5, low=1.1, high=3.0, unit="Pareto index", group="map & forces",
              source="heavy-tailed unit sizes (Bohorquez et al. 2009); value assumption",
              description="Tail index of the columns' initial sizes"),
    Parameter(name="army_strength", default=37500, low=35000, high=40000, unit="soldiers", kind=int,
              group="map & forces",
              source="FAMa 35,000-40,000 active (2024) [R]",
              description="FAMa strength at day 0"),
    Parameter(name="army_mobile_share", default=0.3, low=0.1, high=0.5, unit="fraction", group="map & forces",
              source="assumption",
              description="Share of FAMa in mobile units (escort or sweeps); the rest garrisons towns and mines"),
    Parameter(name="escort_share", default=0.35, low=0.0, high=0.8, unit="fraction", group="map & forces",
              source="assumption",
              description="Share of mobile FAMa assigned to convoy escort (the rest sweeps)"),
    Parameter(name="russian_strength", default=2000, low=1500, high=2500, unit="soldiers", kind=int,
              group="map & forces",
              source="Africa Corps ≈ 2,000 after Wagner left (Jun 2025) [R]",
              description="Russian strength"),
    Parameter(name="russian_units", default=4, low=2, high=8, unit="units", kind=int, group="map & forces",
              source="assumption",
              description="Number of Russian units"),
    Parameter(name="russian_bamako_guard_units", default=0, low=0, high=4, unit="units", kind=int, group="map & forces",
              source="assumption (planning question: does a guard stay?)",
              description="Russian units that hold Bamako even while active (0: every active unit hunts columns)"),
    Parameter(name="bamako_garrison", default=6000, low=2000, high=12000, unit="soldiers", kind=int,
              group="map & forces",
              source="assumption",
              description="FAMa defending Bamako"),
    Parameter(name="mine_garrison_weight", default=0.5, low=0.0, high=2.0, unit="town garrisons", group="map & forces",
              source="assumption",
              description="Garrison of a mine relative to that of a town"),
    # --- fuel & market ---------------------------------------------------------------------------------------
    Parameter(name="national_demand_l_per_day", default=6.4e6, low=6.0e6, high=6.6e6, unit="L/day",
              group="fuel & market",
              source=R_FUEL,
              description="Fuel demand at the official price, served from the Bamako hub"),
    Parameter(name="import_to_demand_ratio", default=1.0, low=0.9, high=1.4, unit="ratio", group="fuel & market",
              source="up to 6,000 tankers/month before the attacks [R]; 1.0 = inflow balances demand (assumption)",
              description="Pre-blockade tankers setting out relative to demand"),
    Parameter(name="tanker_capacity_l", default=45600, low=40000, high=50000, unit="L/tanker", group="fuel & market",
              source="1,192 trucks carried 54.4 M L ≈ 45,600 L each [R, derived]",
              description="Fuel per tanker"),
    Parameter(name="initial_stock_days", default=8.0, low=3.0, high=13.0, unit="days of demand", group="fuel & market",
              source="state security stock 3 days; dry in under two weeks if fully cut [M]",
              description="Fuel in the Bamako hub at day 0"),
    Parameter(name="market_comfort_days", default=4.0, low=1.0, high=8.0, unit="days of demand", group="fuel & market",
              source="assumption",
              description="Below this stock sellers stretch supplies and the price leaves the official ceiling"),
    Parameter(name="official_price_cfa", default=775.0, low=725.0, high=775.0, unit="CFA/L", group="fuel & market",
              source="official pump ceiling since Mar 2025: petrol 775, diesel 725 [R]",
              description="Official fuel price"),
    Parameter(name="price_elasticity", default=-0.2, low=-0.3, high=-0.1, unit="1", group="fuel & market",
              source="short-run elasticity −0.1 to −0.3 (literature)",
              description="Short-run price elasticity of fuel demand"),
    Parameter(name="price_cap_cfa", default=4000.0, low=2000.0, high=8000.0, unit="CFA/L", group="fuel & market",
              source="assumption: what buyers can pay (a monthly SMIG still buys 10 L)",
              description="Ceiling of the black-market price"),
    Parameter(name="smig_cfa_per_month", default=40000.0, low=40000.0, high=40000.0, unit="CFA/month",
              group="fuel & market",
              source="SMIG 40,000 CFA/month since 2016 [R]",
              description="Minimum wage"),
    Parameter(name="dry_threshold_share", default=0.5, low=0.2, high=0.8, unit="fraction of demand",
              group="fuel & market",
              source="assumption",
              description="Bamako counts as dry on a day it gets less than this share of its (unrationed) demand"),
    Parameter(name="rationing", default=0.0, low=0.0, high=0.5, unit="fraction", group="fuel & market",
              source="assumption",
              description="Share of civilian demand the state cuts by quota when stocks run low"),
    Parameter(name="rationing_trigger_days", default=5.0, low=1.0, high=10.0, unit="days of supply",
              group="fuel & market",
              source="assumption",
              description="Rationing applies below this many days of supply"),
    Parameter(name="transport_cost_share", default=0.3, low=0.1, high=0.5, unit="fraction", group="fuel & market",
              source="assumption",
              description="Share of food and medicine prices that follows the fuel price"),
    # --- convoys & blockade ----------------------------------------------------------------------------------
    Parameter(name="convoy_speed_km_per_day", default=250.0, low=150.0, high=400.0, unit="km/day",
              group="convoys & blockade",
              source="assumption",
              description="Speed of a tanker convoy inside Mali"),
    Parameter(name="escorted_convoy_interval_days", default=3, low=1, high=10, unit="days", kind=int,
              group="convoys & blockade",
              source="assumption",
              description="Escorted convoys gather at the crossing and set out every so many days"),
    Parameter(name="escorted_convoy_max_tankers", default=80, low=30, high=200, unit="tankers", kind=int,
              group="convoys & blockade",
              source="14 Sep 2025: an escorted convoy of 80+ tankers [R]",
              description="Most tankers one escort can take; the rest wait at the crossing"),
    Parameter(name="escort_rotations", default=5.0, low=1.0, high=10.0, unit="convoys", group="convoys & blockade",
              source="assumption",
              description="A corridor's escort pool is split over this many convoys in rotation"),
    Parameter(name="russian_escort_share", default=0.25, low=0.0, high=1.0, unit="fraction", group="convoys & blockade",
              source="assumption",
              description="Share of active Russian strength that rides with fuel convoys"),
    Parameter(name="russian_fuel_l_per_day", default=0.0, low=0.0, high=8.3e6, unit="L/day", group="convoys & blockade",
              source="Moscow offered 160,000-200,000 t/month ≈ 6.7-8.3 M L/day (Oct 2025), no evidence of delivery [M]",
              description="Russian fuel shipped through Conakry and the Guinea corridor"),
    Parameter(name="russian_fuel_start_day", default=45, low=0, high=365, unit="day", kind=int,
              group="convoys & blockade",
              source="assumption (offer made Oct 2025)",
              description="First day Russian fuel tankers set out"),
    Parameter(name="trucker_fear", default=4.0, low=0.0, high=10.0, unit="1/fraction lost", group="convoys & blockade",
              source="assumption",
              description="How strongly recent losses on a corridor deter tankers from setting out"),
    Parameter(name="blockade_intensity", default=0.45, low=0.0, high=1.0, unit="probability",
              group="convoys & blockade",
              source="JNIM declared a blockade of fuel imports on 3 Sep 2025 [R]; strength is an assumption",
              description="Probability a JNIM column in reach of a passing convoy attacks it"),
    Parameter(name="blockade_spread_days", default=30, low=0, high=365, unit="days", kind=int,
              group="convoys & blockade",
              source="blockade declared for Kayes and Nioro [R]; spread assumption",
              description="Days until the blockade extends from the Senegal corridors to every corridor"),
    Parameter(name="ambush_burn_fraction", default=0.35, low=0.2, high=0.5, unit="fraction", group="convoys & blockade",
              source="14 Sep 2025: 20-40 of an 80+ tanker escorted convoy burned [R]",
              description="Mean share of a convoy's tankers burned in a successful ambush"),
    Parameter(name="ambush_burn_concentration", default=8.0, low=2.0, high=50.0, unit="Beta a",
              group="convoys & blockade",
              source="assumption",
              description="Concentration of the burned share of an ambushed convoy around ambush_burn_fraction"),
    Parameter(name="ambush_divert_fraction", default=0.08, low=0.0, high=0.3, unit="fraction",
              group="convoys & blockade",
              source="assumption",
              description="Mean share of a convoy's tankers driven off by JNIM in a successful ambush"),
    Parameter(name="escort_defence_weight", default=1.5, low=1.0, high=4.0, unit="ratio", group="convoys & blockade",
              source="assumption",
              description="Defensive advantage of an escort in an ambush contest"),
    Parameter(name="escorted_turn_back_prob", default=0.5, low=0.0, high=1.0, unit="probability",
              group="convoys & blockade",
              source="assumption",
              description="Chance that an escorted convoy turns back to its crossing after a lost ambush"),
    Parameter(name="diverted_fuel_value_cfa_per_l", default=300.0, low=0.0, high=1000.0, unit="CFA/L",
              group="convoys & blockade",
              source="assumption",
              description="What JNIM earns from diverted fuel"),
    # --- JNIM columns & economy ------------------------------------------------------------------------------
    Parameter(name="jnim_speed_km_per_day", default=90.0, low=30.0, high=200.0, unit="km/day",
              group="JNIM columns & economy",
              source="assumption (motorcycle columns)",
              description="Distance a JNIM column moves in a day"),
    Parameter(name="jnim_replan_days", default=7, low=1, high=30, unit="days", kind=int, group="JNIM columns & economy",
              source="assumption",
              description="Days between a column's task choices"),
    Parameter(name="jnim_attack_range_km", default=250.0, low=50.0, high=500.0, unit="km",
              group="JNIM columns & economy",
              source="assumption",
              description="Range within which a column picks a garrison"),
    Parameter(name="jnim_rest_days_after_attack", default=3, low=0, high=30, unit="days", kind=int,
              group="JNIM columns & economy",
              source="assumption",
              description="Days a column rests after attacking a garrison before it re-plans"),
    Parameter(name="jnim_split_prob", default=0.01, low=0.0, high=0.05, unit="1/day", group="JNIM columns & economy",
              source="coalescence-fragmentation (Bohorquez et al. 2009); rate an assumption",
              description="Daily probability that a column splits in two"),
    Parameter(name="jnim_merge_prob", default=0.2, low=0.0, high=1.0, unit="1/day", group="JNIM columns & economy",
              source="coalescence-fragmentation; rate an assumption",
              description="Daily probability that two columns in one cell merge"),
    Parameter(name="jnim_new_base_share", default=0.1, low=0.0, high=1.0, unit="fraction",
              group="JNIM columns & economy",
              source="assumption (calibrated: the number of columns holds near its initial value without blockade)",
              description="Share of split-off columns that found a base of their own near their parent's"),
    Parameter(name="jnim_min_column", default=10.0, low=5.0, high=50.0, unit="fighters", group="JNIM columns & economy",
              source="assumption",
              description="Smallest column that splits off or forms"),
    Parameter(name="jnim_initial_cash_days", default=30.0, low=0.0, high=120.0, unit="days of upkeep",
              group="JNIM columns & economy",
              source="assumption",
              description="Cash of a column at day 0"),
    Parameter(name="jnim_initial_fuel_l_per_fighter", default=20.0, low=0.0, high=100.0, unit="L/fighter",
              group="JNIM columns & economy",
              source="assumption",
              description="Fuel of a column at day 0"),
    Parameter(name="jnim_initial_morale", default=0.7, low=0.1, high=1.0, unit="morale", group="JNIM columns & economy",
              source="assumption",
              description="Morale of a column at day 0 or when it forms"),
    Parameter(name="jnim_fuel_l_per_fighter_move", default=0.5, low=0.0, high=2.0, unit="L/fighter/day",
              group="JNIM columns & economy",
              source="assumption",
              description="Fuel a column burns on a day it moves"),
    Parameter(name="jnim_recruit_rate", default=2.7e-4, low=0.0, high=1e-3, unit="1/person/day",
              group="JNIM columns & economy",
              source="assumption (calibrated: stable strength without blockade)",
              description="Daily recruits per sympathiser while JNIM is far below its ceiling"),
    Parameter(name="jnim_mobilisable_share", default=6.9e-4, low=1e-4, high=5e-3, unit="fighters/person",
              group="JNIM columns & economy",
              source="assumption (calibrated: ≈ 6,000 fighters [M] as the no-blockade equilibrium)",
              description="JNIM's ceiling per resident of its areas, weighted by regional presence"),
    Parameter(name="jnim_ceiling_grievance_gain", default=1.0, low=0.0, high=2.0, unit="1/grievance",
              group="JNIM columns & economy",
              source="assumption",
              description="How much grievance widens JNIM's ceiling (1: a fully aggrieved area fields twice as many)"),
    Parameter(name="jnim_recruit_cost_cfa", default=1e5, low=2e4, high=5e5, unit="CFA/recruit",
              group="JNIM columns & economy",
              source="assumption",
              description="Cost of arming a recruit"),
    Parameter(name="jnim_desertion_per_day", default=0.02, low=0.0, high=0.1, unit="1/day",
              group="JNIM columns & economy",
              source="assumption",
              description="Share of a column that leaves when it cannot pay"),
    Parameter(name="zakat_rate", default=0.1, low=0.05, high=0.15, unit="fraction of harvest",
              group="JNIM columns & economy",
              source="JNIM zakat ≈ a tenth of the harvest [M]",
              description="JNIM tax in the cells it controls"),
    Parameter(name="harvest_cfa_per_person_day", default=300.0, low=150.0, high=600.0, unit="CFA/person/day",
              group="JNIM columns & economy",
              source="assumption",
              description="Rural output per person"),
    Parameter(name="jnim_other_income_cfa_per_day", default=5e7, low=0.0, high=2e8, unit="CFA/day",
              group="JNIM columns & economy",
              source="assumption; ≈ $50 M ransom for two hostages, Oct 2025 [R]",
              description="JNIM income from smuggling and ransoms"),
    Parameter(name="jnim_upkeep_cfa_per_fighter_day", default=2000.0, low=500.0, high=5000.0, unit="CFA/fighter/day",
              group="JNIM columns & economy",
              source="assumption",
              description="JNIM cost of keeping a fighter"),
    Parameter(name="jnim_artisanal_gold_levy", default=0.1, low=0.0, high=0.3, unit="fraction",
              group="JNIM columns & economy",
              source="assumption",
              description="JNIM's share of artisanal gold it controls"),
    Parameter(name="gold_price_cfa_per_tonne", default=4.8e10, low=3e10, high=7e10, unit="CFA/t",
              group="JNIM columns & economy",
              source="assumption (≈ $2,700/oz at 560 CFA/$)",
              description="Gold price"),
    # --- control ---------------------------------------------------------------------------------------------
    Parameter(name="control_reach_km", default=60.0, low=20.0, high=150.0, unit="km", group="control",
              source="assumption",
              description="Reach of a unit's weight in control"),
    Parameter(name="patrol_reach_km", default=150.0, low=50.0, high=300.0, unit="km", group="control",
              source="assumption",
              description="Reach of active Russian patrols in control"),
    Parameter(name="armed_support_per_person", default=0.002, low=0.0, high=0.01, unit="fighters/resident",
              group="control",
              source="assumption",
              description="Armed supporters per resident lending weight in control to the side a village leans to"),
    Parameter(name="control_inertia_per_day", default=0.02, low=0.005, high=0.2, unit="1/day", group="control",
              source="assumption",
              description="Share of the gap to its target a cell's control closes each day"),
    Parameter(name="control_decisiveness", default=1.0, low=0.5, high=3.0, unit="exponent", group="control",
              source="Hirshleifer 1989 (contest decisiveness); value assumption",
              description="Exponent m of the control contest J^m / (J^m + S^m): above 1 the stronger side takes more"),
    # --- villages --------------------------------------------------------------------------------------------
    Parameter(name="loyalty_drift_per_day", default=0.01, low=0.001, high=0.05, unit="1/day", group="villages",
              source="Kalyvas 2006 (control breeds collaboration); rate assumption",
              description="Rate at which loyalty drifts toward whoever controls the cell"),
    Parameter(name="blame_attribution", default=0.5, low=0.0, high=1.0, unit="fraction", group="villages",
              source="assumption",
              description="Share of hardship villagers blame on the state"),
    Parameter(name="indiscriminate_backlash", default=2000.0, low=0.0, high=10000.0,
              unit="loyalty per death per capita", group="villages",
              source="Condra & Shapiro 2012; Kocher et al. 2011; strength assumption",
              description="Loyalty lost to an actor per civilian death it causes, per resident"),
    Parameter(name="grievance_decay_per_day", default=0.01, low=0.001, high=0.05, unit="1/day", group="villages",
              source="assumption",
              description="Daily decay of grievance"),
    Parameter(name="uprising_threshold", default=0.4, low=0.1, high=0.9, unit="index", group="villages",
              source="Epstein 2002; value assumption",
              description="A village rises when grievance minus deterrence exceeds this"),
    Parameter(name="jnim_call_to_rise", default=0.1, low=0.0, high=0.3, unit="index", group="villages",
              source="assumption",
              description="Added pressure to rise in JNIM-leaning cells"),
    Parameter(name="fear_rate_per_day", default=0.05, low=0.005, high=0.2, unit="1/day", group="villages",
              source="assumption",
              description="Rate at which a village's fear follows selective violence in its zone (2 and 4)"),
    Parameter(name="selective_killings_per_person_day", default=1e-7, low=0.0, high=1e-6, unit="deaths/person/day",
              group="villages",
              source="Kalyvas 2006 (zones 2 and 4); level set to MINUSMA's 1,277 civilians killed in 2022 [M]",
              description="Selective killings per resident a day in zone-2 (by the state) and zone-4 (by JNIM) cells"),
    Parameter(name="village_stock_rate_per_day", default=0.02, low=0.005, high=0.1, unit="1/day", group="villages",
              source="assumption",
              description="Rate at which village food and cash stocks follow hardship"),
    # --- army & combat ---------------------------------------------------------------------------------------
    Parameter(name="russian_combat_weight", default=2.5, low=1.0, high=5.0, unit="JNIM fighters per man",
              group="army & combat",
              source="assumption",
              description="Combat weight of one Russian soldier relative to one JNIM fighter"),
    Parameter(name="army_combat_weight", default=0.8, low=0.3, high=1.5, unit="JNIM fighters per man",
              group="army & combat",
              source="assumption; Tinzaouaten Jul 2024: 25-84 Wagner and 24-47 FAMa killed [R]",
              description="Combat weight of one FAMa soldier relative to one JNIM fighter"),
    Parameter(name="sweep_range_km", default=300.0, low=50.0, high=600.0, unit="km", group="army & combat",
              source="assumption",
              description="Range within which a sweep hunts the largest column"),
    Parameter(name="sweep_speed_km_per_day", default=60.0, low=20.0, high=200.0, unit="km/day", group="army & combat",
              source="assumption",
              description="Speed of sweeps"),
    Parameter(name="sweep_contact_prob", default=0.03, low=0.0, high=0.3, unit="1/day", group="army & combat",
              source="assumption (columns evade)",
              description="Daily chance a sweep next to a column brings it to battle"),
    Parameter(name="engagement_intensity", default=0.05, low=0.01, high=0.2, unit="1/engagement", group="army & combat",
              source="assumption (Lanchester linear-law coefficient)",
              description="Share of the other side's engaged strength each side loses in a battle"),
    Parameter(name="garrison_fortification", default=1.5, low=1.0, high=3.0, unit="multiplier", group="army & combat",
              source="assumption",
              description="Defence multiplier of a garrison in its post"),
    Parameter(name="garrison_defeat_share", default=0.5, low=0.1, high=0.9, unit="fraction", group="army & combat",
              source="assumption",
              description="A garrison overrun below this share of its full strength counts as a defeat"),
    Parameter(name="morale_gain_per_win", default=0.05, low=0.0, high=0.2, unit="morale", group="army & combat",
              source="assumption",
              description="Morale a column gains by winning a fight"),
    Parameter(name="morale_loss_per_defeat", default=0.1, low=0.0, high=0.3, unit="morale", group="army & combat",
              source="assumption",
              description="Morale a column loses by losing a fight"),
    Parameter(name="civilian_harm_state", default=0.1, low=0.0, high=1.0, unit="deaths per combatant killed",
              group="army & combat",
              source="MINUSMA: 1,277 civilians killed in 2022 [M]; split assumption",
              description="Civilian deaths per combatant killed in FAMa operations"),
    Parameter(name="civilian_harm_russian", default=0.5, low=0.0, high=3.0, unit="deaths per combatant killed",
              group="army & combat",
              source="Moura, Mar 2022: ≥ 500 killed by FAMa with Wagner [R]; ratio assumption",
              description="Civilian deaths per combatant killed in Russian operations"),
    Parameter(name="civilian_harm_jnim", default=0.15, low=0.0, high=1.0, unit="deaths per combatant killed",
              group="army & combat",
              source="assumption",
              description="Civilian deaths per combatant killed in JNIM attacks"),
    Parameter(name="army_replacement_per_day", default=0.02, low=0.0, high=0.1, unit="1/day", group="army & combat",
              source="assumption",
              description="Share of its missing strength FAMa replaces a day while salaries are paid"),
    Parameter(name="army_recruit_rate", default=1e-4, low=0.0, high=1e-3, unit="1/person/day", group="army & combat",
              source="assumption",
              description="FAMa recruits a day per loyal resident of state-held cells (caps replacement)"),
    # --- state finances --------------------------------------------------------------------------------------
    Parameter(name="state_revenue_cfa_per_year", default=2739.7e9, low=2500e9, high=3100e9, unit="CFA/year",
              group="state finances",
              source="2025 revised budget: revenue 2,739.7 bn [R]",
              description="Pre-blockade state revenue"),
    Parameter(name="state_spending_cfa_per_year", default=3279.9e9, low=3000e9, high=3600e9, unit="CFA/year",
              group="state finances",
              source="2025 revised budget: spending 3,279.9 bn [R]",
              description="State spending (the deficit is borrowed)"),
    Parameter(name="payroll_share", default=0.45, low=0.3, high=0.6, unit="fraction", group="state finances",
              source="assumption",
              description="Share of spending that is salaries"),
    Parameter(name="fuel_revenue_share", default=0.15, low=0.05, high=0.3, unit="fraction", group="state finances",
              source="assumption",
              description="Share of revenue from taxes on imported fuel"),
    Parameter(name="gold_revenue_share", default=0.2, low=0.1, high=0.35, unit="fraction", group="state finances",
              source="assumption; industrial gold ≈ 51 t in 2024 [R]",
              description="Share of revenue from industrial gold"),
    Parameter(name="delivery_memory_days", default=7, low=1, high=30, unit="days", kind=int, group="state finances",
              source="assumption",
              description="Days over which fuel-tax revenue follows deliveries"),
    Parameter(name="initial_treasury_cfa", default=250e9, low=0.0, high=1000e9, unit="CFA", group="state finances",
              source="assumption",
              description="Cash at day 0"),
    Parameter(name="moscow_unpaid_arrears", default=0.5, low=0.0, high=1.0, unit="share of payroll",
              group="state finances",
              source="assumption",
              description="Moscow goes unpaid on days when salary arrears exceed this share"),
    # --- Moscow ----------------------------------------------------------------------------------------------
    Parameter(name="initial_goodwill", default=0.45, low=0.0, high=1.0, unit="index", group="Moscow",
              source="assumption",
              description="Moscow's goodwill at day 0"),
    Parameter(name="demand_interval_days", default=60, low=15, high=180, unit="days", kind=int, group="Moscow",
              source="assumption",
              description="Days between Moscow's demands for resource rights"),
    Parameter(name="refusal_goodwill_loss", default=0.2, low=0.0, high=0.5, unit="index", group="Moscow",
              source="assumption",
              description="Goodwill lost per refusal"),
    Parameter(name="grant_goodwill_gain", default=0.2, low=0.0, high=0.5, unit="index", group="Moscow",
              source="assumption",
              description="Goodwill gained per grant"),
    Parameter(name="goodwill_recovery_per_day", default=0.002, low=0.0, high=0.01, unit="1/day", group="Moscow",
              source="assumption",
              description="Daily drift of goodwill back toward its neutral level while Moscow is paid"),
    Parameter(name="stand_down_threshold", default=0.3, low=0.1, high=0.5, unit="index", group="Moscow",
              source="assumption",
              description="Moscow stands units down below this goodwill"),
    Parameter(name="concession_gold_loss", default=0.1, low=0.0, high=0.3, unit="fraction", group="Moscow",
              source="assumption",
              description="Share of industrial gold revenue each concession to Moscow gives away"),
    Parameter(name="concession_gold_loss_cap", default=0.5, low=0.0, high=1.0, unit="fraction", group="Moscow",
              source="assumption",
              description="Largest share of industrial gold revenue concessions to Moscow can give away"),
    Parameter(name="refinery_deal_day", default=60, low=0, high=365, unit="day", kind=int, group="Moscow",
              source="refinery 62 % Mali / 38 % Russia approved 28 May 2025 [R]; timing assumption",
              description="Day of a new refinery-type deal"),
    Parameter(name="refinery_goodwill_gain", default=0.0, low=0.0, high=0.5, unit="index", group="Moscow",
              source="assumption",
              description="Goodwill raised by the refinery deal (0: no deal)"),
    # --- junta & coup ----------------------------------------------------------------------------------------
    Parameter(name="initial_cohesion", default=0.65, low=0.3, high=0.9, unit="index", group="junta & coup",
              source="assumption; coup plot, Aug 2025 [R]",
              description="Officer-corps cohesion at day 0"),
    Parameter(name="initial_legitimacy", default=0.6, low=0.3, high=0.9, unit="index", group="junta & coup",
              source="assumption",
              description="Junta legitimacy in Bamako at day 0"),
    Parameter(name="cohesion_recovery_per_day", default=0.02, low=0.005, high=0.1, unit="1/day", group="junta & coup",
              source="assumption",
              description="Rate at which cohesion and legitimacy return to their stressed targets"),
    Parameter(name="stress_memory_days", default=30.0, low=7.0, high=120.0, unit="days", group="junta & coup",
              source="assumption",
              description="Memory of arrears, defeats and dry days in the junta's stress"),
    Parameter(name="background_defeats_per_month", default=4.0, low=0.0, high=15.0, unit="defeats/month",
              group="junta & coup",
              source="assumption (garrisons overrun routinely before the blockade, e.g. 1 Jul 2025 attacks [R])",
              description="Defeats a month the officer corps takes as normal; only defeats above it stress cohesion"),
    Parameter(name="coup_base_rate_per_year", default=0.08, low=0.035, high=0.15, unit="1/year", group="junta & coup",
              source="Mali: coups 1968, 1991, 2012, 2020, 2021 ≈ 0.08/yr; Africa ≈ 0.035 per country-year [M]",
              description="Coup hazard at day-0 cohesion and legitimacy"),
    Parameter(name="coup_cohesion_slope", default=6.0, low=0.0, high=12.0, unit="1/index", group="junta & coup",
              source="assumption (crisis ≈ 10× the base rate)",
              description="Log-hazard rise per unit of lost cohesion"),
    Parameter(name="coup_legitimacy_slope", default=3.0, low=0.0, high=8.0, unit="1/index", group="junta & coup",
              source="assumption",
              description="Log-hazard rise per unit of lost legitimacy"),
    Parameter(name="coup_trap_multiplier", default=3.0, low=1.0, high=6.0, unit="ratio", group="junta & coup",
              source="two of four Sahel juntas 2020-23 had a second coup within nine months [R]",
              description="Hazard multiplier right after a coup (decays over coup_trap_days)"),
    Parameter(name="coup_trap_days", default=270, low=30, high=720, unit="days", kind=int, group="junta & coup",
              source="nine-month window of the coup-trap fact [R]",
              description="Decay time of the coup trap"),
    Parameter(name="russian_counterweight", default=0.5, low=0.0, high=0.9, unit="fraction", group="junta & coup",
              source="counterweight forces lower coup success more than attempts (literature)",
              description="Hazard cut when all Russian units garrison Bamako"),
    Parameter(name="post_coup_policy", default="continue", low=None, high=None, unit="choice", kind=str,
              choices=("continue", "grant", "negotiate"), group="junta & coup",
              source="assumption",
              description="Policy of the junta a coup installs"),
    Parameter(name="post_coup_negotiation", default=0.5, low=0.0, high=1.0, unit="fraction", group="junta & coup",
              source="assumption",
              description="Negotiation level a new leader with the 'negotiate' policy opens"),
    # --- capital ---------------------------------------------------------------------------------------------
    Parameter(name="bamako_reach_km", default=45.0, low=20.0, high=100.0, unit="km", group="capital",
              source="assumption",
              description="Distance from Bamako at which columns besiege it"),
    Parameter(name="assault_margin", default=2.0, low=1.0, high=4.0, unit="ratio", group="capital",
              source="assumption",
              description="JNIM strength near Bamako must exceed its defenders by this factor to take it"),
    Parameter(name="collapse_dry_days", default=45, low=10, high=120, unit="days", kind=int, group="capital",
              source="assumption",
              description=("Consecutive dry days that, with cohesion and legitimacy below floors, "
                           "make the state collapse")),
    Parameter(name="collapse_floor", default=0.25, low=0.1, high=0.4, unit="index", group="capital",
              source="assumption",
              description="Cohesion and legitimacy floors of a collapse"),
    # --- negotiation -----------------------------------------------------------------------------------------
    Parameter(name="negotiation", default=0.0, low=0.0, high=1.0, unit="intensity", group="negotiation",
              source="assumption (\"peace for resources\")",
              description="How far the junta pays JNIM for an eased blockade (0: not at all)"),
    Parameter(name="negotiation_payment_cfa_per_day", default=3e8, low=0.0, high=2e9, unit="CFA/day",
              group="negotiation",
              source="assumption",
              description="Payment to JNIM at full negotiation"),
    Parameter(name="negotiation_relief", default=0.7, low=0.0, high=1.0, unit="fraction", group="negotiation",
              source="assumption",
              description="Share of the blockade eased at full negotiation"),
    # --- set-up & spin-up ------------------------------------------------------------------------------------
    Parameter(name="spin_up_days", default=60, low=0, high=180, unit="days", kind=int, group="set-up & spin-up",
              source="assumption",
              description="Days of insurgency run before day 0"),
    Parameter(name="initial_presence_weight", default=0.9, low=0.0, high=1.0, unit="loyalty", group="set-up & spin-up",
              source="assumption",
              description="How far regional JNIM presence lowers loyalty at the start of settling"),
)

_UNGROUPED = sorted({p.group for p in PARAMETERS} - set(GROUPS))
if _UNGROUPED:  # a row of an undeclared group would be missing from `mali-abm params`
    raise ValueError(f"parameter groups not in GROUPS: {', '.join(_UNGROUPED)}")

BY_NAME: dict[str, Parameter] = {p.name: p for p in PARAMETERS}


def defaults() -> dict[str, Any]:
    """A fresh dict of every parameter at its default."""
    return {p.name: p.default for p in PARAMETERS}


def validate(overrides: dict[str, Any]) -> dict[str, Any]:
    """Check overrides against the table and return the full parameter set.

    Raises:
        ParameterError: an unknown name, a value of the wrong type or out of range.

    """
    params = defaults()
    for name, value in overrides.items():
        if name not in BY_NAME:
            raise ParameterError(f"unknown parameter {name!r}; `mali-abm params` lists the allowed names")
        params[name] = BY_NAME[name].coerce(value)
    return params


def parse_assignments(assignments: list[str]) -> dict[str, str]:
    """Turn ``["name=value", ...]`` (from ``--set``) into a dict, values still as text."""
    out = {}
    for item in assignments:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ParameterError(f"--set {item!r} is not of the form name=value")
        out[name.strip()] = value.strip()
    return out
