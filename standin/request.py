"""A PTB request class that hands the bot's Bot API calls to the stand-in, in process."""

from __future__ import annotations

import asyncio
import json
from urllib.parse import urlsplit

from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

from standin.botapi import BotApiStandIn, CallTimedOut
from standin.messages import UploadedFile


class StandInRequest(BaseRequest):
    """Routes every request of a PTB `Bot` to a `BotApiStandIn`, whatever its base_url.

    Parameters travel as PTB puts them on the wire (JSON-encoded strings and multipart files),
    so the stand-in sees what Telegram would. A call slower than the effective read timeout
    raises `telegram.error.TimedOut`, as `HTTPXRequest` does, and so does a call the stand-in
    was told to time out (`BotApiStandIn.time_out_next`).
    """

    __slots__ = ("_api", "_initialized", "_read_timeout")

    def __init__(self, api: BotApiStandIn, *, read_timeout: float | None = 5.0) -> None:
        self._api = api
        self._read_timeout = read_timeout
        self._initialized = False

    @property
    def api(self) -> BotApiStandIn:
        """The stand-in this request talks to."""
        return self._api

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout in seconds."""
        return self._read_timeout

    async def initialize(self) -> None:
        """Nothing to open; remembers that the request may now be used."""
        self._initialized = True

    async def shutdown(self) -> None:
        """Nothing to close; further requests fail like a closed HTTP client's."""
        self._initialized = False

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Answer one request from the stand-in: (HTTP status, response bytes)."""
        if not self._initialized:
            raise RuntimeError("This StandInRequest is not initialized!")
        if method == "GET":
            download = self._api.file_content_for_url(url)
            if download is not None:
                return 200, download
        endpoint = urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1]
        params: dict[str, object] = {}
        files: dict[str, UploadedFile] = {}
        if request_data is not None:
            params.update(request_data.json_parameters)
            for name, (filename, content, mime_type) in request_data.multipart_data.items():
                data = content if isinstance(content, bytes) else content.read()
                files[name] = UploadedFile(filename=filename, data=data, mime_type=mime_type)
        timeout = self._read_timeout if isinstance(read_timeout, DefaultValue) else read_timeout
        try:
            async with asyncio.timeout(timeout):
                status, body = await self._api.call(endpoint, params, files)
        except (TimeoutError, CallTimedOut) as error:
            raise TimedOut from error
        return status, json.dumps(body, ensure_ascii=False).encode("utf-8")
