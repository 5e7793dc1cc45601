"""``rolefit add``: pages, folders, text files and scraper exports into the store."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from rolefit.errors import RolefitError
from rolefit.store.db import AddResult, Store


def add_inputs(store: Store, inputs: list[str], on_error: Callable[[str, RolefitError], None]) -> Iterator[AddResult]:
    """Parse and save every input; refusals and bad files go to ``on_error`` and the rest go on."""
    from rolefit.ingest import read_page
    from rolefit.parse import parse_page
    from rolefit.score.inputs import iter_items, posting_from_record

    for item in iter_items(inputs):
        try:
            if item.error is not None:
                raise item.error
            if item.record is not None:
                posting = posting_from_record(item.record, item.key)
                yield store.add_posting(
                    posting, json.dumps(item.record, ensure_ascii=False, default=str).encode(), "record"
                )
            else:
                page = read_page(item.path)
                yield store.add_page(parse_page(page), page)
        except RolefitError as e:
            on_error(item.key, e)
