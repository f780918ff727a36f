"""Parses Prometheus text exposition with prometheus_client's own parser and prints it as JSON.

    python3 parse_metrics.py FILE

Output: {"families": {name: {"type": ..., "help": ..., "samples": [{"name", "labels", "value"}]}}}.
A parse error exits 65 with the parser's message, so the Swift test fails on any format mistake.
"""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families


def main(path):
    with open(path, encoding="utf-8") as stream:
        text = stream.read()
    try:
        families = {}
        for family in text_string_to_metric_families(text):
            families[family.name] = {
                "type": family.type,
                "help": family.documentation,
                "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in family.samples],
            }
    except Exception as error:  # the parser raises ValueError and friends
        print(f"error: {path}: {error}", file=sys.stderr)
        return 65
    print(json.dumps({"families": families}, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
