"""Pydantic models: the one definition of every file format the project reads or writes.

Offsets everywhere are Python ``str`` indices into ``Document.text`` (the cleaned text),
``start`` inclusive and ``end`` exclusive.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from enum import StrEnum
from functools import cached_property
from typing import Annotated, Any, Literal, Protocol

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    ValidationInfo,
    field_validator,
    model_serializer,
    model_validator,
)

SCHEMA_VERSION = 1  # documents (and the JSON export)
ANNOTATION_SCHEMA_VERSION = 2  # annotation files (see annotator.migrations)
MANUAL_EXTRACTOR = "manual"  # LabelledQuote.extractor of a quote the annotator made

_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_QUOTE_ID = re.compile(r"q(\d+)-(\d+)")


# names Windows cannot store as files, whatever their extension or case
_WINDOWS_RESERVED = re.compile(r"(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?", re.IGNORECASE)


def is_windows_reserved(value: str) -> bool:
    """``con``, ``NUL.json``, ``com1.x``…: names Windows cannot give a file."""
    return _WINDOWS_RESERVED.fullmatch(value) is not None


def current_extractor_version() -> str:
    """``annotator.extract.version.EXTRACTOR_VERSION``, imported only when a label needs it.

    (Importing it runs ``annotator.extract``'s package ``__init__``, which loads the extractor:
    commands that only read annotation files stay fast.)
    """
    from annotator.extract.version import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


def check_safe_name(value: str) -> str:
    """Accept names usable as one path component on every system: no slashes, no ``..``, no
    leading dot, no trailing dot or space, none of Windows' reserved device names."""
    if not _SAFE_NAME.fullmatch(value) or ".." in value or len(value) > 200:
        raise ValueError(
            f"{value!r} is not a safe name: use letters, digits, '_', '.', '-' "
            "(starting with a letter or digit, no '..', at most 200 characters)"
        )
    if value.endswith((".", " ")):
        raise ValueError(f"{value!r} is not a safe name: it ends with a dot (Windows drops it)")
    if is_windows_reserved(value):
        raise ValueError(
            f"{value!r} is not a safe name: Windows reserves it for a device (con, prn, aux, "
            "nul, com1-9, lpt1-9, with any extension)"
        )
    return value


def check_quote_id(value: str) -> str:
    # the format itself is checked by the pattern of the QuoteId type; here: start < end
    start, _, end = value[1:].partition("-")
    if not (start.isdigit() and end.isdigit() and value[:1] == "q") or int(start) >= int(end):
        raise ValueError(f"{value!r} is not a quote id of the form q<start>-<end> with start < end")
    return value


SafeName = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=200),
    AfterValidator(check_safe_name),
]
DocumentId = SafeName
AnnotatorName = SafeName
QuoteId = Annotated[
    str, StringConstraints(pattern=r"^q[0-9]+-[0-9]+$"), AfterValidator(check_quote_id)
]


def quote_id_for(start: int, end: int) -> str:
    """The id of the quote spanning ``[start, end)``: the same span always has the same id."""
    return f"q{start}-{end}"


def span_of_quote_id(quote_id: str) -> tuple[int, int]:
    """Inverse of :func:`quote_id_for`."""
    match = _QUOTE_ID.fullmatch(quote_id)
    if not match:
        raise ValueError(f"{quote_id!r} is not a quote id")
    return int(match.group(1)), int(match.group(2))


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


