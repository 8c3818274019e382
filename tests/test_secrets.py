"""SecretBox: Fernet encryption of stored secrets, the key file and the env key."""

import logging
import os
import stat
import threading

import pytest

from asc_widgets.core.secrets import (
    KEY_FILE_NAME,
    DecryptionError,
    SecretBox,
    SecretKeyError,
    SecretStr,
    generate_key,
    load_or_create_key_file,
)

TOKEN = "Atzr|IwEBIExampleRefreshToken-0123456789"


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_round_trip_and_ciphertext_hides_the_value(tmp_path):
    box = SecretBox.from_env(tmp_path, {})
    token = box.encrypt(TOKEN)
    assert isinstance(token, bytes) and TOKEN.encode() not in token
    assert box.decrypt(token) == TOKEN
    assert box.decrypt(token.decode()) == TOKEN  # str ciphertext (from a TEXT column) too
    assert box.encrypt(TOKEN) != token  # fresh IV each time
    assert box.decrypt(box.encrypt(SecretStr(TOKEN))) == TOKEN
    assert box.decrypt(box.encrypt("中文 ünïcode")) == "中文 ünïcode"
    assert box.decrypt_secret(token) == SecretStr(TOKEN)


def test_key_file_is_created_with_mode_0600_and_reused(tmp_path):
    home = tmp_path / "asc-home"
    box = SecretBox.from_env(home, {})
    key_file = home / KEY_FILE_NAME
    assert key_file.exists() and _mode(key_file) == 0o600
    assert _mode(home) == 0o700
    assert not [p for p in home.iterdir() if p.name != KEY_FILE_NAME]  # no temp file left
    token = box.encrypt(TOKEN)
    assert SecretBox.from_env(home, {}).decrypt(token) == TOKEN  # same key next time
    assert box.source == str(key_file)


def test_env_key_wins_over_the_key_file(tmp_path):
    file_box = SecretBox.from_env(tmp_path, {})
    env = {"ASC_SECRET_KEY": generate_key()}
    env_box = SecretBox.from_env(tmp_path, env)
    assert env_box.source == "ASC_SECRET_KEY"
    token = env_box.encrypt(TOKEN)
    assert SecretBox.from_env(tmp_path, env).decrypt(token) == TOKEN
    with pytest.raises(DecryptionError):
        file_box.decrypt(token)


def test_env_key_does_not_create_a_key_file(tmp_path):
    SecretBox.from_env(tmp_path / "home", {"ASC_SECRET_KEY": generate_key()})
    assert not (tmp_path / "home").exists()


def test_wrong_key_fails_clearly_without_the_secret(tmp_path):
    token = SecretBox(generate_key()).encrypt(TOKEN)
    other = SecretBox.from_env(tmp_path, {})
    with pytest.raises(DecryptionError) as info:
        other.decrypt(token)
    text = str(info.value) + repr(info.value)
    assert "key" in text and str(tmp_path) in text
    assert TOKEN not in text and token.decode() not in text
    assert info.value.__cause__ is None and info.value.__suppress_context__
    with pytest.raises(DecryptionError):
        other.decrypt(b"garbage")


def test_key_rotation_with_several_env_keys(tmp_path):
    old, new = generate_key(), generate_key()
    old_token = SecretBox(old).encrypt(TOKEN)
    box = SecretBox.from_env(tmp_path, {"ASC_SECRET_KEY": f"{new}, {old}"})
    assert box.decrypt(old_token) == TOKEN
    rotated = box.rotate(old_token)
    assert SecretBox(new).decrypt(rotated) == TOKEN


def test_malformed_env_key_is_refused_without_echo(tmp_path):
    with pytest.raises(SecretKeyError) as info:
        SecretBox.from_env(tmp_path, {"ASC_SECRET_KEY": "not-a-real-key-value"})
    assert "ASC_SECRET_KEY" in str(info.value)
    assert "not-a-real-key-value" not in str(info.value)


def test_damaged_key_file_is_refused(tmp_path):
    (tmp_path / KEY_FILE_NAME).write_text("oops")
    os.chmod(tmp_path / KEY_FILE_NAME, 0o600)
    with pytest.raises(SecretKeyError) as info:
        SecretBox.from_env(tmp_path, {})
    assert KEY_FILE_NAME in str(info.value) and "oops" not in str(info.value)


def test_loose_key_file_permissions_are_fixed_with_a_warning(tmp_path, caplog):
    box = SecretBox.from_env(tmp_path, {})
    key_file = tmp_path / KEY_FILE_NAME
    os.chmod(key_file, 0o644)
    caplog.set_level(logging.WARNING, logger="asc_widgets.core.secrets")
    again = SecretBox.from_env(tmp_path, {})
    assert _mode(key_file) == 0o600
    assert "644" in caplog.text and "0600" in caplog.text
    assert key_file.read_text().strip() not in caplog.text
    assert again.decrypt(box.encrypt(TOKEN)) == TOKEN


def test_concurrent_first_use_agrees_on_one_key(tmp_path):
    keys, errors = [], []

    def load():
        try:
            keys.append(load_or_create_key_file(tmp_path / KEY_FILE_NAME))
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=load) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors and len(keys) == 12 and len(set(keys)) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [KEY_FILE_NAME]


def test_secret_str_never_shows_itself():
    secret = SecretStr(TOKEN)
    for text in (repr(secret), str(secret), f"{secret}", f"{secret!r}", f"{secret:>20}",
                 repr([secret]), repr({"t": secret})):
        assert TOKEN not in text
    assert secret.reveal() == TOKEN
    assert secret == TOKEN and secret == SecretStr(TOKEN) and secret != "other"
    assert bool(secret) and not SecretStr("")
    assert len({secret, SecretStr(TOKEN)}) == 1
    with pytest.raises(TypeError):
        SecretStr(123)
    assert repr(SecretBox(generate_key())) == "SecretBox(source='the given key')"
