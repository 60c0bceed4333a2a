"""What an actor map can be made of, from the content: the exercise's vocabulary.

Influence and interest run from :data:`SCALE_MIN` to :data:`SCALE_MAX`; a value is *high*
from :data:`HIGH_FROM` upward, and each quadrant (influence high or low, interest high or
low) has one engagement strategy of the content. The rules' messages may name the
:data:`PLACEHOLDERS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .model import (
    Actor,
    ActorMap,
    Content,
    EngagementStrategy,
    LinkType,
    MapRule,
    RelationLevel,
    ResourceType,
    Stance,
)

SCALE_MIN, SCALE_MAX = 0, 5
HIGH_FROM = 3
"""Influence or interest is high from this value up (the value itself counts as high)."""
SCALE_ENDS = {"influence": ("aucune", "décisive"), "interest": ("aucun", "très fort")}
"""What the two ends of the influence and interest scales mean."""


def scale(field: str) -> str:
    """The scale of ``influence`` or ``interest``, its ends said.

    >>> scale("interest")
    'de 0 (aucun) à 5 (très fort)'
    """
    low, high = SCALE_ENDS[field]
    return f"de {SCALE_MIN} ({low}) à {SCALE_MAX} ({high})"


PLACEHOLDERS = frozenset({"acteurs", "n", "valeur"})


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Everything a map is made of, from the content: actors, the guide's categories,
    resources, stances, relation levels (by rank), link types, strategies, rules, maps."""

    actors: Mapping[str, Actor]
    categories: Mapping[str, Actor]
    resources: Mapping[str, ResourceType]
    stances: Mapping[str, Stance]
    levels: Mapping[str, RelationLevel]
    link_types: Mapping[str, LinkType]
    strategies: Mapping[str, EngagementStrategy]
    rules: tuple[MapRule, ...]
    maps: Mapping[str, ActorMap]

    def strategy_for(self, influence: int, interest: int, threshold: int = HIGH_FROM) -> str:
        """The id of the strategy of the quadrant where (influence, interest) falls."""
        wanted = tuple("high" if value >= threshold else "low" for value in (influence, interest))
        for strategy in self.strategies.values():
            if (strategy.influence, strategy.interest) == wanted:
                return strategy.id
        raise ValueError(f"aucune stratégie pour le quadrant {wanted}")

    @property
    def key_strategy(self) -> str:
        """The strategy of key players (high influence, high interest)."""
        return self.strategy_for(SCALE_MAX, SCALE_MAX)

    @property
    def neutral_stance(self) -> str:
        return next((s.id for s in self.stances.values() if s.value == 0), next(iter(self.stances)))

    @property
    def no_relation(self) -> str:
        return next(iter(self.levels))


def vocabulary(content: Content) -> Vocabulary:
    """The vocabulary of ``content``: its items by id, relation levels by rank."""
    return Vocabulary(
        actors={a.id: a for a in content.actors},
        categories={a.id: a for a in content.actors if a.category == a.id},
        resources={r.id: r for r in content.resource_types},
        stances={s.id: s for s in content.stances},
        levels={lv.id: lv for lv in sorted(content.relation_levels, key=lambda lv: lv.rank)},
        link_types={t.id: t for t in content.link_types},
        strategies={s.id: s for s in content.engagement_strategies},
        rules=tuple(content.actor_map_rules),
        maps={m.id: m for m in content.actor_maps},
    )
