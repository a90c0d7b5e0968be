"""Institutions named without their names: "the Pentagon", "Ankara said", "Britain's spy agency".

Counting independent origins needs one entity per institution however it is called. News calls a
ministry by its building, a government by its capital, an agency by what it does ("the spy
agency") and a generic body by its owner ("Russia's defence ministry", which is not Ukraine's).
The table of such names ships with the package (`aliases.toml`) so a user can read and extend it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from fogwatch.extract.cues import words
from fogwatch.extract.names import fold

# Words of an institution that says nothing of whose it is: "the defence ministry", "the army".
GENERIC_WORDS = words(
    """
    defence defense foreign interior internal health emergencies emergency justice finance economy
    ministry ministries army military government navy air force forces armed general staff border
    guard guards service security intelligence agency spy espionage national police coast prosecutor
    prosecutors office presidential president's presidency embassy cabinet parliament
    """
)
_US = re.compile(r"\bU\.?S\.?(?:A\.?)?(?=\s|$)")
_SPY = re.compile(r"\b(?:spy|espionage|foreign intelligence|intelligence)\s+(?:agency|service|chief)\b")


@dataclass(frozen=True)
class Country:
    """One country as news names it."""

    name: str
    names: tuple[str, ...]
    adjective: str
    capitals: tuple[str, ...]
    spy_agency: str | None


@dataclass(frozen=True)
class Aliases:
    """The alias table, indexed by folded name."""

    institutions: dict[str, str]
    countries: dict[str, Country]  # folded name, adjective or possessive -> country
    capitals: dict[str, Country]

    def institution(self, name: str) -> str | None:
        """'the Pentagon' -> 'US Department of Defense'."""
        return self.institutions.get(_bare(name))

    def government_of(self, name: str) -> str | None:
        """'Ankara' speaking is Turkey's government, not a place."""
        country = self.capitals.get(_bare(name))
        if country is None:
            return None
        plural = country.name.startswith("United ") or country.name.endswith("s")
        return f"Government of {'the ' if plural else ''}{country.name}"

    def owner(self, phrase: str) -> Country | None:
        """The country a phrase gives as owner: "Britain's", "the British", "Russia's"."""
        if _US.search(phrase):
            return self.countries.get("united states")
        words = _bare(phrase).replace("'s ", " ").split()
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                if (country := self.countries.get(" ".join(words[i : i + size]))) is not None:
                    return country
        return None

    def owned(self, phrase: str, name: str) -> str | None:
        """A generic institution with its owner ("Russia's defence ministry" -> "Russian Defence
        Ministry"), or the owner's spy agency ("Britain's spy agency" -> "MI6")."""
        words = _bare(name).replace("'s ", " ").split()
        country = self.owner(phrase)
        if country is None or not words:
            return None
        if _SPY.search(_bare(phrase)) and country.spy_agency:
            return country.spy_agency
        rest = [w for w in words if self.countries.get(w) is not country]
        if rest and all(w in GENERIC_WORDS for w in rest):
            return " ".join([country.adjective, *(w.capitalize() for w in rest)])
        return None


def _bare(name: str) -> str:
    return re.sub(r"^the\s+", "", fold(name).replace(".", "").replace("’", "'")).strip()


@lru_cache(maxsize=1)
def aliases() -> Aliases:
    """The table shipped with the package."""
    table = tomllib.loads(files("fogwatch.extract").joinpath("aliases.toml").read_text(encoding="utf-8"))
    institutions = {_bare(k): v for k, v in table["institutions"].items()}
    countries: dict[str, Country] = {}
    capitals: dict[str, Country] = {}
    for row in table["countries"]:
        country = Country(row["names"][0], tuple(row["names"]), row["adjective"],
                          (row["capital"], *row.get("other_capital_spellings", [])), row.get("spy_agency"))
        for name in (*country.names, country.adjective):
            if len(name) > 3 or not name.replace(".", "").isupper():  # "US" is found by `_US`, not as "us"
                countries.setdefault(_bare(name), country)
        for capital in country.capitals:
            capitals[_bare(capital)] = country
    return Aliases(institutions, countries, capitals)
