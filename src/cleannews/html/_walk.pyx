# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The compiled tree walks, over lxml's public C API (``lxml.includes.etreepublic``).

Each function computes exactly what a pure-Python walk of :mod:`cleannews.html` computes (that
walk stays the reference; ``tests/test_compiled.py`` runs both): the walk itself runs over
libxml2's nodes in C, and Python objects are made only for what the caller keeps (the elements
found and their class/id strings). The rules (tag sets, concept lookup, the class/id join) are
passed in by the caller, so that each keeps one definition, in Python.
"""

from cpython.dict cimport PyDict_GetItem
from cpython.ref cimport PyObject
from libc.string cimport strcmp, strstr

cimport lxml.includes.etreepublic as cetree
from lxml.includes cimport tree
from lxml.includes.etreepublic cimport _Element

cetree.import_lxml__etree()

# Bits of a tag's flags (a tag may have several).
cdef enum:
    WATCHED = 1
    CHROME = 2
    INLINE = 4
    KNOWN = 128  # the tag was classified

DEF TAG_SLOTS = 256


cdef struct TagSlot:
    const tree.xmlChar* name
    int flags


cdef class _Tags:
    """Flags of the tags met in one walk, cached by libxml2's name pointer (a parsed
    document interns its names: a page has a few dozen)."""

    cdef TagSlot slots[TAG_SLOTS]
    cdef object watched, chrome, inline

    def __cinit__(self, watched, chrome, inline):
        self.watched, self.chrome, self.inline = watched, chrome, inline
        cdef int i
        for i in range(TAG_SLOTS):
            self.slots[i].name = NULL
            self.slots[i].flags = 0

    cdef int of(self, tree.xmlNode* c_node) except -1:
        """The flags of an element's tag (0 for a namespaced tag: it matches no set)."""
        if cetree._getNs(c_node) is not NULL:
            return 0
        cdef const tree.xmlChar* name = c_node.name
        cdef size_t h = (<size_t>name >> 4) % TAG_SLOTS
        cdef int probes = 0
        while probes < TAG_SLOTS:
            if self.slots[h].name == name:
                return self.slots[h].flags
            if self.slots[h].name is NULL:
                self.slots[h].name = name
                self.slots[h].flags = self.classify(name)
                return self.slots[h].flags
            h = (h + 1) % TAG_SLOTS
            probes += 1
        return self.classify(name)  # a full table (never on a real page): no caching

    cdef int classify(self, const tree.xmlChar* name) except -1:
        tag = (<const char*>name).decode("utf-8")
        cdef int flags = KNOWN
        if tag in self.watched:
            flags |= WATCHED
        if tag in self.chrome:
            flags |= CHROME
        if tag in self.inline:
            flags |= INLINE
        return flags


cdef inline tree.xmlNode* _next_element(tree.xmlNode* c_node, tree.xmlNode* top) noexcept:
    """The element after ``c_node`` in document order inside ``top``, or NULL: descends into
    elements only (as lxml's ``iter`` does)."""
    cdef tree.xmlNode* nxt
    if c_node.type == tree.XML_ELEMENT_NODE and c_node.children is not NULL:
        nxt = c_node.children
    else:
        nxt = NULL
    while True:
        if nxt is NULL:
            # climb until a next sibling exists
            while c_node is not top and c_node.next is NULL:
                c_node = c_node.parent
            if c_node is top or c_node is NULL:
                return NULL
            nxt = c_node.next
        if nxt.type == tree.XML_ELEMENT_NODE:
            return nxt
        c_node = nxt
        nxt = NULL  # not an element: never descend into it, go on to its next sibling


cdef inline bint _is_named(tree.xmlAttr* c_attr, const char* name) noexcept:
    """True for an attribute called ``name`` without a namespace."""
    if c_attr.ns is not NULL:
        return False
    cdef const char* own = <const char*>c_attr.name
    cdef size_t i = 0
    while name[i] != 0:
        if own[i] != name[i]:
            return False
        i += 1
    return own[i] == 0


cdef inline bint _is_rare(tree.xmlAttr* c_attr) noexcept:
    return (
        _is_named(c_attr, "style") or _is_named(c_attr, "role")
        or _is_named(c_attr, "hidden") or _is_named(c_attr, "aria-hidden")
        or _is_named(c_attr, "itemprop")
    )


