import pytest

import asc_widgets.widgets  # noqa: F401  (the widgets add their labels to the catalog)
from asc_widgets.core.i18n import LANGUAGES, add_catalog, catalog, normalize_language, t


def test_every_message_has_every_language():
    messages = catalog()
    assert len(messages) > 50
    for key, texts in messages.items():
        for lang in LANGUAGES:
            assert texts.get(lang, "").strip(), f"{key} lacks {lang}"


def test_chinese_texts_are_translations_not_copies():
    # Texts with words must differ; symbols ("—") and proper names may stay as they are.
    same = [k for k, v in catalog().items()
            if v["en"] == v["zh-CN"] and any(c.isalpha() for c in v["en"])
            and not k.startswith(("id.", "col."))]
    assert same == []


def test_placeholders_match_between_languages():
    import string
    for key, texts in catalog().items():
        fields = [{f for _, f, _, _ in string.Formatter().parse(text) if f}
                  for text in texts.values()]
        assert all(f == fields[0] for f in fields), key


def test_registering_an_untranslated_message_fails():
    with pytest.raises(ValueError, match="lacks a translation for zh-CN"):
        add_catalog({"demo.only_english": {"en": "Hello"}})


def test_language_names_are_normalised():
    assert normalize_language("zh_CN") == normalize_language("zh-Hans") == "zh-CN"
    assert normalize_language("fr") == normalize_language(None) == "en"
    assert t("field.name", "zh") == "新商店名称"


def test_lists_are_said_in_each_language():
    from asc_widgets.core.i18n import list_text
    assert list_text(["ASIN", "EAN", "UPC"], "en") == "ASIN, EAN or UPC"
    assert list_text(["ASIN", "EAN", "UPC"], "zh-CN") == "ASIN、EAN 或 UPC"
    assert list_text(["美国", "英国"], "zh-CN") == "美国或英国"
    assert list_text(["UPC"], "en") == "UPC"


def test_messages_take_their_lists_and_limits_from_the_data():
    from asc_widgets.core.marketplaces import MARKETPLACES
    from asc_widgets.core.stores import FieldProblem
    problem = FieldProblem("marketplace", "problem.marketplace_unknown",
                           {"value": "DE", "choices_keys": [f"market.{c}" for c in MARKETPLACES]})
    assert "United States, Canada, Mexico or United Kingdom" in problem.message("en")
    assert "美国、加拿大、墨西哥或英国" in problem.message("zh-CN")
