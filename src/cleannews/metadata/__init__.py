"""The metadata stage: the article's title, dates, authors, language and other fields.

What it owns, one module per concern:

* :mod:`.accumulator`: :class:`~.accumulator.Metadata`, the fields found so far with the
  source of each (``provenance``), and the normalisers every offered value goes through;
* :mod:`.head`: the page head and structured data (JSON-LD, meta tags, microdata, links),
  read before segmentation (:func:`~.head.head_metadata`);
* :mod:`.title`: the title among the metadata titles and the headline
  (:func:`~.title.choose_title`);
* :mod:`.body`: bylines, dates, dek and reading time stated in the article's own blocks
  (:func:`~.body.text_metadata`);
* :mod:`.finish`: what the sources left open, filled from the URL and the body
  (:func:`~.finish.finish`), and the estimated reading time;
* :mod:`.jsonld`, :mod:`.dates`, :mod:`.authors`, :mod:`.language`: schema.org JSON-LD,
  date parsing, author-name cleaning and language tags and guesses.

What it may import: the base modules (``errors``, ``options``, ``dom``, ``words``,
``model``, ``blocks``, ``rules.*``) and the earlier stage families (``input``, ``html``,
``text``, ``filters``, ``structure``); never ``output``, ``pipeline`` or ``cli``. Its rules
are data (``data/page_metadata.json``, ``schema_types.json``, ``date_words.json``,
``authors.json``, ``stopwords.json``), checked against their examples by the tests.

This package imports nothing itself: import the modules.
"""
