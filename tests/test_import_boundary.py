"""core must stay usable from a plain script: it never imports ipywidgets or IPython."""

import json
import pkgutil
import subprocess
import sys

import asc_widgets.core


def test_importing_all_of_core_loads_no_widget_or_ipython_module():
    modules = [m.name for m in pkgutil.walk_packages(asc_widgets.core.__path__,
                                                     "asc_widgets.core.")]
    assert "asc_widgets.core.registry.repository" in modules
    script = (
        "import importlib, json, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps(sorted(m for m in sys.modules\n"
        "      if m.split('.')[0] in ('ipywidgets', 'IPython', 'ipykernel', 'voila'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == []
