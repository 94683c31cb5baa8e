"""Developer check for hand-written sample chapters (used while writing the 2020 sample).

Usage: python scripts/check_sample.py chapters/v2-mobilite.yaml [...]
Checks: schema validity, byte-identical ruamel round trip, no run of 12 words copied
from the seed, and counts the zoom blocks by territory.
"""

import io
import json
import re
import sys
from collections import Counter
from pathlib import Path

from jsonschema import Draft202012Validator
from jsonschema.validators import extend
from referencing import Registry, Resource
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seed" / "rapport-activite-2020-amp.txt"
if not SEED.exists():
    SEED = ROOT.parents[1] / "shared" / "seed" / "rapport-activite-2020-amp.txt"
WORD = re.compile(r"[^\W_]+", re.UNICODE)


def yaml_rt() -> YAML:
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text.replace("’", "'"))]


def seed_ngrams(n: int = 12) -> set[tuple[str, ...]]:
    w = words(SEED.read_text(encoding="utf-8"))
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def strings(node, key=None):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from strings(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v, key)
    elif isinstance(node, str) and key not in ("titre", "numero"):
        yield node


def main() -> int:
    import datetime

    schemas = {p.name: json.loads(p.read_text()) for p in (ROOT / "schema").glob("*.json")}
    registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in schemas.values()
    )
    checker = Draft202012Validator.TYPE_CHECKER.redefine(
        "string",
        lambda c, i: isinstance(i, (str, datetime.date)),
    )
    V = extend(Draft202012Validator, type_checker=checker)
    grams = seed_ngrams()
    zooms: Counter[str] = Counter()
    bad = 0
    for name in sys.argv[1:]:
        path = Path(name)
        src = path.read_text(encoding="utf-8")
        y = yaml_rt()
        data = y.load(src)
        out = io.StringIO()
        y.dump(data, out)
        if out.getvalue() != src:
            bad += 1
            print(f"{path}: round trip changes the file (use >- blocks, 2-space indents)")
        key_figures = data.get("id") == "chiffres-cles"
        schema = schemas["chiffres-cles.schema.json" if key_figures else "chapitre.schema.json"]
        for err in V(schema, registry=registry).iter_errors(data):
            bad += 1
            print(f"{path}: {'/'.join(map(str, err.absolute_path))}: {err.message[:200]}")
        for s in strings(data):
            w = words(s)
            for i in range(len(w) - 11):
                if tuple(w[i : i + 12]) in grams:
                    bad += 1
                    print(f"{path}: copied from the seed: {' '.join(w[i : i + 12])}")
                    break

        def walk(n):
            if isinstance(n, dict):
                if n.get("type") == "zoom":
                    zooms[n.get("territoire")] += 1
                for v in n.values():
                    walk(v)
            elif isinstance(n, list):
                for v in n:
                    walk(v)

        walk(data)
    print("zooms:", dict(zooms), "total", sum(zooms.values()))
    print("problems:", bad)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
