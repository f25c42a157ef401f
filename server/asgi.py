"""The ASGI entry point: ``uvicorn server.asgi:app``."""

from server.app import create_asgi_app
from server.core.process import freeze_startup_objects

app = create_asgi_app()
# Imported once per web process (each of WEB_WORKERS imports it): everything loaded so far
# lives as long as the process.
freeze_startup_objects()
