"""Read the shipped skops file without importing skops.

The model is written with ``skops.io.dump`` and holds only dicts, lists,
JSON values and numpy arrays. Importing ``skops.io`` pulls in all of
scikit-learn (and pytest) to build its trusted-type list — over a second of
start-up. This reader understands exactly that subset of the skops format
and refuses every other node, so it trusts less than skops would; a test
checks that it returns what ``skops.io.load`` returns.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from rolefit.errors import RolefitError


def _node(n: dict[str, Any], z: zipfile.ZipFile) -> Any:
    loader = n.get("__loader__")
    if loader == "DictNode":
        keys_types = [t.get("__class__") for t in n.get("key_types", {}).get("content", [])]
        out = {}
        for i, (k, v) in enumerate(n["content"].items()):
            kt = keys_types[i] if i < len(keys_types) else "str"
            out[int(k) if kt == "int" else k] = _node(v, z)
        return out
    if loader == "ListNode":
        return [_node(v, z) for v in n["content"]]
    if loader == "TupleNode":
        return tuple(_node(v, z) for v in n["content"])
    if loader == "JsonNode":
        return json.loads(n["content"])
    if loader == "NdArrayNode" and n.get("type") == "numpy":
        with z.open(n["file"]) as f:
            return np.load(io.BytesIO(f.read()), allow_pickle=False)
    raise RolefitError(
        f"model file holds a {n.get('__module__')}.{n.get('__class__')} ({loader}); refusing to load it", "bad_model"
    )


def read_arrays(path: Path | str) -> dict[str, Any]:
    """The dict saved by ``skops.io.dump(model.to_arrays(), path)``."""
    try:
        with zipfile.ZipFile(path) as z:
            schema = json.loads(z.read("schema.json"))
            return _node(schema, z)
    except (zipfile.BadZipFile, KeyError, ValueError) as e:
        raise RolefitError(f"{path}: not a readable model file ({e})", "bad_model") from None
