"""The junta (process 10): its policy, cohesion and legitimacy under stress, and the coup hazard.

The junta is a Mesa agent. Its policy toward Moscow's demands and toward JNIM starts from the
parameter table and is junta state from then on: a coup may change it, the table never does.
"""

from __future__ import annotations

import mesa

from model.processes.treasury import Treasury
from model.rules import coup


class Junta(mesa.Agent):
    """The military government in Bamako. A coup replaces its leader, not the agent.

    Attributes:
        finances: the treasury.
        concession_refusal: probability of refusing each of Moscow's demands (policy).
        negotiation: how far it pays JNIM for an eased blockade (policy).
        cohesion, legitimacy: officer-corps cohesion and legitimacy in Bamako, 0 to 1.
        hazard: today's coup hazard.
        coup_days: the days of every coup so far.

    """

    def __init__(self, model, p: dict):
        super().__init__(model)
        self.p = p
        self.finances = Treasury(p)
        self.concession_refusal = p["concession_refusal"]
        self.negotiation = p["negotiation"]
        self.cohesion = p["initial_cohesion"]
        self.legitimacy = p["initial_legitimacy"]
        self.post_coup_policy = p["post_coup_policy"]
        self.leader = 1
        self.last_coup_day: int | None = None
        self.coup_days: list[int] = []
        self.hazard = 0.0
        self.defeat_memory = 0.0

    def deliberate(self, day: int, defeats_today: float, stress: dict, russians_in_bamako: float, rng) -> None:
        """Cohesion and legitimacy relax to their stressed targets; the coup hazard is drawn.

        Args:
            day: today.
            defeats_today: the state's defeats today.
            stress: today's ``arrears``, ``dry_memory``, ``hardship``, ``territory_lost`` and
                ``protection_lost`` (all read after today's market and treasury).
            russians_in_bamako: share of Russian strength in the capital (the counterweight).
            rng: the model's generator.

        """
        p = self.p
        self.defeat_memory += (defeats_today - self.defeat_memory) / p["stress_memory_days"]
        background = p["background_defeats_per_month"] / 30.0  # a month of 30 days
        # The defeat index: smoothed defeats a day above the background, capped at one a day.
        defeats = min(1.0, max(0.0, self.defeat_memory - background))
        c_target = coup.cohesion_target(p["initial_cohesion"], stress["arrears"], defeats, stress["dry_memory"],
                                        stress["territory_lost"], stress["protection_lost"])
        l_target = coup.legitimacy_target(p["initial_legitimacy"], stress["hardship"], stress["dry_memory"], defeats)
        rate = p["cohesion_recovery_per_day"]
        self.cohesion += rate * (c_target - self.cohesion)
        self.legitimacy += rate * (l_target - self.legitimacy)
        since = None if self.last_coup_day is None else day - self.last_coup_day
        self.hazard = coup.coup_hazard(
            p["coup_base_rate_per_year"] / 365.0, self.cohesion, self.legitimacy,
            p["initial_cohesion"], p["initial_legitimacy"], p["coup_cohesion_slope"],
            p["coup_legitimacy_slope"], since, p["coup_trap_multiplier"], p["coup_trap_days"],
            p["russian_counterweight"], russians_in_bamako)
        if rng.random() < self.hazard:
            self.coup_days.append(day)
            self.install_new_leader(day)

    def install_new_leader(self, day: int) -> None:
        """A coup: the new leader consolidates the officer corps and changes policy."""
        self.leader += 1
        self.last_coup_day = day
        self.cohesion = max(self.cohesion, self.p["initial_cohesion"])
        if self.post_coup_policy == "grant":
            self.concession_refusal = 0.0
        elif self.post_coup_policy == "negotiate":
            self.negotiation = max(self.negotiation, self.p["post_coup_negotiation"])
