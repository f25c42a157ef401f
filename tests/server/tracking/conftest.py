"""The campaign fixtures (a signed-in owner with contacts and a draft) serve tracking too."""

from tests.server.campaigns.conftest import owner

__all__ = ["owner"]