cdef inline const char* _plain_value(tree.xmlAttr* c_attr) noexcept:
    """The value of an attribute held in one text node ("" for none), else NULL."""
    cdef tree.xmlNode* c_text = c_attr.children
    if c_text is NULL:
        return ""
    if c_text.type != tree.XML_TEXT_NODE or c_text.next is not NULL or c_text.content is NULL:
        return NULL
    return <const char*>c_text.content


cdef bint _may_sort(tree.xmlNode* c_node) noexcept:
    """False when the rare attributes of an element cannot make it hidden, a landmark or an
    article body (cleaning's ``_Scan.sort`` would file it nowhere): a ``style`` naming neither
    ``none`` nor ``hidden``, an ``aria-hidden`` other than ``true``, an empty ``role``, an
    ``itemprop`` other than ``articleBody``. True whenever in doubt."""
    cdef tree.xmlAttr* c_attr = c_node.properties
    cdef const char* style = NULL
    cdef const char* aria = NULL
    cdef const char* role = NULL
    cdef const char* itemprop = NULL
    cdef const char* value
    while c_attr is not NULL:  # the last of duplicated names counts, as in a dict
        if _is_named(c_attr, "hidden"):
            return True
        value = NULL
        if _is_named(c_attr, "style"):
            value = style = _plain_value(c_attr)
        elif _is_named(c_attr, "aria-hidden"):
            value = aria = _plain_value(c_attr)
        elif _is_named(c_attr, "role"):
            value = role = _plain_value(c_attr)
        elif _is_named(c_attr, "itemprop"):
            value = itemprop = _plain_value(c_attr)
        else:
            value = ""
        if value is NULL:
            return True
        c_attr = c_attr.next
    if style is not NULL and (strstr(style, "none") is not NULL or strstr(style, "hidden") is not NULL):
        return True
    if aria is not NULL and strcmp(aria, "true") == 0:
        return True
    if role is not NULL and role[0] != 0:
        return True
    return itemprop is not NULL and strcmp(itemprop, "articleBody") == 0


def scan(
    _Element root not None, body, concepts_of, class_and_id, watched, chrome, inline
):
    """What cleaning's scan of ``root`` finds (see ``cleannews.html.clean._Scan``):

    - ``named``: (element, concepts) for each element strictly inside ``body`` whose class/id
      string (joined by ``class_and_id``) names a concept (by ``concepts_of``), inline
      leaves (tags in ``inline`` without children) left out;
    - ``rare``: (element, {name: value}) of the hidden/landmark/article-body attributes
      (``hidden aria-hidden style role itemprop``) of each element inside ``body`` whose
      attributes may make it one (the caller sorts them);
    - ``chrome`` and ``cores``: the elements of the whole page whose tag is in ``watched``,
      split by whether it is in ``chrome``.

    Every list is in document order.
    """
    cdef _Tags tags = _Tags(watched, chrome, inline)
    cdef tree.xmlNode* c_root = root._c_node
    cdef tree.xmlNode* c_body = NULL
    cdef tree.xmlNode* c_child
    named, rare, chrome_found, cores = [], [], [], []
    if body is not None:
        c_body = (<_Element?>body)._c_node
    _watch(root, c_root, tags, chrome_found, cores)
    c_child = c_root.children
    while c_child is not NULL:
        if c_child.type == tree.XML_ELEMENT_NODE:
            if c_child is c_body:
                _walk_body(root, c_body, tags, concepts_of, class_and_id, named, rare,
                           chrome_found, cores)
            else:
                _watch(root, c_child, tags, chrome_found, cores)
                _watch_all(root, c_child, tags, chrome_found, cores)
        c_child = c_child.next
    return named, rare, chrome_found, cores


cdef int _watch(
    _Element root, tree.xmlNode* c_node, _Tags tags, list chrome_found, list cores
) except -1:
    cdef int flags = tags.of(c_node)
    if flags & WATCHED:
        element = cetree.elementFactory(root._doc, c_node)
        (chrome_found if flags & CHROME else cores).append(element)
    return 0


