"""A content-farm page generator for tests: the seed's template family, not one page.

``farm_page(article, rng)`` wraps an article (title, lead, sections with headings, a list)
in a farm frame of randomised layout: the headline printed two to four times in varying
case, a reading-time line, greeting and self-promotion paragraphs, an optional table of
contents, a closing echo, farewell promo and interface leftovers. Promo wording is composed
from interchangeable pieces in English, Spanish, German, French, Portuguese, Italian, Dutch
and Polish, with a random site name, so no test depends on one sentence. Articles come from
the golden fixtures (always available) or from dev-corpus pages at test time; nothing held
out is used.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date
from html import escape
from typing import Any

SITE_PARTS = (
    ("Daily", "Top", "Best", "Prime", "Fresh", "Hot", "Mega", "Smart", "True"),
    ("News", "Buzz", "Story", "Feed", "Times", "Wire", "Scoop", "Digest", "Post"),
    ("Hub", "Now", "Zone", "World", "Point", "Spot", "Daily", "Central", "Online"),
)

#: Per language: greetings, self-talk and calls to act, {site} filled in. Sentences are
#: combined at random into two or three promo paragraphs before and after the article.
PROMO = {
    "en": (
        ["Hello and welcome to {site}, the place where curious readers find their daily stories.",
         "Hi there, and thanks for stopping by {site}!",
         "Welcome, friend: you have just found {site}, your new favourite corner of the web."],
        ["Our small team of writers works around the clock so that you are always up to date.",
         "We pick the stories we think you will love and we tell them in plain words.",
         "Every morning our editors sift through the news so you don't have to."],
        ["Bookmark {site} and come back tomorrow for more!",
         "Follow us and share this story with your friends.",
         "Subscribe to our newsletter and we will keep you posted.",
         "Visit {site} again soon, we love seeing you here."],
    ),
    "es": (
        ["Hola y bienvenido a {site}, tu sitio de noticias de cada día.",
         "¡Gracias por visitar {site}, nos alegra verte por aquí!"],
        ["Nuestro equipo trabaja día y noche para que tú estés siempre informado.",
         "Nosotros elegimos las historias que te van a gustar."],
        ["Guarda nuestro sitio en tus marcadores y vuelve mañana.",
         "Síguenos y comparte esta noticia con tus amigos.",
         "Suscríbete a nuestro boletín, te esperamos en {site}."],
    ),
    "de": (
        ["Hallo und willkommen bei {site}, deiner Quelle für neue Geschichten.",
         "Schön, dass du bei {site} vorbeischaust!"],
        ["Unser Team arbeitet rund um die Uhr, damit du immer informiert bist.",
         "Wir wählen jeden Tag die Geschichten aus, die dir gefallen werden."],
        ["Setz dir ein Lesezeichen und komm morgen wieder zu uns.",
         "Folge uns und teile diesen Artikel mit deinen Freunden.",
         "Abonniere unseren Newsletter, wir freuen uns auf dich bei {site}."],
    ),
    "fr": (
        ["Bonjour et bienvenue sur {site}, votre source d'histoires du jour.",
         "Merci de votre visite sur {site}, nous sommes ravis de vous voir !"],
        ["Notre équipe travaille jour et nuit pour que vous soyez toujours informé.",
         "Nous choisissons pour vous les histoires que vous allez aimer."],
        ["Ajoutez notre site à vos favoris et revenez nous voir demain.",
         "Suivez-nous et partagez cet article avec vos amis.",
         "Abonnez-vous à notre lettre, à bientôt sur {site} !"],
    ),
    "pt": (
        ["Olá e bem-vindo ao {site}, a sua fonte de notícias do dia.",
         "Obrigado por visitar o {site}, é um prazer ter você aqui!"],
        ["Nossa equipe trabalha dia e noite para que você esteja sempre informado.",
         "Nós escolhemos as histórias que você vai adorar."],
        ["Adicione nosso site aos favoritos e volte amanhã.",
         "Siga-nos e compartilhe esta notícia com seus amigos.",
         "Inscreva-se na nossa newsletter, até breve no {site}!"],
    ),
    "it": (
        ["Ciao e benvenuto su {site}, la tua fonte di notizie quotidiane.",
         "Grazie per la visita a {site}, siamo felici di vederti!"],
        ["Il nostro team lavora giorno e notte perché tu sia sempre informato.",
         "Noi scegliamo per te le storie che ti piaceranno."],
        ["Aggiungi il nostro sito ai preferiti e torna a trovarci domani.",
         "Seguici e condividi questo articolo con i tuoi amici.",
         "Iscriviti alla nostra newsletter, a presto su {site}!"],
    ),
    "nl": (
        ["Hallo en welkom bij {site}, jouw bron voor verhalen van elke dag.",
         "Fijn dat jij {site} hebt gevonden, welkom!"],
        ["Onze redactie werkt dag en nacht zodat jij altijd op de hoogte bent.",
         "Wij kiezen elke dag de verhalen uit waar jij van gaat houden."],
        ["Zet {site} in je bladwijzers en kom morgen terug.",
         "Volg ons en deel dit artikel met jouw vrienden.",
         "Abonneer je op onze nieuwsbrief, tot snel bij {site}!"],
    ),
    "pl": (
        ["Witaj w {site}, twoim codziennym źródle wiadomości.",
         "Dziękujemy, że odwiedzasz {site}, cieszymy się, że jesteś z nami!"],
        ["Nasz zespół pracuje dzień i noc, abyś ty był zawsze na bieżąco.",
         "Nasza redakcja wybiera dla ciebie historie, które pokochasz."],
        ["Dodaj {site} do zakładek i wróć do nas jutro.",
         "Obserwuj nas i udostępnij ten artykuł znajomym.",
         "Zapisz się na nasz newsletter, do zobaczenia w {site}!"],
    ),
}  # fmt: skip

#: Per language: month names and reading-time lines ({minutes}, {stamp} filled in), as farm
#: frames print "3 min read Post on May 30, 2025" in each language.
MONTHS = {
    "en": "January February March April May June July August September October November December",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
    "dezembro",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
    "novembre dicembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "pl": "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października "
    "listopada grudnia",
}
STAMPS = {"en": "{month} {day}, {year}", "es": "{day} de {month} de {year}",
          "de": "{day}. {month} {year}", "fr": "{day} {month} {year}",
          "pt": "{day} de {month} de {year}", "it": "{day} {month} {year}",
          "nl": "{day} {month} {year}", "pl": "{day} {month} {year}"}  # fmt: skip
READING_LINES = {
    "en": ("{minutes} min read · Published {stamp}", "{minutes} min read Post on {stamp}",
           "{minutes} minutes reading time · Published {stamp}"),
    "es": ("{minutes} min de lectura · Publicado el {stamp}",
           "Lectura de {minutes} min Publicado el {stamp}"),
    "de": ("{minutes} Min. Lesezeit · Veröffentlicht am {stamp}",
           "Lesezeit: {minutes} Minuten | Aktualisiert am {stamp}"),
    "fr": ("{minutes} min de lecture · Publié le {stamp}",
           "Lecture {minutes} min Publié le {stamp}"),
    "pt": ("{minutes} min de leitura · Publicado em {stamp}",
           "Tempo de leitura: {minutes} min Publicado em {stamp}"),
    "it": ("{minutes} min di lettura · Pubblicato il {stamp}",
           "Lettura di {minutes} minuti Pubblicato il {stamp}"),
    "nl": ("{minutes} min leestijd · Gepubliceerd op {stamp}",
           "{minutes} minuten leestijd Geplaatst op {stamp}"),
    "pl": ("{minutes} min czytania · Opublikowano {stamp}",
           "Czas czytania: {minutes} min Opublikowano {stamp}"),
}  # fmt: skip

UI_LINES = ("Share this:", "Advertisement", "close", "x", "Share", "Read more")
TOC_LABELS = ("Table of Contents", "Contents", "Article with TOC")


@dataclass(frozen=True)
class Source:
    """An article to wrap: title, lead paragraphs, and sections (heading, paragraphs, list)."""

    title: str
    lead: tuple[str, ...]
    sections: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]


@dataclass
class FarmPage:
    """A generated page and what a correct extraction gives."""

    text: str
    title: str
    published: date
    reading_minutes: int
    headings: list[str]
    lists: list[list[str]]
    promo: list[str] = field(default_factory=list)
    language: str = "en"
    reading_line: str = ""


def _site(rng: random.Random) -> str:
    return "".join(rng.choice(part) for part in SITE_PARTS)


def _promo_paragraphs(rng: random.Random, language: str, site: str, count: int) -> list[str]:
    greetings, talk, calls = PROMO[language]
    out = []
    for n in range(count):
        pool = [rng.choice(greetings)] if n == 0 else []
        pool += rng.sample(talk, 1) + rng.sample(calls, 1)
        out.append(" ".join(pool).format(site=site))
    return out


def _reading_line(rng: random.Random, language: str, published: date, minutes: int) -> str:
    """A reading-time line with the publication date, in the frame's language half the time
    (farm sites translate their frame less often than their promo)."""
    if rng.random() < 0.5:
        language = "en"
    month = MONTHS[language].split()[published.month - 1]
    stamp = STAMPS[language].format(month=month, day=published.day, year=published.year)
    return rng.choice(READING_LINES[language]).format(minutes=minutes, stamp=stamp)


def _echo(title: str, rng: random.Random) -> str:
    return rng.choice((title, title.title(), title))


def farm_page(source: Source, rng: random.Random) -> FarmPage:
    """A farm page of random layout and wording around ``source``."""
    language = rng.choice(tuple(PROMO))
    site = _site(rng)
    published = date(2025, rng.randint(1, 12), rng.randint(1, 28))
    minutes = rng.randint(2, 12)
    reading = _reading_line(rng, language, published, minutes)
    head = [source.title, "", reading, _echo(source.title, rng), ""]
    opening = _promo_paragraphs(rng, language, site, rng.randint(1, 3))
    closing = _promo_paragraphs(rng, language, site, rng.randint(1, 2))
    for paragraph in opening:
        head += [paragraph, ""]
    headings = [heading for heading, _, _ in source.sections]
    if rng.random() < 0.5:
        head += [rng.choice(TOC_LABELS), ""]
    head += [source.title, ""]
    body: list[str] = []
    for paragraph in source.lead:
        body += [paragraph, ""]
    lists: list[list[str]] = []
    for heading, paragraphs, items in source.sections:
        body += [heading, ""]
        for paragraph in paragraphs:
            body += [paragraph, ""]
        if items:
            body += [f"- {item}" for item in items] + [""]
            lists.append(list(items))
    tail = [_echo(source.title, rng), ""] * rng.randint(1, 2)
    for paragraph in closing:
        tail += [paragraph, ""]
    tail += rng.sample(UI_LINES, rng.randint(1, 2))
    text = "\n".join(head + body + tail) + "\n"
    return FarmPage(text, source.title, published, minutes, headings, lists,
                    opening + closing, language, reading)  # fmt: skip


def farm_html(page: FarmPage, rng: random.Random) -> str:
    """``page`` as a farm site's HTML of random markup: the copies of the headline as h1,
    h2 or p, the reading line in a meta div or span, promo in p or div, the body's headings
    and lists as h2/h3 and ul, the whole in an ``<article>``, a ``<main>`` or a bare div."""
    wrapper = rng.choice(("article", "main", "div"))
    out = [f"<!DOCTYPE html><html lang='{page.language}'><head><meta charset='utf-8'>",
           f"<title>{escape(page.title)}</title></head><body>",
           "<header><a href='/'>Home</a> <nav><a href='/news'>News</a> "
           "<a href='/tech'>Tech</a></nav></header>", f"<{wrapper} class='post'>"]  # fmt: skip
    heading_tag = rng.choice(("h2", "h3"))
    items = {item for items in page.lists for item in items}
    copies = 0
    for line in (raw.strip() for raw in page.text.split("\n")):
        if not line:
            continue
        if line.startswith("- ") and line[2:] in items:
            out.append(f"<ul><li>{escape(line[2:])}</li></ul>")
        elif line.casefold() == page.title.casefold():
            tag = "h1" if copies == 0 else rng.choice(("h1", "h2", "p", "div"))
            out.append(f"<{tag} class='entry-title'>{escape(line)}</{tag}>")
            copies += 1
        elif line in page.headings:
            out.append(f"<{heading_tag}>{escape(line)}</{heading_tag}>")
        elif line == page.reading_line:
            tag = rng.choice(("div", "span", "p"))
            out.append(
                f"<{tag} class='{rng.choice(('post-meta', 'meta', 'info'))}'>{escape(line)}</{tag}>"
            )
        else:
            tag = "div" if line in page.promo and rng.random() < 0.3 else "p"
            out.append(f"<{tag}>{escape(line)}</{tag}>")
    out += [f"</{wrapper}>", "<footer><p>© 2025</p></footer></body></html>"]
    return "\n".join(out).replace("</ul>\n<ul>", "")


def farm_markdown(page: FarmPage, rng: random.Random) -> str:
    """``page`` as a crawler's Markdown of a farm site: a menu of links, the first headline
    copy a ``#`` heading and the others ``#``, ``##``, bold or bare lines, the body's
    headings ``##``, its lists ``-`` items, and a footer link."""
    out = ["[Home](/) [News](/news) [Tech](/tech)", ""]
    items = {item for items in page.lists for item in items}
    copies = 0
    for line in (raw.strip() for raw in page.text.split("\n")):
        if line.startswith("- ") and line[2:] in items:
            out.append(line)
        elif line.casefold() == page.title.casefold():
            mark = "# " if copies == 0 else rng.choice(("# ", "## ", "", "**"))
            out.append(mark + line + ("**" if mark == "**" else ""))
            copies += 1
        elif line in page.headings:
            out.append(f"## {line}")
        else:
            out.append(line)
    return "\n".join([*out, "", "© 2025 [Privacy](/privacy)"]) + "\n"


