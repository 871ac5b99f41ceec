"""The function API: one text, a batch, and the parallel path giving the same records."""

from __future__ import annotations

import json
import os

import pytest

from conftest import SAMPLE
from newsledger.ingest import read_inputs
from newsledger.pipeline import Pipeline
from newsledger.records import ArticleInput, InputError, event_from_dict, to_dict
from newsledger.settings import Settings


def test_process_one_text(pipeline):
    result = pipeline.process("Britain and the EU imposed sanctions on Russia on Friday.", published="2021-12-03")
    assert result.article.chars == len("Britain and the EU imposed sanctions on Russia on Friday.")
    (event,) = result.events
    assert [a.name for a in event.actor] == ["United Kingdom", "European Union"]
    assert event.date == "2021-12-03"  # "on Friday" in a Friday paper is that day


def test_records_round_trip_through_dicts(pipeline):
    event = pipeline.process("Germany expelled two Russian diplomats.").events[0]
    assert event_from_dict(to_dict(event)) == event


def test_too_long_text_is_an_error_not_a_crash():
    small = Pipeline(Settings(max_chars=200))
    batch = [
        ArticleInput("long", "Germany expelled two Russian diplomats. " * 20, source="long.txt"),
        ArticleInput("short", "Germany expelled two Russian diplomats."),
    ]
    out = list(small.process_batch(batch))
    assert isinstance(out[0], InputError) and out[0].source == "long.txt"
    assert out[1].article.doc_id == "short" and out[1].events


@pytest.mark.parametrize("workers", [1, 2])
def test_parallel_matches_serial(pipeline, workers):
    articles = [a for a in read_inputs([str(SAMPLE)]) if isinstance(a, ArticleInput)]
    serial = [to_dict(e) for r in pipeline.process_batch(articles, workers=1) for e in r.events]
    parallel = [to_dict(e) for r in pipeline.process_batch(articles, workers=workers) for e in r.events]
    assert serial and parallel == serial


def test_quotes_and_counts_share_the_event_actors(pipeline):
    text = (
        "Kremlin spokesman Dmitry Peskov said on Friday that Moscow would respond. "
        '"This is a hostile step," he told reporters, after Germany expelled 40 Russian diplomats.'
    )
    result = pipeline.process(text, published="2022-04-08")
    (event,) = [e for e in result.events if e.event_type == "SANCTION"]
    quote = next(q for q in result.quotes if q.direct)
    assert quote.content == "This is a hostile step"
    assert quote.speaker.name == "Dmitry Peskov" and quote.speaker_resolution == "coreference"
    (count,) = result.counts
    assert (count.value, count.unit) == (40, "Russian diplomats")
    assert count.event_ref == event.id
    kinds = [r.kind for r in result.records()]
    assert kinds[0] == "article" and {"event", "quote", "count"} <= set(kinds)


def test_a_long_article_costs_time_in_proportion_to_its_length(pipeline):
    """Per-sentence work once scanned the whole document (sentence starts set one by one,
    Token.sent, Doc.ents, Doc.text per event): 100k characters took 45 s against 1.5 s for
    40k. A tenfold longer article must now cost about tenfold, with room for a busy machine."""
    import time

    paragraphs = [json.loads(line)["text"] for line in (SAMPLE / "police-conflict.jsonl").read_text().splitlines()]
    text = "\n\n".join(paragraphs * 20)
    timings = []
    for size in (15_000, 150_000):
        started = time.perf_counter()
        pipeline.process(text[:size], published="2023-01-01")
        timings.append(time.perf_counter() - started)
    assert timings[1] < 16 * timings[0] + 2.0, timings


def test_pieces_of_a_long_text_join_back_and_end_at_breaks():
    from newsledger.pipeline import pieces

    paragraphs = [json.loads(line)["text"] for line in (SAMPLE / "police-conflict.jsonl").read_text().splitlines()]
    text = "\n\n".join(paragraphs * 3)
    parts = pieces(text, 5_000)
    assert len(parts) > 3 and "".join(parts) == text
    assert all(len(p) <= 5_000 for p in parts)
    assert all(p.endswith("\n\n") for p in parts[:-1])  # the sample's paragraphs are short: a blank line is near
    run_on = "word " * 3_000  # no break but spaces: cut after one
    assert "".join(pieces(run_on, 1_000)) == run_on and all(p.endswith(" ") for p in pieces(run_on, 1_000)[:-1])
    assert pieces("x" * 2_500, 1_000) == ["x" * 1_000, "x" * 1_000, "x" * 500]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_long_article_parsed_in_pieces_is_coded_as_one(pipeline, monkeypatch, workers):
    """Pieces are parsed apart (spaCy's parser slows on very long texts) and coded as one
    article: the same events, quotes and counts as parsing the text whole, with offsets
    into the whole text, in input order among other articles."""
    import newsledger.pipeline as module

    paragraphs = [json.loads(line)["text"] for line in (SAMPLE / "police-conflict.jsonl").read_text().splitlines()]
    text = "\n\n".join(paragraphs[:12])
    batch = [ArticleInput("before", paragraphs[20]), ArticleInput("long", text), ArticleInput("after", paragraphs[21])]
    whole = list(pipeline.process_batch(batch))
    monkeypatch.setattr(module, "PIECE_CHARS", 2_000)
    assert len(module.pieces(text)) > 3
    split = list(pipeline.process_batch(batch, workers=workers))
    assert [r.article.doc_id for r in split] == ["before", "long", "after"]

    def key(result):
        return ({(e.event_type, e.evidence.start, e.evidence.trigger_start, tuple(a.country for a in e.actor)) for e in result.events},
                {(q.start, q.end) for q in result.quotes}, {(c.start, c.value) for c in result.counts})

    assert key(split[1]) == key(whole[1]) and split[1].events
    assert all(text[e.evidence.start : e.evidence.end] == e.evidence.text for e in split[1].events)
    assert [key(r) for r in (split[0], split[2])] == [key(r) for r in (whole[0], whole[2])]


class _DyingPipeline:
    """Stands in for a Pipeline whose worker process is killed mid-task (out of memory)."""

    def process_batch(self, articles, workers=None):
        os._exit(9)


def test_a_worker_that_dies_ends_the_run_with_an_error_not_a_wait():
    from concurrent.futures.process import BrokenProcessPool

    from newsledger.parallel import code_in_processes

    with pytest.raises(BrokenProcessPool):
        list(code_in_processes(_DyingPipeline(), [ArticleInput(doc_id=f"a{i}", text="Text.") for i in range(40)], 2))


def test_token_words_index_agrees_with_the_tokens_and_leaves_with_the_coder(pipeline):
    """The per-article word index the coder's scans read is each token's own lower-cased
    form and lemma (capitalised lemmas of names and headline words included), and it is not
    shipped with the Doc."""
    from newsledger.nlp.sentences import WORDS_KEY, token_words

    nlp = pipeline.nlp
    with nlp.select_pipes(disable=["newsledger_coder"]):
        doc = nlp("Protesters Marched on PARIS. The Ministry said it Was Considering new Curbs.\n\nNATO agreed.")
    lowers, lemmas = token_words(doc)
    assert lowers == [t.lower_ for t in doc]
    assert lemmas == [t.lemma_.lower() for t in doc]
    assert any(t.lemma_ != t.lemma_.lower() for t in doc)  # the sentence has capitalised lemmas to fold
    assert token_words(nlp.make_doc("")) == ([], [])
    nlp.get_pipe("newsledger_coder")(doc)
    assert WORDS_KEY not in doc.user_data
