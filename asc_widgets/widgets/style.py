"""The app's stylesheet, injected once: the look of the Commerce screens (cards, pills, a
modal dialog), kept modest. Classes are the stable ``asc-...`` ones the components set.

The layout rules hold wherever a component is shown: in the app (root ``asc-app``), in a
JupyterLab 4 notebook (root ``asc-kit``, see asc_widgets.notebook), in a Voila page and in a
narrow window. ipywidgets boxes are flex columns with ``overflow: auto``, so a child may shrink
to nothing and scroll inside itself; HTML widgets and inputs have a fixed one-line height.
Hence every component container keeps its children at full height, lets them overflow
visibly, and text widgets grow with their text. Only the app's modal scrolls (one scrollbar).
Rules that must beat ipywidgets' own (``.jupyter-widget-...``, one class) carry
``.jupyter-widgets`` as a second class, whatever the stylesheet's place in the page; they come
first, so the look's rules below can still refine them."""

from __future__ import annotations

import ipywidgets as w

from asc_widgets.widgets.common import make_html

BLUE = "#1473e6"
RED = "#d7373f"

# Columns whose children keep their full height; rows may still shrink their children.
COLUMNS = ("asc-app", "asc-kit", "asc-store-form", "asc-form-body", "asc-fieldblock",
           "asc-mapper", "asc-checklist", "asc-dashboard", "asc-connect-panel",
           "asc-connect-body", "asc-connect-paste", "asc-main", "asc-store-list",
           "asc-store-card", "asc-panel", "asc-dash-col")
# Boxes that show what overflows them instead of scrolling inside themselves.
CONTAINERS = COLUMNS + ("asc-mapper-actions", "asc-form-buttons", "asc-connect-paste-row",
                        "asc-body", "asc-store-grid", "asc-card-foot", "asc-dash-columns")


def _each(template: str, names=CONTAINERS) -> str:
    return ",\n".join(template.format(name) for name in names)


LAYOUT = f"""
{_each(".jupyter-widgets.{}")} {{ overflow: visible; }}
{_each(".{} > *", COLUMNS)} {{ flex-shrink: 0; }}
.asc-kit {{ max-width: 820px; padding: 4px 0 8px; }}
.jupyter-widgets.jupyter-widget-html[class*="asc-"] {{ height: auto; }}
.jupyter-widget-html:where([class*="asc-"]) > .jupyter-widget-html-content {{
  line-height: 1.45; white-space: normal; height: auto; }}
.jupyter-widgets.asc-input {{ width: auto; height: 34px; margin: 2px 0; align-self: stretch;
  flex: 0 0 auto; }}
.jupyter-widgets.asc-lang {{ width: 150px; }}
.jupyter-widgets.asc-input.asc-paste-url {{ flex: 1 1 12em; min-width: 0; }}
.asc-modal-panel .asc-form-body {{ max-height: 62vh; overflow-y: auto; padding-right: 10px; }}
.asc-mapper-actions, .asc-form-buttons, .asc-dash-auth-buttons {{ flex-wrap: wrap; }}
@media (max-width: 640px) {{
  .asc-modal-panel {{ padding: 16px 14px; }}
  .asc-body {{ flex-direction: column; }}
  .asc-nav {{ width: 100%; flex: 0 0 auto; }}
  .asc-form-buttons {{ justify-content: flex-start; }}
}}
"""

