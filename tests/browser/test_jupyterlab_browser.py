"""The analysts' path in a real JupyterLab 4, in Chromium, as a new analyst walks it: notebooks
01-05 opened and run in order, the store form filled and used (Compare attributes, Connect),
the connect panel followed through the sandbox's Seller Central and completed by pasting the
address, the renewal panel and the exports. After each step the components' layout is
measured: no field block shorter than its content, no scrollbar inside a component, every
input, help line and error line visible and clear of the next one, no button text cut, and
no cell output with an error. The same form is then measured in a Voila page and in a
narrow window."""

from __future__ import annotations

import re

import pytest
from helpers import fill_form, sign_in

pytestmark = pytest.mark.browser

LAB_VIEWPORT = {"width": 1366, "height": 768}
NARROW_VIEWPORT = {"width": 420, "height": 800}
KERNEL_MS = 120_000
US_SELLER = "A1SBXDEMONA0001"

# Problems of a component's layout, measured in the page: [] when it reads as it should.
LAYOUT_PROBLEMS = """(root) => {
  const problems = [];
  const box = (e) => e.getBoundingClientRect();
  const shown = (e) => { const r = box(e); return r.width > 0 && r.height > 0; };
  const name = (e) => [...e.classList].filter(c => c.startsWith('asc-')).join('.') ||
                      e.tagName.toLowerCase();
  for (const e of [root, ...root.querySelectorAll('*')]) {
    if (!shown(e)) continue;
    const style = getComputedStyle(e);
    const scrollsY = ['auto', 'scroll'].includes(style.overflowY);
    const scrollsX = ['auto', 'scroll'].includes(style.overflowX);
    if (scrollsY && e.scrollHeight > e.clientHeight + 1)
      problems.push(`scrollbar inside ${name(e)}: ${e.scrollHeight} > ${e.clientHeight}`);
    if (scrollsX && e.scrollWidth > e.clientWidth + 1)
      problems.push(`sideways scrollbar inside ${name(e)}`);
  }
  for (const block of root.querySelectorAll('.asc-fieldblock')) {
    if (!shown(block)) continue;
    const parts = [...block.children].filter(shown);
    const needed = parts.reduce((sum, p) => sum + box(p).height, 0);
    if (box(block).height + 1 < needed || block.scrollHeight > block.clientHeight + 1)
      problems.push(`${name(block)} is shorter than its content`);
    for (let i = 1; i < parts.length; i++)
      if (box(parts[i - 1]).bottom > box(parts[i]).top + 0.5)
        problems.push(`${name(parts[i - 1])} overlaps ${name(parts[i])} in ${name(block)}`);
    for (const control of block.querySelectorAll('select, input')) {
      const r = box(control), b = box(block);
      if (r.height < 24 || r.top < b.top - 0.5 || r.bottom > b.bottom + 0.5)
        problems.push(`${name(block)}: its input is cut (${Math.round(r.height)} px high)`);
    }
  }
  const blocks = [...root.querySelectorAll('.asc-fieldblock')].filter(shown);
  for (let i = 1; i < blocks.length; i++)
    if (box(blocks[i - 1]).bottom > box(blocks[i]).top + 0.5)
      problems.push(`${name(blocks[i - 1])} overlaps ${name(blocks[i])}`);
  for (const line of root.querySelectorAll('.asc-help, .asc-error, .asc-label')) {
    if (!shown(line) && line.textContent.trim() && getComputedStyle(line).display !== 'none')
      problems.push(`${name(line)} has text but no room`);
    const content = line.querySelector('.widget-html-content') || line;
    if (content.scrollHeight > content.clientHeight + 1 ||
        box(content).bottom > box(line).bottom + 0.5)
      problems.push(`${name(line)}: its text does not fit ("${line.textContent.trim()}")`);
  }
  for (const button of root.querySelectorAll('button')) {
    if (shown(button) && button.scrollWidth > button.clientWidth + 1)
      problems.push(`button "${button.textContent.trim()}" is cut`);
  }
  return problems;
}"""

ERROR_OUTPUTS = """(panel) => [...panel.querySelectorAll('.jp-OutputArea-output')]
  .filter(o => o.querySelector('[data-mime-type="application/vnd.jupyter.stderr"]') ||
               o.matches('[data-mime-type="application/vnd.jupyter.stderr"]'))
  .map(o => o.textContent)
  .filter(t => /Traceback|\\w+(Error|Exception)\\b/.test(t))"""


