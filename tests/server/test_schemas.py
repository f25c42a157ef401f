"""Every API schema and every endpoint has a name of its own.

The client's types are generated from the OpenAPI document: two operations with one
``operationId`` (quart-schema derives it from the view function's name) collapse into one
generated operation, and two schema classes with one name are ambiguous in the document.
"""

from __future__ import annotations

import importlib
from collections import Counter, defaultdict
from pathlib import Path

from pydantic import BaseModel

from server.core.config import Config

ROOT = Path(__file__).resolve().parents[2]


def test_no_two_api_schemas_share_a_name() -> None:
    modules = [
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
        for path in sorted((ROOT / "server").glob("*/schemas.py"))
    ]
    assert len(modules) > 5
    owners: dict[str, set[str]] = defaultdict(set)
    for name in modules:
        module = importlib.import_module(name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseModel)
                and value.__module__ == module.__name__
            ):
                owners[value.__name__].add(module.__name__)
    shared = {name: sorted(where) for name, where in owners.items() if len(where) > 1}
    assert shared == {}


async def test_no_two_operations_share_an_id(config: Config) -> None:
    from server.app import create_app

    app = create_app(config)
    async with app.test_app():
        response = await app.test_client().get("/openapi.json")
        document = await response.get_json()
    ids = Counter(
        operation["operationId"]
        for path in document["paths"].values()
        for operation in path.values()
        if isinstance(operation, dict) and "operationId" in operation
    )
    assert len(ids) > 50
    assert [name for name, count in ids.items() if count > 1] == []