def farm_checks(page: FarmPage, source: Source, article: Any) -> dict[str, bool]:
    """What a correct extraction of ``page`` (made from ``source``) gives, check by check:
    title, date, reading time, headings and TOC, lists exact; no promo; the lead kept."""
    from cleannews import ListBlock

    headings = [s.heading for s in article.sections if s.heading]
    lists = [[i.text for i in c.items] for s in article.sections for c in s.content
             if isinstance(c, ListBlock)]  # fmt: skip
    return {
        "title": article.title == page.title,
        "date": article.published == page.published,
        "reading time": article.reading_time_minutes == page.reading_minutes,
        "headings": headings == page.headings,
        "toc": [t.title for t in article.toc] == page.headings,
        "lists": lists == page.lists,
        "promo": not any(p[:40] in article.text for p in page.promo),
        "body": all(paragraph[:60] in article.text for paragraph in source.lead),
    }


def source_from_article(article: object) -> Source | None:
    """A Source from an extracted ``cleannews.Article`` with a title, a lead paragraph and at
    least one titled section (None when it has not that shape)."""
    from cleannews import ListBlock, Paragraph

    title = getattr(article, "title", None)
    sections = getattr(article, "sections", ())
    if not title or not sections:
        return None
    lead = tuple(c.text for c in sections[0].content if isinstance(c, Paragraph))
    parts = []
    for section in sections[1:]:
        paragraphs = tuple(c.text for c in section.content if isinstance(c, Paragraph))
        lists = [c for c in section.content if isinstance(c, ListBlock)]
        items = tuple(i.text for i in lists[0].items) if lists else ()
        if section.heading and paragraphs and section.level == 2:
            parts.append((section.heading, paragraphs[:3], items[:6]))
    if sections[0].heading is not None or not lead or not parts:
        return None
    source = Source(title, lead[:2], tuple(parts[:4]))
    return source if plain_text_can_show(source) else None


