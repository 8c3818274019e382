"""One error type: every kit error is an AscError whose message exists in both languages and
reaches the person through Feedback; anything else shows the generic message."""

from __future__ import annotations

import importlib
import pkgutil
import re
import string
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

import asc_widgets
from asc_widgets.core import errors as core_errors
from asc_widgets.core.amazon import errors as amazon
from asc_widgets.core.authorization import ConnectError
from asc_widgets.core.bulk import BulkSourceError
from asc_widgets.core.commerce import errors as commerce
from asc_widgets.core.config import SettingNumberError, SettingsError
from asc_widgets.core.errors import AscError
from asc_widgets.core.i18n import LANGUAGES, catalog, t
from asc_widgets.core.lifecycle import StoreStatus, TransitionError
from asc_widgets.core.listing.matching import CatalogRateLimited
from asc_widgets.core.listing.rules import RuleProblem, RuleValidationError
from asc_widgets.core.people import NotPermitted
from asc_widgets.core.registry import (
    AuthStateError,
    BatchValidationError,
    ConcurrentChange,
    RegistryBusy,
    RegistryUnavailable,
    SellerAlreadyConnected,
    StoreNotFound,
)
from asc_widgets.core.registry.copy import CopyRefused
from asc_widgets.core.reminders.errors import DeliveryFailed, ReminderConfigError, ReminderError
from asc_widgets.core.secrets import DecryptionError, KeyFileLost, SecretKeyError
from asc_widgets.core.stores import FieldProblem, ValidationError
from asc_widgets.voila_config import ServeSettingError
from asc_widgets.widgets.feedback import Feedback

# The families of message keys that errors use.
ERROR_KEY_PREFIXES = ("error.", "amazon.error.", "amazon.callback.", "secrets.error.",
                      "commerce.", "auth.callback_", "auth.state_", "auth.other_seller",
                      "auth.not_connected", "registry.error.", "reminder.error.",
                      "sync.error.", "snapshot.missing", "snapshot.other_store",
                      "snapshot.unreadable", "bulk.unsupported_source")

# Words that fill other messages, not errors of their own.
NOT_ERRORS = {"commerce.error.no_message"}

_HTTP = {"status": 500, "path": "/V1/store/websites", "magento_message": "Boom"}

