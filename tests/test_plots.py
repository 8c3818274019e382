"""The expiry timeline is readable with one store and with twenty: today lies inside the axes,
the legend does not cover the bars, and store names are drawn as plain text."""

from datetime import UTC, datetime, timedelta

import matplotlib

matplotlib.use("Agg")

import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from asc_widgets.core.lifecycle import AUTHORIZATION_LIFETIME, StoreStatus  # noqa: E402
from asc_widgets.core.plots import expiry_timeline  # noqa: E402
from asc_widgets.core.stores import Store  # noqa: E402

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)


def store(number: int, name: str | None = None, authorized_days_ago: int = 10) -> Store:
    authorized = NOW - timedelta(days=authorized_days_ago)
    return Store(id=number, name=name or f"Amazon Store {number}", website="base",
                 email="ops@example.com", marketplace="US", id_type="UPC", attribute="upc",
                 status=StoreStatus.ACTIVE, created_at=authorized, updated_at=authorized,
                 seller_id=f"A{number:04d}", authorized_at=authorized,
                 expires_at=authorized + AUTHORIZATION_LIFETIME)


def drawn(stores):
    ax = expiry_timeline(stores, NOW)
    ax.figure.canvas.draw()  # mathtext and layout errors only show when drawing
    yield ax
    plt.close(ax.figure)


@pytest.fixture(params=[1, 20], ids=["one store", "twenty stores"])
def timeline(request):
    stores = [store(n, authorized_days_ago=3 + 17 * n) for n in range(request.param)]
    yield from drawn(stores)


def test_today_lies_inside_the_axes(timeline):
    left, right = timeline.get_xlim()
    today = mdates.date2num(NOW)
    span = right - left
    assert left + 0.01 * span < today < right - 0.01 * span


def test_every_store_has_its_row_and_name(timeline):
    names = [label.get_text() for label in timeline.get_yticklabels()]
    assert len(names) == len(timeline.patches) and all(n.startswith("Amazon Store") for n in names)
    assert names[0] == "Amazon Store 0"  # first store on top
    assert timeline.get_ylim()[0] > timeline.get_ylim()[1]


def test_the_legend_does_not_cover_the_bars(timeline):
    renderer = timeline.figure.canvas.get_renderer()
    legend = timeline.get_legend().get_window_extent(renderer)
    axes = timeline.get_window_extent(renderer)
    assert legend.x0 >= axes.x1  # beside the chart, not over it
    texts = [t.get_text() for t in timeline.get_legend().get_texts()]
    assert texts[:2] == ["today", "renewal warnings start"] and "Active" in texts


def test_a_bar_does_not_fill_the_chart_alone():
    (ax,) = drawn([store(1)])
    left, right = ax.get_xlim()
    bar = ax.patches[0]
    assert bar.get_x() > left and bar.get_x() + bar.get_width() < right


def test_store_names_are_plain_text_even_with_dollar_signs():
    name = r"Store $\foo{$ 2"
    (ax,) = drawn([store(1, name=name)])  # drawing raised ValueError from mathtext before
    label = ax.get_yticklabels()[0]
    assert label.get_text().replace("\\$", "$") == name


def test_no_connected_store_says_so():
    unconnected = Store(id=1, name="x", website="base", email="a@b.co", marketplace="US",
                        id_type="UPC", attribute="upc", status=StoreStatus.NOT_CONNECTED,
                        created_at=NOW, updated_at=NOW)
    (ax,) = drawn([unconnected])
    assert [t.get_text() for t in ax.texts] == ["No store is connected yet."]


def test_the_recommendation_chart_names_the_attribute_of_each_bar():
    import pandas as pd

    recommendations = pd.DataFrame({
        "id_type": ["UPC", "GCID"], "attribute": pd.array(["upc", pd.NA], dtype="string"),
        "coverage": [0.9, 0.0], "valid_coverage": [0.75, 0.0]})
    from asc_widgets.core.plots import recommendation_chart

    ax = recommendation_chart(recommendations)
    ax.figure.canvas.draw()
    assert [label.get_text() for label in ax.get_yticklabels()] == ["UPC: upc", "GCID: none"]
    assert ax.xaxis.get_major_formatter()(0.5, 0) == "50%"
    plt.close(ax.figure)
