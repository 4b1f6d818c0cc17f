"""Texts of the accessibility aids (skip link, sortable column headers)."""

EN = {
    "a11y.skip_to_content": "Skip to main content",
    "a11y.details": "Details",
}

KO = {
    "a11y.skip_to_content": "본문으로 건너뛰기",
    "a11y.details": "세부 정보",
}
