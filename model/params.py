"""The one parameter table: name, unit, default, range, source. Everything else reads it.

The CLI (`mali-abm params`, `--set`), the scenarios, the sweeps, the browser sliders and the
tests all take names, defaults and legal ranges from ``PARAMETERS``; nothing keeps a copy.
Sources name the fact (with the reliability flag of ``model/data/calibration_facts.md``:
[R] reliable, [M] single/secondary source) or say ``assumption``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class ParameterError(ValueError):
    """A parameter name or value a user gave is not allowed; the message says what is."""


@dataclass(frozen=True)
class Parameter:
    """One row of the table. ``choices`` is set for categorical parameters only."""

    name: str
    default: Any
    low: float | None
    high: float | None
    unit: str
    source: str
    description: str
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


def _p(name, default, low, high, unit, source, description, kind=float):
    return Parameter(name, default, low, high, unit, source, description, kind)


R_FUEL = "fuel consumption ≈ 40,000 bbl/day ≈ 6.3-6.5 M L/day; imports 1.9 Mt in 2021 [M]"

PARAMETERS: tuple[Parameter, ...] = (
    # --- the mission's levers ---------------------------------------------------------------
    _p("concession_refusal", 0.8, 0.0, 1.0, "probability",
       "lever; junta refused additional resource rights, Moscow halted offensives (2025) [R]",
       "Probability that the junta refuses each of Moscow's demands for resource rights"),
    _p("mercenary_stand_down", 0.6, 0.0, 1.0, "fraction",
       "lever; assumption on the size of the stand-down",
       "Fraction of Russian units Moscow stands down while its goodwill is below threshold"),
    # --- map and forces -----------------------------------------------------------------------
    _p("resolution_deg", 0.2, 0.1, 0.5, "degree", "assumption (design: 0.2 deg ≈ 22 km)",
       "Grid cell size"),
    _p("jnim_fighters", 6000, 4000, 8000, "fighters", "JNIM ≈ 6,000 fighters (officials, 2025) [M]",
       "JNIM fighters at day 0", int),
    _p("jnim_initial_units", 30, 8, 60, "units", "assumption",
       "Number of JNIM columns at day 0 (sizes heavy-tailed)", int),
    _p("army_strength", 37500, 35000, 40000, "soldiers",
       "FAMa 35,000-40,000 active (2024) [R]", "FAMa strength at day 0", int),
    _p("army_mobile_share", 0.3, 0.1, 0.5, "fraction", "assumption",
       "Share of FAMa in mobile units (escort or sweeps); the rest garrisons towns and mines"),
    _p("escort_share", 0.35, 0.0, 0.8, "fraction", "assumption",
       "Share of mobile FAMa assigned to convoy escort (the rest sweeps)"),
    _p("russian_strength", 2000, 1500, 2500, "soldiers",
       "Africa Corps ≈ 2,000 after Wagner left (Jun 2025) [R]", "Russian strength", int),
    _p("russian_units", 4, 2, 8, "units", "assumption", "Number of Russian units", int),
    _p("russian_bamako_guard_units", 0, 0, 4, "units", "assumption (planning question: does a guard stay?)",
       "Russian units that hold Bamako even while active (0: every active unit hunts columns)", int),
    _p("russian_combat_weight", 2.5, 1.0, 5.0, "JNIM fighters per man", "assumption",
       "Combat weight of one Russian soldier relative to one JNIM fighter"),
    _p("army_combat_weight", 0.8, 0.3, 1.5, "JNIM fighters per man",
       "assumption; Tinzaouaten Jul 2024: 25-84 Wagner and 24-47 FAMa killed [R]",
       "Combat weight of one FAMa soldier relative to one JNIM fighter"),
    # --- fuel -----------------------------------------------------------------------------------
    _p("national_demand_l_per_day", 6.4e6, 6.0e6, 6.6e6, "L/day", R_FUEL,
       "Fuel demand at the official price, served from the Bamako hub"),
    _p("import_to_demand_ratio", 1.0, 0.9, 1.4, "ratio",
       "up to 6,000 tankers/month before the attacks [R]; 1.0 = inflow balances demand (assumption)",
       "Pre-blockade tankers setting out relative to demand"),
    _p("tanker_capacity_l", 45600, 40000, 50000, "L/tanker",
       "1,192 trucks carried 54.4 M L ≈ 45,600 L each [R, derived]", "Fuel per tanker"),
    _p("initial_stock_days", 8.0, 3.0, 13.0, "days of demand",
       "state security stock 3 days; dry in under two weeks if fully cut [M]",
       "Fuel in the Bamako hub at day 0"),
    _p("market_comfort_days", 4.0, 1.0, 8.0, "days of demand", "assumption",
       "Below this stock sellers stretch supplies and the price leaves the official ceiling"),
    _p("convoy_speed_km_per_day", 250.0, 150.0, 400.0, "km/day", "assumption",
       "Speed of a tanker convoy inside Mali"),
    _p("escorted_convoy_interval_days", 3, 1, 10, "days", "assumption",
       "Escorted convoys gather at the crossing and set out every so many days", int),
    _p("escorted_convoy_max_tankers", 80, 30, 200, "tankers",
       "14 Sep 2025: an escorted convoy of 80+ tankers [R]",
       "Most tankers one escort can take; the rest wait at the crossing", int),
    _p("official_price_cfa", 775.0, 725.0, 775.0, "CFA/L",
       "official pump ceiling since Mar 2025: petrol 775, diesel 725 [R]", "Official fuel price"),
    _p("price_elasticity", -0.2, -0.3, -0.1, "1", "short-run elasticity −0.1 to −0.3 (literature)",
       "Short-run price elasticity of fuel demand"),
    _p("price_cap_cfa", 4000.0, 2000.0, 8000.0, "CFA/L",
       "assumption: what buyers can pay (a monthly SMIG still buys 10 L)",
       "Ceiling of the black-market price"),
    _p("smig_cfa_per_month", 40000.0, 40000.0, 40000.0, "CFA/month",
       "SMIG 40,000 CFA/month since 2016 [R]", "Minimum wage"),
    _p("dry_threshold_share", 0.5, 0.2, 0.8, "fraction of demand", "assumption",
       "Bamako counts as dry on a day it gets less than this share of its (unrationed) demand"),
    _p("rationing", 0.0, 0.0, 0.5, "fraction", "assumption",
       "Share of civilian demand the state cuts by quota when stocks run low"),
    _p("rationing_trigger_days", 5.0, 1.0, 10.0, "days of supply", "assumption",
       "Rationing applies below this many days of supply"),
    _p("transport_cost_share", 0.3, 0.1, 0.5, "fraction", "assumption",
       "Share of food and medicine prices that follows the fuel price"),
    _p("russian_fuel_l_per_day", 0.0, 0.0, 8.3e6, "L/day",
       "Moscow offered 160,000-200,000 t/month ≈ 6.7-8.3 M L/day (Oct 2025), no evidence of delivery [M]",
       "Russian fuel shipped through Conakry and the Guinea corridor"),
    _p("russian_fuel_start_day", 45, 0, 365, "day", "assumption (offer made Oct 2025)",
       "First day Russian fuel tankers set out", int),
    # --- blockade ---------------------------------------------------------------------------------
    _p("blockade_intensity", 0.45, 0.0, 1.0, "probability",
       "JNIM declared a blockade of fuel imports on 3 Sep 2025 [R]; strength is an assumption",
       "Probability a JNIM column in reach of a passing convoy attacks it"),
    _p("blockade_spread_days", 30, 0, 365, "days",
       "blockade declared for Kayes and Nioro [R]; spread assumption",
       "Days until the blockade extends from the Senegal corridors to every corridor", int),
    _p("ambush_burn_fraction", 0.35, 0.2, 0.5, "fraction",
       "14 Sep 2025: 20-40 of an 80+ tanker escorted convoy burned [R]",
       "Mean share of a convoy's tankers burned in a successful ambush"),
    _p("ambush_divert_fraction", 0.08, 0.0, 0.3, "fraction", "assumption",
       "Mean share of a convoy's tankers driven off by JNIM in a successful ambush"),
    _p("escort_defence_weight", 1.5, 1.0, 4.0, "ratio", "assumption",
       "Defensive advantage of an escort in an ambush contest"),
    _p("trucker_fear", 4.0, 0.0, 10.0, "1/fraction lost", "assumption",
       "How strongly recent losses on a corridor deter tankers from setting out"),
    # --- JNIM ---------------------------------------------------------------------------------------
    _p("jnim_speed_km_per_day", 90.0, 30.0, 200.0, "km/day", "assumption (motorcycle columns)",
       "Distance a JNIM column moves in a day"),
    _p("jnim_replan_days", 7, 1, 30, "days", "assumption", "Days between a column's task choices", int),
    _p("jnim_split_prob", 0.01, 0.0, 0.05, "1/day",
       "coalescence-fragmentation (Bohorquez et al. 2009); rate an assumption",
       "Daily probability that a column splits in two"),
    _p("jnim_merge_prob", 0.2, 0.0, 1.0, "1/day", "coalescence-fragmentation; rate an assumption",
       "Daily probability that two columns in one cell merge"),
    _p("jnim_new_base_share", 0.1, 0.0, 1.0, "fraction",
       "assumption (calibrated: the number of columns holds near its initial value without blockade)",
       "Share of split-off columns that found a base of their own near their parent's"),
    _p("jnim_recruit_rate", 2.7e-4, 0.0, 1e-3, "1/person/day",
       "assumption (calibrated: stable strength without blockade)",
       "Daily recruits per sympathiser while JNIM is far below its ceiling"),
    _p("jnim_mobilisable_share", 6.9e-4, 1e-4, 5e-3, "fighters/person",
       "assumption (calibrated: ≈ 6,000 fighters [M] as the no-blockade equilibrium)",
       "JNIM's ceiling per resident of its areas, weighted by regional presence"),
    _p("jnim_ceiling_grievance_gain", 1.0, 0.0, 2.0, "1/grievance", "assumption",
       "How much grievance widens JNIM's ceiling (1: a fully aggrieved area fields twice as many)"),
    _p("zakat_rate", 0.1, 0.05, 0.15, "fraction of harvest", "JNIM zakat ≈ a tenth of the harvest [M]",
       "JNIM tax in the cells it controls"),
    _p("harvest_cfa_per_person_day", 300.0, 150.0, 600.0, "CFA/person/day", "assumption",
       "Rural output per person"),
    _p("jnim_other_income_cfa_per_day", 5e7, 0.0, 2e8, "CFA/day",
       "assumption; ≈ $50 M ransom for two hostages, Oct 2025 [R]",
       "JNIM income from smuggling and ransoms"),
    _p("jnim_upkeep_cfa_per_fighter_day", 2000.0, 500.0, 5000.0, "CFA/fighter/day", "assumption",
       "JNIM cost of keeping a fighter"),
    # --- state finances ------------------------------------------------------------------------------
    _p("state_revenue_cfa_per_year", 2739.7e9, 2500e9, 3100e9, "CFA/year",
       "2025 revised budget: revenue 2,739.7 bn [R]", "Pre-blockade state revenue"),
    _p("state_spending_cfa_per_year", 3279.9e9, 3000e9, 3600e9, "CFA/year",
       "2025 revised budget: spending 3,279.9 bn [R]", "State spending (the deficit is borrowed)"),
    _p("payroll_share", 0.45, 0.3, 0.6, "fraction", "assumption", "Share of spending that is salaries"),
    _p("fuel_revenue_share", 0.15, 0.05, 0.3, "fraction", "assumption",
       "Share of revenue from taxes on imported fuel"),
    _p("gold_revenue_share", 0.2, 0.1, 0.35, "fraction",
       "assumption; industrial gold ≈ 51 t in 2024 [R]", "Share of revenue from industrial gold"),
    _p("initial_treasury_cfa", 250e9, 0.0, 1000e9, "CFA", "assumption", "Cash at day 0"),
    # --- Moscow ---------------------------------------------------------------------------------------
    _p("initial_goodwill", 0.45, 0.0, 1.0, "index", "assumption", "Moscow's goodwill at day 0"),
    _p("demand_interval_days", 60, 15, 180, "days", "assumption",
       "Days between Moscow's demands for resource rights", int),
    _p("refusal_goodwill_loss", 0.2, 0.0, 0.5, "index", "assumption", "Goodwill lost per refusal"),
    _p("grant_goodwill_gain", 0.2, 0.0, 0.5, "index", "assumption", "Goodwill gained per grant"),
    _p("goodwill_recovery_per_day", 0.002, 0.0, 0.01, "1/day", "assumption",
       "Daily drift of goodwill back toward its neutral level while Moscow is paid"),
    _p("stand_down_threshold", 0.3, 0.1, 0.5, "index", "assumption",
       "Moscow stands units down below this goodwill"),
    _p("refinery_deal_day", 60, 0, 365, "day",
       "refinery 62 % Mali / 38 % Russia approved 28 May 2025 [R]; timing assumption",
       "Day of a new refinery-type deal", int),
    _p("refinery_goodwill_gain", 0.0, 0.0, 0.5, "index", "assumption",
       "Goodwill raised by the refinery deal (0: no deal)"),
    # --- villages: loyalty, grievance, uprising ------------------------------------------------------
    _p("loyalty_drift_per_day", 0.01, 0.001, 0.05, "1/day",
       "Kalyvas 2006 (control breeds collaboration); rate assumption",
       "Rate at which loyalty drifts toward whoever controls the cell"),
    _p("blame_attribution", 0.5, 0.0, 1.0, "fraction", "assumption",
       "Share of hardship villagers blame on the state"),
    _p("indiscriminate_backlash", 2000.0, 0.0, 10000.0, "loyalty per death per capita",
       "Condra & Shapiro 2012; Kocher et al. 2011; strength assumption",
       "Loyalty lost to an actor per civilian death it causes, per resident"),
    _p("grievance_decay_per_day", 0.01, 0.001, 0.05, "1/day", "assumption", "Daily decay of grievance"),
    _p("uprising_threshold", 0.4, 0.1, 0.9, "index", "Epstein 2002; value assumption",
       "A village rises when grievance minus deterrence exceeds this"),
    _p("jnim_call_to_rise", 0.1, 0.0, 0.3, "index", "assumption",
       "Added pressure to rise in JNIM-leaning cells"),
    _p("civilian_harm_state", 0.1, 0.0, 1.0, "deaths per combatant killed",
       "MINUSMA: 1,277 civilians killed in 2022 [M]; split assumption",
       "Civilian deaths per combatant killed in FAMa operations"),
    _p("civilian_harm_russian", 0.5, 0.0, 3.0, "deaths per combatant killed",
       "Moura, Mar 2022: ≥ 500 killed by FAMa with Wagner [R]; ratio assumption",
       "Civilian deaths per combatant killed in Russian operations"),
    _p("civilian_harm_jnim", 0.15, 0.0, 1.0, "deaths per combatant killed", "assumption",
       "Civilian deaths per combatant killed in JNIM attacks"),
    # --- junta, coup, capital ------------------------------------------------------------------------
    _p("initial_cohesion", 0.65, 0.3, 0.9, "index", "assumption; coup plot, Aug 2025 [R]",
       "Officer-corps cohesion at day 0"),
    _p("initial_legitimacy", 0.6, 0.3, 0.9, "index", "assumption", "Junta legitimacy in Bamako at day 0"),
    _p("cohesion_recovery_per_day", 0.02, 0.005, 0.1, "1/day", "assumption",
       "Rate at which cohesion and legitimacy return to their stressed targets"),
    _p("background_defeats_per_month", 4.0, 0.0, 15.0, "defeats/month",
       "assumption (garrisons overrun routinely before the blockade, e.g. 1 Jul 2025 attacks [R])",
       "Defeats a month the officer corps takes as normal; only defeats above it stress cohesion"),
    _p("coup_base_rate_per_year", 0.08, 0.035, 0.15, "1/year",
       "Mali: coups 1968, 1991, 2012, 2020, 2021 ≈ 0.08/yr; Africa ≈ 0.035 per country-year [M]",
       "Coup hazard at day-0 cohesion and legitimacy"),
    _p("coup_cohesion_slope", 6.0, 0.0, 12.0, "1/index", "assumption (crisis ≈ 10× the base rate)",
       "Log-hazard rise per unit of lost cohesion"),
    _p("coup_legitimacy_slope", 3.0, 0.0, 8.0, "1/index", "assumption",
       "Log-hazard rise per unit of lost legitimacy"),
    _p("coup_trap_multiplier", 3.0, 1.0, 6.0, "ratio",
       "two of four Sahel juntas 2020-23 had a second coup within nine months [R]",
       "Hazard multiplier right after a coup (decays over coup_trap_days)"),
    _p("coup_trap_days", 270, 30, 720, "days", "nine-month window of the coup-trap fact [R]",
       "Decay time of the coup trap", int),
    _p("russian_counterweight", 0.5, 0.0, 0.9, "fraction",
       "counterweight forces lower coup success more than attempts (literature)",
       "Hazard cut when all Russian units garrison Bamako"),
    Parameter("post_coup_policy", "continue", None, None, "choice", "assumption",
              "Policy of the junta a coup installs", str, ("continue", "grant", "negotiate")),
    _p("assault_margin", 2.0, 1.0, 4.0, "ratio", "assumption",
       "JNIM strength near Bamako must exceed its defenders by this factor to take it"),
    _p("bamako_garrison", 6000, 2000, 12000, "soldiers", "assumption", "FAMa defending Bamako", int),
    _p("collapse_dry_days", 45, 10, 120, "days", "assumption",
       "Consecutive dry days that, with cohesion and legitimacy below floors, make the state collapse", int),
    _p("collapse_floor", 0.25, 0.1, 0.4, "index", "assumption",
       "Cohesion and legitimacy floors of a collapse"),
    # --- negotiation ---------------------------------------------------------------------------------
    _p("negotiation", 0.0, 0.0, 1.0, "intensity", "assumption (\"peace for resources\")",
       "How far the junta pays JNIM for an eased blockade (0: not at all)"),
    _p("negotiation_payment_cfa_per_day", 3e8, 0.0, 2e9, "CFA/day", "assumption",
       "Payment to JNIM at full negotiation"),
    _p("negotiation_relief", 0.7, 0.0, 1.0, "fraction", "assumption",
       "Share of the blockade eased at full negotiation"),
    # --- structural rates and reaches (assumptions unless stated) ------------------------------
    _p("control_reach_km", 60.0, 20.0, 150.0, "km", "assumption", "Reach of a unit's weight in control"),
    _p("patrol_reach_km", 150.0, 50.0, 300.0, "km", "assumption", "Reach of active Russian patrols in control"),
    _p("armed_support_per_person", 0.002, 0.0, 0.01, "fighters/resident", "assumption",
       "Armed supporters per resident lending weight in control to the side a village leans to"),
    _p("control_inertia_per_day", 0.02, 0.005, 0.2, "1/day", "assumption",
       "Share of the gap to its target a cell's control closes each day"),
    _p("control_decisiveness", 1.0, 0.5, 3.0, "exponent", "Hirshleifer 1989 (contest decisiveness); value assumption",
       "Exponent m of the control contest J^m / (J^m + S^m): above 1 the stronger side takes more"),
    _p("sweep_range_km", 300.0, 50.0, 600.0, "km", "assumption",
       "Range within which a sweep hunts the largest column"),
    _p("sweep_speed_km_per_day", 60.0, 20.0, 200.0, "km/day", "assumption", "Speed of sweeps"),
    _p("sweep_contact_prob", 0.03, 0.0, 0.3, "1/day", "assumption (columns evade)",
       "Daily chance a sweep next to a column brings it to battle"),
    _p("engagement_intensity", 0.05, 0.01, 0.2, "1/engagement", "assumption (Lanchester linear-law coefficient)",
       "Share of the other side's engaged strength each side loses in a battle"),
    _p("escort_rotations", 5.0, 1.0, 10.0, "convoys", "assumption",
       "A corridor's escort pool is split over this many convoys in rotation"),
    _p("jnim_attack_range_km", 250.0, 50.0, 500.0, "km", "assumption",
       "Range within which a column picks a garrison"),
    _p("bamako_reach_km", 45.0, 20.0, 100.0, "km", "assumption",
       "Distance from Bamako at which columns besiege it"),
    _p("mine_garrison_weight", 0.5, 0.0, 2.0, "town garrisons", "assumption",
       "Garrison of a mine relative to that of a town"),
    _p("jnim_size_tail", 1.5, 1.1, 3.0, "Pareto index",
       "heavy-tailed unit sizes (Bohorquez et al. 2009); value assumption",
       "Tail index of the columns' initial sizes"),
    _p("jnim_min_column", 10.0, 5.0, 50.0, "fighters", "assumption", "Smallest column that splits off or forms"),
    _p("jnim_initial_cash_days", 30.0, 0.0, 120.0, "days of upkeep", "assumption", "Cash of a column at day 0"),
    _p("jnim_initial_fuel_l_per_fighter", 20.0, 0.0, 100.0, "L/fighter", "assumption", "Fuel of a column at day 0"),
    _p("jnim_fuel_l_per_fighter_move", 0.5, 0.0, 2.0, "L/fighter/day", "assumption",
       "Fuel a column burns on a day it moves"),
    _p("jnim_recruit_cost_cfa", 1e5, 2e4, 5e5, "CFA/recruit", "assumption", "Cost of arming a recruit"),
    _p("jnim_desertion_per_day", 0.02, 0.0, 0.1, "1/day", "assumption",
       "Share of a column that leaves when it cannot pay"),
    _p("jnim_artisanal_gold_levy", 0.1, 0.0, 0.3, "fraction", "assumption",
       "JNIM's share of artisanal gold it controls"),
    _p("gold_price_cfa_per_tonne", 4.8e10, 3e10, 7e10, "CFA/t", "assumption (≈ $2,700/oz at 560 CFA/$)", "Gold price"),
    _p("diverted_fuel_value_cfa_per_l", 300.0, 0.0, 1000.0, "CFA/L", "assumption",
       "What JNIM earns from diverted fuel"),
    _p("concession_gold_loss", 0.1, 0.0, 0.3, "fraction", "assumption",
       "Share of industrial gold revenue each concession to Moscow gives away"),
    _p("army_replacement_per_day", 0.02, 0.0, 0.1, "1/day", "assumption",
       "Share of its missing strength FAMa replaces a day while salaries are paid"),
    _p("russian_escort_share", 0.25, 0.0, 1.0, "fraction", "assumption",
       "Share of active Russian strength that rides with fuel convoys"),
    _p("ambush_burn_concentration", 8.0, 2.0, 50.0, "Beta a", "assumption",
       "Concentration of the burned share of an ambushed convoy around ambush_burn_fraction"),
    _p("escorted_turn_back_prob", 0.5, 0.0, 1.0, "probability", "assumption",
       "Chance that an escorted convoy turns back to its crossing after a lost ambush"),
    _p("garrison_fortification", 1.5, 1.0, 3.0, "multiplier", "assumption",
       "Defence multiplier of a garrison in its post"),
    _p("garrison_defeat_share", 0.5, 0.1, 0.9, "fraction", "assumption",
       "A garrison overrun below this share of its full strength counts as a defeat"),
    _p("morale_gain_per_win", 0.05, 0.0, 0.2, "morale", "assumption", "Morale a column gains by winning a fight"),
    _p("morale_loss_per_defeat", 0.1, 0.0, 0.3, "morale", "assumption", "Morale a column loses by losing a fight"),
    _p("jnim_rest_days_after_attack", 3, 0, 30, "days", "assumption",
       "Days a column rests after attacking a garrison before it re-plans", int),
    _p("jnim_initial_morale", 0.7, 0.1, 1.0, "morale", "assumption", "Morale of a column at day 0 or when it forms"),
    _p("fear_rate_per_day", 0.05, 0.005, 0.2, "1/day", "assumption",
       "Rate at which a village's fear follows selective violence in its zone (2 and 4)"),
    _p("delivery_memory_days", 7, 1, 30, "days", "assumption",
       "Days over which fuel-tax revenue follows deliveries", int),
    _p("moscow_unpaid_arrears", 0.5, 0.0, 1.0, "share of payroll", "assumption",
       "Moscow goes unpaid on days when salary arrears exceed this share"),
    _p("concession_gold_loss_cap", 0.5, 0.0, 1.0, "fraction", "assumption",
       "Largest share of industrial gold revenue concessions to Moscow can give away"),
    _p("post_coup_negotiation", 0.5, 0.0, 1.0, "fraction", "assumption",
       "Negotiation level a new leader with the 'negotiate' policy opens"),
    _p("army_recruit_rate", 1e-4, 0.0, 1e-3, "1/person/day", "assumption",
       "FAMa recruits a day per loyal resident of state-held cells (caps replacement)"),
    _p("selective_killings_per_person_day", 1e-7, 0.0, 1e-6, "deaths/person/day",
       "Kalyvas 2006 (zones 2 and 4); level set to MINUSMA's 1,277 civilians killed in 2022 [M]",
       "Selective killings per resident a day in zone-2 (by the state) and zone-4 (by JNIM) cells"),
    _p("village_stock_rate_per_day", 0.02, 0.005, 0.1, "1/day", "assumption",
       "Rate at which village food and cash stocks follow hardship"),
    _p("stress_memory_days", 30.0, 7.0, 120.0, "days", "assumption",
       "Memory of arrears, defeats and dry days in the junta's stress"),
    _p("spin_up_days", 60, 0, 180, "days", "assumption", "Days of insurgency run before day 0", int),
    _p("initial_presence_weight", 0.9, 0.0, 1.0, "loyalty", "assumption",
       "How far regional JNIM presence lowers loyalty at the start of settling"),
)

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
