"""Walking a keyset-paged list (sos.keyset) the way a person does: Next until there is none."""


def every_page(client, url: str, params: dict, *, kept: list[str]):
    """Every row of the list at `url` filtered by `params`, page by page through its Next key,
    checking that each page with a Next link still carries the filters (`kept`: text its HTML
    must contain). Returns the rows, the last page and the params that fetched it, for a test
    of the Previous link."""
    rows = []
    while True:
        response = client.get(url, params)
        page = response.context["page"]
        rows += list(page)
        if not page.next_key:
            return rows, page, params
        html = response.content.decode()
        assert all(text in html for text in kept), kept
        params = {**params, "after": page.next_key}