CSS = LAYOUT + f"""
.asc-app, .asc-kit {{
  font-family: "Adobe Clean", "Source Sans Pro", "Segoe UI", Roboto, "Helvetica Neue", Arial,
    "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Color Emoji", sans-serif;
  color: #2c2c2c; }}
.asc-app {{ max-width: 1180px; margin: 0 auto; padding: 0 16px 40px; }}
:is(.asc-app, .asc-kit) .widget-html-content,
:is(.asc-app, .asc-kit) .widget-label-basic {{ font-size: 14px; }}
:is(.asc-app, .asc-kit) :is(h1, h2, h3, h4) {{ margin: 6px 0; line-height: 1.3; }}
:is(.asc-app, .asc-kit) p {{ margin: 4px 0; line-height: 1.45; white-space: normal; }}
.asc-header {{ justify-content: space-between; align-items: center; padding: 10px 0 8px; }}
.asc-header h1 {{ font-weight: 300; font-size: 30px; }}
.asc-lang-box {{ align-items: center; gap: 8px; }}
.asc-message {{ margin: 6px 0 10px; }}
.asc-message .widget-html-content div {{
  padding: 10px 14px; border-radius: 4px; line-height: 1.45; white-space: normal;
  border-left: 4px solid; }}
.asc-message-success div {{ background: #e8f5e9; border-color: #2e7d32; }}
.asc-message-info div {{ background: #e8f1fc; border-color: {BLUE}; }}
.asc-message-error div {{ background: #fdecea; border-color: {RED}; }}
.asc-banner {{
  background: #f5f5f5; border-top: 1px solid #e6e6e6; border-bottom: 1px solid #e6e6e6;
  padding: 12px 18px; align-items: center; justify-content: space-between; }}
.asc-banner-text .widget-html-content {{ line-height: 1.35; }}
.asc-logo {{ font: 700 44px/1 Georgia, serif; color: #111; margin-right: 18px;
  border-bottom: 4px solid #ff9900; border-radius: 0 0 40% 40%; padding: 0 6px; }}
.asc-banner-title {{ font-size: 22px; }}
.asc-banner-subtitle {{ font-size: 15px; color: #4b4b4b; }}
.jupyter-button.asc-button {{ height: 32px; border-radius: 16px; font-weight: 700;
  padding: 0 16px; font-size: 14px; width: auto; max-width: 100%; flex: 0 0 auto; }}
.asc-add-store, .asc-button-primary {{ background: {BLUE}; color: #fff; }}
.asc-add-store:hover, .asc-button-primary:hover {{ background: #0d66d0; }}
.asc-button-primary:disabled {{ background: #eaeaea; color: #b3b3b3; }}
.asc-button-secondary {{ background: #fff; color: #4b4b4b; border: 2px solid #4b4b4b; }}
.asc-button-secondary:hover {{ background: #f4f4f4; }}
.asc-button-link {{ background: transparent; color: #4b4b4b; font-weight: 400; }}
.asc-confirm-delete {{ background: {RED}; color: #fff; }}
.asc-body {{ margin-top: 18px; gap: 24px; align-items: flex-start; }}
.asc-nav {{ width: 210px; flex: 0 0 210px; }}
.asc-nav .jupyter-button {{ background: transparent; border-radius: 4px; font-weight: 400;
  justify-content: flex-start; text-align: left; width: 100%; margin: 1px 0; }}
.asc-nav .jupyter-button:hover {{ background: #f0f0f0; }}
.asc-nav .asc-nav-active {{ background: #eaeaea; }}
.asc-main {{ flex: 1 1 auto; min-width: 0; }}
.asc-store-grid {{ flex-wrap: wrap; gap: 24px; align-items: flex-start; }}
.asc-store-card {{ width: 350px; border: 1px solid #d8d8d8; border-radius: 4px;
  background: #fff; box-shadow: 0 1px 3px rgba(0,0,0,.08); overflow: visible; }}
.jupyter-widgets.asc-card-head {{ background: #f4f4f4; margin: 0; }}
.asc-card-head .widget-html-content {{ line-height: 1.4; }}
.asc-card-top {{ display: flex; gap: 14px; padding: 16px 16px 12px; }}
.asc-card-flag {{ font-size: 44px; line-height: 1.1; flex: 0 0 56px; }}
.asc-card-name {{ font-size: 15px; font-weight: 600; word-break: break-word;
  white-space: normal; margin: 4px 0 6px; }}
.asc-card-details, .asc-kv {{ border-collapse: collapse; font-size: 13px; }}
.asc-card-details th, .asc-kv th {{ font-weight: 400; color: #6e6e6e; text-align: left;
  padding: 1px 14px 1px 0; vertical-align: top; white-space: nowrap; }}
.asc-card-details td, .asc-kv td {{ padding: 1px 0; white-space: normal;
  word-break: break-word; }}
.asc-dot {{ display: inline-block; width: 9px; height: 9px; border-radius: 50%;
  margin-right: 6px; vertical-align: middle; }}
.asc-card-warning {{ padding: 6px 16px; color: #b35c00; background: #fff;
  border-top: 1px solid #eee; }}
.asc-card-foot {{ padding: 14px 16px; justify-content: space-between; align-items: center;
  border-top: 1px solid #eee; }}
.asc-card-menu {{ margin: -6px 16px 12px auto; border: 1px solid #d8d8d8;
  border-radius: 4px; padding: 4px; width: 150px; background: #fff;
  box-shadow: 0 4px 12px rgba(0,0,0,.12); }}
.asc-card-menu .jupyter-button {{ background: transparent; border-radius: 2px;
  font-weight: 400; justify-content: flex-start; width: 100%; }}
.asc-card-menu .jupyter-button:hover {{ background: #f0f0f0; }}
.asc-card-menu .asc-delete {{ color: {RED}; }}
.asc-modal {{ position: fixed; inset: 0; background: rgba(0,0,0,.45); z-index: 1000;
  align-items: center; justify-content: center; }}
.asc-modal-panel {{ background: #fff; border-radius: 6px; padding: 24px 36px;
  width: min(720px, 94vw); max-height: 92vh; overflow-y: auto;
  box-shadow: 0 8px 30px rgba(0,0,0,.3); }}
.asc-store-form .asc-form-title, .asc-checklist-title {{ border-bottom: 2px solid #e6e6e6;
  padding-bottom: 6px; margin-bottom: 8px; }}
.asc-fieldblock {{ margin-bottom: 8px; }}
.asc-label label {{ font-size: 13px; color: #4b4b4b; }}
.asc-label .widget-html-content, .asc-help .widget-html-content,
.asc-error .widget-html-content {{ line-height: 1.35; white-space: normal; }}
.asc-input select, .asc-input input {{ height: 32px; border-radius: 4px; font-size: 14px;
  flex: 1 1 auto; min-width: 0; }}
.asc-help {{ color: #6e6e6e; font-size: 12px; }}
.asc-help .widget-html-content {{ font-size: 12px; }}
.asc-error {{ color: {RED}; }}
.asc-error .widget-html-content {{ font-size: 13px; }}
.asc-invalid select, .asc-invalid input {{ border: 1px solid {RED}; }}
.asc-section-title h4 {{ border-bottom: 1px solid #999; display: inline-block;
  margin-top: 10px; }}
.asc-mapper-info {{ background: #f7f7f7; border-radius: 4px; padding: 6px 10px;
  font-size: 13px; }}
.asc-mapper-info .widget-html-content {{ line-height: 1.45; white-space: normal;
  font-size: 13px; }}
.asc-mapper-actions {{ gap: 8px; margin: 6px 0; }}
.asc-mapper-table {{ border-collapse: collapse; font-size: 13px; width: 100%; }}
.asc-mapper-table th, .asc-mapper-table td {{ text-align: left; padding: 3px 8px;
  border-bottom: 1px solid #e5e5e5; }}
.asc-mapper-table tr.asc-mapper-best td {{ font-weight: 600; background: #eef7ee; }}
.asc-bar {{ display: inline-block; width: 120px; height: 10px; background: #eee;
  border-radius: 5px; margin-right: 6px; vertical-align: middle; }}
.asc-bar-fill {{ height: 10px; background: #2e7d32; border-radius: 5px; }}
.asc-mapper-warn {{ border-left: 4px solid #ef6c00; }}
.asc-mapper-ok {{ border-left: 4px solid #2e7d32; }}
.asc-form-buttons {{ justify-content: flex-end; gap: 12px; margin-top: 14px; }}
.asc-checklist {{ max-width: 760px; }}
.jupyter-widgets.asc-check {{ height: auto; margin: 3px 0; width: auto; }}
.asc-check .widget-label-basic {{ display: flex; align-items: flex-start; gap: 8px; }}
.asc-check input {{ margin-top: 3px; flex: 0 0 auto; }}
.asc-check label, .asc-check .widget-label-basic, .asc-check span {{
  white-space: normal; line-height: 1.4; height: auto; }}
.asc-checklist-progress {{ color: #4b4b4b; }}
.asc-panel {{ border: 1px solid #e1e1e1; border-radius: 4px; padding: 8px 14px;
  margin-bottom: 14px; background: #fff; }}
.asc-panel .widget-html-content {{ line-height: 1.45; }}
.asc-dash-columns {{ gap: 18px; align-items: flex-start; flex-wrap: wrap; }}
.asc-dash-col {{ flex: 1 1 340px; min-width: 300px; }}
.asc-back, .asc-settings-save {{ align-self: flex-start; }}
.asc-dash-name .widget-html-content {{ line-height: 1.4; }}
.asc-events {{ border-collapse: collapse; width: 100%; font-size: 13px; }}
.asc-events th, .asc-events td, .asc-status-view th, .asc-status-view td {{
  text-align: left; padding: 4px 10px; border-bottom: 1px solid #eee; white-space: normal; }}
.asc-status-view table {{ border-collapse: collapse; font-size: 13px; }}
.asc-status-view th {{ background: #f4f4f4; }}
.asc-next {{ border-left: 4px solid {BLUE}; background: #f3f7fd; padding: 10px 14px;
  border-radius: 4px; }}
.asc-next strong {{ display: block; font-size: 16px; color: {BLUE}; }}
.asc-next-label {{ font-size: 12px; text-transform: uppercase; color: #6e6e6e; }}
.asc-next .widget-html-content, .asc-next {{ line-height: 1.45; }}
.asc-stores-empty {{ color: #4b4b4b; }}
.asc-store-card .asc-renew {{ margin: 10px 16px 0; align-self: flex-start; }}
.asc-confirm-disconnect {{ background: {RED}; color: #fff; }}
.asc-dash-auth-buttons {{ flex-wrap: wrap; gap: 8px; margin: 8px 0 4px; }}
.asc-dash-auth-buttons .jupyter-widgets.asc-disconnect {{ color: {RED}; padding: 0 8px; }}
.asc-dash-warning {{ margin-top: 8px; padding: 6px 10px; border-radius: 4px;
  color: #b35c00; background: #fff6e5; border-left: 4px solid #ef6c00; }}
.asc-dash-warning.asc-auth-revoked, .asc-dash-warning.asc-auth-error,
.asc-dash-warning.asc-auth-expired {{ color: #a4262c; background: #fdecea;
  border-color: {RED}; }}
.asc-connect-panel .asc-connect-title h3 {{ border-bottom: 2px solid #e6e6e6;
  padding-bottom: 6px; }}
.asc-connect-steps ol {{ margin: 6px 0 8px; padding-left: 22px; line-height: 1.5;
  white-space: normal; }}
.asc-connect-steps li {{ margin: 3px 0; }}
.asc-connect-note {{ color: #4b4b4b; font-size: 13px; }}
.jupyter-widgets.asc-consent {{ margin: 10px 0 14px; }}
a.asc-consent-link {{ display: inline-block; background: {BLUE}; color: #fff;
  font-weight: 700; text-decoration: none; border-radius: 16px; padding: 7px 18px;
  font-size: 14px; }}
a.asc-consent-link:hover, a.asc-consent-link:focus {{ background: #0d66d0; color: #fff; }}
.asc-connect-paste {{ border-top: 1px solid #e6e6e6; padding-top: 6px; }}
.asc-connect-paste h4 {{ font-size: 14px; }}
.asc-connect-paste-help .widget-html-content {{ line-height: 1.45; white-space: normal; }}
.asc-connect-paste-row {{ gap: 8px; align-items: center; }}
"""


def stylesheet() -> w.HTML:
    """The stylesheet as a widget; the app displays it once."""
    return make_html("asc-style", value=f"<style>{CSS}</style>")
