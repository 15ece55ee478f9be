"""What people (and broken or hostile clients) can send: strategies for the fuzz tests."""

from __future__ import annotations

from hypothesis import strategies as st

from textinput.normalization import normalize_typed
from views.commands import COMMANDS

# Every plane of Unicode except lone surrogates, which UTF-8 (so Telegram) cannot carry.
any_character = st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=["Cs"])
# Characters that trip text handling up: emoji sequences and flags, zero-width and bidi
# controls, NUL, a BOM, plane 2 CJK, plane 14 tags, plane 16 private use, combining marks.
awkward = st.sampled_from(
    [
        "😀",
        "👨‍👩‍👧‍👦",
        "🇨🇳",
        "\u200b",
        "\u202e",
        "\x00",
        "\ufeff",
        "𠀀",
        "\U000e0041",
        "\U0010fffd",
        "ä̤͔ͧ̑",
        "\n",
        "/",
        "@",
        "<b>",
        "&amp;",
        "*_`[",
    ]
)
short_texts = st.lists(any_character | awkward, min_size=1, max_size=30).map("".join)
# Telegram takes at most 4,096 characters; a client may try more.
long_texts = st.tuples(short_texts, st.integers(4090, 5000)).map(
    lambda drawn: (drawn[0] * (drawn[1] // len(drawn[0]) + 1))[: drawn[1]]
)
texts = st.one_of(
    st.just(""), short_texts, st.lists(awkward, max_size=30).map("".join), long_texts
)

COMMAND_NAMES = sorted({command.name for command in COMMANDS} | {"skip", "back", "nosuch"})
commands = st.builds(
    lambda name, addressee, argument: f"/{name}{addressee}{argument}",
    st.sampled_from(COMMAND_NAMES),
    st.sampled_from(["", "@kehu_zhushou_bot", "@some_other_bot"]),
    st.one_of(
        st.just(""),
        short_texts.map(lambda text: " " + text),
        long_texts.map(lambda text: " " + text),
    ),
)

CALLBACK_LIMIT = 64  # bytes
# The namespaces of the bot's buttons, and some it never had.
NAMESPACES = [
    "dlg",
    "tree",
    "norm",
    "srch",
    "pick",
    "miss",
    "cust",
    "visits",
    "plan",
    "letter",
    "bid",
    "rem",
    "set",
    "staff",
    "team",
    "inv",
    "hand",
    "zzz",
]
_part = st.one_of(
    st.integers(-(10**12), 10**12).map(str),
    st.text(any_character, max_size=8),
    st.sampled_from(["_save", "_skip", "_pick.new", "_edit", "r", "c", "s", "n", "1.2.1-04"]),
)


def fit_callback_data(text: str) -> str:
    """At most 64 bytes of UTF-8 and never empty, as Telegram carries callback data."""
    cut = text.encode("utf-8")[:CALLBACK_LIMIT].decode("utf-8", "ignore")
    return cut or "x"


callback_data = st.one_of(
    st.builds(
        lambda namespace, parts: ":".join([namespace, *parts]),
        st.sampled_from(NAMESPACES),
        st.lists(_part, max_size=4),
    ),
    st.binary(min_size=1, max_size=CALLBACK_LIMIT).map(lambda raw: raw.decode("utf-8", "replace")),
).map(fit_callback_data)

# What people put in free-text answers besides plain Chinese: invisible and direction
# characters, right-to-left scripts, emoji sequences, combining marks, full-width forms,
# whitespace of every kind, control characters, and anything else Unicode has.
unicode_piece = (
    st.sampled_from(
        [
            "信息中心张主任",
            "abc",
            "2026",
            "\u200b",
            "\u200c",
            "\u200d",
            "\u2060",
            "\ufeff",
            "\u202e",
            "\u200f",
            "\u2066",
            "مرحبا",
            "שלום",
            "😀",
            "👨\u200d👩\u200d👧",
            "❤️",
            "🇨🇳",
            "👍🏽",
            "e\u0301",
            "ä̤͔ͧ̑",
            "\u0301",
            "ＡＢＣ１２３",
            "，（）！",
            " ",
            "  ",
            "\t",
            "\n",
            "\n\n\n",
            "\u3000",
            "\u00a0",
            "\x00",
            "\x07",
            "\u3164",
        ]
    )
    | any_character
)


def filled_to(core: str, limit: int, pad: str) -> str:
    """`core` between `pad` characters, so that its normal form (textinput) has `limit`
    characters, or as near under as the core's own characters allow: an answer at its
    maximum. It starts with `pad`, so never with a command's slash."""
    text = pad + core + pad * max(0, limit - 1 - len(normalize_typed(core)))
    while len(normalize_typed(text)) > limit:
        text = text[:-1]
    return text


def field_text(limit: int, pad: str) -> st.SearchStrategy[str]:
    """A typed answer at a field's maximum, with random Unicode in it."""
    return st.lists(unicode_piece, max_size=30).map(
        lambda pieces: filled_to("".join(pieces), limit, pad)
    )
