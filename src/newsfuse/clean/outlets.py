"""Name the outlet an article comes from: from its URL or host, or its own self-description.

The table maps well-known news hosts to their display names and home time zones. A host not
in the table still names the outlet, by its domain, and the basis says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from newsfuse.model import Outlet


@dataclass(frozen=True)
class KnownOutlet:
    domain: str
    name: str
    zone: str | None
    aliases: tuple[str, ...] = ()


_L, _NY, _MSK = "Europe/London", "America/New_York", "Europe/Moscow"
KNOWN_OUTLETS: tuple[KnownOutlet, ...] = (
    KnownOutlet("theguardian.com", "The Guardian", _L, ("Guardian",)),
    KnownOutlet("independent.co.uk", "The Independent", _L, ("Independent",)),
    KnownOutlet("bbc.co.uk", "BBC News", _L, ("BBC",)),
    KnownOutlet("bbc.com", "BBC News", _L, ("BBC",)),
    KnownOutlet("telegraph.co.uk", "The Telegraph", _L, ("Telegraph",)),
    KnownOutlet("thetimes.co.uk", "The Times", _L),
    KnownOutlet("ft.com", "Financial Times", _L, ("FT",)),
    KnownOutlet("economist.com", "The Economist", _L, ("Economist",)),
    KnownOutlet("dailymail.co.uk", "Daily Mail", _L, ("Mail Online", "MailOnline")),
    KnownOutlet("mirror.co.uk", "Daily Mirror", _L, ("Mirror",)),
    KnownOutlet("thesun.co.uk", "The Sun", _L),
    KnownOutlet("express.co.uk", "Daily Express", _L, ("Express",)),
    KnownOutlet("standard.co.uk", "Evening Standard", _L, ("Standard",)),
    KnownOutlet("sky.com", "Sky News", _L),
    KnownOutlet("news.sky.com", "Sky News", _L),
    KnownOutlet("reuters.com", "Reuters", None),
    KnownOutlet("apnews.com", "Associated Press", _NY, ("AP", "AP News")),
    KnownOutlet("afp.com", "AFP", "Europe/Paris", ("Agence France-Presse",)),
    KnownOutlet("bloomberg.com", "Bloomberg", _NY),
    KnownOutlet("nytimes.com", "The New York Times", _NY, ("New York Times", "NYT")),
    KnownOutlet("washingtonpost.com", "The Washington Post", _NY, ("Washington Post",)),
    KnownOutlet("wsj.com", "The Wall Street Journal", _NY, ("Wall Street Journal", "WSJ")),
    KnownOutlet("usatoday.com", "USA Today", _NY),
    KnownOutlet("latimes.com", "Los Angeles Times", "America/Los_Angeles", ("LA Times",)),
    KnownOutlet("cnn.com", "CNN", _NY),
    KnownOutlet("foxnews.com", "Fox News", _NY, ("Fox",)),
    KnownOutlet("nbcnews.com", "NBC News", _NY, ("NBC",)),
    KnownOutlet("cbsnews.com", "CBS News", _NY, ("CBS",)),
    KnownOutlet("abcnews.go.com", "ABC News", _NY),
    KnownOutlet("npr.org", "NPR", _NY),
    KnownOutlet("politico.com", "Politico", _NY),
    KnownOutlet("politico.eu", "Politico Europe", "Europe/Brussels"),
    KnownOutlet("axios.com", "Axios", _NY),
    KnownOutlet("thehill.com", "The Hill", _NY),
    KnownOutlet("nypost.com", "New York Post", _NY),
    KnownOutlet("breitbart.com", "Breitbart", _NY),
    KnownOutlet("huffpost.com", "HuffPost", _NY),
    KnownOutlet("vox.com", "Vox", _NY),
    KnownOutlet("theatlantic.com", "The Atlantic", _NY, ("Atlantic",)),
    KnownOutlet("newsweek.com", "Newsweek", _NY),
    KnownOutlet("time.com", "Time", _NY),
    KnownOutlet("forbes.com", "Forbes", _NY),
    KnownOutlet("businessinsider.com", "Business Insider", _NY, ("Insider",)),
    KnownOutlet("cnbc.com", "CNBC", _NY),
    KnownOutlet("msnbc.com", "MSNBC", _NY),
    KnownOutlet("voanews.com", "Voice of America", _NY, ("VOA",)),
    KnownOutlet("washingtonexaminer.com", "Washington Examiner", _NY),
    KnownOutlet("washingtontimes.com", "The Washington Times", _NY),
    KnownOutlet("nationalreview.com", "National Review", _NY),
    KnownOutlet("themoscowtimes.com", "The Moscow Times", _MSK, ("Moscow Times",)),
    KnownOutlet("tass.com", "TASS", _MSK, ("Tass",)),
    KnownOutlet("tass.ru", "TASS", _MSK, ("Tass",)),
    KnownOutlet("rt.com", "RT", _MSK),
    KnownOutlet("interfax.com", "Interfax", _MSK),
    KnownOutlet("meduza.io", "Meduza", "Europe/Riga"),
    KnownOutlet("kyivindependent.com", "The Kyiv Independent", "Europe/Kyiv"),
    KnownOutlet("aljazeera.com", "Al Jazeera", "Asia/Qatar"),
    KnownOutlet("dw.com", "Deutsche Welle", "Europe/Berlin", ("DW",)),
    KnownOutlet("spiegel.de", "Der Spiegel", "Europe/Berlin", ("Spiegel",)),
    KnownOutlet("france24.com", "France 24", "Europe/Paris"),
    KnownOutlet("lemonde.fr", "Le Monde", "Europe/Paris"),
    KnownOutlet("euronews.com", "Euronews", "Europe/Paris"),
    KnownOutlet("yonhapnews.co.kr", "Yonhap", "Asia/Seoul"),
    KnownOutlet("en.yna.co.kr", "Yonhap", "Asia/Seoul"),
    KnownOutlet("koreaherald.com", "The Korea Herald", "Asia/Seoul", ("Korea Herald",)),
    KnownOutlet("koreatimes.co.kr", "The Korea Times", "Asia/Seoul", ("Korea Times",)),
    KnownOutlet("nknews.org", "NK News", "Asia/Seoul"),
    KnownOutlet("japantimes.co.jp", "The Japan Times", "Asia/Tokyo", ("Japan Times",)),
    KnownOutlet("scmp.com", "South China Morning Post", "Asia/Hong_Kong", ("SCMP",)),
    KnownOutlet("globaltimes.cn", "Global Times", "Asia/Shanghai"),
    KnownOutlet("xinhuanet.com", "Xinhua", "Asia/Shanghai"),
    KnownOutlet("timesofindia.indiatimes.com", "The Times of India", "Asia/Kolkata"),
    KnownOutlet("thehindu.com", "The Hindu", "Asia/Kolkata"),
    KnownOutlet("hindustantimes.com", "Hindustan Times", "Asia/Kolkata"),
    KnownOutlet("abc.net.au", "ABC News (Australia)", "Australia/Sydney"),
    KnownOutlet("smh.com.au", "The Sydney Morning Herald", "Australia/Sydney"),
    KnownOutlet("theaustralian.com.au", "The Australian", "Australia/Sydney"),
    KnownOutlet("cbc.ca", "CBC News", "America/Toronto", ("CBC",)),
    KnownOutlet("theglobeandmail.com", "The Globe and Mail", "America/Toronto"),
    KnownOutlet("irishtimes.com", "The Irish Times", "Europe/Dublin"),
    KnownOutlet("rte.ie", "RTÉ", "Europe/Dublin"),
    KnownOutlet("timesofisrael.com", "The Times of Israel", "Asia/Jerusalem"),
    KnownOutlet("haaretz.com", "Haaretz", "Asia/Jerusalem"),
    KnownOutlet("euractiv.com", "Euractiv", "Europe/Brussels"),
)
_BY_DOMAIN = {outlet.domain: outlet for outlet in KNOWN_OUTLETS}
KNOWN_DOMAINS = frozenset(_BY_DOMAIN)
_BY_NAME = {
    name.casefold(): outlet for outlet in KNOWN_OUTLETS for name in (outlet.name, *outlet.aliases)
}
_HOST_PREFIXES = re.compile(r"^(?:www\d?|m|mobile|amp|edition|eu|us|uk|news)\.")


def host_of(url_or_host: str) -> str | None:
    """The lower-case host of a URL or bare host name, without "www."; None if there is none."""
    candidate = url_or_host.strip()
    if "://" not in candidate:
        candidate = "http://" + candidate
    try:
        host = (urlsplit(candidate).hostname or "").lower()
    except ValueError:
        return None
    if "." not in host:
        return None
    while _HOST_PREFIXES.match(host) and host.count(".") > 1:
        host = _HOST_PREFIXES.sub("", host, count=1)
    return host


def known_by_host(host: str) -> KnownOutlet | None:
    """Longest matching known domain, so news.sky.com and sky.com both resolve."""
    parts = host.split(".")
    for start in range(len(parts) - 1):
        outlet = _BY_DOMAIN.get(".".join(parts[start:]))
        if outlet is not None:
            return outlet
    return None


def outlet_from_host(url_or_host: str, *, basis: str) -> Outlet | None:
    host = host_of(url_or_host)
    if host is None:
        return None
    known = known_by_host(host)
    if known is not None:
        return Outlet(known.name, known.domain, f"{basis} ({host})")
    return Outlet(host, host, f"{basis} ({host}); not a known outlet, named by its domain")


def outlet_from_name(name: str, *, basis: str) -> Outlet:
    """An outlet named in text: the known canonical name if it is one, else the name as given."""
    cleaned = " ".join(name.split()).strip(" .,'’")
    known = _BY_NAME.get(cleaned.casefold()) or _BY_NAME.get(
        re.sub(r"^the\s+", "", cleaned, flags=re.IGNORECASE).casefold()
    )
    if known is not None:
        return Outlet(known.name, known.domain, basis)
    return Outlet(cleaned, None, basis)


def is_known_name(name: str) -> bool:
    cleaned = re.sub(r"^the\s+", "", " ".join(name.split()), flags=re.IGNORECASE)
    return cleaned.casefold() in _BY_NAME or name.casefold() in _BY_NAME


def home_zone(outlet: Outlet | None) -> str | None:
    if outlet is None or outlet.domain is None:
        return None
    known = _BY_DOMAIN.get(outlet.domain)
    return known.zone if known else None
