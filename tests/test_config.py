"""Settings: read from the environment once, in core/config.py, and passed down."""

import pytest

from asc_widgets.core.config import Settings, SettingsError


def test_settings_are_read_once_in_one_place(tmp_path):
    settings = Settings.from_env({"ASC_HOME": str(tmp_path), "ASC_AMAZON": " Live ",
                                  "ASC_PORT": "9001"})
    assert settings.amazon == "live" and not settings.uses_sandbox
    assert settings.app_url == "http://127.0.0.1:9001/"
    assert settings.sandbox_state == tmp_path / "amazon-sandbox.json"
    assert Settings.from_env({"ASC_HOME": str(tmp_path)}).uses_sandbox
    with pytest.raises(SettingsError) as info:
        Settings.from_env({"ASC_AMAZON": "prod"})
    assert "ASC_AMAZON" in info.value.message("zh-CN") and "sandbox 或 live" in \
        info.value.message("zh-CN")


def test_the_catalog_search_pace_and_cache_age_are_settings(tmp_path):
    from datetime import timedelta

    default = Settings.from_env({"ASC_HOME": str(tmp_path)}).catalog_search
    assert (default.rate, default.burst, default.max_age) == (2.0, 2, timedelta(days=7))
    chosen = Settings.from_env({"ASC_HOME": str(tmp_path), "ASC_CATALOG_SEARCH_RATE": "0.5",
                                "ASC_CATALOG_SEARCH_BURST": "1",
                                "ASC_CATALOG_CACHE_DAYS": "0"}).catalog_search
    assert (chosen.rate, chosen.burst, chosen.max_age) == (0.5, 1, timedelta(0))


@pytest.mark.parametrize(("name", "value", "english", "chinese"), [
    ("ASC_CATALOG_SEARCH_RATE", "fast", "a number above 0", "大于 0 的数字"),
    ("ASC_CATALOG_SEARCH_RATE", "-1", "a number above 0", "大于 0 的数字"),
    ("ASC_CATALOG_SEARCH_RATE", "nan", "a number above 0", "大于 0 的数字"),
    ("ASC_CATALOG_SEARCH_BURST", "0", "a whole number, 1 or more", "不小于 1 的整数"),
    ("ASC_CATALOG_CACHE_DAYS", "1.5", "a whole number, 0 or more", "不小于 0 的整数")])
def test_a_bad_catalog_search_setting_names_the_variable_and_the_fix(name, value, english,
                                                                     chinese):
    from asc_widgets.core.config import SettingNumberError

    with pytest.raises(SettingNumberError) as info:
        Settings.from_env({name: value})
    assert name in info.value.message("en") and english in info.value.message("en")
    assert name in info.value.message("zh-CN") and chinese in info.value.message("zh-CN")


def test_the_apps_listing_page_asks_amazon_at_the_configured_pace(tmp_path):
    from asc_widgets.app import build_app
    from asc_widgets.core import StoreDraft

    app = build_app({"ASC_HOME": str(tmp_path), "ASC_CATALOG_SEARCH_RATE": "0.5",
                     "ASC_CATALOG_CACHE_DAYS": "3"}, query="")
    store = app.registry.add_store(StoreDraft(
        website="base", email="ops@example.com", name="Amazon Store USA", marketplace="US",
        id_type="UPC", attribute="upc"), app.catalog)
    app.open_listing_rules(store.id)
    service = app.listing_rules.service
    assert service.rate == 0.5 and service.max_age.days == 3
