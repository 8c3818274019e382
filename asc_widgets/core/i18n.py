"""The message catalog: every user-facing string, in English and Simplified Chinese.

Core registers its messages here (core/messages.py); the widgets register their labels the
same way. English control labels are the seed's own, verbatim.
"""

from __future__ import annotations

from collections.abc import Mapping

LANGUAGES: dict[str, str] = {"en": "English", "zh-CN": "简体中文"}
DEFAULT_LANGUAGE = "en"

_CATALOG: dict[str, dict[str, str]] = {}


def register(messages: Mapping[str, Mapping[str, str]]) -> None:
    """Add messages ({key: {lang: text}}); every language must be present."""
    for key, texts in messages.items():
        missing = [lang for lang in LANGUAGES if not texts.get(lang)]
        if missing:
            raise ValueError(f"message {key!r} lacks a translation for {', '.join(missing)}")
        _CATALOG[key] = dict(texts)


def normalize_language(lang: str | None) -> str:
    """Map 'zh', 'zh_CN', 'zh-Hans' and the like to a supported language, else English."""
    if not lang:
        return DEFAULT_LANGUAGE
    low = lang.strip().replace("_", "-").lower()
    if low.startswith("zh"):
        return "zh-CN"
    return DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The text for key in lang, with {placeholders} filled from params."""
    _ensure_loaded()
    texts = _CATALOG[key]
    text = texts.get(normalize_language(lang)) or texts[DEFAULT_LANGUAGE]
    return text.format(**params) if params else text


def catalog() -> dict[str, dict[str, str]]:
    """A copy of every registered message (for the translation completeness test)."""
    _ensure_loaded()
    return {k: dict(v) for k, v in _CATALOG.items()}


def _ensure_loaded() -> None:
    # Core messages load lazily so importing i18n alone stays cheap and cycle-free.
    from asc_widgets.core import messages  # noqa: F401
