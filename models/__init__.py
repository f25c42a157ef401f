"""Tortoise models, one module per domain.

``MODEL_MODULES`` is the single list Tortoise and aerich load; a new domain adds its module here.
"""

MODEL_MODULES = [
    "models.accounts",
    "models.chat",
    "models.contacts",
    "models.idempotency",
    "models.outbox",
    "models.templates",
]
