"""Chart axes that read right: shares as whole percentages, counts in whole numbers."""

from __future__ import annotations

from PySide6.QtCharts import QBarCategoryAxis, QValueAxis

from flashcards.ui import charts


def _value_axis(chart) -> QValueAxis:
    return next(a for a in chart.axes() if isinstance(a, QValueAxis))


def test_shares_are_drawn_as_percentages_with_a_tick_every_twenty(qapp) -> None:
    chart = charts.bars("True retention by week", ["1 Nov", "8 Nov"], [("Retention", "review", [0.9, 0.75])],
                        percent=True)
    axis = _value_axis(chart)
    assert (axis.min(), axis.max(), axis.tickCount(), axis.labelFormat()) == (0, 100, 6, "%.0f%%")
    bars = chart.series()[0].barSets()[0]
    assert [bars.at(i) for i in range(bars.count())] == [90.0, 75.0]   # no tick at 25 % shown as "0.3"


def test_small_counts_get_a_tick_at_every_whole_number(qapp) -> None:
    small = charts.bars("Due", ["+0", "+1", "+2"], [("Due", "one", [0, 2, 3])])
    axis = _value_axis(small)
    assert (axis.min(), axis.max(), axis.tickCount(), axis.labelFormat()) == (0, 3, 4, "%.0f")
    empty = charts.bars("Due", ["+0"], [("Due", "one", [0])])
    assert (_value_axis(empty).max(), _value_axis(empty).tickCount()) == (1, 2)
    large = charts.bars("Answers", ["a", "b"], [("n", "one", [40, 113])])
    assert _value_axis(large).max() >= 113 and _value_axis(large).labelFormat() == "%.0f"


def test_category_labels_are_kept_whole(qapp) -> None:
    chart = charts.bars("Intervals", ["180", "365"], [("Cards", "one", [3, 5])])
    axis = next(a for a in chart.axes() if isinstance(a, QBarCategoryAxis))
    assert axis.categories() == ["180", "365"] and axis.labelsVisible() and not axis.truncateLabels()
