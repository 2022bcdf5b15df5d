"""The clause a sentence-level participle cue hangs on (``…, adding that …``).

A participle set off by a comma (``saying``, ``adding``, ``stressing``) shares the subject of the
clause it modifies. The parser often attaches it to the nearest verb, which may sit inside a
clause that only modifies a noun (``Lai rejected speculation that the US gave him a cool
reception, saying …``: ``gave`` is an ``acl`` of ``speculation``) or inside the object of a
preposition. Such a clause has no say over a sentence-level adjunct: the participle's subject is
that of the verb governing the noun. Complement clauses of a verb (``ccomp``) are kept: in
``the paper reported the ministry issued a statement, saying …`` the ministry speaks.
"""

from __future__ import annotations

from annotator.extract.syntax import ParsedSentence, Token

_NOUN_CLAUSES = frozenset({"acl", "acl:relcl"})
_VERBS = frozenset({"VERB", "AUX"})
MAX_CLIMB = 6  # heads: a bounded walk up the tree


def participle_head(sentence: ParsedSentence, participle: Token) -> Token | None:
    """The verb whose subject a comma participle takes, or ``None``."""
    current = sentence.head_of(participle)
    for _ in range(MAX_CLIMB):
        if current.pos in _VERBS and current.dep not in _NOUN_CLAUSES:
            return current
        if current.is_root:
            return current if current.pos in _VERBS else None
        current = sentence.head_of(current)
    return None
