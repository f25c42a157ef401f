from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

from models.templates import AssetSource


class AssetRead(BaseModel):
    id: UUID
    # Put ``path`` in an image block's ``src``: it follows PUBLIC_URL; ``url`` is absolute.
    path: str
    url: str
    source: AssetSource
    content_type: str
    size: int
    original_name: str
    source_url: str | None
    prompt: str | None
    created_at: datetime


class AssetList(BaseModel):
    items: list[AssetRead]


class AssetUploadForm(BaseModel):
    """Multipart form; the image is the ``file`` part."""


class AssetImport(BaseModel):
    url: str = Field(min_length=8, max_length=2000)


class AssetGenerate(BaseModel):
    prompt: str = Field(min_length=3, max_length=1000)
    size: Literal["1024x1024", "1536x1024", "1024x1536"] = "1024x1024"
