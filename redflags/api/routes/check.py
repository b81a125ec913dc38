"""POST /api/check: the public job-offer checker (no login, rate limited, stores nothing)."""
from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from redflags.api import views
from redflags.api.deps import rate_limited

router = APIRouter(prefix="/api", tags=["check"])


class CheckIn(BaseModel):
    text: str = Field(description="the job offer or ad, as pasted")
    language: str | None = Field(None, description="report language (default: the text's own)")


@router.post("/check", dependencies=[Depends(rate_limited("check_limiter"))])
async def check(body: CheckIn) -> dict:
    return views.check_text(body.text, body.language)
