"""The junta (process 10): its policy, cohesion and legitimacy under stress, coup attempts and coups.

The junta is a Mesa agent. Its policy toward Moscow's demands and toward JNIM starts from the
parameter table and is junta state from then on: a coup may change it, the table never does.
A coup does not reset the junta's troubles: it purges the officer corps (FAMa is disorganised
for a while), brings the new leader's policy and some legitimacy, and the coup trap follows.
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
        unrest: protest intensity in Bamako, 0 to 1.
        hazard: today's probability of a coup attempt.
        attempt_days, coup_days: the days of every attempt, and of every successful one.

    """

    def __init__(self, model, p: dict):
        super().__init__(model)
        self.p = p
        self.finances = Treasury(p)
        self.concession_refusal = p["concession_refusal"]
        self.negotiation = p["negotiation"]
        self.cohesion = p["initial_cohesion"]
        self.legitimacy = p["initial_legitimacy"]
        self.unrest = 0.0
        self.post_coup_policy = p["post_coup_policy"]
        self.leader = 1
        self.last_coup_day: int | None = None
        self.attempt_days: list[int] = []
        self.coup_days: list[int] = []
        self.purge = (0.0, None)  # (depth, day) of the last purge
        self.hazard = 0.0
        self.defeat_memory = 0.0
        self.weights = coup.StressWeights(p["cohesion_arrears_weight"], p["cohesion_defeat_weight"],
                                          p["cohesion_shortage_weight"], p["cohesion_territory_weight"],
                                          p["cohesion_protection_weight"])

    def army_effectiveness(self, day: int) -> float:
        """FAMa's combat effectiveness after the last purge (1 when none)."""
        depth, purge_day = self.purge
        since = None if purge_day is None else day - purge_day
        return 1.0 - coup.purge_disruption(depth, since, self.p["coup_purge_days"])

    def deliberate(self, day: int, defeats_today: float, stress: dict, russians_in_bamako: float, rng) -> None:
        """Cohesion, unrest and legitimacy follow their stressed targets; an attempt may come and succeed.

        Args:
            day: today.
            defeats_today: the state's defeats today.
            stress: today's ``arrears`` (military pay), ``civil_arrears``, ``dry_memory``,
                ``hardship``, ``territory_lost`` and ``protection_lost`` (read after today's
                market and treasury).
            russians_in_bamako: share of Russian strength in the capital (the counterweight).
            rng: the model's generator.

        """
        p = self.p
        self.defeat_memory += (defeats_today - self.defeat_memory) / p["stress_memory_days"]
        background = p["background_defeats_per_month"] / 30.0  # a month of 30 days
        # The defeat index: smoothed defeats a day above the background, capped at one a day.
        defeats = min(1.0, max(0.0, self.defeat_memory - background))
        c_target = coup.cohesion_target(p["initial_cohesion"], self.weights, stress["arrears"], defeats,
                                        stress["dry_memory"], stress["territory_lost"], stress["protection_lost"])
        grievance = min(1.0, stress["hardship"] + stress["civil_arrears"])
        self.unrest += p["unrest_rate_per_day"] * (coup.unrest_target(grievance, p["unrest_hardship_threshold"])
                                                   - self.unrest)
        l_target = coup.legitimacy_target(p["initial_legitimacy"], self.unrest, stress["dry_memory"], defeats,
                                          p["legitimacy_unrest_weight"], p["legitimacy_shortage_weight"],
                                          p["legitimacy_defeat_weight"])
        rate = p["cohesion_recovery_per_day"]
        self.cohesion += rate * (c_target - self.cohesion)
        self.legitimacy += rate * (l_target - self.legitimacy)
        self.attempt_if_due(day, russians_in_bamako, rng)

    def attempt_if_due(self, day: int, russians_in_bamako: float, rng) -> None:
        """Draw today's attempt, and its success against the counterweight of Russians in Bamako."""
        p = self.p
        since = None if self.last_coup_day is None else day - self.last_coup_day
        self.hazard = coup.attempt_hazard(
            p["coup_attempt_rate_per_year"] / 365.0, self.cohesion, self.legitimacy,
            p["initial_cohesion"], p["initial_legitimacy"], p["coup_cohesion_slope"],
            p["coup_legitimacy_slope"], since, p["coup_trap_multiplier"], p["coup_trap_days"])
        if rng.random() >= self.hazard:
            return
        self.attempt_days.append(day)
        success = coup.success_probability(p["coup_success_probability"], p["russian_counterweight"],
                                           russians_in_bamako)
        if rng.random() < success:
            self.coup_days.append(day)
            self.install_new_leader(day)
        else:
            self.purge = (p["failed_coup_purge_share"] * p["coup_purge_disruption"], day)

    def install_new_leader(self, day: int) -> None:
        """A coup: the new leader purges the officer corps, gains some legitimacy and changes policy."""
        p = self.p
        self.leader += 1
        self.last_coup_day = day
        self.purge = (p["coup_purge_disruption"], day)
        self.legitimacy = min(1.0, self.legitimacy + p["coup_legitimacy_bump"])
        if self.post_coup_policy == "grant":
            self.concession_refusal = 0.0
        elif self.post_coup_policy == "negotiate":
            self.negotiation = max(self.negotiation, p["post_coup_negotiation"])