def assert_layout(locator) -> None:
    locator.first.wait_for(state="visible")
    for element in locator.element_handles():
        assert element.evaluate(LAYOUT_PROBLEMS) == []


def open_notebook(new_page, lab_url: str, name: str, viewport=LAB_VIEWPORT):
    page = new_page(viewport)
    page.goto(f"{lab_url}lab/tree/{name}?reset")
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for(timeout=KERNEL_MS)
    # Run only once the kernel is up: cells queued while it connects are dropped.
    page.locator(".jp-StatusBar-TextItem", has_text=re.compile(r"\| Idle$")).wait_for(
        timeout=KERNEL_MS)
    return page


def notebook(page):
    return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")


def wait_until_run(page) -> None:
    """Every code cell has run (a number in its prompt) and the kernel is idle."""
    page.wait_for_function("""() => {
        const prompts = [...document.querySelectorAll(
            '.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')]
            .map(p => p.textContent.trim());
        return prompts.length && prompts.every(p => /^\\[\\d+\\]:$/.test(p));
    }""", timeout=KERNEL_MS)
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").wait_for(
        timeout=KERNEL_MS)


def run_menu(page, item: str, menu: str = "Run") -> None:
    page.get_by_role("menuitem", name=menu, exact=True).click()
    page.get_by_role("menuitem", name=item, exact=True).click()


def run_all(page) -> None:
    run_menu(page, "Run All Cells")
    wait_until_run(page)
    assert_no_errors(page)


def select_cell(page, text: str):
    """Click into the code cell whose source holds text (as a person picks a cell)."""
    cell = notebook(page).locator(".jp-CodeCell").filter(
        has=page.locator(".jp-InputArea-editor", has_text=text))
    cell.locator(".jp-InputArea-editor").click()
    return cell


def assert_no_errors(page) -> None:
    assert notebook(page).element_handle().evaluate(ERROR_OUTPUTS) == []


def outputs(cell) -> str:
    return cell.locator(".jp-OutputArea").inner_text()


