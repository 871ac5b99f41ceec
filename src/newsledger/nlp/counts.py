"""How many: numbers that count people, organisations, countries or things.

Why this approach: a count is a number phrase plus the noun it counts, and the parse
already links the two (`nummod`: "27 Russian diplomats"; an "of" phrase: "dozens of
protesters"). So the module finds runs of number words and digits on the tokens, reads
the qualifier from the words right before the run ("more than", "nearly"), normalises
the run with a small word-number parser (none is installed, and news needs only
cardinal words, scales, "dozen" and digits with commas or decimals), and keeps the run
only when it modifies a countable noun. Everything that is a number but not a count
falls out on one of three tests: the NER calls it a date, time, percentage, money,
quantity or ordinal; the noun is a unit of measure or time ("34-year-old", "5 tonnes");
or there is no counted noun to the right (IDs, page numbers, "Article 23", bare "Two
were hurt").

Approximate plurals give a lower bound: "hundreds of" is 100 and "tens of thousands"
10,000, both with qualifier "at least" unless the text states another; "several hundred"
and "a few thousand" are twice the scale, also "at least". Two forms count without a
noun after the number: a noun joined by a hyphen ("47-member council", unit "member";
not "34-year-old", whose noun is a unit of time) and an approximate plural that is itself
the subject or object ("tens of thousands have fled", unit ""). A plain number with no
noun ("Two were hurt") is not a count. The unit runs from the number to the noun, through
"and"/"or" coordination, and keeps the "of" phrase of a relational noun ("members of the
European Parliament").
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from newsledger.nlp.quotes import REPORTING_VERBS
from newsledger.nlp.sentences import token_words
from newsledger.records import CountRecord

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}
MULTIPLIERS = {"hundred": 100, "dozen": 12}  # multiply what came before, then keep adding
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
PLURALS = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1_000,
           "millions": 1_000_000, "billions": 1_000_000_000}
VAGUE = {"several", "few"}  # "several hundred", "a few thousand"
GROUPED = frozenset({*MULTIPLIERS, *SCALES})  # "a hundred", "several thousand", "a few million"
RUN_STARTS = frozenset({*UNITS, *GROUPED, *PLURALS, "a", "an", "several"})  # or a digit
DIGITS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$", re.IGNORECASE)

QUALIFIERS: dict[tuple[str, ...], str] = {
    ("at", "least"): "at least", ("no", "fewer", "than"): "at least", ("no", "less", "than"): "at least",
    ("more", "than"): "more than", ("over",): "more than", ("above",): "more than",
    ("upwards", "of"): "more than", ("just", "over"): "more than", ("well", "over"): "more than",
    ("nearly",): "about", ("almost",): "about", ("around",): "about", ("about",): "about",
    ("some",): "about", ("roughly",): "about", ("approximately",): "about", ("approx.",): "about",
    ("an", "estimated"): "about", ("estimated",): "about", ("close", "to"): "about", ("circa",): "about",
    ("fewer", "than"): "up to", ("less", "than"): "up to", ("up", "to"): "up to", ("as", "many", "as"): "up to",
    ("no", "more", "than"): "up to", ("at", "most"): "up to", ("under",): "up to", ("just", "under"): "up to",
    ("exactly",): "exactly", ("precisely",): "exactly",
}
MAX_QUALIFIER = max(len(k) for k in QUALIFIERS)
NOT_COUNTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
MEASURES = frozenset(
    """percent per cent % year month week day hour minute second decade century time
    dollar pound euro yuan renminbi rouble ruble yen rupee won franc lira peso shekel cent penny
    tonne ton kilogram kg gram pound mile kilometre kilometer km metre meter m foot feet inch
    acre hectare litre liter gallon barrel degree point percentage mph kph""".split()
)
FRACTIONS = frozenset("half third quarter fifth sixth seventh eighth ninth tenth".split())
AMBIGUOUS_QUALIFIERS = frozenset({"over", "under", "about", "around", "above", "some"})  # also prepositions
CURRENCY_SIGNS = frozenset("$£€¥₽₹")
DISTANCE_WORDS = frozenset({"behind", "ahead", "away", "apart", "back"})  # "three rows behind him"
COMPARED_BY = frozenset({"size", "length", "height", "width", "weight", "depth", "distance", "equivalent"})
RELATIONAL = frozenset({"member", "citizen", "resident", "employee", "national"})  # "members of the parliament"
BARE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})


@dataclass(slots=True)
class NumberRun:
    tokens: list[Token]  # the number words, as written
    value: int
    approximate: bool  # a plural ("hundreds") or vague ("several hundred") lower bound


# -- numbers ---------------------------------------------------------------------------


def _digits(text: str) -> float | None:
    return float(text.replace(",", "")) if DIGITS.match(text) else None


def is_number_word(token: Token) -> bool:
    lower = token.lower_
    if ORDINAL.match(lower):
        return False
    return _digits(lower) is not None or lower in UNITS or lower in MULTIPLIERS or lower in SCALES or lower in PLURALS


def parse_number(words: list[str]) -> tuple[int, bool] | None:
    """Value of a run of number words ("two hundred and fifty thousand", "1.2 million",
    "tens of thousands") and whether it is an approximate lower bound."""
    words = [w.lower() for w in words if w.lower() not in ("and", "-", "of")]
    if not words:
        return None
    if any(w in PLURALS for w in words):
        value = 1
        for w in words:
            value *= PLURALS.get(w) or SCALES.get(w) or MULTIPLIERS.get(w) or 1
        return value, True
    if words[0] == "half" and len(words) > 1:  # "half a million"
        parsed = parse_number(words[1:])
        return (parsed[0] // 2, parsed[1]) if parsed else None
    approximate = False
    if words[0] in ("a", "an") and len(words) > 1 and words[1] in VAGUE:
        words = words[1:]
    if words[0] in VAGUE or words[0] in ("a", "an"):
        approximate = words[0] in VAGUE
        words = ["two" if approximate else "one", *words[1:]]
    total, current = 0.0, 0.0
    for w in words:
        number = _digits(w)
        if number is not None:
            current += number
        elif w in UNITS:
            current += UNITS[w]
        elif w in MULTIPLIERS:
            current = (current or 1) * MULTIPLIERS[w]
        elif w in SCALES:
            total += (current or 1) * SCALES[w]
            current = 0
        else:
            return None
    value = total + current
    if value != int(value) or value < 0:
        return None
    return int(value), approximate


def _runs(doc: Doc) -> list[NumberRun]:
    """Maximal runs of number words: "1.2 million", "two hundred and fifty", "a dozen"."""
    runs: list[NumberRun] = []
    lowers = token_words(doc)[0]  # most words start no run
    i = 0
    while i < len(doc):
        if (lowers[i] not in RUN_STARTS and not lowers[i][:1].isdigit()) or (
            not _starts_run(doc, i) and not _starts_vague(doc, i)
        ):
            i += 1
            continue
        j = i + 2 if _starts_vague(doc, i) else i + 1
        if doc[i].lower_ in ("a", "an") and i > 0 and doc[i - 1].lower_ == "half":
            i -= 1  # "half a million"
        while j < len(doc) and (is_number_word(doc[j]) or _joins(doc, j)):
            j += 1
        tokens = list(doc[i:j])
        parsed = parse_number([t.text for t in tokens])
        if parsed is not None:
            runs.append(NumberRun(tokens, *parsed))
        i = j
    return runs


def _starts_run(doc: Doc, i: int) -> bool:
    token = doc[i]
    if is_number_word(token):
        return True
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    if nxt is None or nxt.lower_ not in GROUPED:
        return False
    return token.lower_ in ("a", "an", "several")


def _starts_vague(doc: Doc, i: int) -> bool:
    """"a few thousand": the run starts at "a"."""
    return (doc[i].lower_ == "a" and i + 2 < len(doc) and doc[i + 1].lower_ == "few"
            and doc[i + 2].lower_ in GROUPED)


def _joins(doc: Doc, j: int) -> bool:
    """"and"/hyphen between number words, "of" between plurals ("tens of thousands")."""
    if j + 1 >= len(doc) or not is_number_word(doc[j + 1]):
        return False
    word, prev, nxt = doc[j].lower_, doc[j - 1].lower_, doc[j + 1].lower_
    if word == "-":
        return prev in UNITS and nxt in UNITS
    if word == "and":
        return prev in MULTIPLIERS or prev in SCALES
    if word == "of":
        return prev in PLURALS and nxt in PLURALS
    return False


# -- the counted noun -------------------------------------------------------------------


def _hyphened(run: NumberRun) -> Token | None:
    """"47-member council": the noun joined to the number by a hyphen (not "34-year-old")."""
    doc = run.tokens[0].doc
    i = run.tokens[-1].i
    if i + 2 >= len(doc) or doc[i + 1].text != "-" or doc[i + 2].tag_ not in ("NN", "NNS"):
        return None
    if i + 3 < len(doc) and doc[i + 3].text == "-":
        return None
    return doc[i + 2]


def _counted_noun(run: NumberRun) -> Token | None:
    """The noun the run counts: its nummod head, the object of a following "of", or a noun
    joined by a hyphen."""
    doc = run.tokens[0].doc
    inside = {t.i for t in run.tokens}
    last = run.tokens[-1]
    hyphened = _hyphened(run)
    if hyphened is not None:
        return hyphened
    outer = [t for t in run.tokens if t.head.i not in inside]
    head = outer[-1].head if outer else last.head
    if outer and outer[-1].dep_ in ("nummod", "amod", "compound", "nmod", "quantmod") and head.i > last.i:
        if head.pos_ in ("NOUN", "PROPN") and head.tag_.startswith("NN") and head.i - last.i <= 6:
            return head
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    if after is not None and after.lower_ == "of" and not (run.value == 1 and not run.approximate):
        pobj = next((c for c in after.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.pos_ in ("NOUN", "PROPN") and (pobj.tag_ in ("NNS", "NNPS") or run.approximate):
            return pobj  # "dozens of protesters", "27 of the diplomats"
    return None  # includes "Article 23", "page 12": a number naming the noun before it


def _is_excluded(run: NumberRun, noun: Token) -> bool:
    doc = noun.doc
    first, last = run.tokens[0], run.tokens[-1]
    if any(t.ent_type_ in NOT_COUNTS for t in run.tokens if is_number_word(t)):
        return True
    if run.value == 1 and last.i + 1 < len(doc) and doc[last.i + 1].text == "China":
        return True  # "the one China policy": a name of a policy, not a count
    if noun.tag_ == "NNP" and not (last.i + 1 < len(doc) and doc[last.i + 1].lower_ == "of"):
        return True  # "the one China policy": a singular name is not counted
    if noun.tag_ == "NN" and noun.lower_.endswith("ing"):
        return True  # "58 abstaining": a participle the tagger took for a noun
    lemma = noun.lemma_.lower()
    if lemma in MEASURES or lemma in FRACTIONS or noun.lower_ in MEASURES or noun.ent_type_ in NOT_COUNTS:
        return True
    if first.i > 0 and (doc[first.i - 1].text in CURRENCY_SIGNS or doc[first.i - 1].lower_ in ("aged", "age")):
        return True
    if last.i + 1 < len(doc) and doc[last.i + 1].text == "-" and noun.i != last.i + 2:
        return True  # "34-year-old": a compound adjective, not a count
    if noun.i + 1 < len(doc) and doc[noun.i + 1].lower_ in DISTANCE_WORDS:
        return True  # "three rows behind him": a distance
    if noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in COMPARED_BY:
        return True  # "the size of three buses": a comparison
    if run.value == 1 and noun.dep_ == "nsubj" and noun.head.lemma_.lower() in REPORTING_VERBS:
        return True  # "one diplomat said": an indefinite speaker, not a count
    if len(run.tokens) == 1 and re.fullmatch(r"1[89]\d\d|20\d\d", first.text) and noun.tag_ not in ("NNS", "NNPS"):
        return True  # "2019 election": a year
    return False


def _unit_bounds(run: NumberRun, noun: Token) -> tuple[int, int]:
    """Token range of the counted noun phrase: modifiers, the noun and conjoined nouns."""
    doc = noun.doc
    start = run.tokens[-1].i + 1
    if doc[start].lower_ in ("of", "-"):
        start += 1
    while start < noun.i and (doc[start].dep_ in ("det", "poss") or is_number_word(doc[start])):
        start += 1  # "15 of its observers", "14 of the 18 cities'
    end = noun.i
    for conj in sorted(noun.conjuncts, key=lambda t: t.i):  # "Uighurs and other Turkic Muslims"
        if conj.i > end and conj.tag_ in ("NNS", "NNPS") and doc[end + 1].lower_ in ("and", "or") \
                and conj.left_edge.i == end + 2 and not any(is_number_word(t) for t in doc[end + 1 : conj.i]):
            end = conj.i
    if noun.lemma_.lower() in RELATIONAL and end + 1 < len(doc) and doc[end + 1].lower_ == "of" \
            and doc[end + 1].head == noun:
        end = doc[end + 1].right_edge.i  # "members of the European Parliament"
    return start, end + 1


def _qualifier(run: NumberRun) -> tuple[str | None, int]:
    """The qualifier right before the run and the token index where it starts."""
    doc = run.tokens[0].doc
    first = run.tokens[0].i
    for n in range(MAX_QUALIFIER, 0, -1):
        if first - n < 0:
            continue
        words = tuple(t.lower_ for t in doc[first - n : first])
        if n == 1 and words[0] in AMBIGUOUS_QUALIFIERS and doc[first - 1].dep_ in ("prep", "prt"):
            continue  # "complained over two raids": a preposition, not "more than"
        if words in QUALIFIERS:
            return QUALIFIERS[words], first - n
    return None, first


# -- events -------------------------------------------------------------------------------


def _event_ref(noun: Token, triggers: dict[int, str]) -> str | None:
    """The event whose trigger governs the counted noun within its clause."""
    for child in noun.children:  # "27 diplomats expelled on Monday"
        if child.dep_ in ("acl", "relcl") and child.i in triggers:
            return triggers[child.i]
    node = noun
    for _ in range(16):
        if node.i in triggers:
            return triggers[node.i]
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("xcomp", "aux", "auxpass", "amod"):
            return None  # the clause head was reached without meeting a trigger
        if node.head == node:
            return None
        node = node.head
    return None


# -- entry point ------------------------------------------------------------------------


def find_counts(doc: Doc, doc_id: str, triggers: dict[int, str]) -> list[CountRecord]:
    """Counts of one parsed article, in text order; `triggers` maps trigger token → event id."""
    records: list[CountRecord] = []
    for run in _runs(doc):
        noun = _counted_noun(run)
        if noun is not None and not _is_excluded(run, noun):
            unit_start, unit_end = _unit_bounds(run, noun)
            if unit_start < unit_end:
                records.append(_record(doc_id, run, doc[unit_start:unit_end].text, _event_ref(noun, triggers)))
        elif noun is None and _is_bare_crowd(run):
            records.append(_record(doc_id, run, "", _event_ref(run.tokens[-1], triggers)))
    return records


def _is_bare_crowd(run: NumberRun) -> bool:
    """"tens of thousands have fled": an approximate plural standing for people."""
    last = run.tokens[-1]
    return run.approximate and last.lower_ in PLURALS and last.dep_ in BARE_DEPS and last.ent_type_ not in NOT_COUNTS


def _record(doc_id: str, run: NumberRun, unit: str, event_ref: str | None) -> CountRecord:
    doc = run.tokens[0].doc
    qualifier, q_start = _qualifier(run)
    if qualifier is None and run.approximate:
        qualifier = "at least"
    last = run.tokens[-1]
    start = doc[q_start].idx
    return CountRecord(
        id=hashlib.sha1(f"{doc_id}|{start}|count".encode()).hexdigest()[:16],
        doc_id=doc_id,
        value=run.value,
        qualifier=qualifier,
        unit=unit,
        text=doc[q_start : last.i + 1].text,
        start=start,
        end=last.idx + len(last),
        event_ref=event_ref,
    )
