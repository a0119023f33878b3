"""Find a module of the same name in every danvan app: ``demo``, ``jobs``, ``reminders``, ``figures``.

An app joins a cross-app registry (the demo loader, the long-job kinds, the reminder rules,
reporting's pre-filled figures) by holding a module of that name; nothing else needs to know it
exists. Only danvan's own apps are searched, in INSTALLED_APPS order, and an app without the
module is skipped, while an import error *inside* the module is raised (Django's
``module_has_submodule`` tells the two apart).
"""

from __future__ import annotations

import importlib
from types import ModuleType

from django.apps import AppConfig, apps
from django.utils.module_loading import module_has_submodule


def app_modules(name: str, *, exclude: tuple[str, ...] = ()) -> list[tuple[AppConfig, ModuleType]]:
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("danvan.") or config.name in exclude:
            continue
        if module_has_submodule(config.module, name):
            found.append((config, importlib.import_module(f"{config.name}.{name}")))
    return found
