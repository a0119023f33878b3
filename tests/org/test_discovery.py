"""Cross-app registries find each danvan app's module of a given name, in INSTALLED_APPS order."""

from __future__ import annotations

from danvan.org.discovery import app_modules


def test_every_danvan_app_with_a_demo_is_found_in_order_and_others_skipped():
    found = [config.name for config, module in app_modules("demo")]
    assert found[0] == "danvan.org"  # the units and staff every later demo builds on
    assert {"danvan.petitions", "danvan.reception", "danvan.plans", "danvan.emulation"} <= set(found)
    assert all(name.startswith("danvan.") for name in found)
    assert all(callable(module.load) for _config, module in app_modules("demo"))


def test_an_app_may_exclude_itself_and_a_missing_module_is_no_error():
    assert "danvan.jobs" not in [c.name for c, _m in app_modules("jobs", exclude=("danvan.jobs",))]
    assert app_modules("no_such_module_anywhere") == []
