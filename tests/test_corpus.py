"""Corpus loading and cleaning: the two seed articles and small articles written for each rule."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from annotator.corpus import (
    build_document,
    clean_article,
    corpus_files,
    iter_documents,
    parse_date,
    split_boilerplate,
    word_count,
)
from annotator.errors import InvalidFileError
from annotator.models import Document, sha256_text

SEED_WITH_HEADER = "000_f0025863dcde12f7"
SEED_PLAIN = "002_ca6aa25ebd0c7d75"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
QUOTE_MARKS = ("“", "”", "‘", "’", '"', "'")
BOILERPLATE_OPENINGS = (
    "Note to readers",
    "The original source of this article is",
    "Copyright ©",
    "Disclaimer:",
    "Featured image is from",
    "Become a Member",
    "Comment on Global Research Articles",
    "For media inquiries",
    "can be read in 51 languages",
)


@pytest.fixture(scope="module")
def seed_documents() -> dict[str, Document]:
    return {document.id: document for document in iter_documents([SEEDS])}


def raw_seed(seeds_dir: Path, document_id: str) -> str:
    return (seeds_dir / f"{document_id}.txt").read_text(encoding="utf-8")


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# --------------------------------------------------------------------------- seed 000 (header)


def test_seed_folder_lists_both_articles_in_file_name_order(seeds_dir: Path) -> None:
    ids = [document.id for document in iter_documents([seeds_dir])]
    assert ids == [SEED_WITH_HEADER, SEED_PLAIN]


def test_header_seed_metadata(seed_documents: dict[str, Document]) -> None:
    document = seed_documents[SEED_WITH_HEADER]
    assert document.title == (
        "China-South Korea Relations: Two Parallel Visits, or “We’ll Dance with Both of You”"
    )
    assert document.author == "Dr. Konstantin Asmolov"
    assert document.outlet == "Asia-Pacific Research"
    assert document.published == "2021-04-26"
    assert document.region == ["China", "East Asia", "USA"]
    assert document.theme == ["Politics"]
    # the second outlet/date line is kept, not lost
    assert "New Eastern Outlook" in str(document.metadata["outlets"])
    assert "2021-04-23" in str(document.metadata["dates"])
    assert document.sha256 == sha256_text(document.text)


def test_header_seed_text_starts_with_the_body_and_has_no_header_lines(
    seed_documents: dict[str, Document],
) -> None:
    text = seed_documents[SEED_WITH_HEADER].text
    assert text.startswith("Two important visits took place on April 2-3, 2021")
    assert text.endswith("to see how such acrobatics will end.")
    for header_fragment in ("By Dr.", "Region:", "Theme:", "Asia-Pacific Research, April 26"):
        assert header_fragment not in text


def test_header_seed_has_no_markdown_residue(seed_documents: dict[str, Document]) -> None:
    document = seed_documents[SEED_WITH_HEADER]
    for residue in ("](", "(#)", "**", "[", "]"):
        assert residue not in document.text
    # the linked words themselves stay: "[going wel](#)" -> "going wel"
    assert "are going wel." in document.text
    assert "Foreign Minister Chung Eui-yong met with Chinese Foreign Minister Wang Yi" in (
        document.text
    )


def test_header_seed_boilerplate_is_cut_and_kept(seed_documents: dict[str, Document]) -> None:
    document = seed_documents[SEED_WITH_HEADER]
    kept = "\n".join(document.boilerplate)
    for opening in BOILERPLATE_OPENINGS:
        assert opening not in document.text, opening
        assert opening in kept, opening
    # the closing author bio is boilerplate too
    assert "leading research fellow" not in document.text
    assert "leading research fellow" in kept


def test_broken_paragraphs_are_joined(seed_documents: dict[str, Document]) -> None:
    text = seed_documents[SEED_WITH_HEADER].text
    assert "US policy toward the DPRK and its provocative actions, as well as" in text
    assert "appeared in the joint statement at the end of the meeting" in text


@pytest.mark.parametrize("document_id", [SEED_WITH_HEADER, SEED_PLAIN])
def test_quote_marks_are_kept_exactly(
    seeds_dir: Path, seed_documents: dict[str, Document], document_id: str
) -> None:
    """Every quotation mark and apostrophe of the raw file is in the text, title or boilerplate."""
    raw = raw_seed(seeds_dir, document_id)
    document = seed_documents[document_id]
    for mark in QUOTE_MARKS:
        cleaned = (
            document.text.count(mark)
            + (document.title or "").count(mark)
            + sum(paragraph.count(mark) for paragraph in document.boilerplate)
        )
        assert cleaned == raw.count(mark), mark
    assert "“very important,”" in seed_documents[SEED_WITH_HEADER].text


# --------------------------------------------------------------------------- seed 002 (plain)


def test_plain_seed_has_no_header_metadata(seed_documents: dict[str, Document]) -> None:
    document = seed_documents[SEED_PLAIN]
    assert document.title is None
    assert document.outlet is None
    assert document.published is None
    assert document.region == [] and document.theme == []
    # the author comes from the closing bio, which is cut from the text
    assert document.author == "Konstantin Asmolov"
    assert document.metadata.get("author_from") == "closing bio"
    assert document.boilerplate == [
        "Konstantin Asmolov, PhD in History, Leading research fellow at the Center for Korean "
        "Studies, Institute of China and Modern Asia, Russian Academy of Sciences"
    ]


def test_plain_seed_single_newline_lines_are_paragraphs(
    seeds_dir: Path, seed_documents: dict[str, Document]
) -> None:
    document = seed_documents[SEED_PLAIN]
    raw_lines = [line.strip() for line in raw_seed(seeds_dir, SEED_PLAIN).splitlines()]
    raw_lines = [line for line in raw_lines if line]
    # every raw line but the closing bio is one paragraph, unchanged
    assert document.text.split("\n\n") == raw_lines[:-1]
    assert len(document.paragraphs()) == len(raw_lines) - 1


def test_plain_seed_section_headings_are_spans(seed_documents: dict[str, Document]) -> None:
    document = seed_documents[SEED_PLAIN]
    assert [heading.text for heading in document.headings] == [
        "Contacts between top officials",
        "Exchange of delegations at a lower level",
        "Replacing the two countries’ ambassadors",
        "Grounds for hope?",
    ]
    for heading in document.headings:
        assert document.text[heading.start : heading.end] == heading.text
        # a heading is a paragraph of its own
        assert document.text[heading.end : heading.end + 2] == "\n\n"
        assert document.text[heading.start - 2 : heading.start] == "\n\n"


def test_header_seed_has_no_false_headings(seed_documents: dict[str, Document]) -> None:
    # "Let’s start with the visit to China." ends with a full stop: a sentence, not a heading
    assert seed_documents[SEED_WITH_HEADER].headings == []


# --------------------------------------------------------------------------- rules, own sentences

BODY = (
    "The minister said the talks were “very important” and that Seoul’s stance hadn’t changed.\n\n"
    "Officials in Washington said they would wait and see what happens next in the talks.\n\n"
    "Analysts in Beijing said the meeting was a sign of a thaw between the two neighbours.\n"
)


def test_links_images_and_emphasis_markers_are_removed() -> None:
    cleaned = clean_article(
        "He visited [the ministry](https://example.org/a) and ![a photo](img.png) said "
        "**it went well** and *very* well, as __noted__ before.\n\n" + BODY
    )
    first = cleaned.text.split("\n\n")[0]
    assert first == (
        "He visited the ministry and a photo said it went well and very well, as noted before."
    )


def test_literal_brackets_and_asterisks_that_are_not_markup_are_kept() -> None:
    line = "The [bold] claim, [red]x[/red] and 2 * 3 * 4 = 24 and a*b stay [as written]."
    cleaned = clean_article(line + "\n\n" + BODY)
    assert cleaned.text.split("\n\n")[0] == line


def test_many_unclosed_bold_markers_are_cleaned_in_linear_time() -> None:
    # used to take a minute (quadratic regex); the benchmark measures speed, this checks output
    line = "Start of text. " + "**a " * 20_000 + "end."
    cleaned = clean_article(line + "\n\n" + BODY)
    assert cleaned.text.split("\n\n")[0] == line


def test_crlf_bom_nbsp_and_invisible_characters_are_normalised(tmp_path: Path) -> None:
    plain = write(tmp_path, "plain.txt", BODY)
    messy_text = "\ufeff" + BODY.replace("\n", "\r\n").replace(" talks", "\u00a0talks")
    messy_text = messy_text.replace("Officials", "Offi\u200bcials\t ")
    messy = write(tmp_path, "messy.txt", messy_text)
    plain_doc, messy_doc = list(iter_documents([plain, messy]))
    assert messy_doc.text == plain_doc.text
    for oddity in ("\r", "\ufeff", "\u00a0", "\u200b", "\t", "  "):
        assert oddity not in messy_doc.text


def test_broken_sentence_joined_only_when_next_line_starts_lower_case() -> None:
    cleaned = clean_article(
        "The ministers discussed the policy of the United States toward the DPRK\n\n"
        "and its provocative actions in the region.\n\n"
        "The ministers also discussed trade between the two neighbouring countries\n\n"
        "Beijing wants more exports of chips, officials said on Monday.\n\n" + BODY
    )
    paragraphs = cleaned.text.split("\n\n")
    assert paragraphs[0] == (
        "The ministers discussed the policy of the United States toward the DPRK "
        "and its provocative actions in the region."
    )
    assert paragraphs[1] == (
        "The ministers also discussed trade between the two neighbouring countries"
    )
    assert paragraphs[2].startswith("Beijing wants")


def test_short_unpunctuated_line_between_paragraphs_is_a_heading() -> None:
    cleaned = clean_article(
        "Seoul is trying to keep good relations with both of its big partners.\n\n"
        "The view from Beijing\n\n"
        "Chinese officials said they welcomed the visit of the minister.\n\n"
        "Why now?\n\n"
        "The timing was chosen to coincide with the summit, aides said.\n"
    )
    assert [heading.text for heading in cleaned.headings] == ["The view from Beijing", "Why now?"]
    for heading in cleaned.headings:
        assert cleaned.text[heading.start : heading.end] == heading.text


def test_markdown_file_with_header_and_heading(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "seoul-tightrope.md",
        "# Seoul walks a tightrope\n\nBy Jane Roe\n\nThe Example Times, 5 March 2024\n\n"
        "Region: Asia, Korea\n\nTheme: Diplomacy\n\n"
        "The minister said the talks were “very important” and the talks went well.\n\n"
        "## A second section\n\n"
        "It is 'unclear' whether Washington will agree, an official said on Monday.\n\n"
        "Copyright © 2024 The Example Times\n",
    )
    (document,) = iter_documents([path])
    assert document.id == "seoul-tightrope"
    assert document.title == "Seoul walks a tightrope"
    assert document.author == "Jane Roe"
    assert document.outlet == "The Example Times"
    assert document.published == "2024-03-05"
    assert document.region == ["Asia", "Korea"]
    assert document.theme == ["Diplomacy"]
    assert [heading.text for heading in document.headings] == ["A second section"]
    assert "#" not in document.text
    assert "Copyright" not in document.text
    assert document.boilerplate == ["Copyright © 2024 The Example Times"]


def test_copyright_early_in_the_body_is_not_boilerplate() -> None:
    opening = "Copyright law was the first topic the two ministers discussed on Monday."
    cleaned = clean_article(opening + "\n\n" + BODY + "\nA fourth paragraph closes it all.\n")
    assert cleaned.text.startswith(opening)
    assert cleaned.boilerplate == []


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Asia-Pacific Research, April 26, 2021", "2021-04-26"),
        ("New Eastern Outlook 23 April 2021", "2021-04-23"),
        ("Posted 2024-11-05 by the desk", "2024-11-05"),
        ("Sept. 3, 2020", "2020-09-03"),
    ],
)
def test_dates_become_iso(text: str, iso: str) -> None:
    found = parse_date(text)
    assert found is not None and found[0] == iso


def test_impossible_date_is_not_a_date() -> None:
    assert parse_date("February 30, 2021") is None


def test_word_count_counts_words_with_apostrophes_and_hyphens_once() -> None:
    assert word_count("Seoul’s well-known stance isn't new.") == 5


# --------------------------------------------------------------------------- JSONL


def test_jsonl_corpus_with_metadata(tmp_path: Path) -> None:
    lines = [
        {
            "id": "kt-2024-01",
            "text": "By John Burton\n\n" + BODY,
            "title": "A détente?",
            "outlet": "The Korea Times",
            "published": "November 20, 2024",
            "region": ["Korea", "China"],
            "theme": "Politics, Diplomacy",
            "url": "https://example.org/kt",
            "words": 120,
            "tags": ["x", "y"],
        },
        {"id": "plain", "text": BODY},
    ]
    path = write(tmp_path, "corpus.jsonl", b"".join(orjson.dumps(line) + b"\n" for line in lines))
    first, second = iter_documents([path])
    assert first.id == "kt-2024-01"
    assert first.source == f"{path}:1" and second.source == f"{path}:2"
    assert first.title == "A détente?"
    assert first.author == "John Burton"  # from the text's byline
    assert first.outlet == "The Korea Times"
    assert first.published == "2024-11-20"
    assert first.region == ["Korea", "China"]
    assert first.theme == ["Politics", "Diplomacy"]
    assert first.metadata["url"] == "https://example.org/kt"
    assert first.metadata["words"] == 120
    assert orjson.loads(str(first.metadata["tags"])) == ["x", "y"]
    assert first.text == second.text == clean_article(BODY).text


@pytest.mark.parametrize(
    ("second_line", "expected"),
    [
        (b'{"id": "b", "text": ', ":2: not valid JSON"),
        (b"[1, 2]", ": line 2: expected a JSON object"),
        (b'{"id": "b"}', ': line 2: missing or empty "text"'),
        (b'{"id": 7, "text": "Hello there."}', ': line 2: missing or non-string "id"'),
        (b'{"id": "../b", "text": "Hello there."}', ": line 2: id: '../b' is not a safe name"),
        (b'{"id": "b", "text": "Hi.", "published": "soon"}', ":2: published: Invalid isoformat"),
        (b'{"id": "a", "text": "Hello again."}', ":2: document id 'a' already used by"),
    ],
)
def test_bad_jsonl_line_names_file_and_line(
    tmp_path: Path, second_line: bytes, expected: str
) -> None:
    path = write(tmp_path, "corpus.jsonl", b'{"id": "a", "text": "Hello there."}\n' + second_line)
    with pytest.raises(InvalidFileError) as caught:
        list(iter_documents([path]))
    message = str(caught.value)
    assert message.startswith(str(path))
    # the JSON parse error names the line differently; accept both spellings
    assert expected in message.replace(
        f"{path}: not valid JSON (line 2", f"{path}:2: not valid JSON"
    )
    assert "\n" not in message


def test_blank_lines_in_jsonl_are_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "c.jsonl", b'\n{"id": "a", "text": "Hello there."}\n\n')
    assert [document.id for document in iter_documents([path])] == ["a"]


# --------------------------------------------------------------------------- files and ids


def test_folder_documents_come_in_file_name_order(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "10.txt", "2.txt"):
        write(tmp_path, name, BODY)
    write(tmp_path, "notes.json", b"{}")  # not a corpus file: ignored
    assert [path.name for path in corpus_files([tmp_path])] == ["10.txt", "2.txt", "a.md", "b.txt"]
    assert [document.id for document in iter_documents([tmp_path])] == ["10", "2", "a", "b"]


def test_duplicate_ids_across_files_are_refused(tmp_path: Path) -> None:
    write(tmp_path, "same.txt", BODY)
    write(tmp_path, "same.md", BODY)
    with pytest.raises(InvalidFileError, match=r"same\.txt: document id 'same' already used by"):
        list(iter_documents([tmp_path]))


def test_document_id_from_awkward_file_name(tmp_path: Path) -> None:
    path = write(tmp_path, "Seoul & Beijing (draft).txt", BODY)
    (document,) = iter_documents([path])
    assert document.id == "Seoul_Beijing_draft"


@pytest.mark.parametrize(
    ("name", "expected"), [("con.txt", "con_"), ("NUL.final.md", "NUL_.final")]
)
def test_a_file_named_like_a_windows_device_gets_a_storable_id(
    tmp_path: Path, name: str, expected: str
) -> None:
    (document,) = iter_documents([write(tmp_path, name, BODY)])
    assert document.id == expected


def test_unsupported_single_file_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "article.docx", BODY)
    with pytest.raises(InvalidFileError, match=r"article\.docx: unsupported file type \.docx"):
        list(iter_documents([path]))


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(Exception, match=r"no-such-folder: no such file or folder"):
        list(iter_documents([tmp_path / "no-such-folder"]))


def test_build_document_offsets_refer_to_cleaned_text() -> None:
    document = build_document("**Bold** start [x](#) here.\n\n" + BODY, "d1", "inline")
    assert document.text.startswith("Bold start x here.")
    assert document.sha256 == sha256_text(document.text)


def test_boilerplate_like_line_in_the_body_does_not_cut_the_rest() -> None:
    long_paragraph = "The talks covered trade, security and the peninsula in detail. " * 40
    article = "\n\n".join(
        [long_paragraph] * 3
        + ["Read more: Seoul and Tokyo agree on a hotline"]
        + [long_paragraph] * 3
        + ["Copyright © 2024 The Example Times", "Disclaimer: views are the author's own."]
    )
    cleaned = clean_article(article)
    assert cleaned.text.count(long_paragraph.strip()) == 6
    assert "Read more: Seoul and Tokyo agree on a hotline" in cleaned.text
    assert cleaned.boilerplate == [
        "Copyright © 2024 The Example Times",
        "Disclaimer: views are the author's own.",
    ]


def test_a_closing_paragraph_that_reports_speech_is_no_author_bio() -> None:
    body = [
        "Trump said he would most likely meet Kim again.",
        "Lyu Chao, director of the Border Study Institute at a provincial academy, said a "
        "second summit would focus on specific issues.",
    ]
    kept, cut, author = split_boilerplate(body)
    assert kept == body and cut == [] and author is None
    bio = [
        "Trump said he would most likely meet Kim again.",
        "Ivo Berg, director of the Asia Program at the Harbour Institute",
    ]
    kept, cut, author = split_boilerplate(bio)
    assert kept == bio[:1] and cut == bio[1:] and author == "Ivo Berg"
