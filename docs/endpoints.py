#!/usr/bin/env python3
"""Rewrites the endpoint tables of docs/api.md from the OpenAPI document, the single source.

Usage: python3 docs/endpoints.py   (from the repository root; needs PyYAML)
"""
import pathlib
import re

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
SPEC = ROOT / "adapters/http/src/main/resources/openapi.yaml"
DOC = ROOT / "docs/api.md"
BEGIN, END = "<!-- endpoints:begin -->", "<!-- endpoints:end -->"


def one_line(text):
    return re.sub(r"\s+", " ", (text or "").strip()).replace("|", "\\|")


def main():
    spec = yaml.safe_load(SPEC.read_text())
    by_tag = {}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            tag = (op.get("tags") or ["other"])[0]
            auth = "none" if op.get("security") == [] else "bearer"
            codes = ", ".join(sorted(str(c) for c in op.get("responses", {})))
            by_tag.setdefault(tag, []).append(
                f"| `{method.upper()} {path}` | {auth} | {one_line(op.get('summary'))} | {codes} |")
    order = [t["name"] for t in spec.get("tags", [])]
    lines = [BEGIN, ""]
    for tag in sorted(by_tag, key=lambda t: (order.index(t) if t in order else len(order), t)):
        lines += [f"### {tag}", "", "| endpoint | auth | what it does | answers |", "|---|---|---|---|"]
        lines += by_tag[tag] + [""]
    lines.append(END)
    doc = DOC.read_text()
    start, end = doc.index(BEGIN), doc.index(END) + len(END)
    DOC.write_text(doc[:start] + "\n".join(lines) + doc[end:])


if __name__ == "__main__":
    main()