cdef int _watch_all(
    _Element root, tree.xmlNode* c_top, _Tags tags, list chrome_found, list cores
) except -1:
    """Watch every element strictly inside ``c_top``."""
    cdef tree.xmlNode* c_node = _next_element(c_top, c_top)
    while c_node is not NULL:
        _watch(root, c_node, tags, chrome_found, cores)
        c_node = _next_element(c_node, c_top)
    return 0


cdef int _walk_body(
    _Element root, tree.xmlNode* c_body, _Tags tags, concepts_of, class_and_id,
    list named, list rare, list chrome_found, list cores,
) except -1:
    cdef tree.xmlNode* c_node = _next_element(c_body, c_body)
    cdef tree.xmlAttr* c_attr
    cdef tree.xmlAttr* c_class
    cdef tree.xmlAttr* c_id
    cdef bint has_rare
    cdef int flags
    cdef PyObject* hit
    cdef dict seen = {}  # class/id string -> concepts, for this page
    while c_node is not NULL:
        flags = tags.of(c_node)
        if flags & WATCHED:
            (chrome_found if flags & CHROME else cores).append(
                cetree.elementFactory(root._doc, c_node)
            )
        c_attr = c_node.properties
        if c_attr is NULL:
            c_node = _next_element(c_node, c_body)
            continue
        c_class = c_id = NULL
        has_rare = False
        while c_attr is not NULL:  # the last of duplicated names wins, as in a dict
            if _is_named(c_attr, "class"):
                c_class = c_attr
            elif _is_named(c_attr, "id"):
                c_id = c_attr
            elif not has_rare and _is_rare(c_attr):
                has_rare = True
            c_attr = c_attr.next
        element = None
        if has_rare and _may_sort(c_node):
            element = cetree.elementFactory(root._doc, c_node)
            rare.append((element, _rare_attributes(c_node)))
        if c_class is not NULL or c_id is not NULL:
            attrs = _class_id(c_node, c_class, c_id, class_and_id)
            if attrs and (not (flags & INLINE) or cetree.hasChild(c_node)):
                hit = PyDict_GetItem(seen, attrs)
                if hit is NULL:
                    concepts = concepts_of(attrs)
                    seen[attrs] = concepts
                else:
                    concepts = <object>hit
                if concepts[2]:  # Concepts.names
                    if element is None:
                        element = cetree.elementFactory(root._doc, c_node)
                    named.append((element, concepts))
        c_node = _next_element(c_node, c_body)
    return 0


cdef object _class_id(
    tree.xmlNode* c_node, tree.xmlAttr* c_class, tree.xmlAttr* c_id, class_and_id
):
    """The class/id string of an element, as cleaning's scan joins it."""
    classes = cetree.attributeValue(c_node, c_class) if c_class is not NULL else None
    if c_id is NULL:
        return classes
    ident = cetree.attributeValue(c_node, c_id)
    if not ident:
        return classes
    return class_and_id(classes if classes is not None else "", ident)


cdef dict _rare_attributes(tree.xmlNode* c_node):
    """The hidden/landmark/article-body attributes of an element (the last of duplicates)."""
    cdef dict found = {}
    cdef tree.xmlAttr* c_attr = c_node.properties
    while c_attr is not NULL:
        if _is_rare(c_attr):
            found[(<const char*>c_attr.name).decode("utf-8")] = cetree.attributeValue(
                c_node, c_attr
            )
        c_attr = c_attr.next
    return found


def text_length(_Element element not None):
    """``string-length(normalize-space(.))`` of ``element``, counted in C: the characters of
    its text nodes, XML white space (space, tab, CR, LF) runs as one space, stripped.
    None when the element holds an entity reference (the caller asks XPath then)."""
    cdef tree.xmlNode* c_top = element._c_node
    cdef tree.xmlNode* c_node = c_top.children
    cdef long count = 0
    cdef bint seen = False, pending = False
    cdef const unsigned char* p
    cdef unsigned char b
    if c_top.type != tree.XML_ELEMENT_NODE:
        return None
    while c_node is not NULL:
        if c_node.type == tree.XML_TEXT_NODE or c_node.type == tree.XML_CDATA_SECTION_NODE:
            p = <const unsigned char*>c_node.content
            if p is not NULL:
                while p[0] != 0:
                    b = p[0]
                    if b == 0x20 or b == 0x09 or b == 0x0A or b == 0x0D:
                        pending = seen
                    elif (b & 0xC0) != 0x80:  # the first byte of a character
                        count += 1 + pending
                        pending = False
                        seen = True
                    p += 1
        elif c_node.type == tree.XML_ENTITY_REF_NODE:
            return None
        # next node in document order inside c_top, descending into elements
        if c_node.type == tree.XML_ELEMENT_NODE and c_node.children is not NULL:
            c_node = c_node.children
            continue
        while c_node is not c_top and c_node.next is NULL:
            c_node = c_node.parent
        if c_node is c_top:
            break
        c_node = c_node.next
    return count


