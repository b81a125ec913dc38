"""Create operators and independent posters, and write their ads with the matching ground truth.

`Poster` holds the per-run state (random stream, identifier issuer, hubs). Every ad comes out as an
(ad record, truth record) pair in the interchange and ground-truth formats of `redflags.demo`.
"""
from __future__ import annotations

import json
import time
from importlib import resources
from itertools import accumulate
from random import Random

from . import contact
from .fastrandom import FastRandom
from .identities import NAMES, PLACES, Identities
from . import slots as fixed_slots
from .networks import WINDOW_END, WINDOW_START, Operator, Scheduler, window
from .templates import JOB_LANGS, Frame, escort_frame, job_frame, pack, pick_list

JOB_LANG_WEIGHTS = (4, 2, 1, 1, 1, 1, 1, 1, 1, 1)
ESCORT_LANGS = ("en", "es", "fr", "pt", "ro", "ru")
ESCORT_LANG_WEIGHTS = (4, 2, 1, 1, 1, 1)
P_JOB = 0.63
HUB_RATE = 0.03
_HUBS = json.loads(resources.files(__package__).joinpath("data/hubs.json").read_text("utf-8"))


_DAYS: dict[int, str] = {}  # day number -> "YYYY-MM-DD"; bounded by the corpus period (~550 days)


def iso(ts: int) -> str:
    """ISO-8601 UTC timestamp, cheaper than strftime per call."""
    day, sec = divmod(ts, 86400)
    date = _DAYS.get(day)
    if date is None:
        date = _DAYS[day] = time.strftime("%Y-%m-%d", time.gmtime(ts))
    return f"{date}T{sec // 3600:02d}:{sec // 60 % 60:02d}:{sec % 60:02d}Z"