@pytest.mark.timeout(1200)
def test_the_analyst_notebooks_in_jupyterlab(jupyterlab, new_page, screenshot_dir):
    lab_url, folder, _home = jupyterlab

    # 01: the kit, websites, attributes, products.
    page = open_notebook(new_page, lab_url, "01_getting_started.ipynb")
    run_all(page)
    assert "Main Website" in notebook(page).inner_text()

    # 02: the form first (its cell alone), used as the app's, then the rest of the notebook.
    page = open_notebook(new_page, lab_url, "02_add_stores.ipynb")
    select_cell(page, "kit.store_form()")
    page.keyboard.press("Shift+Enter")
    form = page.locator(".asc-store-form")
    form.wait_for(timeout=KERNEL_MS)
    assert_layout(form)
    fill_form(page, website="base", email="ops@", name="Amazon Store USA", marketplace="US")
    form.locator(".asc-error-email", has_text="not a valid email address").wait_for()
    assert_layout(form)  # the error line sits whole between the input and the help line
    fill_form(page, email="ops@example.com", id_type="UPC", attribute="UPC (upc)")
    form.locator(".asc-mapper-info", has_text="valid UPC codes").wait_for()
    assert form.locator(".asc-field-id-type select").is_visible()
    assert form.locator(".asc-field-attribute select").is_visible()
    assert_layout(form)
    form.locator(".asc-mapper-compare").click()
    form.locator(".asc-mapper-comparison table").wait_for()
    assert_layout(form)
    assert form.locator(".asc-mapper-compare").inner_text() == "Compare attributes"
    form.locator(".asc-mapper-comparison").scroll_into_view_if_needed()
    page.screenshot(path=screenshot_dir / "jupyterlab-form.png")

    # A narrow window, the file browser hidden as one does there.
    page.locator(".jp-SideBar.jp-mod-left .lm-TabBar-tab.lm-mod-current").click()
    page.set_viewport_size(NARROW_VIEWPORT)
    assert_layout(form)
    page.set_viewport_size(LAB_VIEWPORT)

    form.locator(".asc-connect:not([disabled])").click()
    page.locator(".asc-message-success", has_text="was added").wait_for()
    assert_layout(form)
    run_all(page)
    validation = select_cell(page, "kit.validate(")
    assert "Email Address" in outputs(validation) and "['" not in outputs(validation)
    errors = select_cell(page, "report.errors")
    message = errors.locator("td", has_text="is not a valid email address").first
    assert message.evaluate("e => getComputedStyle(e).textAlign") in ("left", "start")
    assert "…" not in outputs(errors) and "..." not in outputs(errors)

    # 03: tables read left-aligned and whole; the bad values are check-digit failures.
    page = open_notebook(new_page, lab_url, "03_attribute_mapping.ipynb")
    run_all(page)
    bad = select_cell(page, "profile.bad_values()")
    assert "check digit is wrong" in outputs(bad)
    assert "reason_key" not in outputs(bad)
    recommendations = select_cell(page, "kit.table(profile.recommendations)")
    assert re.search(r"\d+%", outputs(recommendations))

    # 04: the connect panel, followed through the sandbox's Seller Central.
    page = open_notebook(new_page, lab_url, "04_connect_and_authorize.ipynb")
    run_all(page)
    panel = page.locator(".asc-connect-panel")
    assert_layout(panel)
    assert "View Store" not in panel.inner_text()
    assert "Connect store" not in panel.inner_text()
    assert "run this cell again" in panel.inner_text()
    skipped = select_cell(page, "DEMO_SELLER")
    assert "Skipped" in outputs(skipped)  # Run All never consents for the analyst

    with page.context.expect_page() as new_tab:
        panel.locator("a.asc-consent-link").click()
    tab = new_tab.value
    try:
        tab.wait_for_selector("#asc-sandbox-email")
        sign_in(tab)
        tab.fill("#asc-sandbox-otp", "123456")
        tab.click("#asc-sandbox-otp-signin")
        tab.check("#asc-sandbox-understand")
        tab.click("#asc-sandbox-next")
        # The tab ends on an address that does not load (no app behind it): copy it.
        with tab.expect_request(lambda r: "spapi_oauth_code=" in r.url) as landing:
            tab.click("#asc-sandbox-continue")
        address = landing.value.url
    finally:
        tab.close()
    panel.locator(".asc-paste-url input").fill(address)
    panel.locator(".asc-complete:not([disabled])").click()
    page.locator(".asc-message-success", has_text="is connected to Amazon seller").wait_for()
    assert panel.locator(".asc-connect-body").is_hidden()  # collapsed to the confirmation
    assert panel.locator(".asc-connect-done", has_text="run this cell again").is_visible()
    assert "Connect store again" not in page.locator(".asc-kit").inner_text()
    assert_layout(page.locator(".asc-kit"))
    page.screenshot(path=screenshot_dir / "jupyterlab-connected.png")

    select_cell(page, "DEMO_SELLER")
    run_menu(page, "Run Selected Cell and All Below")
    wait_until_run(page)
    assert_no_errors(page)
    checked = select_cell(page, "kit.connector.check")
    assert f"Active {US_SELLER}" in outputs(checked)

    # 05: tables, the timeline, the renewal panel, exports where the file browser shows them.
    page = open_notebook(new_page, lab_url, "05_status_and_renewal.ipynb")
    run_all(page)
    timeline = select_cell(page, "plot_expiry_timeline")
    assert timeline.locator(".jp-OutputArea img").is_visible()
    renewal = page.locator(".asc-connect-panel")
    assert_layout(renewal)
    assert "Renew the authorization of 'Amazon Store USA'" in renewal.inner_text()
    exports = select_cell(page, "kit.export_status()")
    text = outputs(exports)
    assert str(folder / "exports" / "stores.csv") in text
    assert (folder / "exports" / "status.xlsx").exists()
    link = exports.locator("a", has_text="stores.csv")
    assert link.get_attribute("download") == "stores.csv"
    page.locator(".jp-DirListing-item", has_text="exports").first.wait_for()


@pytest.mark.timeout(600)
def test_the_store_form_lays_out_the_same_in_a_voila_page(jupyterlab, new_page):
    """The same notebook served by Voila (the server extension in this JupyterLab), wide and
    narrow."""
    lab_url, _folder, _home = jupyterlab
    page = new_page(LAB_VIEWPORT)
    page.goto(f"{lab_url}voila/render/02_add_stores.ipynb")
    form = page.locator(".asc-store-form")
    form.wait_for(timeout=KERNEL_MS)
    fill_form(page, website="us_store", email="ops@", name="x", id_type="EAN",
              attribute="EAN (ean)")
    form.locator(".asc-error-email").wait_for()
    form.locator(".asc-mapper-compare").click()
    form.locator(".asc-mapper-comparison table").wait_for()
    assert_layout(form)
    page.set_viewport_size(NARROW_VIEWPORT)
    assert_layout(form)