# One example of every error class (and of every key it can carry).
EXAMPLES: dict[type[AscError], list[AscError]] = {
    AscError: [AscError()],
    ValidationError: [ValidationError([FieldProblem("name", "problem.required")])],
    TransitionError: [TransitionError("Shop", "activate", StoreStatus.ACTIVE)],
    StoreNotFound: [StoreNotFound(7)],
    NotPermitted: [NotPermitted("bob", "asc-operators")],
    BatchValidationError: [BatchValidationError({0: [FieldProblem("name", "problem.required")]})],
    SellerAlreadyConnected: [SellerAlreadyConnected("A1", "Other shop", "UK")],
    AuthStateError: [AuthStateError(r) for r in ("unknown", "reused", "expired", "other_store")],
    ConnectError: [ConnectError("auth.callback_invalid"),
                   ConnectError("auth.other_seller", name="Shop", seller_id="A1"),
                   ConnectError("auth.not_connected", name="Shop")],
    SecretKeyError: [SecretKeyError("ASC_SECRET_KEY")],
    SettingsError: [SettingsError("ASC_AMAZON", "prod", ("sandbox", "live"))],
    DecryptionError: [DecryptionError("/home/x/secret.key")],
    amazon.AmazonError: [amazon.AmazonError(status=418)],
    amazon.CodeExpired: [amazon.CodeExpired(status=400, code="invalid_grant")],
    amazon.Revoked: [amazon.Revoked(status=400, code="invalid_grant")],
    amazon.InvalidClient: [amazon.InvalidClient(status=401)],
    amazon.UnauthorizedClient: [amazon.UnauthorizedClient(status=400)],
    amazon.BadRequest: [amazon.BadRequest(status=400, code="invalid_scope")],
    amazon.AccessDenied: [amazon.AccessDenied(status=400)],
    amazon.WrongRegionOrRevoked: [amazon.WrongRegionOrRevoked(status=403)],
    amazon.RateLimited: [amazon.RateLimited(status=429)],
    amazon.AmazonUnavailable: [amazon.AmazonUnavailable(status=503)],
    amazon.AmazonTimeout: [amazon.AmazonTimeout(code="timeout")],
    amazon.MarketplaceNotAuthorized: [
        amazon.MarketplaceNotAuthorized(marketplace_key="market.UK")],
    amazon.AmazonConfigError: [amazon.AmazonConfigError(["ASC_LWA_CLIENT_ID"], "missing")],
    amazon.AuthorizationNotGranted: [amazon.AuthorizationNotGranted(code="access_denied")],
    amazon.InvalidCallback: [amazon.InvalidCallback()],
    commerce.CommerceError: [commerce.CommerceError("commerce.error.http", status=500, path="/V1/x",
                                                    message="Boom")],
    commerce.CommerceConfigError: [
        commerce.CommerceConfigError("commerce.config.missing_url"),
        commerce.CommerceConfigError("commerce.config.bad_url", value="ftp://x"),
        commerce.CommerceConfigError("commerce.config.missing_credentials"),
        commerce.CommerceConfigError("commerce.config.missing_oauth", variables="A, B"),
        commerce.CommerceConfigError("commerce.config.bad_number", variable="V", low=1,
                                     high=9, value="x")],
    commerce.CommerceNetworkError: [
        commerce.CommerceNetworkError("commerce.error.network", url="http://x", reason="r",
                                      attempts=3),
        commerce.CommerceNetworkError("commerce.error.timeout", url="http://x", seconds=5,
                                      attempts=3)],
    commerce.CommerceHTTPError: [
        commerce.CommerceHTTPError("commerce.error.not_found", **_HTTP),
        commerce.CommerceHTTPError("commerce.error.busy", attempts=3, **_HTTP),
        commerce.CommerceHTTPError("commerce.error.http", **_HTTP)],
    commerce.CommerceAuthError: [
        commerce.CommerceAuthError("commerce.error.unauthorized_oauth1", **_HTTP),
        commerce.CommerceAuthError("commerce.error.unauthorized_bearer", **_HTTP)],
    commerce.CommerceResponseError: [
        commerce.CommerceResponseError("commerce.error.not_json", path="/V1/x", status=200,
                                       content_type="text/html"),
        commerce.CommerceResponseError("commerce.error.unexpected", path="/V1/x", detail="d"),
        commerce.CommerceResponseError("commerce.error.paging_loop", path="/V1/products",
                                       page=3, earlier=1),
        commerce.CommerceResponseError("commerce.error.too_many_pages", path="/V1/products",
                                       max_pages=10000),
        commerce.CommerceResponseError("commerce.error.malformed_record",
                                       path="/V1/store/websites", field="id", record="[]")],
    commerce.CatalogSnapshotError: [
        commerce.CatalogSnapshotError("snapshot.missing", url="https://shop.example"),
        commerce.CatalogSnapshotError("snapshot.other_store", path="/x", found="a",
                                      expected="b"),
        commerce.CatalogSnapshotError("snapshot.unreadable", path="/x", reason="r")],
    commerce.CatalogSyncError: [
        commerce.CatalogSyncError("sync.error.commerce", read="10", total="20",
                                  reason="Boom."),
        commerce.CatalogSyncError("sync.error.commerce_early", reason="Boom."),
        commerce.CatalogSyncError("sync.error.repeated_page", read="10", total="20",
                                  last_id=5),
        commerce.CatalogSyncError("sync.error.disk", path="/x", reason="full"),
        commerce.CatalogSyncError("sync.error.busy", path="/x.lock")],
    KeyFileLost: [KeyFileLost("/home/x/secret.key")],
    RegistryUnavailable: [RegistryUnavailable(key, place="/home/x") for key in (
        "registry.error.cannot_open", "registry.error.full", "registry.error.not_a_folder",
        "registry.error.read_only")] + [
        RegistryUnavailable(f"error.registry_{reason}", database="asc", host="db:5432",
                            detail="too many clients")
        for reason in ("down", "host_unknown", "auth", "database_missing", "refused",
                       "dropped", "dropped_write")],
    RegistryBusy: [RegistryBusy("/home/x")],
    ConcurrentChange: [ConcurrentChange(make_url("postgresql://kit@db.example:5432/asc"))],
    CopyRefused: [
        CopyRefused("error.copy_target_not_empty", place="asc @ db", counts="stores: 3"),
        CopyRefused("error.copy_source_missing", place="/x/registry.sqlite3"),
        CopyRefused("error.copy_source_newer", place="/x/registry.sqlite3", version=9,
                    latest=5)],
    BulkSourceError: [BulkSourceError("int")],
    ReminderError: [ReminderError("reminder.error.smtp", reason="SMTPConnectError")],
    ReminderConfigError: [ReminderConfigError("ASC_SMTP_PORT", "reminder.problem.integer",
                                              minimum=1)],
    RuleValidationError: [RuleValidationError([RuleProblem("rule_website", "problem.required",
                                                       path=(0,))])],
    CatalogRateLimited: [CatalogRateLimited(status=429, code="QuotaExceeded")],
    SettingNumberError: [
        SettingNumberError("error.setting_whole", "ASC_CATALOG_SEARCH_BURST", "0", low=1),
        SettingNumberError("error.setting_positive", "ASC_CATALOG_SEARCH_RATE", "fast")],
    ServeSettingError: [
        ServeSettingError("error.serve_whole_number", name="ASC_KERNEL_POOL_SIZE",
                          value="'two'", minimum=0, default=2),
        ServeSettingError("error.serve_listen_address", address="'0.0.0.0'")],
    DeliveryFailed: [DeliveryFailed("smtp", "SMTPConnectError"),
                     DeliveryFailed("webhook", "HTTP 500")],
}


