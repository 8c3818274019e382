"""JupyterHub for a team: each person signs in, gets their own Jupyter server on this machine,
and lands on the onboarding app (Voila inside that server). Start it from the kit's checkout:

    make hub      # or: .venv/bin/jupyterhub -f deploy/jupyterhub/jupyterhub_config.py

Everything is set through the environment (read here, once, when the Hub starts):

- ASC_HUB_BIND_URL      where the Hub listens (default http://127.0.0.1:8000; put TLS in front
                        before opening it to a network). ASC_HUB_PUBLIC_URL: the address people
                        use, when a reverse proxy serves it elsewhere (default: the bind URL).
- ASC_HUB_AUTHENTICATOR how people sign in (default "shared-password": one team password in
                        ASC_HUB_SHARED_PASSWORD, 8+ characters, for a pilot). For a company,
                        install and name a real one, e.g. OAuthenticator
                        ("oauthenticator.azuread.AzureAdOAuthenticator", "generic-oauth",
                        "github") or LDAP ("ldapauthenticator.LDAPAuthenticator"), and add its
                        settings below. "dummy" (any name, any password) is for tests only and
                        refused unless the Hub listens on 127.0.0.1.
- ASC_HUB_USERS         who may sign in (comma-separated; empty: anyone the authenticator
                        accepts). ASC_HUB_OPERATORS: who is put in the operators group.
- ASC_OPERATORS_GROUP   the Hub group whose members may change stores (default asc-operators);
                        everyone else sees the stores read-only.
- The kit's own settings go to every server and service: ASC_DATABASE_URL (a team shares one
  registry; default the SQLite file in ASC_HOME, fine on one machine), ASC_SECRET_KEY (else
  the key file in ASC_HOME), ASC_AMAZON (sandbox or live, with its ASC_LWA_* variables).
  ASC_HOME defaults to ./asc-home beside the Hub's own files (the folder you start it in).
- ASC_KERNEL_POOL_SIZE   kernels per person that have run the app before they ask (default 1
                        here; 0: off). ASC_KERNEL_CULL_IDLE_SECONDS: stop a person's idle app
                        kernels (default 900).
- Internal ports (all on 127.0.0.1): ASC_HUB_API_PORT (8081), ASC_HUB_PROXY_API_PORT (8001),
  ASC_HUB_LANDING_PORT (8870), ASC_HUB_SANDBOX_PORT (8871).

Amazon sends every seller back to one registered redirect URI: the hub-managed service
``asc-landing`` at ``<public URL>/services/asc-landing/`` finishes the consent through core
(the pending state is in the shared registry) and sends the person back to their app. In
sandbox mode the Amazon sandbox runs as the service ``asc-sandbox``.
"""

import os
import shutil
import sys
from pathlib import Path

c = get_config()  # noqa: F821 (JupyterHub's config loader provides it)

KIT = Path(__file__).resolve().parents[2]
HUB_DIR = Path.cwd()
env = os.environ


def setting(name: str, default: str = "") -> str:
    return (env.get(name) or "").strip() or default


def names(value: str) -> list[str]:
    return [n.strip() for n in value.split(",") if n.strip()]


bind_url = setting("ASC_HUB_BIND_URL", "http://127.0.0.1:8000").rstrip("/") + "/"
public_url = setting("ASC_HUB_PUBLIC_URL", bind_url).rstrip("/") + "/"
loopback = bind_url.startswith(("http://127.0.0.1:", "http://localhost:", "http://[::1]:"))
operators_group = setting("ASC_OPERATORS_GROUP", "asc-operators")
landing_url = f"{public_url}services/asc-landing/"
sandbox_url = f"{public_url}services/asc-sandbox/amazon-sandbox/"
kit_home = Path(setting("ASC_HOME", str(HUB_DIR / "asc-home"))).resolve()
kit_home.mkdir(parents=True, exist_ok=True)
python = sys.executable  # the kit's virtual environment: every server runs the kit from it

# ---- the Hub and its proxy -----------------------------------------------------------------
c.JupyterHub.bind_url = bind_url
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{setting('ASC_HUB_API_PORT', '8081')}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{setting('ASC_HUB_PROXY_API_PORT', '8001')}"
# `make hub` installs the proxy (npm configurable-http-proxy) beside this file.
proxy = KIT / "deploy" / "jupyterhub" / "node_modules" / ".bin" / "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = [str(proxy) if proxy.exists()
                                   else shutil.which("configurable-http-proxy") or str(proxy)]
c.JupyterHub.cookie_secret_file = str(HUB_DIR / "jupyterhub_cookie_secret")
c.JupyterHub.db_url = f"sqlite:///{HUB_DIR / 'jupyterhub.sqlite'}"

# ---- who signs in ----------------------------------------------------------------------------
authenticator = setting("ASC_HUB_AUTHENTICATOR", "shared-password")
if authenticator == "dummy" and not loopback:
    raise SystemExit("ASC_HUB_AUTHENTICATOR=dummy lets anyone in with any password: it is for "
                     "tests on 127.0.0.1 only. Use shared-password or your company's sign-in.")
