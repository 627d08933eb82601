"""App factory. The model bundle is loaded once in the lifespan and injected into routes."""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, Request
from pydantic import BaseModel, Field

from model.classifier import Bundle, default_artifacts_dir, load_bundle

MAX_TEXT = 20_000


@dataclass(frozen=True)
class Settings:
    artifacts: Path


class ClassifyIn(BaseModel):
    text: str = Field(..., min_length=1, max_length=MAX_TEXT, description="Текст поста")


class ClassifyOut(BaseModel):
    label: str
    probabilities: dict[str, float]
    model_version: str


def get_bundle(request: Request) -> Bundle:
    return request.app.state.bundle


def create_app(settings: Settings, bundle: Bundle | None = None) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.bundle = bundle or load_bundle(settings.artifacts)
        yield

    app = FastAPI(title="znak", version="0.1.0", lifespan=lifespan,
                  description="Качество контента официальных госпабликов.")

    @app.get("/healthz")
    def healthz(b: Annotated[Bundle, Depends(get_bundle)]) -> dict:
        return {"status": "ok", "model_version": b.version}

    @app.post("/v1/classify", response_model=ClassifyOut)
    def classify(body: ClassifyIn, b: Annotated[Bundle, Depends(get_bundle)]) -> ClassifyOut:
        proba = b.post_type.predict_proba([body.text])[0]
        labels = [str(label) for label in b.post_type.labels]
        probabilities = {lab: round(float(p), 4) for lab, p in zip(labels, proba, strict=True)}
        return ClassifyOut(label=labels[int(proba.argmax())], probabilities=probabilities,
                           model_version=b.version)

    @app.get("/v1/model")
    def model_manifest(b: Annotated[Bundle, Depends(get_bundle)]) -> dict:
        return {"version": b.version, "post_type": b.post_type.manifest,
                "needs_reply": b.needs_reply.manifest if b.needs_reply else None}

    return app


def app_from_env() -> FastAPI:
    """uvicorn factory for `znak serve`."""
    return create_app(Settings(artifacts=default_artifacts_dir()))