class StrictModel(BaseModel):
    """Base of every file model: unknown fields are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", validate_assignment=False)


# --------------------------------------------------------------------------- documents


class QuoteKind(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class QuoteOrigin(StrEnum):
    AUTO = "auto"
    MANUAL = "manual"


class Quote(StrictModel):
    """One quote (direct, reported or mixed) with its attribution."""

    id: QuoteId = Field(description="q<start>-<end>; derived from the span")
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    text: str = Field(description="Exactly document.text[start:end]")
    kind: QuoteKind
    speaker: str | None = Field(default=None, description="Fullest name of who said it")
    speaker_role: str | None = Field(
        default=None, description="Role or title split off the speaker"
    )
    outlet: str | None = Field(
        default=None, description="Media outlet the quote is cited from; null if none"
    )
    cue: str | None = Field(default=None, description="Reporting verb or phrase")
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    origin: QuoteOrigin = QuoteOrigin.AUTO
    replaces: QuoteId | None = Field(
        default=None, description="For a re-bounded quote: the id of the quote it replaces"
    )

    @model_validator(mode="after")
    def _span_matches_id(self) -> Quote:
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be greater than start ({self.start})")
        if self.id != quote_id_for(self.start, self.end):
            raise ValueError(
                f"id {self.id!r} does not match its span (expected {quote_id_for(self.start, self.end)!r})"
            )
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"text has {len(self.text)} characters but the span {self.start}-{self.end} "
                f"has {self.end - self.start}"
            )
        return self

    @classmethod
    def from_span(cls, document_text: str, start: int, end: int, **fields: Any) -> Quote:
        """Build a quote over ``document_text[start:end]`` with its derived id and text."""
        return cls(
            id=quote_id_for(start, end),
            start=start,
            end=end,
            text=document_text[start:end],
            **fields,
        )


class Span(StrictModel):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class EntityKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"
    OUTLET = "outlet"


class Entity(StrictModel):
    """A speaker or outlet named in a document, with the other forms it appears in."""

    name: str
    kind: EntityKind
    aliases: list[str] = Field(default_factory=list)
    mentions: int = Field(default=0, ge=0)


MetadataValue = str | int | float | bool | None


class Document(StrictModel):
    """One cleaned article with its metadata and its (extracted) quotes."""

    schema_version: Literal[1] = SCHEMA_VERSION
    id: DocumentId
    source: str = Field(description="Where the text came from (path, or path:line for JSONL)")
    sha256: str = Field(description="SHA-256 of text (UTF-8)")
    title: str | None = None
    author: str | None = None
    outlet: str | None = Field(default=None, description="Outlet(s) that published the article")
    published: str | None = Field(default=None, description="Publication date, ISO 8601")
    region: list[str] = Field(default_factory=list)
    theme: list[str] = Field(default_factory=list)
    text: str
    headings: list[Span] = Field(default_factory=list)
    boilerplate: list[str] = Field(
        default_factory=list, description="Site boilerplate cut from the end of the text"
    )
    metadata: dict[str, MetadataValue] = Field(default_factory=dict)
    quotes: list[Quote] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)

    @field_validator("published")
    @classmethod
    def _iso_date(cls, value: str | None) -> str | None:
        if value is not None:
            datetime.fromisoformat(value)
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Document:
        if self.sha256 != sha256_text(self.text):
            raise ValueError("sha256 does not match the text")
        seen: set[str] = set()
        for quote in self.quotes:
            check_quote_against_text(quote, self.text)
            if quote.id in seen:
                raise ValueError(f"quote {quote.id} appears twice")
            seen.add(quote.id)
        for heading in self.headings:
            if (
                heading.end > len(self.text)
                or self.text[heading.start : heading.end] != heading.text
            ):
                raise ValueError(f"heading {heading.start}-{heading.end} does not match the text")
        return self

    def paragraphs(self) -> list[tuple[int, int]]:
        """Spans of the paragraphs (blocks separated by blank lines)."""
        spans: list[tuple[int, int]] = []
        for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", self.text):
            spans.append((match.start(), match.end()))
        return spans


OPENING_QUOTES = "\"“«„'‘「『"
CLOSING_QUOTES = "\"”»“'’」』"


def kind_of_text(text: str) -> QuoteKind:
    """``direct`` for text between quotation marks, else ``indirect`` (for quotes made by hand)."""
    direct = bool(text) and text[0] in OPENING_QUOTES and text[-1] in CLOSING_QUOTES
    return QuoteKind.DIRECT if direct else QuoteKind.INDIRECT


def check_quote_against_text(quote: Quote, text: str) -> None:
    if quote.end > len(text):
        raise ValueError(
            f"quote {quote.id} ends at {quote.end}, outside the text ({len(text)} characters)"
        )
    if text[quote.start : quote.end] != quote.text:
        raise ValueError(f"quote {quote.id} text does not equal the document text at its span")


# --------------------------------------------------------------------------- label scheme


_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


class LabelDefinition(StrictModel):
    value: str = Field(min_length=1)
    key: str = Field(min_length=1, max_length=1, description="Key that sets this label in the UI")
    definition: str = Field(description="One line the UI shows")
    color: str | None = Field(
        default=None, description="Highlight colour (CSS colour name or #hex)"
    )

    @field_validator("color")
    @classmethod
    def _a_colour(cls, value: str | None) -> str | None:
        # the UI builds styles from it: anything else would stop the UI (or be read as markup)
        if value is not None and not _HEX_COLOUR.fullmatch(value):
            # (#rrggbb is always one: Rich is loaded only for other forms, not by the import of
            # the default scheme)
            from rich.color import Color, ColorParseError

            try:
                Color.parse(value)
            except ColorParseError:
                raise ValueError(
                    f"{value!r} is not a colour (a colour name such as 'red', or #rrggbb)"
                ) from None
        return value


class LabelScheme(StrictModel):
    """The labels annotators choose from. ``sentiment`` is ordered (low to high)."""

    name: SafeName = "default"
    version: int = Field(default=1, ge=1)
    stance: list[LabelDefinition]
    sentiment: list[LabelDefinition]
    required: list[Literal["stance", "sentiment"]] = Field(
        default_factory=lambda: ["stance", "sentiment"],
        description="Fields a quote needs before it counts as done: once they are set, the UI "
        "moves on to the next quote by itself (auto-advance)",
    )

    @model_validator(mode="after")
    def _unique(self) -> LabelScheme:
        for field in ("stance", "sentiment"):
            values = [label.value for label in getattr(self, field)]
            if len(set(values)) != len(values):
                raise ValueError(f"{field} labels are not unique")
        keys = [label.key for label in (*self.stance, *self.sentiment)]
        if len(set(keys)) != len(keys):
            raise ValueError("two labels share a key")
        return self

    @property
    def ref(self) -> SchemeRef:
        return SchemeRef(name=self.name, version=self.version)

    @cached_property
    def allowed_values(self) -> dict[str, frozenset[str]]:
        """Label values by field (``stance``, ``sentiment``), for fast membership checks."""
        return {
            "stance": frozenset(self.stance_values()),
            "sentiment": frozenset(self.sentiment_values()),
        }

    def stance_values(self) -> list[str]:
        return [label.value for label in self.stance]

    def sentiment_values(self) -> list[str]:
        return [label.value for label in self.sentiment]


class SchemeRef(StrictModel):
    name: SafeName
    version: int = Field(ge=1)


DEFAULT_SCHEME = LabelScheme(
    name="default",
    version=1,
    stance=[
        LabelDefinition(
            value="pro-US",
            key="1",
            definition="Favours the United States or closer alignment of Seoul with Washington.",
            color="#4f8fe6",
        ),
        LabelDefinition(
            value="pro-China",
            key="2",
            definition="Favours China or closer alignment of Seoul with Beijing.",
            color="#e05d5d",
        ),
        LabelDefinition(
            value="balancing",
            key="3",
            definition="Argues for keeping ties with both powers or avoiding a choice between them.",
            color="#d9a53f",
        ),
        LabelDefinition(
            value="neutral",
            key="4",
            definition="Takes no side in the US-China rivalry (factual or off-topic).",
            color="#8a8a8a",
        ),
    ],
    sentiment=[
        LabelDefinition(value="negative", key="7", definition="Critical, worried or hostile tone."),
        LabelDefinition(value="neutral", key="8", definition="Matter-of-fact tone."),
        LabelDefinition(value="positive", key="9", definition="Approving, hopeful or warm tone."),
    ],
)


# --------------------------------------------------------------------------- annotations


class LabelledQuote(StrictModel):
    """The quote as the annotator saw it when labelling: span, text and proposed attribution.

    A label keeps its meaning when the extractor later proposes something else: what was
    labelled is this snapshot, never a re-extraction.
    """

    start: int = Field(ge=0)
    end: int = Field(gt=0)
    text: str = Field(description="document.text[start:end] of the text that was labelled")
    kind: QuoteKind
    cue: str | None = None
    speaker: str | None = Field(default=None, description="Speaker shown (proposed) then")
    speaker_role: str | None = None
    outlet: str | None = Field(default=None, description="Outlet shown (proposed) then")
    origin: QuoteOrigin = QuoteOrigin.AUTO
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    extractor: str = Field(
        min_length=1,
        description="Version of the extractor that proposed the quote, or 'manual' if added",
    )

    @model_validator(mode="after")
    def _text_fits_span(self) -> LabelledQuote:
        if self.end <= self.start:
            raise ValueError(f"end ({self.end}) must be greater than start ({self.start})")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"text has {len(self.text)} characters but the span {self.start}-{self.end} "
                f"has {self.end - self.start}"
            )
        return self

    @property
    def id(self) -> str:
        return quote_id_for(self.start, self.end)

    @classmethod
    def of(cls, quote: Quote, extractor: str) -> LabelledQuote:
        """The snapshot of ``quote``; ``extractor`` is used unless the quote is manual."""
        return cls(
            start=quote.start,
            end=quote.end,
            text=quote.text,
            kind=quote.kind,
            cue=quote.cue,
            speaker=quote.speaker,
            speaker_role=quote.speaker_role,
            outlet=quote.outlet,
            origin=quote.origin,
            confidence=quote.confidence,
            extractor=MANUAL_EXTRACTOR if quote.origin == QuoteOrigin.MANUAL else extractor,
        )

    def to_quote(self) -> Quote:
        """The quote to show for this snapshot."""
        return Quote(
            id=self.id,
            start=self.start,
            end=self.end,
            text=self.text,
            kind=self.kind,
            speaker=self.speaker,
            speaker_role=self.speaker_role,
            outlet=self.outlet,
            cue=self.cue,
            confidence=self.confidence,
            origin=self.origin,
        )

    def fits(self, text: str) -> bool:
        """True when ``text`` (a document's) holds this snapshot's text at its offsets."""
        return text[self.start : self.end] == self.text


DEFAULT_ADJUDICATOR = "gold"  # the reserved annotator name of an adjudicated (gold) set

AdjudicationPolicy = Literal["unanimous", "majority"]
DecisionField = Literal[
    "quote", "bounds", "stance", "sentiment", "speaker", "outlet", "note", "flag"
]


class DecisionMethod(StrEnum):
    """How an adjudicated value was decided."""

    UNANIMOUS = "unanimous"  # every annotator who gave a value gave this one
    MAJORITY = "majority"  # more than half of those who gave a value
    CHOSEN = "chosen"  # the adjudicator took one annotator's value
    OWN = "own"  # the adjudicator's own value


class FieldDecision(StrictModel):
    """How one field of an adjudicated quote was decided, and whose value it is."""

    method: DecisionMethod
    annotators: list[AnnotatorName] = Field(
        default_factory=list, description="Annotators who gave the decided value"
    )
    chosen: AnnotatorName | None = Field(
        default=None, description="The annotator whose value the adjudicator took (method chosen)"
    )


class LabelDecision(StrictModel):
    """The provenance of an adjudicated label: the policy and each field's decision."""

    policy: AdjudicationPolicy
    fields: dict[DecisionField, FieldDecision] = Field(default_factory=dict)


class AdjudicationRecord(StrictModel):
    """Marks an annotation file as an adjudicated (gold) file made from other annotators' files."""

    policy: AdjudicationPolicy
    annotators: list[AnnotatorName] = Field(description="The annotators adjudicated")
    rejected: dict[QuoteId, FieldDecision] = Field(
        default_factory=dict,
        description="Quotes decided not to be quotes (by their first span), and how",
    )


class QuoteLabel(StrictModel):
    """One annotator's judgement of one quote, with the quote as they saw it."""

    quote_id: QuoteId
    quote: LabelledQuote = Field(description="The quote as the annotator saw it")
    stance: str | None = None
    sentiment: str | None = None
    speaker: str | None = Field(
        default=None,
        description="The annotator's speaker; null = as shown (quote.speaker), '' = none",
    )
    outlet: str | None = Field(
        default=None,
        description="The annotator's outlet; null = as shown (quote.outlet), '' = none",
    )
    note: str | None = None
    flagged: bool = False
    seconds: float = Field(default=0.0, ge=0.0, description="Time spent on this quote")
    updated_at: datetime = Field(default_factory=utc_now)
    decision: LabelDecision | None = Field(
        default=None, description="How an adjudicated (gold) label was decided; absent otherwise"
    )

    @model_serializer(mode="wrap")
    def _without_empty_decision(self, handler: SerializerFunctionWrapHandler) -> Any:
        # an ordinary label is written exactly as before the decision field existed
        data = handler(self)
        if isinstance(data, dict) and data.get("decision", 0) is None:
            del data["decision"]
        return data

    @field_validator("stance", "sentiment")
    @classmethod
    def _label_in_scheme(cls, value: str | None, info: ValidationInfo) -> str | None:
        # checked here (not only on the file) so that errors point at $.labels[i].stance
        scheme = (info.context or {}).get("scheme")
        if (
            value is not None
            and scheme is not None
            and value not in scheme.allowed_values[info.field_name]
        ):
            allowed = getattr(scheme, f"{info.field_name}_values")()
            raise ValueError(
                f"{info.field_name} {value!r} is not in scheme {scheme.name} ({', '.join(allowed)})"
            )
        return value

    @model_validator(mode="after")
    def _id_is_the_quote_span(self) -> QuoteLabel:
        if self.quote_id != self.quote.id:
            raise ValueError(
                f"quote_id {self.quote_id!r} does not match the span of its quote "
                f"({self.quote.start}-{self.quote.end})"
            )
        return self

    @classmethod
    def for_quote(cls, quote: Quote, extractor: str | None = None, **fields: Any) -> QuoteLabel:
        """A label on ``quote`` (snapshot taken now); ``extractor`` defaults to the current one."""
        if extractor is None:
            extractor = current_extractor_version()
        return cls(quote_id=quote.id, quote=LabelledQuote.of(quote, extractor), **fields)

    @property
    def resolved_speaker(self) -> str | None:
        """The speaker the annotator settled on: their own ('' = none), else the one shown."""
        if self.speaker is not None:
            return self.speaker or None
        return self.quote.speaker

    @property
    def resolved_outlet(self) -> str | None:
        """The outlet the annotator settled on: their own ('' = none), else the one shown."""
        if self.outlet is not None:
            return self.outlet or None
        return self.quote.outlet

    def is_empty(self) -> bool:
        """True when the label carries nothing worth saving."""
        return (
            self.stance is None
            and self.sentiment is None
            and self.speaker is None
            and self.outlet is None
            and not self.note
            and not self.flagged
        )


class AnnotationFile(StrictModel):
    """One annotator's work on one document.

    Quote edits: ``added_quotes`` are quotes the annotator created (``origin: manual``);
    ``deleted_quotes`` are ids of extracted quotes the annotator marked as not a quote.
    Re-bounding a quote deletes the old id and adds a new quote whose ``replaces`` names it.
    Each label holds the quote as the annotator saw it (``quote``); its ``quote_id`` is that
    quote's span. Version 1 files (labels without ``quote``) are brought up by
    ``annotator migrate`` (see :mod:`annotator.migrations`).
    """

    schema_version: Literal[2] = ANNOTATION_SCHEMA_VERSION
    annotator: AnnotatorName
    document_id: DocumentId
    document_sha256: str
    scheme: SchemeRef
    labels: list[QuoteLabel] = Field(default_factory=list)
    added_quotes: list[Quote] = Field(default_factory=list)
    deleted_quotes: list[QuoteId] = Field(default_factory=list)
    adjudication: AdjudicationRecord | None = Field(
        default=None, description="Present in adjudicated (gold) files only"
    )

    @model_serializer(mode="wrap")
    def _without_empty_adjudication(self, handler: SerializerFunctionWrapHandler) -> Any:
        data = handler(self)
        if isinstance(data, dict) and data.get("adjudication", 0) is None:
            del data["adjudication"]
        return data

    @field_validator("scheme")
    @classmethod
    def _scheme_is_the_project_scheme(cls, ref: SchemeRef, info: ValidationInfo) -> SchemeRef:
        resolve_scheme(ref, info.context)
        return ref

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo) -> AnnotationFile:
        ids = [label.quote_id for label in self.labels]
        if len(set(ids)) != len(ids):
            seen: set[str] = set()
            twice = next(quote_id for quote_id in ids if quote_id in seen or seen.add(quote_id))
            raise ValueError(f"quote {twice} is labelled twice")
        deleted = set(self.deleted_quotes)
        for label in self.labels:
            if label.quote_id in deleted:
                raise ValueError(f"label for deleted quote {label.quote_id}")
        added_ids = [quote.id for quote in self.added_quotes]
        if len(set(added_ids)) != len(added_ids):
            seen_added: set[str] = set()
            twice = next(
                quote_id
                for quote_id in added_ids
                if quote_id in seen_added or seen_added.add(quote_id)  # type: ignore[func-returns-value]
            )
            raise ValueError(f"quote {twice} is added twice")
        scheme = resolve_scheme(self.scheme, info.context)
        if scheme is not None and (info.context or {}).get("scheme") is not scheme:
            # with the scheme in the context, each label's field validator checked it already
            check_labels_in_scheme(self.labels, scheme)
        document_text = (info.context or {}).get("document_text")
        if document_text is not None:
            for quote in self.added_quotes:
                check_quote_against_text(quote, document_text)
        return self

    def sorted_for_writing(self) -> AnnotationFile:
        """A copy with labels and edits in a stable order, so that diffs stay small."""
        return self.model_copy(
            update={
                "labels": sorted(self.labels, key=lambda label: span_of_quote_id(label.quote_id)),
                "added_quotes": sorted(
                    self.added_quotes, key=lambda quote: (quote.start, quote.end)
                ),
                "deleted_quotes": sorted(set(self.deleted_quotes), key=span_of_quote_id),
            }
        )


