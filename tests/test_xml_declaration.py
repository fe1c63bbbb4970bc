"""Pages that start with an XML declaration, well-formed or not, as str and as bytes.

lxml refuses a str that starts like a declaration with an encoding; a str carries no bytes to
decode, so whatever declaration it starts with (up to the first ``>``) is dropped. For bytes,
an encoding name that is not a real codec is ignored.
"""

from __future__ import annotations

import pytest

import cleannews

BODY = (
    "<html><head><title>Council approves the new bridge</title></head><body>"
    "<h1>Council approves the new bridge</h1>"
    "<p>The city council voted on Tuesday to fund a new bridge across the river, ending a "
    "debate that has run for more than a decade and split the neighbourhoods on either bank.</p>"
    "<p>Construction is expected to start next spring, officials said, and to take about three "
    "years, with the old crossing kept open to traffic until the new one is finished.</p>"
    "</body></html>"
)
DECLARATIONS = {
    # A CMS of the late 2000s: a keyword list as the encoding, closed by "/>" instead of "?>".
    "malformed": '<?xml version="1.0" encoding="news, politics, bridge, council" />',
    "well-formed": '<?xml version="1.0" encoding="utf-8"?>',
    "after-bom": '\ufeff<?xml version="1.0" encoding="utf-8"?>',
    "after-whitespace": '\n\n   <?xml version="1.0" encoding="iso-8859-1"?>',
    "no-encoding-unclosed": '<?xml version="1.0"',
}


@pytest.mark.parametrize("shape", sorted(DECLARATIONS))
@pytest.mark.parametrize("as_bytes", [False, True], ids=["str", "bytes"])
def test_a_page_starting_with_an_xml_declaration_is_extracted(shape: str, as_bytes: bool) -> None:
    page = DECLARATIONS[shape] + "\n" + BODY
    source: str | bytes = page.encode("utf-8") if as_bytes else page
    article = cleannews.extract(source)
    assert article.title == "Council approves the new bridge"
    assert "voted on Tuesday to fund a new bridge" in article.text
    assert "Construction is expected to start next spring" in article.text
    assert "<?xml" not in article.text and "politics" not in article.text
