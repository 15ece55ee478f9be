# 客户经理助手 — production image: slim Python, pinned dependencies, non-root, data on a volume.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    BOT_DB=/data/bot.db

WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

COPY bot.py ./
COPY config ./config
COPY dialogs ./dialogs
COPY fieldwork ./fieldwork
COPY handlers ./handlers
COPY knowledge ./knowledge
COPY storage ./storage
COPY timekeeping ./timekeeping
COPY views ./views
COPY standin ./standin

RUN useradd --create-home --uid 10001 bot \
    && mkdir -p /data \
    && chown bot:bot /data
USER bot
# Build jieba's dictionary cache once, so start-up stays fast.
RUN python -c "import jieba; jieba.initialize()"

VOLUME ["/data"]
CMD ["python", "bot.py", "run"]
