"""Canonical text: the one string every offset refers to.

Only changes that keep meaning are made (Unicode NFC, invisible characters, odd
spaces, line endings); tone-mark spelling is left as written and folded only in keys.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def canonical_line(line: str) -> str:
    """NFC with single ordinary spaces and no invisible characters.

    >>> canonical_line("Ho\u0300a\u00a0 Bi\u0300nh\u200b ")
    'Hòa Bình'
    """
    line = unicodedata.normalize("NFC", line).translate(_INVISIBLE)
    return _SPACES.sub(" ", line).strip()


def split_lines(text: str) -> list[str]:
    """Canonical lines of a document, line endings of every platform accepted."""
    return [canonical_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]


# -- legacy encodings: which one a file that is not UTF-8 is in, and its conversion ----------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_SYLLABLE = re.compile(r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[aăâeêioôơuưy]{1,3}(ch|ng|nh|[cmnpt])?")
_TOKEN_BREAK = re.compile(r"[\s\d.,;:!?()\[\]\"'“”‘’/-]+")


@dataclass(frozen=True)
class Legacy:
    """A legacy Vietnamese encoding: its name, how to convert a file from it, and a decoder."""

    name: str
    key: str
    conversion: str


LEGACY = {
    "windows-1258": Legacy("Windows-1258", "windows-1258",
                           "iconv -f WINDOWS-1258 -t UTF-8, or kgbuild convert --from windows-1258"),
    "tcvn3": Legacy("TCVN3 (ABC), a legacy Vietnamese encoding", "tcvn3",
                    "iconv -f TCVN5712-1 -t UTF-8, or kgbuild convert --from tcvn3"),
    "vni": Legacy("VNI, a legacy Vietnamese encoding", "vni", "kgbuild convert --from vni; iconv has no VNI"),
}


@cache
def _tables() -> tuple[dict[int, str], list[tuple[str, str]]]:
    data = json.loads((Path(__file__).parent / "encodings.json").read_text(encoding="utf-8"))
    tcvn3 = {int(code, 16): char for code, char in data["tcvn3"].items()}
    vni = sorted(((spelling, char) for char, spelling in data["vni"].items()), key=lambda kv: -len(kv[0]))
    return tcvn3, vni


def decode_legacy(data: bytes, encoding: str) -> str:
    """Text of ``data`` in a legacy Vietnamese encoding (``windows-1258``, ``tcvn3`` or ``vni``), NFC.

    >>> decode_legacy("Công đoàn".encode("cp1258"), "windows-1258")
    'Công đoàn'
    >>> decode_legacy(b"C\\xabng \\xaeo\\xb5n", "tcvn3"), decode_legacy("Coâng ñoaøn".encode("cp1252"), "vni")
    ('Công đoàn', 'Công đoàn')
    """
    tcvn3, vni = _tables()
    if encoding == "windows-1258":
        text = data.decode("cp1258", errors="replace")
    elif encoding == "tcvn3":
        text = "".join(tcvn3.get(b) or bytes([b]).decode("cp1252", errors="replace") for b in data)
    elif encoding == "vni":
        text = data.decode("cp1252", errors="replace")
        pattern = re.compile("|".join(re.escape(spelling) for spelling, _ in vni))
        table = dict(vni)
        text = pattern.sub(lambda m: table[m.group(0)], text)
    else:
        raise ValueError(f"unknown legacy encoding {encoding!r}; choose one of {', '.join(LEGACY)}")
    return unicodedata.normalize("NFC", text)


def _is_syllable(word: str) -> bool:
    """Whether a word is spelled like a Vietnamese syllable (at most one tone mark, a legal shape)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    if sum(1 for c in decomposed if c in _TONES) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    return bool(_SYLLABLE.fullmatch(bare))


def vietnamese_score(text: str) -> float:
    """The share of words with non-ASCII letters that are spelled like Vietnamese syllables.

    >>> vietnamese_score("Hội nghị tổng kết"), vietnamese_score("H©i ngh× t¨ng")
    (1.0, 0.0)
    """
    words = [w for w in _TOKEN_BREAK.split(text) if w and not w.isascii()]
    return sum(1 for w in words if _is_syllable(w)) / len(words) if words else 0.0


def diagnose_encoding(data: bytes) -> Legacy | None:
    """The legacy Vietnamese encoding bytes that are not UTF-8 are most likely in, or ``None``.

    Each candidate decodes the bytes and the one whose words read most like Vietnamese
    syllables wins; TCVN3 and VNI decoded as Windows-1258 give symbols and impossible
    syllables, so they are told apart.
    """
    sample = data[:200_000]
    scores = {key: vietnamese_score(decode_legacy(sample, key)) for key in LEGACY}
    best = max(scores, key=lambda k: scores[k])
    return LEGACY[best] if scores[best] >= 0.6 else None


def convert_file(path: Path, encoding: str, out_dir: Path) -> Path:
    """Write a UTF-8 copy of ``path`` (in a legacy encoding) into ``out_dir``, under the same name; the copy.

    :raises InputError: when the file cannot be read, or is UTF-8 already.
    """
    from ..errors import InputError

    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(path, f"cannot read ({err.strerror})") from None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if any(b >= 0x80 for b in data):
            raise InputError(path, "already UTF-8 text; nothing to convert")
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / path.name
    if target.resolve() == path.resolve():
        raise InputError(path, "the output folder is the file's own; choose another")
    target.write_text(decode_legacy(data, encoding), encoding="utf-8")
    return target
