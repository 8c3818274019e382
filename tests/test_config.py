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