# --- segmentation's walk ------------------------------------------------------------------------

cdef struct SegmentSlot:
    const tree.xmlChar* name
    bint block
    PyObject* start  # borrowed from _SegmentTags.handlers (None: no handler)
    PyObject* end


cdef class _SegmentTags:
    """Whether a tag opens a block, and its start and end handlers, cached by libxml2's name
    pointer for one walk."""

    cdef SegmentSlot slots[TAG_SLOTS]
    cdef SegmentSlot plain  # a namespaced tag: no block, no handler
    cdef SegmentSlot spill  # a tag met when the table is full
    cdef object block_tags, starts, ends
    cdef list handlers  # keeps the handlers the slots point to alive

    def __cinit__(self, block_tags, starts, ends):
        self.block_tags, self.starts, self.ends = block_tags, starts, ends
        self.handlers = [None]
        cdef int i
        for i in range(TAG_SLOTS):
            self.slots[i].name = NULL
        self.plain.name = NULL
        self.plain.block = False
        self.plain.start = self.plain.end = <PyObject*>None

    cdef SegmentSlot* of(self, tree.xmlNode* c_node) except NULL:
        if cetree._getNs(c_node) is not NULL:
            return &self.plain
        cdef const tree.xmlChar* name = c_node.name
        cdef size_t h = (<size_t>name >> 4) % TAG_SLOTS
        cdef int probes = 0
        while probes < TAG_SLOTS:
            if self.slots[h].name == name:
                return &self.slots[h]
            if self.slots[h].name is NULL:
                self.fill(&self.slots[h], name)
                return &self.slots[h]
            h = (h + 1) % TAG_SLOTS
            probes += 1
        self.fill(&self.spill, name)  # a full table (never on a real page): no caching
        return &self.spill

    cdef int fill(self, SegmentSlot* slot, const tree.xmlChar* name) except -1:
        tag = (<const char*>name).decode("utf-8")
        start, end = self.starts.get(tag), self.ends.get(tag)
        self.handlers.append(start)
        self.handlers.append(end)
        slot.name = name
        slot.block = tag in self.block_tags
        slot.start = <PyObject*>start
        slot.end = <PyObject*>end
        return 0


cdef enum TextKind:
    NO_TEXT = 0  # no text node, or only empty ones
    ASCII_SPACE = 1  # only white space, all of it ASCII (str.isspace() is True)
    OTHER_TEXT = 2


cdef TextKind _text_kind(tree.xmlNode* c_node) noexcept:
    """What the run of text nodes starting at ``c_node`` holds (lxml's ``.text``/``.tail``)."""
    cdef TextKind kind = NO_TEXT
    cdef const unsigned char* p
    while c_node is not NULL:
        if c_node.type == tree.XML_TEXT_NODE or c_node.type == tree.XML_CDATA_SECTION_NODE:
            p = <const unsigned char*>c_node.content
            if p is not NULL:
                while p[0] != 0:
                    if p[0] == 0x20 or 0x09 <= p[0] <= 0x0D or 0x1C <= p[0] <= 0x1F:
                        kind = ASCII_SPACE
                    else:
                        return OTHER_TEXT
                    p += 1
        elif c_node.type != tree.XML_XINCLUDE_START and c_node.type != tree.XML_XINCLUDE_END:
            break
        c_node = c_node.next
    return kind


cdef inline tree.xmlNode* _first_element(tree.xmlNode* c_node) noexcept:
    while c_node is not NULL and c_node.type != tree.XML_ELEMENT_NODE:
        c_node = c_node.next
    return c_node


cdef int _add_text(walk, list parts, text) except -1:
    """Inline text goes to the innermost open block (segment.py's loop, the same test)."""
    if text and (parts or walk.pre_open or not text.isspace()):
        parts.append(text)
        if walk.links_open:
            walk.link_chars += len(text.strip())
    return 0


