"""English words and pinyin shorthand inside a Chinese question, read as the material's terms.

Managers type "拜访完多久要send感谢信", "tender现场带啥", "kh来函几天内回". The lexicon's
`mixed_language` table maps such words (case-insensitive, whole words, phrases of several
words) to the material's terms; plurals and simple inflections (notes, meetings, replied,
booking) find their base form. A whole word of toneless pinyin of a material term (ganxiehan)
stands for that term too. Each is replaced by its term, so the rest of the matcher reads a
Chinese question. An English word nobody taught the lexicon is neutral: it is taken out of the
question and counts neither for nor against any norm — unless it is one of the lexicon's fact
words (price, password), which stay and weigh as such.

A word with digits that the lexicon does not know (5G, 4K, 100M) is a product name or a number,
not English: it stays in the question and weighs as the matcher weighs any word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

# Runs of ASCII letters and digits (with a possessive 's), on NFKC-folded lower-case text.
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
_GAP = re.compile(r"^[\s\-_/&+.]*$")  # what may stand between two words of one phrase
_MAX_PHRASE_WORDS = 5
# Put around what replaces a foreign word, so it is not read as one word with the Chinese
# next to it.
SEPARATOR = "，"


@dataclass(frozen=True)
class ForeignWord:
    """An English word or phrase, or a pinyin shorthand, the lexicon knows."""

    typed: str  # as it stands in the question, e.g. "thank-you notes"
    term: str  # the material's term it stands for
    pinyin: bool = False  # found as the pinyin of a term rather than through the lexicon


@dataclass(frozen=True)
class MixedReading:
    """A question with its foreign words read: the text for segmentation (known foreign words
    replaced by their term, unknown ones by a separator), the known ones and the unknown ones."""

    text: str
    known: tuple[ForeignWord, ...]
    unknown: tuple[str, ...]


def split_words(phrase: str) -> tuple[str, ...]:
    """The words of a lexicon phrase: 'thank-you note' → ('thank', 'you', 'note')."""
    return tuple(_WORD.findall(phrase.lower()))


def base_forms(word: str) -> list[str]:
    """The word and the forms it may be inflected from, most likely first: plurals, -ing,
    -ed, a possessive 's, a doubled final consonant (planned → plan)."""
    word = word.replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    forms = [word]

    def add(form: str) -> None:
        if len(form) >= 2 and form not in forms:
            forms.append(form)

    if word.endswith("ies"):
        add(word[:-3] + "y")
    if word.endswith("es"):
        add(word[:-1])
        add(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        add(word[:-1])
    for suffix in ("ing", "ed"):
        if word.endswith(suffix):
            stem = word[: -len(suffix)]
            add(stem)
            add(stem + "e")
            if len(stem) >= 2 and stem[-1] == stem[-2]:
                add(stem[:-1])
            if suffix == "ed" and stem.endswith("i"):
                add(stem[:-1] + "y")
    return forms


class ForeignVocabulary:
    """The lexicon's foreign words and the pinyin of the material's terms, ready to read a
    question with."""

    def __init__(
        self,
        phrases: Mapping[str, str],
        pinyin_terms: Mapping[str, str],
        fact_words: Iterable[str] = (),
    ) -> None:
        """phrases: foreign phrase → the material's term; pinyin_terms: toneless pinyin
        without spaces → the term that sounds so; fact_words: foreign words that ask for a
        fact the material never gives, kept in the question as they are."""
        self._phrases = {split_words(phrase): term for phrase, term in phrases.items()}
        self._phrases.pop((), None)
        self._vocabulary = {word for key in self._phrases for word in key}
        self._fact_words = frozenset(word for word in fact_words if word.isascii())
        self._vocabulary |= self._fact_words
        self._longest = min(_MAX_PHRASE_WORDS, max((len(key) for key in self._phrases), default=1))
        self._pinyin = dict(pinyin_terms)

    def _known_form(self, word: str) -> str:
        """The word as the lexicon knows it (its base form), or the word as typed."""
        for form in base_forms(word):
            if form in self._vocabulary:
                return form
        return word

    def read(self, text: str) -> MixedReading:
        """Read the foreign words of a lower-cased question."""
        matches = list(_WORD.finditer(text))
        if not any(char.isalpha() for match in matches for char in match.group()):
            return MixedReading(text, (), ())
        known: list[ForeignWord] = []
        unknown: list[str] = []
        pieces: list[str] = []
        forms = [self._known_form(match.group()) for match in matches]
        position = index = 0
        while index < len(matches):
            first = matches[index]
            pieces.append(text[position : first.start()])
            found = self._longest_phrase(text, matches, forms, index)
            if found is not None:
                length, term = found
                last = matches[index + length - 1]
                known.append(ForeignWord(text[first.start() : last.end()], term))
                pieces.append(SEPARATOR + term + SEPARATOR)
                position, index = last.end(), index + length
                continue
            word = first.group()
            sounds_like = self._pinyin.get(word)
            if sounds_like:
                known.append(ForeignWord(word, sounds_like, pinyin=True))
                pieces.append(SEPARATOR + sounds_like + SEPARATOR)
            elif forms[index] in self._fact_words:
                pieces.append(SEPARATOR + forms[index] + SEPARATOR)
            elif any(char.isdigit() for char in word):
                pieces.append(word)
            else:
                unknown.append(word)
                pieces.append(SEPARATOR)
            position, index = first.end(), index + 1
        pieces.append(text[position:])
        return MixedReading("".join(pieces), tuple(known), tuple(unknown))

    def _longest_phrase(
        self, text: str, matches: list[re.Match[str]], forms: list[str], start: int
    ) -> tuple[int, str] | None:
        """The longest lexicon phrase starting at word `start` (only spaces or hyphens between
        its words), as (number of words, term)."""
        best = None
        end = start
        while end < len(matches) and end - start < self._longest:
            if end > start and not _GAP.match(text[matches[end - 1].end() : matches[end].start()]):
                break
            term = self._phrases.get(tuple(forms[start : end + 1]))
            if term:
                best = (end - start + 1, term)
            end += 1
        return best
