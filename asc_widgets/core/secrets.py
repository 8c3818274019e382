"""Stored secrets, encrypted: refresh tokens and the like never reach the disk in clear.

The key comes from ``ASC_SECRET_KEY`` (a Fernet key; several comma-separated keys allow a
rotation: the first encrypts, all decrypt) or, by default, from the key file
``$ASC_HOME/secret.key``, created on first use with mode 0600. A key file readable by others
is tightened back to 0600 with a warning (it may have leaked: rotate if in doubt). A missing
key file is NOT silently replaced while encrypted secrets exist (a new key could not open
them): the person is told to restore it, or to start over with
``python -m asc_widgets.core.secrets new-key`` and connect each store again.

``SecretStr`` wraps a secret value so that it shows as ``'**********'`` in repr, str, f-strings,
logs and exception messages; ``reveal()`` gives the value to the one place that sends it.
"""

from __future__ import annotations

import hmac
import logging
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from asc_widgets.core.errors import AscError

log = logging.getLogger(__name__)

KEY_ENV = "ASC_SECRET_KEY"
KEY_FILE_NAME = "secret.key"
MASK = "**********"


class SecretStr:
    """A string that never shows itself: repr/str give a mask, reveal() gives the value."""

    __slots__ = ("_value",)

    def __init__(self, value: str | SecretStr):
        if isinstance(value, SecretStr):
            value = value.reveal()
        if not isinstance(value, str):
            raise TypeError("SecretStr wraps a str")
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return f"SecretStr('{MASK}')"

    def __str__(self) -> str:
        return MASK

    def __format__(self, spec: str) -> str:
        return MASK

    def __bool__(self) -> bool:
        return bool(self._value)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, SecretStr):
            other = other._value
        if not isinstance(other, str):
            return NotImplemented
        return hmac.compare_digest(self._value.encode(), other.encode())

    def __hash__(self) -> int:
        return hash(("SecretStr", self._value))

    def __reduce__(self):  # pickling keeps the value (needed by multiprocessing), not a leak
        return (SecretStr, (self._value,))


def reveal(value: str | SecretStr | None) -> str | None:
    """The plain value of a str or SecretStr (None stays None)."""
    if value is None:
        return None
    return value.reveal() if isinstance(value, SecretStr) else value


class SecretKeyError(AscError, RuntimeError):
    """The encryption key is missing or malformed. The message names the source, never the key."""

    key = "secrets.error.bad_key"

    def __init__(self, source: str):
        self.source = source
        super().__init__(None, source=source)


class KeyFileLost(SecretKeyError):
    """The key file is gone while secrets encrypted with it are stored: making a new one would
    lock them out for good, so the person restores it (or starts over deliberately)."""

    key = "secrets.error.key_lost"


class DecryptionError(AscError, RuntimeError):
    """A ciphertext does not open with the current key(s): the key changed or the data is bad."""

    key = "secrets.error.decrypt"

    def __init__(self, source: str):
        self.source = source
        super().__init__(None, source=source)

    def __str__(self) -> str:  # the log names the key's source (never the key)
        return f"{super().__str__()} [key from {self.source}]"


class SecretBox:
    """Encrypts and decrypts stored secrets with Fernet (AES-128-CBC + HMAC-SHA256)."""

    def __init__(self, keys: bytes | str | list[bytes | str], source: str = "the given key"):
        raw = keys if isinstance(keys, list) else [keys]
        if not raw:
            raise SecretKeyError(source)
        try:
            fernets = [Fernet(k.strip() if isinstance(k, bytes) else k.strip().encode())
                       for k in raw]
        except (ValueError, TypeError):
            raise SecretKeyError(source) from None
        self._fernet = MultiFernet(fernets)
        self.source = source

    def __repr__(self) -> str:
        return f"SecretBox(source={self.source!r})"

    @classmethod
    def from_env(cls, home: Path | str, env: Mapping[str, str] | None = None, *,
                 secrets_stored: bool = False) -> SecretBox:
        """The key from ASC_SECRET_KEY when set, else the key file under home, made when
        missing unless secrets_stored (secrets encrypted with the lost key exist: KeyFileLost)."""
        environ = os.environ if env is None else env
        value = (environ.get(KEY_ENV) or "").strip()
        if value:
            return cls([k for k in value.split(",") if k.strip()], source=KEY_ENV)
        path = Path(home).expanduser() / KEY_FILE_NAME
        return cls(load_or_create_key_file(path, create=not secrets_stored), source=str(path))

    def encrypt(self, value: str | SecretStr) -> bytes:
        return self._fernet.encrypt(reveal(value).encode("utf-8"))

    def decrypt(self, token: bytes | str) -> str:
        data = token.encode("ascii") if isinstance(token, str) else token
        try:
            return self._fernet.decrypt(data).decode("utf-8")
        except (InvalidToken, UnicodeError, ValueError, TypeError):
            raise DecryptionError(self.source) from None

    def decrypt_secret(self, token: bytes | str) -> SecretStr:
        return SecretStr(self.decrypt(token))

    def rotate(self, token: bytes | str) -> bytes:
        """Re-encrypt a ciphertext with the first (newest) key."""
        data = token.encode("ascii") if isinstance(token, str) else token
        try:
            return self._fernet.rotate(data)
        except (InvalidToken, ValueError, TypeError):
            raise DecryptionError(self.source) from None


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


def load_or_create_key_file(path: Path, *, create: bool = True) -> bytes:
    """Read the key file, creating it atomically with mode 0600 when missing (when create is
    False, a missing file raises KeyFileLost).

    Two processes starting at once both end up with the same key: the file appears with its
    full content (written to a private temporary file, then hard-linked into place, which fails
    when another process was first).
    """
    path = Path(path)
    if not path.exists() and not create:
        raise KeyFileLost(str(path))
    if not path.exists():
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(Fernet.generate_key() + b"\n")
                f.flush()
                os.fsync(f.fileno())
            try:
                os.link(tmp, path)
                log.info("created the secret key file %s (mode 0600)", path)
            except FileExistsError:
                pass  # another process created it first: use theirs
        finally:
            tmp.unlink(missing_ok=True)
    _tighten(path)
    data = path.read_bytes().strip()
    try:
        Fernet(data)
    except (ValueError, TypeError):
        raise SecretKeyError(str(path)) from None
    return data


def _tighten(path: Path) -> None:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        log.warning("the secret key file %s had mode %o (readable by others); set to 0600. "
                    "If others could read it, rotate the key.", path, mode)
        os.chmod(path, 0o600)


def main(argv: list[str] | None = None) -> int:
    """``python -m asc_widgets.core.secrets new-key``: start over after losing the key file.
    Makes a new key file under ASC_HOME (never over an existing one); the stores connected
    before must then be connected again, as their stored tokens cannot be opened."""
    import sys

    from asc_widgets.core.config import Settings

    args = sys.argv[1:] if argv is None else argv
    if args != ["new-key"]:
        print("usage: python -m asc_widgets.core.secrets new-key", file=sys.stderr)
        return 2
    path = Settings.from_env().home / KEY_FILE_NAME
    if path.exists():
        print(f"{path} exists: keeping it (delete it yourself to replace it).", file=sys.stderr)
        return 1
    load_or_create_key_file(path)
    print(f"Created a new key file {path}. Connect each store again (Renew authorization).")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
