"""The bytes an xterm sends for a key, so benchmarks can name keys as Textual does."""

from __future__ import annotations

_NAMED: dict[str, bytes] = {
    "tab": b"\t",
    "shift+tab": b"\x1b[Z",
    "enter": b"\r",
    "escape": b"\x1b",
    "backspace": b"\x7f",
    "space": b" ",
    "up": b"\x1b[A",
    "down": b"\x1b[B",
    "right": b"\x1b[C",
    "left": b"\x1b[D",
    "home": b"\x1b[H",
    "end": b"\x1b[F",
    "insert": b"\x1b[2~",
    "delete": b"\x1b[3~",
    "pageup": b"\x1b[5~",
    "pagedown": b"\x1b[6~",
    "f1": b"\x1bOP",
    "f2": b"\x1bOQ",
    "f3": b"\x1bOR",
    "f4": b"\x1bOS",
    "f5": b"\x1b[15~",
    "f6": b"\x1b[17~",
    "f7": b"\x1b[18~",
    "f8": b"\x1b[19~",
    "f9": b"\x1b[20~",
    "f10": b"\x1b[21~",
    "f11": b"\x1b[23~",
    "f12": b"\x1b[24~",
}
# xterm's modifier parameter in CSI 1;<m> X sequences: 2 shift, 3 alt, 5 ctrl.
_MODIFIED_ARROWS = {"up": "A", "down": "B", "right": "C", "left": "D"}
_MODIFIER = {"shift": 2, "alt": 3, "ctrl": 5}


def key_bytes(key: str) -> bytes:
    """The bytes for a key name (``tab``, ``f6``, ``ctrl+q``, ``alt+down``, ``pagedown``) or literal text.

    Anything that is not a known name is sent as UTF-8 text, so ``"a"`` and
    ``"电"`` type themselves.
    """
    if key in _NAMED:
        return _NAMED[key]
    modifier, _, base = key.rpartition("+")
    if modifier == "ctrl" and len(base) == 1 and base.isalpha():
        return bytes([ord(base.lower()) - 96])
    if modifier in _MODIFIER and base in _MODIFIED_ARROWS:
        return f"\x1b[1;{_MODIFIER[modifier]}{_MODIFIED_ARROWS[base]}".encode()
    if modifier in _MODIFIER and base in ("pageup", "pagedown"):
        return f"\x1b[{5 if base == 'pageup' else 6};{_MODIFIER[modifier]}~".encode()
    if modifier == "alt" and base:
        return b"\x1b" + key_bytes(base)
    return key.encode("utf-8")
