"""The Label Studio labeling config that matches the ``label-studio`` export, for a scheme.

Controls (names are what the export's results use): ``quote`` Labels (the quote kinds) and
``mention`` Labels (speaker/outlet mentions) on the ``text`` object, a ``Relations`` control for
the quote -> mention links, per-region ``stance`` and ``sentiment`` Choices from the scheme (each
under its own header, values hinted with the scheme's definitions), a per-region ``flag`` and
per-region ``speaker``, ``outlet`` and ``note`` TextAreas, each under a header.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

from annotator.export.relations import OUTLET_LABEL, RELATION_OF, SPEAKER_LABEL
from annotator.models import LabelDefinition, LabelScheme, QuoteKind

QUOTE_CONTROL = "quote"
MENTION_CONTROL = "mention"
TEXT_CONTROLS = ("speaker", "outlet", "note")
CHOICE_CONTROLS = ("stance", "sentiment", "flag")
FLAGGED = "flagged"
HEADERS = {
    "stance": "Stance",
    "sentiment": "Sentiment",
    "flag": "Flag for review",
    "speaker": "Speaker (empty = no speaker)",
    "outlet": "Outlet cited (empty = none)",
    "note": "Note",
}


def _choice(label: LabelDefinition) -> str:
    attributes = f"value={quoteattr(label.value)} hint={quoteattr(label.definition)}"
    if label.color:
        attributes += f" background={quoteattr(label.color)}"
    return f"<Choice {attributes}/>"


def label_studio_config(scheme: LabelScheme) -> str:
    """The XML config; every value comes from the scheme and is XML-escaped."""
    kinds = "".join(f"<Label value={quoteattr(kind.value)}/>" for kind in QuoteKind)
    mentions = (
        f'<Label value="{SPEAKER_LABEL}" background="#2e7d32"/>'
        f'<Label value="{OUTLET_LABEL}" background="#6a1b9a"/>'
    )
    relations = "".join(f"<Relation value={quoteattr(v)}/>" for v in RELATION_OF.values())
    lines = [
        "<View>",
        f'  <Labels name="{QUOTE_CONTROL}" toName="text">{kinds}</Labels>',
        f'  <Labels name="{MENTION_CONTROL}" toName="text">{mentions}</Labels>',
        '  <Text name="text" value="$text"/>',
        f"  <Relations>{relations}</Relations>",
        '  <View visibleWhen="region-selected">',
    ]
    for name, labels in (("stance", scheme.stance), ("sentiment", scheme.sentiment)):
        lines.append(f'    <Header value="{HEADERS[name]}"/>')
        lines.append(
            f'    <Choices name="{name}" toName="text" perRegion="true" choice="single">'
            + "".join(_choice(label) for label in labels)
            + "</Choices>"
        )
    lines.append(f'    <Header value="{HEADERS["flag"]}"/>')
    lines.append(
        '    <Choices name="flag" toName="text" perRegion="true">'
        f'<Choice value="{FLAGGED}"/></Choices>'
    )
    for name in TEXT_CONTROLS:
        lines.append(f'    <Header value="{HEADERS[name]}"/>')
        lines.append(
            f'    <TextArea name="{name}" toName="text" perRegion="true" maxSubmissions="1" '
            'editable="true"/>'
        )
    lines += ["  </View>", "</View>"]
    return "\n".join(lines) + "\n"