def every_subclass(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found |= {sub, *every_subclass(sub)}
    return found


@pytest.fixture(scope="module", autouse=True)
def every_module_imported():
    """Error classes exist once their module is imported: import them all to find each."""
    for module in pkgutil.walk_packages(asc_widgets.__path__, "asc_widgets."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)


def test_every_error_class_has_an_example_here():
    kit_classes = {c for c in every_subclass(AscError) | {AscError}
                   if c.__module__.startswith("asc_widgets.")}
    assert kit_classes - set(EXAMPLES) == set()


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_error_reaches_the_person_in_every_language(lang):
    feedback = Feedback(lang)
    for cls, examples in EXAMPLES.items():
        for error in examples:
            assert type(error) is cls
            text = error.message(lang)
            assert text.strip() and "{" not in text, (cls, error.key)
            assert feedback.message_for(error) == text
            feedback.report(error, "test")
            assert feedback.kind == "error" and feedback.text == text


def test_chinese_and_english_differ_for_every_error():
    for examples in EXAMPLES.values():
        for error in examples:
            assert error.message("en") != error.message("zh-CN"), error.key


def test_every_registered_error_key_is_raised_somewhere():
    error_keys = {k for k in catalog() if k.startswith(ERROR_KEY_PREFIXES)} - NOT_ERRORS
    raised = {e.key for examples in EXAMPLES.values() for e in examples}
    assert error_keys - raised == set()
    for key in error_keys:
        assert set(catalog()[key]) == set(LANGUAGES)


def test_examples_use_the_keys_the_code_raises():
    """The examples' keys are the ones the kit's code names (no example for a dead key)."""
    source = "\n".join(p.read_text() for p in Path(asc_widgets.__file__).parent.rglob("*.py")
                       if "messages" not in p.parts)
    named = set(re.findall(r'"((?:commerce|auth)\.[a-z_.]+)"', source))
    example_keys = {e.key for examples in EXAMPLES.values() for e in examples}
    dynamic = {f"auth.state_{r}" for r in ("unknown", "reused", "expired", "other_store")} | {
        f"commerce.error.unauthorized_{kind}" for kind in ("bearer", "oauth1")}
    assert {k for k in example_keys if k.startswith(("commerce.", "auth."))} - named - dynamic \
        == set()


def test_anything_else_is_the_generic_message_and_a_log_line(caplog):
    feedback = Feedback("zh-CN")
    feedback.report(RuntimeError("database on fire"), "test")
    assert feedback.text == t("ui.error.unexpected", "zh-CN")
    assert "database on fire" not in feedback.text
    assert any(r.exc_info for r in caplog.records)


def test_parameters_named_key_are_said_in_the_language():
    error = SellerAlreadyConnected("A1", "Other shop", "UK")
    assert "United Kingdom" in error.message("en") and "英国" in error.message("zh-CN")
    assert str(error) == error.message("en")
    assert core_errors.render("market.UK", "zh-CN") == "英国"


def test_placeholders_of_error_texts_match():
    for key, texts in catalog().items():
        if key.startswith(ERROR_KEY_PREFIXES):
            fields = [{f for _, f, _, _ in string.Formatter().parse(s) if f}
                      for s in texts.values()]
            assert all(f == fields[0] for f in fields), key


def test_a_stored_error_keeps_its_parameters(registry, catalog, draft):
    """A failed check is stored with its key and parameters: the store says it in any
    language, with nothing left blank."""
    store = registry.add_store(draft, catalog)
    registry.transition(store.id, "connect", seller_id="A1")
    error = amazon.MarketplaceNotAuthorized(code="marketplace_not_participating",
                                            marketplace_key="market.US")
    failed = registry.transition(store.id, "fail", last_error=error)
    assert failed.last_error == "amazon.error.marketplace_missing"
    assert failed.last_error_message("en") == error.message("en")
    assert "美国" in failed.last_error_message("zh-CN")
    assert registry.get_store(store.id).last_error_message("zh-CN") == error.message("zh-CN")
    restored = registry.transition(store.id, "restore", last_error=None)
    assert restored.last_error is None and restored.last_error_message() == ""
