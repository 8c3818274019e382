"""The message catalog: every user-facing string, in English and Simplified Chinese.

One catalog: core's message data (core/messages/, plain dicts that import nothing from here,
so there is no cycle) plus the catalogs added explicitly with ``add_catalog`` (the widgets add
their labels in asc_widgets/widgets/__init__.py). English control labels are the seed's own,
verbatim.
"""

from __future__ import annotations

from collections.abc import Mapping

from asc_widgets.core.messages import core_messages

LANGUAGES: dict[str, str] = {"en": "English", "zh-CN": "简体中文"}
DEFAULT_LANGUAGE = "en"

_CATALOG: dict[str, dict[str, str]] = {}


def add_catalog(messages: Mapping[str, Mapping[str, str]]) -> None:
    """Add messages ({key: {lang: text}}); every language must be present."""
    for key, texts in messages.items():
        missing = [lang for lang in LANGUAGES if not texts.get(lang)]
        if missing:
            raise ValueError(f"message {key!r} lacks a translation for {', '.join(missing)}")
    for key, texts in messages.items():
        _CATALOG[key] = dict(texts)


def normalize_language(lang: str | None) -> str:
    """Map 'zh', 'zh_CN', 'zh-Hans' and the like to a supported language, else English."""
    if not lang:
        return DEFAULT_LANGUAGE
    low = lang.strip().replace("_", "-").lower()
    if low.startswith("zh"):
        return "zh-CN"
    return DEFAULT_LANGUAGE


def list_text(items: list[str] | tuple[str, ...], lang: str = DEFAULT_LANGUAGE) -> str:
    """'A, B or C' in English, 'A、B 或 C' in Chinese (a space between Latin and Chinese)."""
    items = [str(i) for i in items]
    if len(items) < 2:
        return "".join(items)
    if normalize_language(lang) == "zh-CN":
        latin = items[-2][-1:].isascii() or items[-1][:1].isascii()
        return "、".join(items[:-1]) + (" 或 " if latin else "或") + items[-1]
    return ", ".join(items[:-1]) + " or " + items[-1]


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The text for key in lang, with {placeholders} filled from params."""
    texts = _CATALOG[key]
    text = texts.get(normalize_language(lang)) or texts[DEFAULT_LANGUAGE]
    return text.format(**params) if params else text


def catalog() -> dict[str, dict[str, str]]:
    """A copy of every message (for the translation completeness test)."""
    return {k: dict(v) for k, v in _CATALOG.items()}


add_catalog(core_messages())
