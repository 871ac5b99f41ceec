"""Load the lexicons (data files users can extend) into lookup tables.

The package ships `newsledger/data/*.tsv|yaml`; every folder in `extra_dirs` may hold
files with the same names whose rows are added after the shipped ones, so a user's row
for a new minister or a new verb needs no code change.
"""

from __future__ import annotations

import csv
import functools
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit
from typing import Iterable, Iterator

import yaml

from newsledger.nlp.ontology import EVENT_TYPES

PACKAGE_DATA = Path(str(resources.files("newsledger") / "data"))


# Name endings that are not surnames: "Elizabeth II", "Ferdinand Marcos Jr."
NOT_SURNAMES = frozenset({"I", "II", "III", "IV", "V", "VI", "XIV", "XVI", "Jr.", "Jr", "Sr.", "Sr"})


# Where news names people family name first: "Xi Jinping" is "Xi" on second mention.
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "VNM", "SGP", "KHM"})
# ... and never by the given name that ends it ("Chin Young" is "Chin", not "Young"); Vietnamese
# news names people by that last word ("Phuc"), and Singapore writes both orders: there a
# two-word name is given name first ("Karen Tan" is "Tan"; a lone "Karen" is not her),
# a longer one family name first ("Lee Hsien Loong" is "Lee").
FAMILY_NAME_ONLY = frozenset({"CHN", "TWN", "HKG", "MAC", "KOR", "PRK"})


TITLE_SPREAD = 3  # countries whose offices share a last word before a bare title means them


class LexiconError(ValueError):
    """A lexicon file has a row the engine cannot use."""


def folded(text: str) -> str:
    """Text without case or diacritics, to compare names: "Erdoğan" and "Erdogan" are one."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class Term:
    """A name the engine recognises: a country, an institution, a group or a person."""

    kind: str  # country | adjective | capital | seat | organisation | group | person
    name: str  # canonical name
    code: str | None
    sector: str | None
    role: str | None = None
    start: str | None = None  # in office from (people), ISO date prefix
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Role:
    sector: str
    is_person: bool
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word that signals an event type (triggers.yaml)."""

    lemma: str
    pos: str
    type: str
    cameo: str
    mode: str | None = None
    object: frozenset[str] = frozenset()
    particle: str | None = None
    preps: frozenset[str] = frozenset()
    governs: bool = False
    conflict_type: str | None = None
    intransitive: bool = False  # applies only when the verb has no direct object
    transitive: bool = False  # applies only when the verb has one ("defended the town", not "defended against")
    topic: bool = False  # says what talks were about: coded only when no talks between the parties came before
    counterpart: bool = False  # presses a party: the act's named doer, else the other side of the latest meeting
    reciprocal: bool = False  # applies only to a joint subject acting together ("X and Y spoke")
    abroad: bool = False  # an event only when the recipient is of another country ("traveled to Tokyo", not "to Ohio")
    joint: bool = False  # an event only when two sides do it or one does it with another ("launched a partnership")
    unless: frozenset[str] = frozenset()  # words that make the trigger something else ("press release")
    means: frozenset[str] = frozenset()  # applies only when the verb's "with" names one ("charged the crowd with batons")
    plural: bool = False  # a noun that is the act only in the plural or with its preps ("talks", "a talk with X")
    needs: frozenset[str] = frozenset()  # applies only when one of these words hangs on it ("work with", "work together")
    armed: bool = False  # applies only when an armed side does it or suffers it ("troops fought rebels", not "fought graft")
    crowd: bool = False  # applies only when people in the street do it ("thousands gathered to demand", not "the leaders")
    bare_object: bool = False  # applies only when no predicate follows the object ("called Ruto", not "called Ruto a liar")
    conflict_only: bool = False  # an event only when the act it governs is hostile ("claimed Kyiv shelled the plant")

    @property
    def specificity(self) -> int:
        return bool(self.object) + bool(self.particle) + bool(self.means) + bool(self.needs) + self.armed