c.JupyterHub.authenticator_class = authenticator
if authenticator == "shared-password":
    password = setting("ASC_HUB_SHARED_PASSWORD")
    if len(password) < 8:
        raise SystemExit("Set ASC_HUB_SHARED_PASSWORD to the team's password (8 characters or "
                         "more), or ASC_HUB_AUTHENTICATOR to your company's sign-in.")
    c.SharedPasswordAuthenticator.user_password = password
allowed = names(setting("ASC_HUB_USERS"))
operators = names(setting("ASC_HUB_OPERATORS"))
if allowed:
    c.Authenticator.allowed_users = set(allowed) | set(operators)
else:
    c.Authenticator.allow_all = True
# Operators: members of this group may change stores (the kit asks the Hub for the groups).
c.JupyterHub.load_groups = {operators_group: {"users": operators}}

# ---- each person's server: the onboarding app first ------------------------------------------
# Servers run as the Hub's OS user, each in its own folder under the Hub's. One machine, one
# trusted team; on Kubernetes use KubeSpawner (Zero to JupyterHub) instead.
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(HUB_DIR / "people" / "{username}")
c.Spawner.cmd = [python, "-m", "jupyterhub.singleuser"]
c.Spawner.notebook_dir = str(KIT / "notebooks")
c.Spawner.default_url = "/voila/render/onboarding_app.ipynb"
# The app served as `make app` serves it: the kit's template, preheated app kernels (a pool
# per person), culling (single_user_config.py here, read from the settings below).
c.Spawner.args = [f"--config={Path(__file__).resolve().parent / 'single_user_config.py'}"]
if os.getuid() == 0:  # a Jupyter server refuses root unless told
    c.Spawner.args.append("--ServerApp.allow_root=True")
c.Spawner.http_timeout = 120
c.Spawner.start_timeout = 120
# The server's token may read its own person's groups (core/people.py asks the Hub).
c.Spawner.server_token_scopes = ["users:activity!user", "read:users:name!user",
                                 "read:users:groups!user"]
# The standalone app's own listening settings stay with `make app`.
STANDALONE_ONLY = ("ASC_HUB_", "ASC_LISTEN_ADDRESS", "ASC_APP_TOKEN", "ASC_PORT")
kit_env = {name: value for name, value in env.items()
           if name.startswith(("ASC_", "JUPYTER_PATH")) and not name.startswith(STANDALONE_ONLY)}
kit_env.update({
    # Kernels that have run the app before the person asks: one per person by default (each
    # holds about 115 MB); 0 turns it off.
    "ASC_KERNEL_POOL_SIZE": setting("ASC_KERNEL_POOL_SIZE", "1"),
    "ASC_HOME": str(kit_home),
    "ASC_APP_URL": landing_url,  # the redirect URI Amazon sends sellers back to
    "ASC_OPERATORS_GROUP": operators_group,
    "JUPYTER_PATH": os.pathsep.join([str(KIT / "asc_widgets" / "voila_share"),
                                     *names(env.get("JUPYTER_PATH", "").replace(os.pathsep,
                                                                                 ","))]),
    "PATH": f"{Path(python).parent}{os.pathsep}{env.get('PATH', '')}",
})
if setting("ASC_AMAZON", "sandbox") == "sandbox":
    kit_env["ASC_SANDBOX_URL"] = sandbox_url
c.Spawner.environment = kit_env

# ---- services at fixed addresses -------------------------------------------------------------
landing_port = setting("ASC_HUB_LANDING_PORT", "8870")
services = [{
    "name": "asc-landing",
    "url": f"http://127.0.0.1:{landing_port}",
    "command": [python, "-m", "asc_widgets.hub.landing", "--port", landing_port],
    "environment": kit_env,
    "oauth_no_confirm": True,  # staff are not asked to allow the kit's own service
    "display": False,
}]
if setting("ASC_AMAZON", "sandbox") == "sandbox":
    sandbox_port = setting("ASC_HUB_SANDBOX_PORT", "8871")
    services.append({
        "name": "asc-sandbox",
        "url": f"http://127.0.0.1:{sandbox_port}",
        "command": [python, "-m", "asc_widgets.sandbox", "--port", sandbox_port,
                    "--prefix", "/services/asc-sandbox/amazon-sandbox",
                    "--redirect-uri", landing_url],
        "environment": kit_env,
        "display": False,
    })
c.JupyterHub.services = services
c.JupyterHub.load_roles = [{
    "name": "asc-landing",
    "services": ["asc-landing"],
    # Who is landing, and their groups (only operators may finish a connection).
    "scopes": ["read:users:name", "read:users:groups"],
}, {
    # Everyone signed in may come back through the landing service (core decides the rest).
    "name": "user",
    "scopes": ["self", "access:services!service=asc-landing"],
}]
