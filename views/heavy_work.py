"""What the bot says when a chart or file can't be made right now."""

from __future__ import annotations

POOL_FULL = "现在同时生成图表和文件的人较多，请过一分钟再发一次。"