@dataclass(slots=True)
class Lexicon:
    terms: dict[str, list[Term]] = field(default_factory=lambda: defaultdict(list))
    surnames: dict[str, list[Term]] = field(default_factory=lambda: defaultdict(list))
    roles: dict[tuple[str, ...], Role] = field(default_factory=dict)
    triggers: dict[tuple[str, str], list[Trigger]] = field(default_factory=lambda: defaultdict(list))
    trigger_words: set[str] = field(default_factory=set)  # every trigger's lemma: most words are none
    contexts: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    criticism: set[tuple[str, ...]] = field(default_factory=set)
    instruments: set[str] = field(default_factory=set)  # lemmas whose wielder or issuer is the actor of what they do
    word_classes: dict[str, set[str]] = field(default_factory=dict)  # word_classes.yaml: class -> lemmas
    sources: dict[str, str] = field(default_factory=dict)  # publisher domain -> the government it speaks for
    max_role_words: int = 1
    role_heads: set[str] = field(default_factory=set)  # every role's last word: a phrase with none holds no role
    role_countries: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # office -> where people.tsv has holders
    title_countries: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # last word of an office -> the same
    # (last word of a body's name or alias, country) -> the body: "Congress" in Lima is Peru's
    bodies_by_word: dict[tuple[str, str], Term] = field(default_factory=dict)

    def offices_in(self, role: Role) -> set[str]:
        """Countries where the dictionary has holders of an office: of the office itself, else
        of offices with its last word when they are found in several countries (a bare
        "minister" is what "prime minister" and "foreign minister" are; "senior party
        official", one country's, says nothing of a bare "official")."""
        name = " ".join(role.words)
        if name in self.role_countries:
            return self.role_countries[name]
        found = self.title_countries.get(role.words[-1], set())
        return found if len(found) >= TITLE_SPREAD else set()

    def source_country(self, url: str | None) -> str | None:
        """The government an article's publisher speaks for, from its URL's host."""
        if not url:
            return None
        host = urlsplit(url).hostname or ""
        parts = host.lower().split(".")
        for k in range(len(parts)):
            code = self.sources.get(".".join(parts[k:]))
            if code:
                return code
        return None


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def _tsv_rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def _files(name: str, extra_dirs: Iterable[Path]) -> Iterator[Path]:
    for folder in (PACKAGE_DATA, *extra_dirs):
        path = Path(folder) / name
        if path.exists():
            yield path


def _add(lex: Lexicon, surface: str, term: Term) -> None:
    if term not in lex.terms[surface]:
        lex.terms[surface].append(term)


def _load_countries(lex: Lexicon, path: Path) -> None:
    for row in _tsv_rows(path):
        code, name = row["code"].strip(), row["name"].strip()
        for surface in [name, *_split(row.get("aliases"))]:
            _add(lex, surface, Term("country", name, code, None))
        for surface in _split(row.get("adjectives")):
            _add(lex, surface, Term("adjective", name, code, None))
        for surface in _split(row.get("capital")):
            _add(lex, surface, Term("capital", name, code, "GOV"))
        for surface in _split(row.get("seats")):
            _add(lex, surface, Term("seat", name, code, "GOV"))


def _load_named(lex: Lexicon, path: Path, kind: str) -> None:
    for row in _tsv_rows(path):
        name = row["name"].strip()
        term = Term(kind, name, row.get("code", "").strip() or None, row.get("sector", "").strip() or None)
        for surface in [name, *_split(row.get("aliases"))]:
            _add(lex, surface, term)
            if term.code and len(surface.split()) > 1:
                lex.bodies_by_word.setdefault((surface.split()[-1].lower(), term.code), term)


def _load_people(lex: Lexicon, path: Path) -> None:
    for row in _tsv_rows(path):
        name = row["name"].strip()
        term = Term(
            "person",
            name,
            row.get("code", "").strip() or None,
            row.get("sector", "").strip() or None,
            role=row.get("role", "").strip().lower() or None,
            start=row.get("start", "").strip() or None,
            end=row.get("end", "").strip() or None,
        )
        if term.role and term.code:
            lex.role_countries[term.role].add(term.code)
            lex.title_countries[term.role.split()[-1]].add(term.code)  # "prime minister" is a "minister"
        for surface in [name, *_split(row.get("aliases"))]:
            _add(lex, surface, term)
            words = surface.split()
            if len(words) < 2:
                continue
            given_last = term.code in FAMILY_NAME_ONLY
            family = [words[0]] if term.code in FAMILY_NAME_FIRST and (given_last or len(words) > 2) else []
            for surname in family if given_last else [*family, words[-1]]:
                if surname not in NOT_SURNAMES and term not in lex.surnames[surname]:
                    lex.surnames[surname].append(term)


def _load_sources(lex: Lexicon, path: Path) -> None:
    for row in _tsv_rows(path):
        lex.sources[row["domain"].strip().lower()] = row["code"].strip()


def _load_roles(lex: Lexicon, path: Path) -> None:
    for row in _tsv_rows(path):
        words = tuple(row["role"].strip().lower().split())
        lex.roles[words] = Role(row["sector"].strip(), row.get("kind", "person").strip() != "body", words)
        lex.max_role_words = max(lex.max_role_words, len(words))
        lex.role_heads.add(words[-1])


