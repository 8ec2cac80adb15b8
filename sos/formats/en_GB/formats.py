"""The app's one date style (issue 18 item 14), over Django's en_GB: "1 December 2026" in prose
(`{{ day }}`, `|date`), "1 Dec 2026" in tables (`|date:"SHORT_DATE_FORMAT"`), "November 2026"
for a month. Field input formats stay Django's en_GB (31/01/2026 and ISO)."""

DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
YEAR_MONTH_FORMAT = "F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
