"""Synthetic news corpus with known ground truth, to check at scale that nothing is lost.

`generate(n, seed)` yields article dicts (the JSON Lines corpus format `extract` and `ingest`
read: id, title, published, outlet, url, text) and, for each, the events planted in it
(doc_id, event_type, actor_country, recipient_country, sentence, template). Articles are
150-400 words: one to three event sentences written from templates (several per PLOVER
type) among filler sentences that carry no event trigger. Country and institution names
come from the shipped lexicons (data/countries.tsv, data/organisations.tsv); country
popularity is Zipf-like, a handful of outlets report, and dates span several years. The
same seed gives the same bytes.

`check(truth, records)` compares the planted events with `extract` output: recall of planted
(doc_id, type, actor country, recipient country), recall per type and per template, and
the events found that were not planted.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import random
from bisect import bisect
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path
from typing import IO, Iterable, Iterator

from newsledger.nlp.lexicon import PACKAGE_DATA

# Countries in rough order of news prominence; names, adjectives and capitals come from
# countries.tsv. Popularity follows 1 / rank ** ZIPF_S.
COUNTRY_ORDER = (
    "USA CHN RUS GBR FRA DEU UKR IRN ISR IND JPN TUR PAK SAU KOR PRK SYR IRQ AFG EGY BRA CAN AUS "
    "ITA ESP POL NGA ZAF MEX VEN ETH SDN YEM LBN QAT ARE IDN PHL VNM MMR BLR GEO ARM AZE KAZ SRB "
    "HUN GRC NLD BEL SWE NOR FIN KEN SOM LBY DZA MAR TUN JOR COL ARG CHL CUB NZL MYS THA BGD"
).split()
ZIPF_S = 1.1
NEEDS_THE = frozenset({"USA", "GBR", "ARE", "PHL", "NLD"})
NO_CAPITAL = frozenset({"NLD", "ISR"})  # capital not used as a stand-in for the government

OUTLETS = (
    ("Meridian Wire", "meridianwire.example", 0.34),
    ("The Daily Ledger", "dailyledger.example", 0.22),
    ("Coastline Post", "coastlinepost.example", 0.16),
    ("Global Dispatch", "globaldispatch.example", 0.14),
    ("North Star Herald", "northstarherald.example", 0.09),
    ("The Evening Courier", "eveningcourier.example", 0.05),
)
FIRST_DAY = dt.date(2018, 1, 1)
DAYS = (dt.date(2024, 12, 31) - FIRST_DAY).days + 1

WHEN = ("on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
        "on Sunday", "late on Tuesday", "early on Friday", "this week", "")

# Event templates. {A} actor phrase, {R} recipient (country name or its capital), {Ra} the
# recipient's adjective, {W} a time phrase (may be empty). Wording tuned until the coder
# codes each one with the intended type, actor and recipient.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "SANCTION": (
        "{A} imposed fresh sanctions on {R} {W}, targeting banks and shipping firms.",
        "{A} sanctioned a group of senior {Ra} officials {W}.",
        "{A} expelled four {Ra} diplomats {W}.",
        "{A} severed diplomatic ties with {R} {W}.",
        "{A} slapped new export curbs and sanctions on {R} {W}.",
        "{A} froze {Ra} state assets held by its banks {W}.",
        "{A} recalled its ambassador from {R} {W}.",
        "{A} blacklisted several {Ra} companies {W}.",
    ),
    "ACCUSE": (
        "{A} accused {R} of interfering in its domestic affairs {W}.",
        "{A} condemned {R} {W} over the treatment of journalists.",
        "{A} sharply criticised {R} {W} for its handling of the dispute.",
        "{A} denounced {R} {W}, calling its conduct reckless.",
        "{A} blamed {R} for the collapse of the grain corridor deal.",
        "{A} summoned the {Ra} ambassador {W}.",
        "{A} rebuked {R} {W} over its recent statements.",
        "{A} lodged a formal complaint with {R} {W}.",
    ),
    "CONSULT": (
        "{A} held talks with {R} {W} on energy and shipping.",
        "{A} met with {R} {W} to discuss regional security.",
        "{A} negotiated with {R} {W} over fishing rights.",
        "{A} sent an envoy to {R} {W}.",
        "{A} discussed border security with {R} {W}.",
        "{A} hosted a {Ra} delegation {W}.",
        "{A} consulted with {R} {W} about the situation.",
        "{A} visited {R} {W} for the first time in a decade.",
    ),
    "THREATEN": (
        "{A} threatened {R} with severe consequences {W}.",
        "{A} warned {R} {W} that it would respond firmly.",
        "{A} issued an ultimatum to {R} {W}.",
        "{A} threatened {R} {W}, saying its patience had run out.",
        "{A} warned {R} against any further provocation {W}.",
    ),
    "AGREE": (
        "{A} reached an agreement with {R} {W} on grain exports.",
        "{A} struck a deal with {R} {W} covering gas deliveries.",
        "{A} agreed with {R} {W} on a new framework for trade.",
        "{A} invited {R} to a regional forum {W}.",
        "{A} extended an invitation to {R} {W}.",
        "{A} reached a compromise with {R} {W} after months of wrangling.",
    ),
    "SUPPORT": (
        "{A} praised {R} {W} for its efforts on climate policy.",
        "{A} voiced support for {R} {W}.",
        "{A} restored diplomatic ties with {R} {W}.",
        "{A} signed a trade accord with {R} {W}.",
        "{A} congratulated {R} {W} on the smooth conduct of its election.",
        "{A} endorsed {R} {W} as the host of next year's forum.",
        "{A} reaffirmed its backing for {R} {W}.",
        "{A} commended {R} {W} for its economic reforms.",
    ),
    "AID": (
        "{A} sent humanitarian aid to {R} {W}.",
        "{A} provided emergency assistance to {R} {W}.",
        "{A} delivered food aid to {R} {W}.",
        "{A} donated vaccines to {R} {W}.",
        "{A} shipped medical supplies to {R} {W}.",
        "{A} granted a loan of $2 billion to {R} {W}.",
        "{A} supplied air defence systems to {R} {W}.",
    ),
    "REQUEST": (
        "{A} urged {R} to show restraint {W}.",
        "{A} called on {R} {W} to respect the border accord.",
        "{A} asked {R} for an explanation {W}.",
        "{A} appealed to {R} for calm {W}.",
        "{A} demanded an explanation from {R} {W}.",
        "{A} pressed {R} {W} to reopen its markets.",
    ),
    "REJECT": (
        "{A} rejected a proposal from {R} {W}.",
        "{A} rebuffed {R} {W}, saying the plan was unworkable.",
        "{A} vetoed a resolution drafted by {R} {W}.",
        "{A} refused to recognise the authority of {R} {W}.",
        "{A} snubbed {R} {W} by skipping the ceremony.",
        "{A} turned down an overture from {R} {W}.",
    ),
    "COERCE": (
        "{A} arrested two {Ra} nationals {W} on espionage charges.",
        "{A} detained a {Ra} fishing crew near its coast {W}.",
        "{A} seized a {Ra} oil tanker {W}.",
        "{A} deported dozens of {Ra} citizens {W}.",
        "{A} banned {Ra} airlines from its airspace {W}.",
        "{A} closed its airspace to {Ra} aircraft {W}.",
        "{A} closed its border to {Ra} travellers {W}.",
    ),
    "PROTEST": (
        "{Aa} protesters rallied against {R} {W}.",
        "Thousands of {Aa} demonstrators protested against {R} {W}.",
        "{Aa} activists staged a demonstration against {R} {W}.",
        "{Aa} students marched against {R} {W}.",
        "{Aa} protesters picketed the {Ra} embassy {W}.",
    ),
    "MOBILIZE": (
        "{A} staged naval exercises near {R} {W}.",
        "{A} sent warships to {R} {W}.",
        "{A} stationed missiles near {R} {W}.",
        "{A} mobilized against {R} {W}.",
        "{A} dispatched warships to {R} {W}.",
    ),
    "ASSAULT": (
        "{A} launched missiles at {R} {W}.",
        "{A} attacked {Ra} military positions {W}.",
        "{Aa} forces shelled {Ra} positions near the border {W}.",
        "{Aa} drones struck a {Ra} fuel depot {W}.",
        "{A} fired rockets into {R} {W}.",
        "{Aa} troops clashed with {Ra} forces {W}.",
    ),
    "RETREAT": (
        "{A} withdrew from {R} {W}.",
        "{A} released {Ra} prisoners {W}.",
        "{A} ended its occupation of {R} {W}.",
        "{A} repatriated {Ra} prisoners of war {W}.",
        "{A} lifted its blockade of {R} {W}.",
        "{A} completed its withdrawal from {R} {W}.",
    ),
}
# How often each type is planted (news is mostly talk, little fighting).
TYPE_WEIGHTS = {
    "CONSULT": 18, "ACCUSE": 14, "SUPPORT": 10, "REQUEST": 9, "SANCTION": 8, "AGREE": 7,
    "THREATEN": 6, "REJECT": 6, "AID": 5, "COERCE": 5, "ASSAULT": 5, "MOBILIZE": 3,
    "PROTEST": 2, "RETREAT": 2,
}
MILITARY = frozenset({"MOBILIZE", "ASSAULT", "RETREAT"})

# Sentences that report no event: background, economy, outlook. No word in them may be a
# trigger in triggers.yaml (tests/test_synth.py codes them and expects no event).
FILLER = (
    "{C}'s economy grew by {P} percent last year, according to official figures.",
    "The {Ca} currency lost ground against the dollar during the session.",
    "Energy prices have been volatile since the start of the year.",
    "Analysts expect further contacts between the two capitals in the coming weeks.",
    "Diplomats said the issue was likely to remain on the agenda for months.",
    "The dispute has its roots in decades of rivalry over water and grazing land.",
    "Officials did not say when further details would be published.",
    "The central bank kept interest rates unchanged at its last policy review.",
    "{C} is one of the largest producers of wheat in the region.",
    "Foreign investment in {C} rose sharply over the past decade.",
    "Tourism accounts for a large share of {Ca} national income.",
    "Local newspapers gave the story prominent coverage.",
    "The announcement was widely expected by diplomats in the region.",
    "Shipping insurers have raised premiums for vessels in nearby waters.",
    "Relations between the two countries have been uneven for years.",
    "Both governments have described relations as complex.",
    "The region is home to about {N} million people.",
    "Economists said growth in {C} would depend on exports and consumer spending.",
    "Unemployment in {C} stood at {P} percent at the end of the quarter.",
    "The {Ca} parliament is due to vote on the budget later this year.",
    "Commentators in {Ca} media described the mood as cautious.",
    "Several ministers are expected to travel abroad in the coming weeks.",
    "Trade between the two countries was worth about {N} billion dollars last year.",
    "Elections in {C} are scheduled for next year.",
    "The statement came after weeks of tension in the region.",
    "Bond yields in {C} edged higher after the announcement.",
    "Analysts said the next steps were unclear.",
    "The cabinet is expected to review the matter at its next session.",
    "Fuel costs in {C} have climbed for three straight months.",
    "A spokesperson for the ministry declined to comment further.",
    "Regional experts say the situation remains fluid.",
    "The issue has become a frequent theme in {Ca} politics.",
    "Observers will watch closely how markets respond.",
    "Harvests across the region were better than expected this year.",
    "The finance ministry published revised growth forecasts on its website.",
    "Manufacturing output in {C} slowed in the second half of the year.",
    "Officials have described the coming months as decisive.",
    "The port handles a large share of the region's container traffic.",
    "Polls suggest public opinion in {C} is divided on the question.",
    "The government has faced questions over rising housing costs.",
)

TITLES = {
    "SANCTION": ("{A} moves against {R}", "New {Ra} measures draw scrutiny", "{A} tightens the screws on {R}"),
    "ACCUSE": ("{A} lashes out at {R}", "War of words between {A} and {R}", "{A} and {R} trade barbs"),
    "CONSULT": ("{A} and {R} open a new channel", "Diplomacy between {A} and {R}", "{A} and {R} compare notes"),
    "THREATEN": ("Tension rises between {A} and {R}", "{A} raises the stakes with {R}"),
    "AGREE": ("{A} and {R} find common ground", "Breakthrough for {A} and {R}"),
    "SUPPORT": ("Warmer ties between {A} and {R}", "{A} stands with {R}"),
    "AID": ("{A} steps in to help {R}", "Relief for {R}"),
    "REQUEST": ("{A} presses {R}", "{A} looks to {R} for answers"),
    "REJECT": ("{A} says no to {R}", "Setback for {R}"),
    "COERCE": ("{A} cracks down", "{Ra} nationals caught up in {A} dispute"),
    "PROTEST": ("Anger on the streets over {R}", "Crowds turn out over {R}"),
    "MOBILIZE": ("{A} flexes its muscles", "Military build-up near {R}"),
    "ASSAULT": ("Fighting flares between {A} and {R}", "Violence near the {Ra} border"),
    "RETREAT": ("{A} steps back", "{A} and {R}: a step back from the brink"),
}


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str  # with "the" where English needs it
    adjective: str
    capital: str | None
    institutions: tuple[str, ...]  # GOV institutions, with article
    forces: tuple[str, ...]  # MIL institutions, with article


_SKIP_INSTITUTIONS = ("Bank", "Reserve", "Roskomnadzor", "Guardian", "Atomic", "Taiwan", "Trade Representative",
                      "Azov", "Wagner", "Basij", "COGAT", "Homeland", "USAID")


def _with_article(name: str) -> str:
    return name if name.isupper() or name.startswith("Bundes") else f"the {name}"


def _read_tsv(name: str) -> list[dict[str, str]]:
    with (PACKAGE_DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_countries() -> list[Country]:
    """The countries in COUNTRY_ORDER with names and institutions from the shipped lexicons."""
    rows = {row["code"]: row for row in _read_tsv("countries.tsv")}
    gov: dict[str, list[str]] = {}
    mil: dict[str, list[str]] = {}
    for row in _read_tsv("organisations.tsv"):
        if row["code"] in rows and not any(s in row["name"] for s in _SKIP_INSTITUTIONS):
            target = mil if row["sector"] == "MIL" else gov if row["sector"] == "GOV" else None
            if target is not None:
                target.setdefault(row["code"], []).append(_with_article(row["name"]))
    countries = []
    for code in COUNTRY_ORDER:
        row = rows[code]
        name = f"the {row['name']}" if code in NEEDS_THE else row["name"]
        capital = None if code in NO_CAPITAL else (row["capital"].split("|")[0] or None)
        countries.append(Country(code, name, row["adjectives"].split("|")[0], capital,
                                 tuple(gov.get(code, ())), tuple(mil.get(code, ()))))
    return countries


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class Generator:
    """Deterministic article factory: `Generator(seed).article(i)` is the same for a seed."""

    def __init__(self, seed: int = 0) -> None:
        self.rng = random.Random(seed)
        self.countries = load_countries()
        self.country_cum = list(accumulate(1.0 / (rank ** ZIPF_S) for rank in range(1, len(self.countries) + 1)))
        self.types = sorted(TYPE_WEIGHTS)
        self.type_cum = list(accumulate(TYPE_WEIGHTS[t] for t in self.types))
        self.outlet_cum = list(accumulate(o[2] for o in OUTLETS))

    def _pick(self, items, cum):
        return items[bisect(cum, self.rng.random() * cum[-1])]

    def country(self) -> Country:
        return self._pick(self.countries, self.country_cum)

    def pair(self) -> tuple[Country, Country]:
        actor = self.country()
        recipient = self.country()
        while recipient.code == actor.code:
            recipient = self.country()
        return actor, recipient

    def actor_phrase(self, c: Country, event_type: str) -> str:
        roll = self.rng.random()
        if event_type in MILITARY:
            if c.forces and roll < 0.2:
                return self.rng.choice(c.forces)
            return c.capital if c.capital and roll > 0.8 else c.name
        if c.institutions and roll < 0.12:
            return self.rng.choice(c.institutions)
        if roll < 0.55:
            return c.name
        if roll < 0.70 and c.capital:
            return c.capital
        if roll < 0.85:
            return f"the {c.adjective} government"
        return self.rng.choice((f"{c.adjective} officials", f"the {c.adjective} foreign ministry", f"the {c.adjective} president"))

    def event_sentence(self, event_type: str, actor: Country, recipient: Country) -> tuple[str, int]:
        templates = TEMPLATES[event_type]
        number = self.rng.randrange(len(templates))
        rname = recipient.name
        if recipient.capital and self.rng.random() < 0.15:
            rname = recipient.capital
        text = templates[number].format(
            A=self.actor_phrase(actor, event_type), Aa=actor.adjective, R=rname, Ra=recipient.adjective,
            W=self.rng.choice(WHEN),
        )
        return _cap(" ".join(text.split()).replace(" ,", ",").replace(" .", ".")), number

    def filler(self, countries: list[Country]) -> str:
        c = self.rng.choice(countries)
        return _cap(self.rng.choice(FILLER).format(
            C=c.name, Ca=c.adjective, P=self.rng.randint(1, 9), N=self.rng.randint(2, 90)))

    def article(self, index: int) -> tuple[dict, list[dict]]:
        rng = self.rng
        doc_id = f"synth-{index:07d}"
        actor, recipient = self.pair()
        events: list[tuple[str, Country, Country]] = []
        seen = set()
        for _ in range(rng.choice((1, 1, 2, 2, 2, 3))):
            event_type = self._pick(self.types, self.type_cum)
            if events and rng.random() < 0.3:
                a, r = self.pair()
            elif events and rng.random() < 0.3:
                a, r = recipient, actor  # the reply
            else:
                a, r = actor, recipient
            if (event_type, a.code, r.code) not in seen:
                seen.add((event_type, a.code, r.code))
                events.append((event_type, a, r))
        planted = []
        event_sentences = []
        for event_type, a, r in events:
            sentence, number = self.event_sentence(event_type, a, r)
            event_sentences.append(sentence)
            planted.append({"doc_id": doc_id, "event_type": event_type, "actor_country": a.code,
                            "recipient_country": r.code, "sentence": sentence, "template": f"{event_type}/{number}"})
        target = rng.randint(170, 370)
        involved = [actor, recipient, *(c for _, a, r in events for c in (a, r))]
        # Lead with the first event, spread the rest through the body among filler.
        body = [event_sentences[0]]
        rest = event_sentences[1:]
        words = len(body[0].split()) + sum(len(s.split()) for s in rest)
        fill: list[str] = []
        while words < target:
            sentence = self.filler(involved)
            if words + len(sentence.split()) > 395:
                break
            fill.append(sentence)
            words += len(sentence.split())
        for sentence in rest:
            fill.insert(rng.randint(0, len(fill)), sentence)
        body.extend(fill)
        paragraphs, i = [], 0
        while i < len(body):
            step = rng.randint(2, 4)
            paragraphs.append(" ".join(body[i:i + step]))
            i += step
        first_type = events[0][0]
        title = _cap(rng.choice(TITLES[first_type]).format(A=actor.name, R=recipient.name, Ra=recipient.adjective))
        published = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        name, host, _ = self._pick(OUTLETS, self.outlet_cum)
        record = {
            "id": doc_id,
            "title": title,
            "published": published.isoformat(),
            "outlet": name,
            "url": f"https://{host}/{published.year}/{published.month:02d}/{doc_id}",
            "text": "\n\n".join(paragraphs),
        }
        return record, planted


def generate(n: int, seed: int = 0) -> Iterator[tuple[dict, list[dict]]]:
    """(article, planted events) for n articles; the same seed gives the same articles."""
    gen = Generator(seed)
    for index in range(n):
        yield gen.article(index)


def write_corpus(n: int, seed: int, out: IO[str], truth: IO[str] | None = None) -> tuple[int, int]:
    """Stream n articles (and their planted events) as JSON Lines; returns (articles, events)."""
    events = 0
    dumps = json.dumps
    for article, planted in generate(n, seed):
        out.write(dumps(article, ensure_ascii=False) + "\n")
        events += len(planted)
        if truth is not None:
            for item in planted:
                truth.write(dumps(item, ensure_ascii=False) + "\n")
    return n, events


def _jsonl(source: str | Path | Iterable) -> Iterator[dict]:
    if isinstance(source, (str, Path)):
        with open(source, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)
    else:
        for item in source:
            yield item if isinstance(item, dict) else json.loads(item)


def _event_keys(record: dict) -> set[tuple[str, str, str, str]]:
    actors = {e.get("country") for e in record.get("actor") or ()}
    recipients = {e.get("country") for e in record.get("recipient") or ()}
    return {(record["doc_id"], record["event_type"], a, r) for a in actors for r in recipients}


def check(truth: str | Path | Iterable, records: str | Path | Iterable) -> dict:
    """Planted vs found. `truth`: synth truth JSON Lines (path or dicts); `records`: extract
    output (path or dicts; event records are used, other kinds ignored)."""
    planted: dict[tuple[str, str, str, str], dict] = {}
    for item in _jsonl(truth):
        key = (item["doc_id"], item["event_type"], item["actor_country"], item["recipient_country"])
        planted[key] = item
    found: set[tuple[str, str, str, str]] = set()
    docs = {key[0] for key in planted}
    unplanted: Counter = Counter()
    unplanted_examples: list[dict] = []
    events = 0
    for record in _jsonl(records):
        if record.get("kind") != "event":
            continue
        events += 1
        keys = _event_keys(record)
        hits = keys & planted.keys()
        found |= hits
        if not hits:
            unplanted[record["event_type"]] += 1
            if len(unplanted_examples) < 20:
                unplanted_examples.append({
                    "doc_id": record["doc_id"], "event_type": record["event_type"],
                    "actor": sorted({str(e.get("country")) for e in record.get("actor") or ()}),
                    "recipient": sorted({str(e.get("country")) for e in record.get("recipient") or ()}),
                    "evidence": (record.get("evidence") or {}).get("text"),
                })
    by_type: dict[str, list[int]] = {}
    by_template: dict[str, list[int]] = {}
    missed = []
    for key, item in planted.items():
        hit = key in found
        for table, name in ((by_type, item["event_type"]), (by_template, item.get("template") or item["event_type"])):
            table.setdefault(name, [0, 0])
            table[name][0] += hit
            table[name][1] += 1
        if not hit and len(missed) < 20:
            missed.append(item)
    total = len(planted)

    def ratio(hit: int, all_: int) -> float:
        return round(hit / all_, 4) if all_ else 0.0

    return {
        "documents": len(docs),
        "planted": total,
        "found": len(found),
        "recall": ratio(len(found), total),
        "events_coded": events,
        "unplanted": sum(unplanted.values()),
        "unplanted_by_type": dict(unplanted.most_common()),
        "by_type": {t: {"planted": v[1], "found": v[0], "recall": ratio(v[0], v[1])} for t, v in sorted(by_type.items())},
        "by_template": {t: {"planted": v[1], "found": v[0], "recall": ratio(v[0], v[1])} for t, v in sorted(by_template.items())},
        "missed_examples": missed,
        "unplanted_examples": unplanted_examples,
    }


def format_report(report: dict) -> str:
    lines = [
        f"documents: {report['documents']}  planted: {report['planted']}  found: {report['found']}  "
        f"recall: {report['recall']:.3f}",
        f"events coded: {report['events_coded']}  not planted: {report['unplanted']}"
        + (" (" + ", ".join(f"{k} {v}" for k, v in report["unplanted_by_type"].items()) + ")" if report["unplanted"] else ""),
        "",
        f"{'type':<10} {'planted':>8} {'found':>8} {'recall':>7}",
    ]
    for name, row in report["by_type"].items():
        lines.append(f"{name:<10} {row['planted']:>8} {row['found']:>8} {row['recall']:>7.3f}")
    weak = [(n, r) for n, r in report["by_template"].items() if r["recall"] < 0.9]
    if weak:
        lines += ["", "templates under 0.9 recall:"]
        lines += [f"  {n}: {r['found']}/{r['planted']}" for n, r in weak]
    return "\n".join(lines)