cdef int _segment_event(
    _Element body, tree.xmlNode* c_node, bint start, _SegmentTags tags, walk, list parts,
    list owners, flush
) except -1:
    """One start or end event of segmentation's walk."""
    cdef SegmentSlot* slot = tags.of(c_node)
    cdef PyObject* handler = slot.start if start else slot.end
    cdef tree.xmlNode* c_text = c_node.children if start else c_node.next
    cdef TextKind kind
    element = None
    if slot.block or <object>handler is not None:
        element = cetree.elementFactory(body._doc, c_node)
        if slot.block:
            if parts:
                flush(walk)
            if start:
                owners.append(element)
            else:
                owners.pop()
        if <object>handler is not None:
            (<object>handler)(walk, element)
    kind = _text_kind(c_text)
    if kind == NO_TEXT or (kind == ASCII_SPACE and not parts and not walk.pre_open):
        return 0
    _add_text(walk, parts, cetree.textOf(c_node) if start else cetree.tailOf(c_node))
    return 0


def segment(_Element body not None, walk, block_tags, starts, ends, flush):
    """Segmentation's walk over ``body`` (see ``cleannews.html.segment.segment``): the same
    start and end events, in the same order, for elements only, each opening or closing a
    block (``block_tags``: ``flush(walk)`` and the owner stack ``walk.owners``), calling its
    handler from ``starts``/``ends`` and adding its text or tail to ``walk.text``. The final
    flush is the caller's."""
    cdef _SegmentTags tags = _SegmentTags(block_tags, starts, ends)
    cdef list parts = walk.text
    cdef list owners = walk.owners
    cdef tree.xmlNode* c_top = body._c_node
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlNode* c_next
    _segment_event(body, c_node, True, tags, walk, parts, owners, flush)
    while True:
        c_next = _first_element(c_node.children)
        if c_next is not NULL:  # down
            c_node = c_next
            _segment_event(body, c_node, True, tags, walk, parts, owners, flush)
            continue
        while True:  # no element inside: end it, then on to its next sibling or up
            _segment_event(body, c_node, False, tags, walk, parts, owners, flush)
            if c_node is c_top:
                return None
            c_next = _first_element(c_node.next)
            if c_next is not NULL:
                c_node = c_next
                _segment_event(body, c_node, True, tags, walk, parts, owners, flush)
                break
            c_node = c_node.parent


# --- attribute walks: what an attribute XPath over the page selects, without XPath ---------------

cdef inline bint _tag_is(tree.xmlNode* c_node, const char* name) noexcept:
    """True for an element called ``name`` without a namespace (as ``iter(name)`` matches)."""
    return cetree._getNs(c_node) is NULL and strcmp(<const char*>c_node.name, name) == 0


cdef int _add_targets(tree.xmlNode* c_node, list found) except -1:
    """The control-target attribute values of one element, in attribute order."""
    cdef tree.xmlAttr* c_attr = c_node.properties
    cdef const char* value
    cdef bint link = c_attr is not NULL and _tag_is(c_node, "a")
    while c_attr is not NULL:
        if (
            _is_named(c_attr, "aria-controls") or _is_named(c_attr, "data-target")
            or _is_named(c_attr, "data-bs-target")
        ):
            found.append(cetree.attributeValue(c_node, c_attr))
        elif link and _is_named(c_attr, "href"):
            value = _plain_value(c_attr)
            if value is NULL:  # not one plain text node: test the string itself
                text = cetree.attributeValue(c_node, c_attr)
                if text.startswith("#"):
                    found.append(text)
            elif value[0] == 35:  # "#"
                found.append(cetree.attributeValue(c_node, c_attr))
        c_attr = c_attr.next
    return 0


def control_targets(_Element root not None):
    """The values the XPath ``//@aria-controls | //@data-target | //@data-bs-target |
    //a/@href[starts-with(., '#')]`` selects in ``root``'s document, in document order."""
    cdef tree.xmlNode* c_top = root._c_node.doc.children
    cdef tree.xmlNode* c_node
    found = []
    while c_top is not NULL:
        if c_top.type == tree.XML_ELEMENT_NODE:
            c_node = c_top
            while c_node is not NULL:
                if c_node.properties is not NULL:
                    _add_targets(c_node, found)
                c_node = _next_element(c_node, c_top)
        c_top = c_top.next
    return found


