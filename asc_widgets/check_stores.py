"""The unattended check, for cron, a CI job or a hub-managed service:

    python -m asc_widgets.check_stores [--lang zh-CN] [--every-store]   (or: asc-check-stores)

Checks every connected store through core (token refresh + Sellers API), records the results
as the app's Check connection does, and sends the due reminders once (email and/or webhook,
configured by environment: see core/reminders/settings.py and the README). Exit status: 0 all
done (or another run holds the lease), 1 a reminder could not be sent (kept, retried on the
next run), 2 the settings are wrong.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Mapping, Sequence

from asc_widgets.core.amazon import AmazonConfigError
from asc_widgets.core.config import Settings
from asc_widgets.core.i18n import LANGUAGES, normalize_language
from asc_widgets.core.registry import Registry
from asc_widgets.core.reminders import (
    EXIT_CONFIG,
    ReminderConfigError,
    ReminderSettings,
    UnattendedCheck,
)


def main(argv: Sequence[str] | None = None, env: Mapping[str, str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="asc-check-stores", description=__doc__.split("\n")[0])
    parser.add_argument("--lang", default="en", choices=sorted(LANGUAGES),
                        help="language of this command's output (reminders use their "
                             "recipients' languages)")
    parser.add_argument("--every-store", action="store_true",
                        help="list every store checked, not only those with problems")
    args = parser.parse_args(argv)
    lang = normalize_language(args.lang)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    settings = Settings.from_env(env)
    try:
        reminders = ReminderSettings.from_env(env, app_url=settings.app_url)
        registry = Registry.from_settings(settings)
        from asc_widgets.core.authorization import Connector

        connector = Connector.from_settings(settings, registry, env)
    except (ReminderConfigError, AmazonConfigError) as exc:
        print(exc.message(lang), file=sys.stderr)
        return EXIT_CONFIG
    try:
        report = UnattendedCheck(connector, reminders).run()
    finally:
        registry.close()
    for line in report.lines(lang, every_store=args.every_store):
        print(line)
    return report.exit_code


if __name__ == "__main__":
    sys.exit(main())
