"""Turn annotators' drafts into offset-only gold, so no article text enters the project.

A draft line quotes what it refers to, for the annotator's convenience:
    {"doc_id": ..., "sentence": "<the sentence, verbatim>", "trigger": "<words in it>",
     "event_type": ..., "mode": [], "modality": ..., "context": [...], "date": ...,
     "actor": [{"text": "<words in the sentence>" | null, "name": ..., "code": ..., "sector": ...}],
     "recipient": [...]}
The gold line keeps the coding and replaces every quotation by character offsets into the
article (`sentence_start/end`, `trigger_start/end`, each entity's `start/end`). An entity
with no words in the sentence (an agentless passive, a party named elsewhere) keeps only
its `name`, `code` and `sector`. `{"doc_id": ..., "no_events": true}` marks an annotated
article without events and is kept as it is.

    .venv/bin/python evaluation/anchor_gold.py DRAFT.jsonl --articles ARTICLES.jsonl [--out GOLD.jsonl] [--key-ids]

With --key-ids (for articles we may not copy) the gold names each article by `doc_key(id)`,
a digest of its id: a slug id repeats the article's words.

Exit 1 with one line per draft record that cannot be anchored.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from newsledger.evaluation.gold import doc_key

FIELDS = ("event_type", "mode", "modality", "context", "date")


def _find(haystack: str, needle: str, start: int = 0) -> tuple[int, int] | None:
    at = haystack.find(needle, start)
    if at >= 0:
        return at, at + len(needle)
    pattern = r"\s+".join(re.escape(w) for w in needle.split())
    found = re.compile(pattern).search(haystack, start) if pattern else None
    return found.span() if found else None


def _entity(entity: dict, text: str, sentence: tuple[int, int]) -> dict:
    out = {k: entity[k] for k in ("name", "code", "sector") if entity.get(k)}
    words = entity.get("text")
    if words:
        span = _find(text[: sentence[1]], words, sentence[0])
        if span is None:
            raise ValueError(f"entity {words!r} not in the sentence")
        out["start"], out["end"] = span
    elif not out.get("name"):
        raise ValueError("an entity needs `text` or `name`")
    return out


def anchor(draft: dict, text: str) -> dict:
    sentence = _find(text, draft["sentence"])
    if sentence is None:
        raise ValueError("sentence not in the article")
    trigger = _find(text[: sentence[1]], draft["trigger"], sentence[0])
    if trigger is None:
        raise ValueError(f"trigger {draft['trigger']!r} not in the sentence")
    gold = {"doc_id": draft["doc_id"], **{k: draft.get(k) for k in FIELDS}}
    gold["mode"] = gold["mode"] or []
    gold["context"] = gold["context"] or []
    gold["modality"] = gold["modality"] or "asserted"
    gold["sentence_start"], gold["sentence_end"] = sentence
    gold["trigger_start"], gold["trigger_end"] = trigger
    for side in ("actor", "recipient"):
        gold[side] = [_entity(e, text, sentence) for e in draft.get(side) or []]
    return gold


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("draft", type=Path)
    parser.add_argument("--articles", type=Path, action="append", required=True)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--key-ids", action="store_true", help="name articles by a digest of their id")
    args = parser.parse_args(argv)
    texts = {}
    for path in args.articles:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                texts[row["id"]] = row["text"]
    out, failed = [], 0
    for number, line in enumerate(args.draft.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            draft = json.loads(line)
            if draft["doc_id"] not in texts:
                raise ValueError(f"unknown doc_id {draft['doc_id']!r}")
            if draft.get("no_events"):
                out.append({"doc_id": draft["doc_id"], "no_events": True})
            else:
                out.append(anchor(draft, texts[draft["doc_id"]]))
        except (ValueError, KeyError, TypeError, json.JSONDecodeError) as exc:
            failed += 1
            print(f"{args.draft}:{number}: {exc}", file=sys.stderr)
    if args.key_ids:
        out = [{**g, "doc_id": doc_key(g["doc_id"])} for g in out]
    lines = "".join(json.dumps(g, ensure_ascii=False) + "\n" for g in out)
    if args.out:
        args.out.write_text(lines, encoding="utf-8")
    else:
        sys.stdout.write(lines)
    print(f"{len(out)} anchored, {failed} failed", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
