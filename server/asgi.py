"""The ASGI entry point: ``uvicorn server.asgi:app``."""

from server.app import create_asgi_app

app = create_asgi_app()
