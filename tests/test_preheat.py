"""Preheated kernels without a browser: the app built before the request applies the request
(language, Seller Central's landing, the stores as they are now) when it comes; the serving
settings, Voila's options and the kit's template."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import US_SELLER, click_connect, landing_query, seller_central
from nbformat import NotebookNode

from asc_widgets.app import OnboardingApp
from asc_widgets.core import DemoCatalog, Registry, StoreDraft
from asc_widgets.preheat import wait_for_request
from asc_widgets.voila_config import (
    SHARE_DIR,
    TEMPLATE_NAME,
    WAIT_FOR_REQUEST_TAG,
    CellTimeout,
    ServeSettingError,
    ServeSettings,
    use_kit_templates,
    voila_arguments,
    voila_config,
)

ROOT = Path(__file__).resolve().parent.parent
APP_NOTEBOOK = ROOT / "notebooks" / "onboarding_app.ipynb"


@pytest.fixture
def clock(sandbox_clock):
    return sandbox_clock


@pytest.fixture
def catalog():
    return DemoCatalog(product_count=100)


def another_kernel(registry) -> Registry:
    return Registry(registry.engine.url.render_as_string(hide_password=False))


def add(registry, catalog, name="Amazon Store USA", website="base", marketplace="US"):
    return registry.add_store(StoreDraft(website=website, email="ops@example.com", name=name,
                                         marketplace=marketplace, id_type="UPC",
                                         attribute="upc"), catalog)


# ---- the request, applied to an app built before it -------------------------------------------
def test_a_store_added_while_the_kernel_waited_is_on_the_page(registry, catalog):
    preheated = OnboardingApp(registry, catalog)
    assert preheated.view == "learning"  # no store when it was built
    other = another_kernel(registry)
    try:
        add(other, catalog)
    finally:
        other.close()
    preheated.apply_request("")
    assert preheated.view == "stores"
    assert preheated.stores.card_for("Amazon Store USA") is not None
    assert preheated.lang == "en"


def test_the_request_sets_the_language_of_every_built_part(registry, catalog):
    preheated = OnboardingApp(registry, catalog)
    preheated.prepare_hidden_parts()  # the form and checklist, built before the request
    preheated.apply_request("?lang=zh-CN")
    assert preheated.lang == "zh-CN"
    assert preheated.add_button.description == "添加 Amazon 商店"
    assert preheated.form.connect_button.description == "连接"
    assert preheated.continue_button.description == "继续添加 Amazon 商店"
    assert "asc-lang-zh-CN" in preheated.widget._dom_classes
    preheated.apply_request("x=1")  # no ?lang=: the language stays
    assert preheated.lang == "zh-CN"


def test_a_landing_handed_to_a_preheated_app_connects_and_confirms(registry, catalog,
                                                                   connector):
    preheated = OnboardingApp(registry, catalog, connector=lambda: connector)  # no store yet
    store = add(registry, catalog)
    started = OnboardingApp(registry, catalog, connector=lambda: connector)
    query = landing_query(seller_central(click_connect(started)))
    preheated.apply_request(query + "&lang=zh-CN")
    assert preheated.view == "stores"
    assert preheated.feedback.kind == "success"
    assert preheated.feedback.text.startswith("商店“Amazon Store USA”已连接到 Amazon 卖家")
    assert US_SELLER in preheated.feedback.text
    assert registry.get_store(store.id).seller_id == US_SELLER


def test_a_landing_without_a_connector_changes_nothing(registry, catalog, caplog):
    add(registry, catalog)
    preheated = OnboardingApp(registry, catalog)
    preheated.apply_request("state=s&selling_partner_id=A1&spapi_oauth_code=c")
    assert preheated.feedback.kind is None
    assert "without a connector" in caplog.text


def test_without_preheat_the_request_is_known_at_once(monkeypatch):
    monkeypatch.delenv("VOILA_PREHEAT", raising=False)
    monkeypatch.setenv("QUERY_STRING", "lang=zh-CN")
    assert wait_for_request() == "lang=zh-CN"
    monkeypatch.setenv("VOILA_PREHEAT", "False")
    monkeypatch.delenv("QUERY_STRING")
    assert wait_for_request() == ""


def test_the_app_notebook_builds_first_and_waits_in_a_tagged_cell():
    cells = [c for c in json.loads(APP_NOTEBOOK.read_text())["cells"]
             if c["cell_type"] == "code"]
    build, wait = ("".join(c["source"]) for c in cells)
    assert "build_page(query=\"\")" in build and "wait_for_request" not in build.split("\n", 3)[-1]
    assert "answer_request(page, wait_for_request())" in wait
    assert cells[1]["metadata"]["tags"] == [WAIT_FOR_REQUEST_TAG]
    assert not cells[0]["metadata"].get("tags")


# ---- serving settings -------------------------------------------------------------------------
def test_serving_defaults_suit_two_cores():
    settings = ServeSettings.from_env({})
    assert settings == ServeSettings(pool_size=2, cull_idle_seconds=900,
                                     cull_interval_seconds=60, cell_timeout_seconds=120)
    assert settings.preheat


def test_serving_settings_from_the_environment():
    settings = ServeSettings.from_env({"ASC_KERNEL_POOL_SIZE": "0",
                                       "ASC_KERNEL_CULL_IDLE_SECONDS": " 30 ",
                                       "ASC_KERNEL_CULL_INTERVAL_SECONDS": "5",
                                       "ASC_CELL_TIMEOUT_SECONDS": "60"})
    assert (settings.pool_size, settings.cull_idle_seconds, settings.cull_interval_seconds,
            settings.cell_timeout_seconds) == (0, 30, 5, 60)
    assert not settings.preheat


@pytest.mark.parametrize("name,value", [("ASC_KERNEL_POOL_SIZE", "-1"),
                                        ("ASC_KERNEL_POOL_SIZE", "two"),
                                        ("ASC_KERNEL_CULL_IDLE_SECONDS", "0"),
                                        ("ASC_CELL_TIMEOUT_SECONDS", "1.5")])
def test_a_bad_serving_setting_names_the_variable_and_the_fix_in_both_languages(name, value):
    with pytest.raises(ServeSettingError) as error:
        ServeSettings.from_env({name: value})
    english, chinese = error.value.message("en"), error.value.message("zh-CN")
    assert english.count(name) >= 2 and chinese.count(name) >= 2  # named, and the example fix
    assert "whole number" in english and "整数" in chinese


def test_voila_is_started_preheated_culling_and_with_the_kit_template(tmp_path):
    notebook = tmp_path / "app.ipynb"
    settings = ServeSettings(pool_size=3, cull_idle_seconds=40, cull_interval_seconds=7)
    arguments = voila_arguments(settings, 9123, notebook)
    assert arguments[0] == str(notebook)
    for expected in ("--port=9123", "--Voila.ip=127.0.0.1", "--Voila.port_retries=0",
                     "--preheat_kernel=True", "--pool_size=3"):
        assert expected in arguments
    config = voila_config(settings)
    assert config.VoilaConfiguration.template == TEMPLATE_NAME
    assert config.VoilaConfiguration.show_tracebacks is False
    assert config.MappingKernelManager.cull_idle_timeout == 40
    assert config.MappingKernelManager.cull_interval == 7
    cold = voila_arguments(ServeSettings(pool_size=0), 9123, notebook)
    assert not [a for a in cold[1:] if "preheat" in a or "pool_size" in a]


@pytest.mark.parametrize("pool", ["1", "0"])
def test_a_hub_persons_server_is_configured_like_make_app(monkeypatch, pool):
    """deploy/jupyterhub/single_user_config.py, as jupyterhub.singleuser loads it (--config)."""
    from traitlets.config.loader import PyFileConfigLoader

    monkeypatch.setenv("ASC_KERNEL_POOL_SIZE", pool)
    monkeypatch.setenv("ASC_KERNEL_CULL_IDLE_SECONDS", "321")
    config = PyFileConfigLoader("single_user_config.py",
                                path=str(ROOT / "deploy" / "jupyterhub")).load_config()
    assert config.VoilaConfiguration.template == TEMPLATE_NAME
    assert config.VoilaConfiguration.show_tracebacks is False
    assert config.MappingKernelManager.cull_idle_timeout == 321
    assert isinstance(config.VoilaExecutor.timeout_func, CellTimeout)
    preheated = "asc_widgets.hub.preheat.PreheatedKernels"
    if pool == "1":
        assert config.ServerApp.kernel_manager_class == preheated
        assert config.ServerApp.jpserver_extensions == {"asc_widgets.hub.preheat": True}
    else:  # off: Jupyter's own kernel manager, one kernel per visit
        assert "kernel_manager_class" not in config.ServerApp
        assert "jpserver_extensions" not in config.ServerApp


def test_only_the_waiting_cell_may_run_without_a_limit():
    config = voila_config(ServeSettings(cell_timeout_seconds=33))
    timeout = config.VoilaExecutor.timeout_func
    assert isinstance(timeout, CellTimeout)
    waiting = NotebookNode(source="x", metadata=NotebookNode(tags=[WAIT_FOR_REQUEST_TAG]))
    assert timeout(waiting) is None
    assert timeout(NotebookNode(source="x", metadata=NotebookNode())) == 33
    assert timeout(NotebookNode(source="x", metadata=NotebookNode(tags=["other"]))) == 33
    assert "jupyterlab_pygments" in config.VoilaConfiguration.extension_denylist
    assert config.VoilaExecutor.iopub_timeout >= 30  # outputs are not dropped under load


def test_the_kit_template_is_found_first_and_links_no_other_host():
    env = {"JUPYTER_PATH": "/somewhere"}
    use_kit_templates(env)
    use_kit_templates(env)  # once only
    assert env["JUPYTER_PATH"].split(":") == [str(SHARE_DIR), "/somewhere"]
    template = SHARE_DIR / "voila" / "templates" / TEMPLATE_NAME
    assert json.loads((template / "conf.json").read_text())["base_template"] == "lab"
    text = (template / "index.html.j2").read_text()
    assert not re.search(r"(?:href|src)=\"(?:https?:)?//", text)
    assert "extends 'lab/index.html.j2'" in text
