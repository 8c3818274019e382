"""The sandbox's Seller Central pages. Everything echoed is escaped; ids/classes are stable
(``asc-sandbox-*``) for browser tests. English labels are the seed's: "Sign in",
"I understand...", "Next", "You are almost done", "Continue", "Amazon Marketplace Web Service".
"""

from __future__ import annotations

from html import escape

from asc_widgets.core.marketplaces import MARKETPLACES
from asc_widgets.sandbox.config import SandboxConfig

REGION_NAMES = {"NA": "North America", "EU": "Europe", "FE": "Far East"}

_CSS = """
body{font-family:Arial,Helvetica,sans-serif;background:#f3f3f3;margin:0;color:#0f1111}
header{background:#232f3e;color:#fff;padding:10px 24px;font-size:18px}
header b{color:#ff9900}.asc-sandbox-badge{background:#c40000;color:#fff;font-size:11px;
padding:2px 6px;border-radius:3px;margin-left:8px;vertical-align:middle}
main{max-width:460px;margin:28px auto;background:#fff;border:1px solid #ddd;border-radius:8px;
padding:20px 26px}h1{font-size:24px;font-weight:400;margin:0 0 14px}
label{display:block;font-weight:700;font-size:13px;margin:12px 0 4px}
input[type=text],input[type=password],input[type=email]{width:100%;box-sizing:border-box;
padding:7px;border:1px solid #888;border-radius:4px;font-size:14px}
.asc-sandbox-check{display:flex;gap:8px;align-items:flex-start;margin:16px 0}
.asc-sandbox-check label{margin:0;font-weight:700}
button{margin-top:16px;padding:8px 14px;border-radius:8px;border:1px solid #fcd200;
background:#ffd814;font-size:14px;cursor:pointer;min-width:110px}
button.asc-sandbox-cancel{background:#fff;border-color:#888;margin-left:8px}
.asc-sandbox-error{border:1px solid #c40000;border-left:6px solid #c40000;padding:10px;
margin:0 0 12px;border-radius:4px;color:#c40000}
.asc-sandbox-demo{font-size:12px;color:#565959;margin-top:22px;border-top:1px solid #eee;
padding-top:10px}.asc-sandbox-fine{font-size:12px}code{background:#f0f0f0;padding:0 3px}
footer{text-align:center;font-size:11px;color:#565959;margin:20px}
"""


def _e(value: object) -> str:
    return escape(str(value), quote=True)


def page(title: str, body: str, marketplace: str | None = None) -> str:
    where = ""
    if marketplace in MARKETPLACES:
        where = f" &middot; {_e(MARKETPLACES[marketplace].label)}"
    return (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        "<meta name=\"referrer\" content=\"no-referrer\">"
        f"<title>{_e(title)} - Amazon Seller Central (sandbox)</title>"
        f"<style>{_CSS}</style></head><body class=\"asc-sandbox\">"
        f"<header><b>amazon</b> seller central{where}"
        "<span class=\"asc-sandbox-badge\">SANDBOX</span></header>"
        f"<main>{body}</main>"
        "<footer>Local Amazon sandbox: no real Amazon account or data is used.</footer>"
        "</body></html>")


def _error(error: str | None) -> str:
    if not error:
        return ""
    return (f"<div id=\"asc-sandbox-error\" class=\"asc-sandbox-error\" role=\"alert\">"
            f"{_e(error)}</div>")


def _form_open(action: str, flow_id: str) -> str:
    return (f"<form method=\"post\" action=\"{_e(action)}\" autocomplete=\"off\">"
            f"<input type=\"hidden\" name=\"flow\" value=\"{_e(flow_id)}\">")


_CANCEL = ("<button type=\"submit\" name=\"action\" value=\"cancel\" formnovalidate "
           "id=\"asc-sandbox-cancel\" class=\"asc-sandbox-cancel\">Cancel</button>")


def _demo_help(config: SandboxConfig) -> str:
    rows = []
    for s in config.sellers:
        markets = ", ".join(MARKETPLACES[c].label for c in s.marketplaces)
        otp = f"; two-step code <code>{_e(s.otp)}</code>" if s.otp else ""
        rows.append(f"<li><code>{_e(s.email)}</code> / <code>{_e(s.password)}</code> "
                    f"({_e(markets)}{otp})</li>")
    return ("<div class=\"asc-sandbox-demo\">Sandbox demo sellers (primary users):"
            f"<ul>{''.join(rows)}</ul></div>")


