"""Buyer PII as the raw extracts hold it: the values no mart and no report page may show.

Shared by the privacy tests over the marts (test_privacy.py) and over the built report site
(test_report_privacy.py), so both check the same definition of buyer PII.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path


def jsonl_records(path: Path) -> Iterable[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                yield record


def raw_buyer_pii(raw: Path) -> dict[str, str]:
    """Every buyer e-mail, name, phone and handle in the raw extracts, lower-cased -> its kind."""
    found: dict[str, str] = {}

    def add(value: object, kind: str) -> None:
        if isinstance(value, str) and len(value.strip()) >= 4:
            found.setdefault(value.strip().lower(), kind)

    for customer in jsonl_records(raw / "shopify/customers.jsonl"):
        add(customer.get("email"), "customer email")
        add(customer.get("phone"), "customer phone")
        first, last = customer.get("first_name"), customer.get("last_name")
        if isinstance(first, str) and isinstance(last, str):
            add(f"{first.strip()} {last.strip()}", "customer name")
    for order in jsonl_records(raw / "shopify/orders.jsonl"):
        add(order.get("email"), "order email")
    for review in jsonl_records(raw / "reviews/reviews.jsonl"):
        reviewer = review.get("reviewer")
        if isinstance(reviewer, dict):
            add(reviewer.get("name"), "reviewer name")
            add(reviewer.get("email"), "reviewer email")
    for response in jsonl_records(raw / "surveys/responses.jsonl"):
        respondent = response.get("respondent")
        if isinstance(respondent, dict):
            add(respondent.get("email"), "respondent email")
    for listing in jsonl_records(raw / "resale/listings.jsonl"):
        add(listing.get("seller_handle"), "resale seller handle")
    public = {
        str(account.get("username", "")).lower()
        for path in (raw / "tiktok/user_info.jsonl", raw / "instagram/accounts.jsonl")
        for account in jsonl_records(path)
    }
    return {value: kind for value, kind in found.items() if value not in public}
