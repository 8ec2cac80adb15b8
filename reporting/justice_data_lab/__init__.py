"""The Justice Data Lab export: identifiers of the young people of a cohort, in the shape a
Justice Data Lab request needs (DOMAIN.md, "Justice Data Lab"), one row per young person.

Split the app's usual way: `forms` (the cohort asked for), `selectors` (who is in it, who is
sent and why the rest are not), `services` (the audit of a download) and `writers` (the CSV
and XLSX files)."""