def signin_page(action: str, flow_id: str, config: SandboxConfig, login: str = "",
                error: str | None = None, marketplace: str | None = None) -> str:
    body = (
        "<h1>Sign in</h1>" + _error(error) + _form_open(action, flow_id)
        + "<label for=\"asc-sandbox-email\">Email or mobile phone number</label>"
        f"<input type=\"text\" id=\"asc-sandbox-email\" class=\"asc-sandbox-email\" "
        f"name=\"email\" value=\"{_e(login)}\" autocomplete=\"username\" required>"
        "<label for=\"asc-sandbox-password\">Password</label>"
        "<input type=\"password\" id=\"asc-sandbox-password\" class=\"asc-sandbox-password\" "
        "name=\"password\" autocomplete=\"current-password\" required>"
        "<button type=\"submit\" name=\"action\" value=\"signin\" id=\"asc-sandbox-signin\" "
        "class=\"asc-sandbox-signin\">Sign in</button>" + _CANCEL + "</form>"
        + _demo_help(config))
    return page("Sign in", body, marketplace)


def otp_page(action: str, flow_id: str, config: SandboxConfig, error: str | None = None,
             marketplace: str | None = None) -> str:
    body = (
        "<h1>Two-Step Verification</h1>" + _error(error)
        + "<p>For added security, enter the code sent to your phone. "
        "(Sandbox: the code is shown below.)</p>" + _form_open(action, flow_id)
        + "<label for=\"asc-sandbox-otp\">Enter code</label>"
        "<input type=\"text\" id=\"asc-sandbox-otp\" class=\"asc-sandbox-otp\" name=\"otp\" "
        "inputmode=\"numeric\" autocomplete=\"one-time-code\" required>"
        "<button type=\"submit\" name=\"action\" value=\"otp\" id=\"asc-sandbox-otp-signin\" "
        "class=\"asc-sandbox-otp-signin\">Sign in</button>" + _CANCEL + "</form>"
        + _demo_help(config))
    return page("Two-Step Verification", body, marketplace)


def consent_page(action: str, flow_id: str, config: SandboxConfig, marketplace: str,
                 error: str | None = None) -> str:
    mp = MARKETPLACES[marketplace]
    region = REGION_NAMES.get(mp.region, mp.region)
    body = (
        "<h1 id=\"asc-sandbox-consent-title\">Amazon Marketplace Web Service</h1>"
        + _error(error)
        + f"<p><b class=\"asc-sandbox-app-name\">{_e(config.app_name)}</b> asks for access to "
        f"your selling account in the {_e(region)} region (authorized through Seller Central "
        f"{_e(mp.label)}).</p>"
        f"<p>Application ID: <code class=\"asc-sandbox-app-id\">{_e(config.app_id)}</code></p>"
        "<p>The developer will be able to access your account data, including your product "
        "listings and orders, and act on your behalf, as the Amazon Services API "
        "Developer Agreement permits.</p>"
        + _form_open(action, flow_id)
        + "<div class=\"asc-sandbox-check\"><input type=\"checkbox\" id=\"asc-sandbox-understand\""
        " class=\"asc-sandbox-understand\" name=\"understand\" value=\"yes\">"
        "<label for=\"asc-sandbox-understand\">I understand...</label></div>"
        "<p class=\"asc-sandbox-fine\">...that the application can access my account data as "
        "described above, and that I can revoke this authorization at any time in Seller "
        "Central (Apps and Services, Manage Your Apps).</p>"
        "<button type=\"submit\" name=\"action\" value=\"consent\" id=\"asc-sandbox-next\" "
        "class=\"asc-sandbox-next\">Next</button>" + _CANCEL + "</form>")
    return page("Amazon Marketplace Web Service", body, marketplace)


def confirm_page(action: str, flow_id: str, config: SandboxConfig, marketplace: str,
                 error: str | None = None) -> str:
    body = (
        "<h1 id=\"asc-sandbox-almost-done\">You are almost done</h1>" + _error(error)
        + f"<p>Click Continue to finish authorizing <b>{_e(config.app_name)}</b> and return "
        "to the application.</p>" + _form_open(action, flow_id)
        + "<button type=\"submit\" name=\"action\" value=\"confirm\" id=\"asc-sandbox-continue\" "
        "class=\"asc-sandbox-continue\">Continue</button>" + _CANCEL + "</form>")
    return page("You are almost done", body, marketplace)


def problem_page(code: str, message: str, marketplace: str | None = None) -> str:
    body = ("<h1>We're sorry</h1>"
            f"<div id=\"asc-sandbox-error\" class=\"asc-sandbox-error\" role=\"alert\">"
            f"<b class=\"asc-sandbox-error-code\">{_e(code)}</b>: {_e(message)}</div>"
            "<p>Go back to the application and start the connection again.</p>")
    return page("Error", body, marketplace)


def index_page(config: SandboxConfig, links: dict[str, str]) -> str:
    items = "".join(f"<li>{_e(name)}: <code>{_e(url)}</code></li>" for name, url in
                    links.items())
    body = ("<h1>Amazon sandbox</h1><p>A local stand-in for Seller Central, Login with Amazon "
            "and the Selling Partner API.</p>"
            f"<ul>{items}</ul><p>LWA client id: <code>{_e(config.client_id)}</code><br>"
            f"Application ID: <code>{_e(config.app_id)}</code></p>" + _demo_help(config))
    return page("Amazon sandbox", body)