def _word(value: object) -> str:
    """YAML 1.1 reads bare on/off/yes/no as booleans; in this file they are words."""
    if value is True:
        return "on"
    if value is False:
        return "off"
    return str(value).lower()


def _load_triggers(lex: Lexicon, path: Path) -> None:
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
        if entry.get("type") not in EVENT_TYPES:
            raise LexiconError(f"{path}: unknown event type in {entry!r}")
        trigger = Trigger(
            lemma=_word(entry["lemma"]),
            pos=entry.get("pos", "VERB"),
            type=entry["type"],
            cameo=str(entry.get("cameo") or EVENT_TYPES[entry["type"]].cameo_root),
            mode=entry.get("mode"),
            object=frozenset(_word(o) for o in entry.get("object") or ()),
            particle=_word(entry["particle"]) if entry.get("particle") is not None else None,
            preps=frozenset(_word(p) for p in entry.get("preps") or ()),
            governs=bool(entry.get("governs")),
            conflict_type=entry.get("conflict_type"),
            intransitive=bool(entry.get("intransitive")),
            transitive=bool(entry.get("transitive")),
            topic=bool(entry.get("topic")),
            counterpart=bool(entry.get("counterpart")),
            reciprocal=bool(entry.get("reciprocal")),
            abroad=bool(entry.get("abroad")),
            joint=bool(entry.get("joint")),
            unless=frozenset(_word(o) for o in entry.get("unless") or ()),
            means=frozenset(_word(o) for o in entry.get("means") or ()),
            plural=bool(entry.get("plural")),
            needs=frozenset(_word(o) for o in entry.get("needs") or ()),
            armed=bool(entry.get("armed")),
            crowd=bool(entry.get("crowd")),
            bare_object=bool(entry.get("bare_object")),
            conflict_only=bool(entry.get("conflict_only")),
        )
        lex.triggers[(trigger.lemma, trigger.pos)].append(trigger)
        lex.trigger_words.add(trigger.lemma)


def _load_contexts(lex: Lexicon, path: Path) -> None:
    for context, keywords in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
        for keyword in keywords or ():
            lex.contexts[str(keyword).lower()].add(context)


def _load_criticism(lex: Lexicon, path: Path) -> None:
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
        lex.criticism.add(tuple(_word(entry).split()))


def _load_instruments(lex: Lexicon, path: Path) -> None:
    lex.instruments.update(_word(entry) for entry in yaml.safe_load(path.read_text(encoding="utf-8")) or [])


def _load_word_classes(lex: Lexicon, path: Path) -> None:
    """The shipped file names the classes; a user's file may only add words to them (a new
    name would be a typo no rule reads)."""
    classes = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(classes, dict):
        raise LexiconError(f"{path}: expected a mapping of word class to a list of lemmas")
    shipped = bool(lex.word_classes)
    for name, words in classes.items():
        if shipped and name not in lex.word_classes:
            raise LexiconError(f"{path}: unknown word class {name!r} (known: {', '.join(sorted(lex.word_classes))})")
        if not isinstance(words, list):
            raise LexiconError(f"{path}: word class {name!r}: expected a list of lemmas")
        lex.word_classes.setdefault(name, set()).update(_word(w) for w in words)


LOADERS = (
    ("countries.tsv", _load_countries),
    ("organisations.tsv", lambda lex, p: _load_named(lex, p, "organisation")),
    ("groups.tsv", lambda lex, p: _load_named(lex, p, "group")),
    ("people.tsv", _load_people),
    ("roles.tsv", _load_roles),
    ("sources.tsv", _load_sources),
    ("triggers.yaml", _load_triggers),
    ("contexts.yaml", _load_contexts),
    ("criticism.yaml", _load_criticism),
    ("instruments.yaml", _load_instruments),
    ("word_classes.yaml", _load_word_classes),
)


@functools.lru_cache(maxsize=4)
def load_lexicon(extra_dirs: tuple[str, ...] = ()) -> Lexicon:
    """Read every lexicon file once per process (cached by the extra folders)."""
    lex = Lexicon()
    dirs = [Path(d) for d in extra_dirs]
    for name, loader in LOADERS:
        for path in _files(name, dirs):
            try:
                loader(lex, path)
            except (KeyError, yaml.YAMLError, csv.Error) as exc:
                raise LexiconError(f"{path}: {exc}") from exc
    return lex
