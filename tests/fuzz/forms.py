"""The forms a page renders, read from its HTML, so hostile values can be posted to every one
without a hand-kept list of fields."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    """One <form>: where it goes, how, and the names (with any offered values) of its fields."""

    action: str
    method: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    has_file: bool = False


class _FormParser(HTMLParser):
    def __init__(self, page_url: str):
        super().__init__()
        self.page_url = page_url
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = attrs.get("action") or self.page_url
            self._form = Form(action=action, method=(attrs.get("method") or "get").lower())
            self.forms.append(self._form)
            return
        if self._form is None or not attrs.get("name"):
            return
        name = attrs["name"]
        if tag in ("input", "textarea"):
            if attrs.get("type") == "file":
                self._form.has_file = True
            values = self._form.fields.setdefault(name, [])
            if attrs.get("value") is not None:
                values.append(attrs["value"])
        elif tag == "select":
            self._select = name
            self._form.fields.setdefault(name, [])
        elif tag == "option" and self._select and attrs.get("value") is not None:
            self._form.fields[self._select].append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_on(html: str, page_url: str) -> list[Form]:
    """Every form in `html`; a form without an action posts back to `page_url`."""
    parser = _FormParser(page_url)
    parser.feed(html)
    return parser.forms
