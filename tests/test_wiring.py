"""The house rules of the wiring: typed services, no production import of the emulator, and each
feature declaring its CLI, settings and models in one place (``bot.app.FEATURES``)."""

from __future__ import annotations

import ast
import dataclasses
import typing
from pathlib import Path

import typer
from typer.main import get_command

from bot.app import FEATURES, build_app_services, feature_commands, import_models
from bot.cli import app as cli_app
from bot.cli import load_command
from bot.config import Settings
from bot.db import Base
from bot.services import FEATURE_SERVICES, Services

BOT = Path(__file__).resolve().parents[1] / "bot"


def _emulator_imports(path: Path) -> list[tuple[int, str]]:
    """(line, enclosing function) of every import of ``bot.emulator`` in one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST, function: str) -> None:
        for child in ast.iter_child_nodes(node):
            name = function
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = child.name
            modules: list[str] = []
            if isinstance(child, ast.Import):
                modules = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                modules = [child.module] + [f"{child.module}.{a.name}" for a in child.names]
            if any(m == "bot.emulator" or m.startswith("bot.emulator.") for m in modules):
                found.append((child.lineno, function))
            visit(child, name)

    visit(tree, "")
    return found


def test_no_production_module_imports_the_emulator() -> None:
    offenders = []
    for path in sorted(BOT.rglob("*.py")):
        rel = path.relative_to(BOT).as_posix()
        if rel.startswith("emulator/"):
            continue
        for line, function in _emulator_imports(path):
            if rel == "cli.py" and function == "emulator":  # the `rukun emulator` command
                continue
            offenders.append(f"bot/{rel}:{line}")
    assert offenders == []


def test_the_guard_sees_an_emulator_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from bot.emulator.entities import parse_html\n")
    assert _emulator_imports(module) == [(2, "f")]
    module.write_text("import bot.emulator\nfrom bot import telegram_text\n")
    assert _emulator_imports(module) == [(1, "")]


def _service_hints() -> dict[str, typing.Any]:
    """``Services``' annotations, resolved (their types are imported only for type checking)."""
    from aiogram.fsm.storage.base import BaseStorage

    from bot.broadcasting import segments, service, sources
    from bot.content.service import ContentService
    from bot.db import Database
    from bot.i18n import Catalog
    from bot.jobs import JobLock
    from bot.nlu.service import NluService
    from bot.outbox.store import Outbox
    from bot.people.deeplinks import DeepLinkRegistry
    from bot.people.service import PeopleService
    from bot.reports.domain.service import ReportService
    from bot.reports.flows.core import ReportFlows
    from bot.surveys import analysis, runner
    from bot.surveys import service as surveys_service

    names = {
        "BaseStorage": BaseStorage,
        "Database": Database,
        "Catalog": Catalog,
        "JobLock": JobLock,
        "DeepLinkRegistry": DeepLinkRegistry,
        "PeopleService": PeopleService,
        "SegmentFilters": segments.SegmentFilters,
        "BroadcastService": service.BroadcastService,
        "ComposeSources": sources.ComposeSources,
        "ContentService": ContentService,
        "NluService": NluService,
        "Outbox": Outbox,
        "ReportService": ReportService,
        "ReportFlows": ReportFlows,
        "SurveyAnalysis": analysis.SurveyAnalysis,
        "SurveyRunner": runner.SurveyRunner,
        "SurveyService": surveys_service.SurveyService,
    }
    return typing.get_type_hints(Services, localns=names)


def test_services_have_no_untyped_lookup() -> None:
    hints = _service_hints()
    for field in dataclasses.fields(Services):
        hint = hints[field.name]
        assert typing.get_origin(hint) is not dict, f"Services.{field.name}: {hint}"
    assert not hasattr(Services, "__getitem__")
    for path in BOT.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "services.extra" not in text and 'services["' not in text, path


def test_every_feature_service_is_a_typed_attribute_and_workflow_data() -> None:
    services = build_app_services(Settings(_env_file=None))  # type: ignore[call-arg]
    hints = _service_hints()
    data = services.workflow_data()
    for name in FEATURE_SERVICES:
        value = getattr(services, name)
        assert isinstance(value, hints[name]), name
        assert data[name] is value
    # registries are made once, by broadcasting, and filled by the features after it
    assert {"cohorts", "topics", "surveys_completed"} <= set(services.segment_filters.choice_keys())
    assert services.broadcast_sources.has_items and services.broadcast_sources.has_surveys


def test_each_feature_declares_its_cli_settings_and_models() -> None:
    group = get_command(cli_app)
    with typer.Context(group) as ctx:
        registered = group.list_commands(ctx)  # type: ignore[attr-defined]
        commands = feature_commands()
        assert {"broadcast", "survey", "cohorts", "content", "partners", "reports", "nlu"} <= set(
            commands
        )
        assert set(commands) <= set(registered)
        assert len(registered) == len(set(registered)), "a feature command hides a core one"
        for name, target in commands.items():
            assert isinstance(load_command(target), typer.Typer), target
            command = group.get_command(ctx, name)  # type: ignore[attr-defined]
            assert command is not None and command.name == name and command.help, name
    for feature in FEATURES:
        if feature.settings is not None:
            section, model = feature.settings
            assert Settings.model_fields[section].annotation is model, feature.name
    import_models()
    tables = set(Base.metadata.tables)
    assert {"reports", "broadcasts", "surveys", "cohorts", "users"} <= tables