def _when(rng: Random, start: int, span: int, cities: list) -> tuple[str, tuple[str, str]]:
    """Posting time inside the window and the city the network is in at that time."""
    offset = rng.randrange(span)
    city = cities[offset * len(cities) // span]
    return iso(start + offset), city


def _amount(rng: Random, pay: tuple) -> str:
    fmt, lo, hi, step = pay
    return fmt.format(n=lo + step * rng.randrange((hi - lo) // step + 1))


class Poster:
    """Per-run state: one instance writes one corpus, ad by ad, in a prefix-stable order."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.rng = FastRandom(seed)
        self._job_cum = list(accumulate(JOB_LANG_WEIGHTS))
        self._escort_cum = list(accumulate(ESCORT_LANG_WEIGHTS))
        self.ids = Identities(seed)
        self.hubs = [(h, self.ids.phone(h["region"])) for h in _HUBS]
        self.operators = 0
        self.scheduler = Scheduler(self.rng, self._new_operator)

    # ---- choosing genre, language, places -------------------------------------------------
    def _genre_lang(self) -> tuple[str, str]:
        if self.rng.random() < P_JOB:
            return "job", self.rng.weighted(JOB_LANGS, self._job_cum)
        return "escort", self.rng.weighted(ESCORT_LANGS, self._escort_cum)

    def _cities(self, genre: str, lang: str, moving: bool) -> list[tuple[str, str]]:
        rng = self.rng
        countries = pack(genre, lang)["countries"]
        home = rng.choice(countries)
        regions = [home] + (rng.sample(countries, min(3, len(countries))) if moving else [home] * 2)
        count = rng.randint(2, 4) if moving else rng.randint(1, 2)
        return [(rng.choice(PLACES[r]["cities"]), r) for r in regions[:count]]

    def _fixed(self, genre: str, lang: str, city: tuple[str, str]) -> dict:
        return fixed_slots.draw(self.rng, self.ids, genre, lang, city)

    def _frame(self, genre: str, lang: str, deceptive: bool, fixed: dict, short: bool = False) -> Frame:
        if genre == "job":
            return job_frame(lang, deceptive, self.rng, fixed, short)
        return escort_frame(lang, self.rng.randint(1, 4) if deceptive else 0, self.rng, fixed, short)

    # ---- identifiers ---------------------------------------------------------------------
    def _handles(self, genre: str, lang: str, k: int) -> list[tuple[str, str]]:
        if genre == "escort":
            platforms = ("instagram", "snapchat", "telegram")
        else:
            platforms = ("line", "telegram") if lang == "th" else ("telegram", "telegram", "wechat")
        return [(self.rng.choice(platforms), self.ids.handle(self.rng)) for _ in range(k)]

    def _wallets(self, k: int) -> list[tuple[str, str]]:
        return [self.ids.wallet(self.rng.choice(("btc", "btc_bech32", "eth", "trx", "trx"))) for _ in range(k)]

    def _equip(self, op: Operator, region: str) -> None:
        """Give an operator its rotating identifiers and images."""
        rng, ids = self.rng, self.ids
        op.phones = [ids.phone(region) for _ in range(rng.choice((1, 1, 2, 2, 3, 4)))]
        if op.genre == "job" and not op.deceptive:
            domain = op.fixed["domain"]
            op.emails = [f"{box}@{domain}" for box in rng.sample(("hr", "jobs", "careers", "recruitment"), rng.randint(1, 2))]
            op.images = [ids.image() for _ in range(rng.randint(0, 2))]
            return
        if op.genre == "job":
            op.emails = [ids.personal_email(rng) for _ in range(rng.choice((0, 1, 1, 2)))]
            op.handles = self._handles("job", op.lang, rng.choice((0, 1, 1, 2)))
            if "fee_charged" in op.frame.indicators and rng.random() < 0.4:
                op.wallets = self._wallets(1)
            op.images = [ids.image() for _ in range(rng.randint(0, 3))]
            return
        op.emails = [ids.personal_email(rng)] if rng.random() < 0.2 else []
        op.handles = self._handles("escort", op.lang, rng.choice((0, 1, 2, 3)))
        if "crypto_or_prepay" in op.frame.indicators:
            op.wallets = self._wallets(rng.randint(1, 2))
        op.images = [ids.image() for _ in range(rng.randint(2, 6))]

    def _new_operator(self, size: int) -> Operator:
        rng = self.rng
        genre, lang = self._genre_lang()
        deceptive = rng.random() < (0.8 if genre == "job" else 0.85)
        cities = self._cities(genre, lang, moving=genre == "escort" and deceptive and rng.random() < 0.6)
        fixed = self._fixed(genre, lang, cities[0])
        frame = self._frame(genre, lang, deceptive, fixed, short=rng.random() < 0.08)
        start, span = window(rng, size)
        self.operators += 1
        op = Operator(f"net-{self.operators:06d}", genre, lang, deceptive, frame, fixed, cities, start, span, size)
        self._equip(op, cities[0][1])
        first = NAMES["female"][lang] if genre == "escort" else NAMES["female"][lang] + NAMES["male"][lang]
        op.jobs = rng.sample(pack("job", lang)["lists"]["job"], rng.randint(1, 3)) if genre == "job" else []
        op.names = [(rng.choice(first), rng.randint(21, 34)) for _ in range(rng.randint(1, 5 if genre == "escort" else 2))]
        return op

    # ---- writing one ad ------------------------------------------------------------------
    def _slots(self, genre: str, lang: str, frame: Frame, city: str, names: list, jobs: list) -> dict:
        rng = self.rng
        name, age = rng.choice(names)
        slots = {"city": city.split(",")[0], "name": name, "age": age}
        slots["pay"] = slots["price"] = _amount(rng, frame.pay)
        if genre == "escort":
            if "{name2}" in frame.body:
                slots["name2"] = rng.choice(NAMES["female"][lang])
        else:
            slots["job"] = rng.choice(jobs)
            slots["date"] = f"{rng.randint(1, 28)} {rng.choice(pack('job', lang)['months'])}"
        return slots

    def _record(self, i: int, genre: str, lang: str, frame: Frame, slots: dict, when, images: list) -> dict:
        posted, (location, _region) = when
        sites = pack(genre, lang)["sites"]
        site = sites[i % len(sites)]
        section = "jobs" if genre == "job" else "companions"
        return {
            "id": f"demo-{self.seed}-{i:07d}",
            "url": f"https://{site}/{section}/{i:07d}",
            "title": frame.title.format_map(slots),
            "text": frame.body.format_map(slots),
            "posted_at": posted,
            "location": location,
            "images": images,
            "language": lang,
        }

    def _hub_footer(self, ad: dict, identifiers: list) -> list[str]:
        if self.rng.random() >= HUB_RATE:
            return []
        hub, phone = self.rng.choice(self.hubs)
        ad["text"] += "\n" + hub["footer"].format(phone=phone.international, email=hub["email"])
        identifiers.append({"kind": "phone", "value": phone.e164, "obfuscated": False})
        identifiers.append({"kind": "email", "value": hub["email"], "obfuscated": False})
        return [phone.e164, hub["email"]]

    def ad(self, i: int) -> tuple[dict, dict]:
        """The i-th ad of the corpus and its ground truth."""
        op = self.scheduler.next()
        if op is None:
            return self._independent(i)
        return self._network_ad(i, op)

    def _shown(self, op: Operator) -> list:
        """The subset of an operator's identifiers one ad shows (operators rotate them)."""
        rng = self.rng
        phones = op.phones
        k = int(rng.random() * len(phones))
        shown: list = [("phone", phones[k])]
        if len(phones) > 1 and rng.random() < 0.15:
            shown.append(("phone", phones[k - 1]))
        if op.emails and rng.random() < (0.8 if not op.deceptive else 0.4):
            shown.append(("email", rng.choice(op.emails)))
        if op.handles and rng.random() < 0.5:
            shown.append(("handle", rng.choice(op.handles)))
        if op.wallets and rng.random() < 0.7:
            shown.append(("wallet", rng.choice(op.wallets)))
        if shown[1:] and rng.random() < 0.25:
            del shown[0]  # sometimes no phone at all
        return shown

    def _images(self, op: Operator) -> tuple[list[str], list[str]]:
        """(image references in the ad, base keys for the truth); reposts may use a variant."""
        rng = self.rng
        if not op.images or (op.genre == "job" and rng.random() < 0.5):
            return [], []
        keys = rng.sample(op.images, min(len(op.images), rng.randint(1, 3)))
        refs = [k[:-4] + f"_v{rng.randint(1, 3)}.jpg" if rng.random() < 0.3 else k for k in keys]
        return refs, keys

    def _network_ad(self, i: int, op: Operator) -> tuple[dict, dict]:
        rng = self.rng
        u = rng.random()
        mode = "full" if u < 0.72 else "text_only" if u < 0.84 else "ident_only" if u < 0.93 else "image_only"
        if mode == "image_only" and not op.images:
            mode = "full"
        frame, template = op.frame, f"{op.id}/t0"
        if mode in ("ident_only", "image_only"):
            frame, template = self._frame(op.genre, op.lang, op.deceptive, None), None  # slots filled at render
        when = _when(rng, op.start, op.span, op.cities)
        shown, (refs, keys) = [], ([], [])
        if mode in ("full", "ident_only"):
            shown = self._shown(op)
        if mode == "image_only":
            shown = [("phone", self.ids.phone(op.cities[0][1]))]  # a burner used once
            keys = [rng.choice(op.images)]
            refs = keys[:]
        elif mode == "full":
            refs, keys = self._images(op)
        return self._finish(i, op.genre, op.lang, frame, when, op.names, op.jobs, shown, refs, op.fixed, {
            "network": op.id, "deceptive": op.deceptive, "template": template, "images": keys, "mode": mode,
        })

    def _finish(self, i, genre, lang, frame, when, names, jobs, shown, refs, fixed, truth) -> tuple[dict, dict]:
        rng = self.rng
        slots = self._slots(genre, lang, frame, when[1][0], names, jobs)
        slots.update(fixed)  # only used by frames composed with fixed=None (fresh texts)
        messaging = "messaging_only" in frame.indicators
        obf = 0.25 if genre == "escort" else 0.12 if truth["deceptive"] else 0.02
        slots["contact"], identifiers = contact.render(
            rng, pack(genre, lang)["contact"], lang, when[1][1], shown, messaging=messaging, obf=obf
        )
        ad = self._record(i, genre, lang, frame, slots, when, refs)
        hubs = self._hub_footer(ad, identifiers)
        return ad, {
            "id": ad["id"], "ad_type": genre, "network": truth["network"], "deceptive": truth["deceptive"],
            "indicators": list(frame.indicators), "identifiers": identifiers, "template": truth["template"],
            "images": truth["images"], "hub_identifiers": hubs, "language": lang, "mode": truth["mode"],
        }

    def _independent(self, i: int) -> tuple[dict, dict]:
        """A one-off poster: unique identifiers, fresh text, unique images (if any)."""
        rng, ids = self.rng, self.ids
        genre, lang = self._genre_lang()
        deceptive = rng.random() < (0.15 if genre == "job" else 0.25)
        region = rng.choice(pack(genre, lang)["countries"])
        city = (rng.choice(PLACES[region]["cities"]), region)
        fixed = self._fixed(genre, lang, city)
        short = rng.random() < 0.12
        frame = job_frame(lang, deceptive, rng, None, short) if genre == "job" else escort_frame(
            lang, rng.randint(1, 2) if deceptive else 0, rng, None, short)
        shown: list = [("phone", ids.phone(city[1]))]
        if genre == "job" and not deceptive:
            shown.append(("email", f"{rng.choice(('hr', 'jobs', 'careers'))}@{fixed['domain']}"))
        elif rng.random() < 0.3:
            shown.append(("handle", self._handles(genre, lang, 1)[0]))
        n_img = rng.randint(1, 3) if genre == "escort" else int(rng.random() < 0.2)
        keys = [ids.image() for _ in range(n_img)]
        when = (iso(rng.randrange(WINDOW_START, WINDOW_END)), city)
        first = NAMES["female"][lang] if genre == "escort" or rng.random() < 0.5 else NAMES["male"][lang]
        names = [(rng.choice(first), rng.randint(21, 34))]
        jobs = [rng.choice(pack("job", lang)["lists"]["job"])]
        return self._finish(i, genre, lang, frame, when, names, jobs, shown, keys, fixed, {
            "network": None, "deceptive": deceptive, "template": None, "images": keys, "mode": "independent",
        })
