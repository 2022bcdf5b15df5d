"""The shipped tagger + parser (annotator.extract.syntax) on sentences written for these tests
and on the seed articles: offsets, subjects, appositions, coordination, names, lazy loading."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from annotator.corpus import iter_documents
from annotator.extract import syntax
from annotator.extract.sentences import sentence_spans
from annotator.extract.syntax import (
    ParsedSentence,
    Token,
    appositions,
    conjuncts,
    noun_phrase,
    parse_spans,
    propn_spans,
    subject_of,
)

REPO_ROOT = Path(__file__).resolve().parent.parent


def parse_one(sentence: str) -> ParsedSentence:
    (parsed,) = parse_spans(sentence, [(0, len(sentence))])
    return parsed


def word(sentence: ParsedSentence, text: str, nth: int = 0) -> Token:
    matches = [tok for tok in sentence if tok.text == text]
    return matches[nth]


def test_importing_the_package_and_extractor_does_not_load_spacy() -> None:
    code = (
        "import sys, annotator, annotator.extract, annotator.extract.syntax, annotator.cli\n"
        "from annotator.extract import extract_quotes\n"
        "extract_quotes('“We will go,” she said.')\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
        "assert 'thinc' not in sys.modules, 'thinc imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO_ROOT)


def test_model_is_shipped_inside_the_package_and_small() -> None:
    files = [path for path in syntax.MODEL_DIR.rglob("*") if path.is_file()]
    names = {path.relative_to(syntax.MODEL_DIR).as_posix() for path in files}
    assert {"config.cfg", "meta.json", "parser/model", "tagger/model", "LICENSE.md"} <= names
    assert "CC BY-SA 4.0" in (syntax.MODEL_DIR / "LICENSE.md").read_text(encoding="utf-8")
    assert sum(path.stat().st_size for path in files) < 15_000_000
    nlp = syntax.load_model()
    assert nlp.pipe_names == ["tok2vec", "tagger", "morphologizer", "parser"]
    assert syntax.load_model() is nlp  # loaded once


def test_offsets_point_into_the_original_text() -> None:
    text = "Headline here\n\nThe minister said on Monday that talks would resume.  Then nothing."
    start = text.index("The minister")
    end = text.index("resume.") + len("resume.")
    (sentence,) = parse_spans(text, [(start, end)])
    assert (sentence.start, sentence.end) == (start, end)
    assert [tok.text for tok in sentence][:3] == ["The", "minister", "said"]
    for tok in sentence:
        assert text[tok.start : tok.end] == tok.text
    said = word(sentence, "said")
    assert said.pos == "VERB" and said.tag == "VBD" and said.is_root
    assert subject_of(sentence, said) == word(sentence, "minister")


def test_a_span_is_parsed_as_one_sentence() -> None:
    text = "Officials said little. The talks, they added, would resume soon."
    (sentence,) = parse_spans(text, [(0, len(text))])
    assert len(sentence.roots) == 1


def test_spans_are_parsed_in_one_batch_in_order() -> None:
    text = "Kim said yes. Park said maybe. Lee said nothing."
    spans = sentence_spans(text)
    parsed = parse_spans(text, spans)
    assert [s.text for s in parsed] == ["Kim said yes.", "Park said maybe.", "Lee said nothing."]
    subjects = [subject_of(s, word(s, "said")) for s in parsed]
    assert [tok.text for tok in subjects if tok] == ["Kim", "Park", "Lee"]
    assert parse_spans(text, []) == []
    with pytest.raises(ValueError, match="outside the text"):
        parse_spans(text, [(0, len(text) + 5)])


def test_apposition_subject_is_the_spokesman_with_the_name_beside_it() -> None:
    sentence = parse_one("A ministry spokesman, Li Wei, said the talks would resume next week.")
    subject = subject_of(sentence, word(sentence, "said"))
    assert subject is not None and subject.text == "spokesman"
    assert noun_phrase(sentence, subject).text == "A ministry spokesman"
    (name,) = appositions(sentence, subject)
    assert noun_phrase(sentence, name).text == "Li Wei"
    assert noun_phrase(sentence, subject, appos=True).text == "A ministry spokesman, Li Wei"
    assert [span.text for span in propn_spans(sentence)] == ["Li Wei"]


def test_coordinated_subject_keeps_both_countries() -> None:
    sentence = parse_one("Japan and the Philippines said they would hold joint drills in May.")
    subject = subject_of(sentence, word(sentence, "said"))
    assert subject is not None and subject.text == "Japan"
    assert [tok.text for tok in conjuncts(sentence, subject)] == ["Japan", "Philippines"]
    assert noun_phrase(sentence, subject).text == "Japan"
    assert noun_phrase(sentence, subject, conj=True).text == "Japan and the Philippines"


def test_told_outlet_after_a_quotation() -> None:
    sentence = parse_one("“We will not back down,” he told Reuters on Tuesday.")
    told = word(sentence, "told")
    assert subject_of(sentence, told) == word(sentence, "he")
    assert [tok.text for tok in sentence.children(told, {"obj", "iobj"})] == ["Reuters"]
    assert [span.text for span in propn_spans(sentence)] == ["Reuters", "Tuesday"]


def test_inverted_cue_with_apposition_gives_the_person() -> None:
    sentence = parse_one(
        "“The alliance is strong,” said Jane Park, director of the Asia Program at the Lowy Institute."
    )
    subject = subject_of(sentence, word(sentence, "said"))
    assert subject is not None
    assert noun_phrase(sentence, subject).text == "Jane Park"
    heads = [
        tok
        for name in (subject, *sentence.children(subject))
        for tok in appositions(sentence, name)
    ]
    assert [tok.text for tok in heads] == ["director"]
    # the parse may attach "at the Lowy Institute" to "Program" or to "director"; both are the role
    role = noun_phrase(sentence, heads[0], nmod=True).text
    assert role in {
        "director of the Asia Program",
        "director of the Asia Program at the Lowy Institute",
    }


def test_cue_inserted_mid_sentence() -> None:
    sentence = parse_one("What Beijing wants, Kim said, is a freeze on the drills.")
    subject = subject_of(sentence, word(sentence, "said"))
    assert subject is not None and subject.text == "Kim"


def test_subject_is_shared_by_coordinated_and_controlled_verbs() -> None:
    sentence = parse_one("The envoy arrived in Seoul and said he wanted to meet Moon.")
    said = word(sentence, "said")
    assert said.dep == "conj"
    assert subject_of(sentence, said) == word(sentence, "envoy")


def test_noun_phrase_keeps_possessor_and_adjectives() -> None:
    sentence = parse_one("China's foreign ministry said on Friday that it opposed the sale.")
    subject = subject_of(sentence, word(sentence, "said"))
    assert subject is not None and subject.text == "ministry"
    assert noun_phrase(sentence, subject).text == "China's foreign ministry"
    assert [span.text for span in propn_spans(sentence)] == ["China", "Friday"]


def test_proper_name_chains() -> None:
    sentence = parse_one("Prime Minister Fumio Kishida met Joe Biden at the White House on Friday.")
    spans = [span.text for span in propn_spans(sentence)]
    assert "Joe Biden" in spans
    assert any("Fumio Kishida" in span for span in spans)
    for span in propn_spans(sentence):
        assert sentence.text[span.start - sentence.start : span.end - sentence.start] == span.text


def test_seed_sentences_with_quotes_parse_with_exact_token_offsets() -> None:
    documents = list(iter_documents([REPO_ROOT / "seeds"]))
    assert documents
    for document in documents:
        text = document.text
        spans = [(s, e) for s, e in sentence_spans(text) if any(m in text[s:e] for m in '“"')]
        assert len(spans) > 10
        parsed = parse_spans(text, spans)
        assert len(parsed) == len(spans)
        for (start, end), sentence in zip(spans, parsed, strict=True):
            covered = "".join(text[tok.start : tok.end] for tok in sentence)
            assert covered == "".join(text[start:end].split())
            assert len(sentence.roots) == 1
            assert all(0 <= tok.head < len(sentence) for tok in sentence)
            assert all(tok.pos and tok.tag and tok.dep for tok in sentence if tok.text.strip())