def attribute_owners(_Element root not None, bytes name not None):
    """The elements the XPath ``descendant-or-self::*/@NAME`` selects the attributes of
    (``name`` in UTF-8, no namespace), in document order: an owner once per such attribute."""
    cdef const char* c_name = name
    cdef tree.xmlNode* c_top = root._c_node
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlAttr* c_attr
    found = []
    while c_node is not NULL:
        c_attr = c_node.properties
        while c_attr is not NULL:
            if _is_named(c_attr, c_name):
                found.append(cetree.elementFactory(root._doc, c_node))
            c_attr = c_attr.next
        c_node = _next_element(c_node, c_top)
    return found


cdef bint _inside_body(tree.xmlNode* c_node) noexcept:
    c_node = c_node.parent
    while c_node is not NULL and c_node.type == tree.XML_ELEMENT_NODE:
        if _tag_is(c_node, "body"):
            return True
        c_node = c_node.parent
    return False


cdef tree.xmlAttr* _first_attribute(tree.xmlNode* c_node, const char* name) noexcept:
    """The first attribute ``name`` without a namespace (what ``element.get`` reads), or NULL."""
    cdef tree.xmlAttr* c_attr = c_node.properties
    while c_attr is not NULL:
        if _is_named(c_attr, name):
            return c_attr
        c_attr = c_attr.next
    return NULL


def anchor_links(_Element root not None):
    """The ``a`` elements of ``root``'s tree (from its root element) inside a ``body`` whose
    ``href`` is ``#`` and at least one more character, in document order (see
    ``cleannews.html.toc_box._anchor_links``)."""
    cdef tree.xmlNode* c_top = _first_element(root._c_node.doc.children)  # the root element
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlAttr* c_href
    cdef const char* value
    found = []
    while c_node is not NULL:
        if _tag_is(c_node, "a"):
            c_href = _first_attribute(c_node, "href")
            if c_href is not NULL:
                value = _plain_value(c_href)
                if value is NULL:
                    href = cetree.attributeValue(c_node, c_href)
                    keep = len(href) > 1 and href[0] == "#"
                else:
                    keep = value[0] == 35 and value[1] != 0
                if keep and _inside_body(c_node):
                    found.append(cetree.elementFactory(root._doc, c_node))
        c_node = _next_element(c_node, c_top)
    return found


def head_elements(_Element root not None):
    """What the head metadata reads by tag, in one walk over ``root`` and its descendants
    (see ``cleannews.metadata.head._scan``): the ``href`` of the first ``base`` and the text of
    the first ``title`` (``root`` itself is neither), then the ``meta`` and ``script``
    elements and the ``a``/``link`` elements with both ``rel`` and ``href``, in document
    order."""
    cdef tree.xmlNode* c_top = root._c_node
    cdef tree.xmlNode* c_node = c_top
    cdef tree.xmlAttr* c_href
    cdef const char* name
    base = title = None
    cdef bint title_seen = False
    metas, scripts, links = [], [], []
    while c_node is not NULL:
        name = <const char*>c_node.name
        if cetree._getNs(c_node) is not NULL:
            pass
        elif strcmp(name, "a") == 0 or strcmp(name, "link") == 0:
            if _first_attribute(c_node, "rel") is not NULL and _first_attribute(c_node, "href") is not NULL:
                links.append(cetree.elementFactory(root._doc, c_node))
        elif strcmp(name, "meta") == 0:
            metas.append(cetree.elementFactory(root._doc, c_node))
        elif strcmp(name, "script") == 0:
            scripts.append(cetree.elementFactory(root._doc, c_node))
        elif c_node is c_top:
            pass
        elif strcmp(name, "title") == 0:
            if not title_seen:
                title_seen = True
                title = cetree.textOf(c_node)
                if title is None:
                    title = ""
        elif strcmp(name, "base") == 0:
            if base is None:  # a first base without href leaves room for a later one
                c_href = _first_attribute(c_node, "href")
                if c_href is not NULL:
                    base = cetree.attributeValue(c_node, c_href)
        c_node = _next_element(c_node, c_top)
    return base, title, metas, scripts, links
