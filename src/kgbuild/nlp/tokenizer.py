"""A syllable tokenizer for Vietnamese that keeps every character of the text.

spaCy's ``vi`` tokenizer without pyvi splits on spaces only (``9/1,`` stays one token);
with pyvi it costs about 15x more.  The rules here need syllables, numbers kept whole
(``4.500``, ``1,1``, ``56/56``) and punctuation apart, so that is what this gives.
"""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.util import get_words_and_spaces
from spacy.vocab import Vocab

from .lexicon import tokenise_words


class SyllableTokenizer:
    """Callable tokenizer: text to a :class:`Doc` whose text is the input, unchanged."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = get_words_and_spaces(tokenise_words(text), text)
        return Doc(self.vocab, words=words, spaces=spaces)

    def to_bytes(self, **kwargs: object) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs: object) -> SyllableTokenizer:
        return self

    def to_disk(self, path: object, **kwargs: object) -> None:
        return None

    def from_disk(self, path: object, **kwargs: object) -> SyllableTokenizer:
        return self
