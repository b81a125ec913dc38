"""Poster-fixed slot values: employer, destination, requirements, persona details.

Drawn once per operator (reused in all its ads) or once per independent ad. They are what makes
one poster's text its own, so unrelated posters of the same genre stay distinguishable.
"""
from __future__ import annotations

from random import Random

from .identities import Identities
from .templates import pack, pick_list


def draw(rng: Random, ids: Identities, genre: str, lang: str, city: tuple[str, str]) -> dict:
    """All fixed slots of a genre for one poster based in `city` ((location text, region))."""
    p = pack(genre, lang)
    lists = p["lists"]
    if genre == "escort":
        return {
            "services": pick_list(rng, lists["service"], rng.randint(2, 4)),
            "trait": rng.choice(lists["trait"]),
            "nationality": rng.choice(lists["nationality"]),
            "hobbies": pick_list(rng, lists["hobby"], rng.randint(2, 3)),
            "hair": rng.choice(lists["hair"]),
            "eyes": rng.choice(lists["eyes"]),
            "area": rng.choice(lists["area"]),
        }
    company = ids.company(lang, city[1], city[0], rng)
    return {
        "company": company.name,
        "brand": company.name,
        "address": company.address,
        "domain": company.domain,
        "dest": rng.choice(lists["dest"]),
        "reqs": pick_list(rng, lists["req"], rng.randint(2, 3)),
        "benefits": pick_list(rng, lists["benefit"], rng.randint(2, 4)),
        "shift": rng.choice(lists["shift"]),
        "duties": pick_list(rng, lists["duty"], rng.randint(2, 4)),
        "fee": rng.choice(p["fee"]),
    }