#: Plain text shows a paragraph apart from a heading only when it has more words than this,
#: ends like a sentence or opens in lower case...
HEADING_SHAPED_WORDS = 8
_SENTENCE_END = '.!?:;…"”’»)]'
#: ...and a heading apart from a paragraph only when it opens with a capital or a digit
#: (after opening quotes).
_OPENERS = "'\"‘“«„("


def plain_text_can_show(source: Source) -> bool:
    """False for an article whose structure plain text cannot carry: a paragraph shaped like
    a heading (a caption, a bold lead-in line, a stray label kept by the HTML extraction:
    in text, it is a heading to any reader) or a heading shaped like a paragraph (lower
    case, markup), a section heading that repeats the headline (in text, a copy of the
    headline is the frame's echo) or a section opening with a line that does not end like a
    sentence (a caption under the heading: in text, it reads as the heading). Such articles
    would test the impossible, so the family leaves them out."""
    if any(heading.strip() == source.title.strip() for heading, _, _ in source.sections):
        return False
    if any(ps and not ps[0].strip().endswith(tuple(_SENTENCE_END)) for _, ps, _ in source.sections):
        return False
    paragraphs = [*source.lead, *(p for _, ps, _ in source.sections for p in ps)]
    for paragraph in paragraphs:
        text = paragraph.strip()
        if (
            len(text.split()) <= HEADING_SHAPED_WORDS
            and not text.endswith(tuple(_SENTENCE_END))
            and _capitalised(text)
        ):
            return False
    return all(_capitalised(heading) for heading, _, _ in source.sections)


def _capitalised(text: str) -> bool:
    first = text.lstrip(_OPENERS)[:1]
    return first.isupper() or first.isdigit()
