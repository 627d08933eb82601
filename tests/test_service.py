"""The HTTP service over a small trained bundle (end to end: train → save → load → HTTP)."""

import pytest
from fastapi.testclient import TestClient

from service.app import Settings, create_app


@pytest.fixture(scope="module")
def client(artifacts):
    with TestClient(create_app(Settings(artifacts=artifacts))) as c:
        yield c


def test_healthz(client, bundle):
    assert client.get("/healthz").json() == {"status": "ok", "model_version": bundle.version}


def test_classify(client):
    response = client.post("/v1/classify", json={"text": "Голосуйте в опросе: какой сквер благоустроить?"})
    assert response.status_code == 200
    body = response.json()
    assert set(body["probabilities"]) == {"official", "useful", "interactive", "entertaining"}
    assert body["label"] == max(body["probabilities"], key=body["probabilities"].get)


@pytest.mark.parametrize("body", [{"text": ""}, {"text": "а" * 20_001}, {"txt": "x"}, {"text": 5}])
def test_classify_rejects_bad_input(client, body):
    response = client.post("/v1/classify", json=body)
    assert response.status_code == 422
    assert "text" in response.text


def test_model_manifest(client, bundle):
    body = client.get("/v1/model").json()
    assert body["post_type"]["model_version"] == bundle.version
