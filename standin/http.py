"""Serves the Bot API stand-in over real HTTP on 127.0.0.1 (aiohttp, a development dependency)."""

from __future__ import annotations

import asyncio
import json
from types import TracebackType
from typing import TYPE_CHECKING, Any

from standin.botapi import BotApiStandIn
from standin.messages import UploadedFile

if TYPE_CHECKING:
    from aiohttp import web

_HOST = "127.0.0.1"


class BotApiHttpServer:
    """`/bot{token}/{method}` and `/file/bot{token}/{path}` like api.telegram.org, offline.

    Give `base_url` to `ApplicationBuilder.base_url` (and `base_file_url` to
    `base_file_url`). Usable as `async with BotApiHttpServer(api) as server:`.
    """

    def __init__(self, api: BotApiStandIn) -> None:
        self.api = api
        self._runner: web.AppRunner | None = None
        self._port: int | None = None
        self._in_flight: set[asyncio.Task[Any]] = set()

    @property
    def port(self) -> int:
        """The TCP port the server listens on."""
        if self._port is None:
            raise RuntimeError("the server is not started")
        return self._port

    @property
    def base_url(self) -> str:
        """The Bot API URL without the token, as `ApplicationBuilder.base_url` takes it."""
        return f"http://{_HOST}:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """The file download URL without the token, for `ApplicationBuilder.base_file_url`."""
        return f"http://{_HOST}:{self.port}/file/bot"

    async def start(self, port: int = 0) -> None:
        """Listen on 127.0.0.1; port 0 picks a free port."""
        from aiohttp import web

        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        runner = web.AppRunner(app, handle_signals=False, access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        site = web.TCPSite(runner, _HOST, port)
        await site.start()
        self._runner = runner
        self._port = int(runner.addresses[0][1])

    async def stop(self) -> None:
        """Answer nothing more: pending long polls are cut off and the port is closed."""
        for task in list(self._in_flight):
            task.cancel()
        if self._runner is not None:
            await self._runner.cleanup()
        self._runner = None
        self._port = None

    async def __aenter__(self) -> BotApiHttpServer:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        task = asyncio.current_task()
        if task is not None:
            self._in_flight.add(task)
        try:
            return await self._route(request)
        finally:
            if task is not None:
                self._in_flight.discard(task)

    async def _route(self, request: web.Request) -> web.StreamResponse:
        from aiohttp import web

        tail = request.match_info["tail"]
        if tail.startswith("file/bot"):
            token, _, file_path = tail.removeprefix("file/bot").partition("/")
            content = self.api.file_content(file_path) if token == self.api.token else None
            if content is None:
                return _json_response(
                    404, {"ok": False, "error_code": 404, "description": "Not Found"}
                )
            return web.Response(body=content, content_type="application/octet-stream")
        if not tail.startswith("bot"):
            return _json_response(
                404, {"ok": False, "error_code": 404, "description": "Not Found"}
            )
        token, _, method = tail.removeprefix("bot").partition("/")
        if token != self.api.token:
            return _json_response(
                401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
            )
        try:
            params, files = await _read_parameters(request)
        except ValueError:
            return _json_response(
                400,
                {"ok": False, "error_code": 400, "description": "Bad Request: can't parse JSON"},
            )
        status, body = await self.api.call(method, params, files)
        return _json_response(status, body)


def _json_response(status: int, body: dict[str, Any]) -> web.Response:
    from aiohttp import web

    return web.Response(
        status=status,
        body=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        content_type="application/json",
    )


async def _read_parameters(
    request: web.Request,
) -> tuple[dict[str, Any], dict[str, UploadedFile]]:
    """Query string plus body (JSON, urlencoded form or multipart) as parameters and files."""
    from aiohttp import web

    params: dict[str, Any] = dict(request.query)
    files: dict[str, UploadedFile] = {}
    if request.method != "POST" or not request.can_read_body:
        return params, files
    if request.content_type == "application/json":
        body = await request.json()
        if not isinstance(body, dict):
            raise ValueError("the JSON body must be an object")
        params.update(body)
        return params, files
    form = await request.post()
    for name, value in form.items():
        if isinstance(value, web.FileField):
            files[name] = UploadedFile(
                filename=value.filename,
                data=value.file.read(),
                mime_type=value.content_type,
            )
        else:
            params[name] = value
    return params, files
