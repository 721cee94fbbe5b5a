"""Write a large AWS EC2 offer file for timing `stackwright prices refresh`.

The file is the test fixture's us-east-1 EC2 offer (tests/fixtures/offers) with PRODUCTS more
instance products of types stackwright does not plan, each with an on-demand price: the shape of
a regional EC2 file, where a few dozen of hundreds of thousands of products matter.

    python benchmarks/refresh_offer_file.py /tmp/bench-offers 150000
    farm-bench -n 3 --timeout 300 -- stackwright prices refresh --from /tmp/bench-offers \\
        -r us-east-1 -o /tmp/bench.yaml
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

FIXTURE = Path(__file__).parent.parent / "tests/fixtures/offers/AmazonEC2/current/us-east-1"


def main(out: Path, count: int) -> None:
    offer = json.loads((FIXTURE / "index.json").read_text())
    template = next(iter(offer["products"].values()))["attributes"]
    on_demand = offer["terms"]["OnDemand"]
    rng = random.Random(1)
    for i in range(count):
        sku = f"D{i:015d}"
        kind = f"x{i % 900}.large"
        attributes = {**template, "instanceType": kind, "usagetype": f"BoxUsage:{kind}"}
        attributes["operatingSystem"] = rng.choice(["Linux", "Windows", "RHEL", "SUSE"])
        offer["products"][sku] = {
            "sku": sku,
            "productFamily": "Compute Instance",
            "attributes": attributes,
        }
        on_demand[sku] = {
            f"{sku}.JRTCKXETXF": {
                "offerTermCode": "JRTCKXETXF",
                "sku": sku,
                "effectiveDate": "2025-12-01T00:00:00Z",
                "priceDimensions": {
                    f"{sku}.JRTCKXETXF.6YS6EN2CT7": {
                        "rateCode": f"{sku}.JRTCKXETXF.6YS6EN2CT7",
                        "description": f"$0.123 per On Demand {kind} Instance Hour",
                        "beginRange": "0",
                        "endRange": "Inf",
                        "unit": "Hrs",
                        "pricePerUnit": {"USD": "0.1230000000"},
                        "appliesTo": [],
                    }
                },
                "termAttributes": {},
            }
        }
    where = out / "AmazonEC2" / "current" / "us-east-1"
    where.mkdir(parents=True, exist_ok=True)
    (where / "index.json").write_text(json.dumps(offer, indent=2))


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]))
