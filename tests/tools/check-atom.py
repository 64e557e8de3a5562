#!/usr/bin/env python3
"""check-atom.py FEED.xml: checks what RFC 4287 requires of an Atom feed
that lbgen writes, and prints "N entries" (exit 0) or the problems (exit 1).

- the root is {http://www.w3.org/2005/Atom}feed, with an xml:lang;
- the feed has exactly one id, title and updated, and an author;
- each entry has exactly one id, title and updated, and a link
  rel="alternate" (Atom wants one when there is no content);
- ids are absolute IRIs (here tag: URIs, RFC 4151) and unique;
- dates are RFC 3339 date-times in UTC ("2026-01-02T08:00:00Z");
- entries are newest first, and the feed's updated is the newest;
- links are http(s) URLs or relative references, never javascript: or
  data:; a rel="self" link is absolute.
"""
import re
import sys
import xml.etree.ElementTree as ET

ATOM = '{http://www.w3.org/2005/Atom}'
XML_LANG = '{http://www.w3.org/XML/1998/namespace}lang'
TAG_URI = re.compile(r'^tag:[A-Za-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?:[^\s]+$')
DATE = re.compile(r'^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$')
problems = []


def one(parent, name, where):
    found = parent.findall(ATOM + name)
    if len(found) != 1:
        problems.append(f'{where}: {len(found)} <{name}> elements, not 1')
        return None
    text = (found[0].text or '').strip()
    if not text and name != 'author':
        problems.append(f'{where}: empty <{name}>')
    return found[0]


def check_link(link, where):
    href = link.get('href', '')
    if re.match(r'^[A-Za-z][A-Za-z0-9+.-]*:', href) and not re.match(r'^https?://', href):
        problems.append(f'{where}: link to {href!r}')
    if link.get('rel') == 'self' and not href.startswith(('http://', 'https://')):
        problems.append(f'{where}: rel="self" is not absolute: {href!r}')


def main(path):
    root = ET.parse(path).getroot()
    if root.tag != ATOM + 'feed':
        problems.append(f'root element is {root.tag}, not the Atom feed')
        return 0
    if not root.get(XML_LANG):
        problems.append('the feed has no xml:lang')
    ids = set()
    fid = one(root, 'id', 'feed')
    one(root, 'title', 'feed')
    fup = one(root, 'updated', 'feed')
    author = root.find(ATOM + 'author')
    if author is None or not (author.findtext(ATOM + 'name') or '').strip():
        problems.append('feed: no author name')
    for link in root.findall(ATOM + 'link'):
        check_link(link, 'feed')
    for el in (fid,):
        if el is not None:
            ids.add(el.text)
            if not TAG_URI.match(el.text):
                problems.append(f'feed: id {el.text!r} is not a tag URI')
    dates = []
    entries = root.findall(ATOM + 'entry')
    for i, entry in enumerate(entries):
        where = f'entry {i + 1}'
        eid = one(entry, 'id', where)
        one(entry, 'title', where)
        up = one(entry, 'updated', where)
        if eid is not None:
            if not TAG_URI.match(eid.text):
                problems.append(f'{where}: id {eid.text!r} is not a tag URI')
            if eid.text in ids:
                problems.append(f'{where}: id {eid.text!r} is not unique')
            ids.add(eid.text)
        if up is not None:
            if not DATE.match(up.text):
                problems.append(f'{where}: updated {up.text!r} is not a UTC date-time')
            dates.append(up.text)
        links = entry.findall(ATOM + 'link')
        if not any(l.get('rel', 'alternate') == 'alternate' for l in links) \
                and entry.find(ATOM + 'content') is None:
            problems.append(f'{where}: neither an alternate link nor content')
        for link in links:
            check_link(link, where)
    if dates != sorted(dates, reverse=True):
        problems.append('entries are not newest first')
    if fup is not None:
        if not DATE.match(fup.text):
            problems.append(f'feed: updated {fup.text!r} is not a UTC date-time')
        elif dates and fup.text != max(dates):
            problems.append(f'feed: updated {fup.text} is not the newest entry\'s {max(dates)}')
    return len(entries)


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit('usage: check-atom.py FEED.xml')
    try:
        n = main(sys.argv[1])
    except ET.ParseError as e:
        sys.exit(f'{sys.argv[1]}: not XML: {e}')
    if problems:
        print('\n'.join(problems))
        sys.exit(1)
    print(f'{n} entries')