class NamedAnnotations(Protocol):
    """An annotation file, loaded or read otherwise (agreement's columns): whose and whether
    adjudicated."""

    @property
    def annotator(self) -> str: ...

    @property
    def adjudication(self) -> AdjudicationRecord | None: ...


def is_adjudicated(annotation: NamedAnnotations, adjudicator: str = DEFAULT_ADJUDICATOR) -> bool:
    """True for a gold file: one under the reserved name, or one recording an adjudication.

    (Here rather than in :mod:`annotator.adjudication`, so that agreement need not load it.)
    """
    return annotation.annotator == adjudicator or annotation.adjudication is not None


def resolve_scheme(ref: SchemeRef, context: dict[str, Any] | None) -> LabelScheme | None:
    """The scheme a file's labels are checked against.

    With a scheme in the validation context (the store always passes the project's scheme), the
    file must name that scheme. Without one, a file naming the default scheme is checked against
    it, and a file naming another scheme cannot be checked here (``None``).
    """
    scheme = (context or {}).get("scheme")
    if scheme is None:
        return DEFAULT_SCHEME if ref == DEFAULT_SCHEME.ref else None
    if (ref.name, ref.version) != (scheme.name, scheme.version):
        raise ValueError(
            f"file uses label scheme {ref.name} v{ref.version} but the project scheme is "
            f"{scheme.name} v{scheme.version}"
        )
    return scheme


def check_labels_in_scheme(labels: list[QuoteLabel], scheme: LabelScheme) -> None:
    stances = set(scheme.stance_values())
    sentiments = set(scheme.sentiment_values())
    for label in labels:
        if label.stance is not None and label.stance not in stances:
            raise ValueError(
                f"quote {label.quote_id}: stance {label.stance!r} is not in scheme "
                f"{scheme.name} ({', '.join(sorted(stances))})"
            )
        if label.sentiment is not None and label.sentiment not in sentiments:
            raise ValueError(
                f"quote {label.quote_id}: sentiment {label.sentiment!r} is not in scheme "
                f"{scheme.name} ({', '.join(sorted(sentiments))})"
            )
