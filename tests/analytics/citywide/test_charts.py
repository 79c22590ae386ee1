"""The chart geometry builders: pure Python, no database."""

import pytest

from analytics.citywide import charts


def test_bands_count_rates_per_ten_points_with_one_in_the_last():
    assert charts.bands([0.0, 0.05, 0.1, 0.55, 0.999, 1.0]) == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]


def test_bands_clamp_rates_outside_zero_to_one():
    assert charts.bands([-0.1, 1.2]) == [1, 0, 0, 0, 0, 0, 0, 0, 0, 1]


def test_hbar_lengths_are_proportional_and_labelled():
    chart = charts.hbar_chart(
        key="c",
        categories=["A", "B"],
        series=[charts.Series("Rate")],
        values=[[1.0], [0.25]],
        labels=[["100%"], ["25%"]],
        maximum=1.0,
    )
    full, quarter = (row["bars"][0] for row in chart.rows)
    assert quarter["width"] == round(full["width"] / 4, 1)
    assert full["x"] == quarter["x"] == chart.axis["zero_x"]
    assert [full["label"], quarter["label"]] == ["100%", "25%"]
    assert quarter["label_x"] > quarter["x"] + quarter["width"]
    assert chart.legend == []  # one series: the title says what it is


def test_hbar_negative_values_extend_left_of_zero():
    chart = charts.hbar_chart(
        key="c",
        categories=["Up", "Down"],
        series=[charts.Series("Gain")],
        values=[[10.0], [-5.0]],
        labels=[["10"], ["-5"]],
    )
    up, down = (row["bars"][0] for row in chart.rows)
    zero = chart.axis["zero_x"]
    assert up["x"] == zero
    assert down["x"] + down["width"] == pytest.approx(zero, abs=0.2)
    assert down["width"] == pytest.approx(up["width"] / 2, abs=0.2)


def test_hbar_series_have_distinct_fills_and_a_legend():
    chart = charts.hbar_chart(
        key="k",
        categories=["A"],
        series=[charts.Series("One", "solid"), charts.Series("Two", "hatch")],
        values=[[0.5, None]],
        labels=[["50%", "\u2013"]],
        maximum=1.0,
        notes=["3 overdue"],
        highlight=0,
    )
    assert [item["label"] for item in chart.legend] == ["One", "Two"]
    assert chart.legend[1]["fill"] == "url(#k-hatch)"
    one, two = chart.rows[0]["bars"]
    assert one["fill"] != two["fill"]
    assert two["has_value"] is False
    assert chart.rows[0]["note"] == "3 overdue"
    assert chart.rows[0]["is_highlight"] is True


def test_long_category_names_are_shortened_for_the_chart_only():
    name = "A requirement with a very long name indeed, longer than the chart allows"
    chart = charts.hbar_chart(
        key="c", categories=[name], series=[charts.Series("R")], values=[[1.0]], labels=[["1"]]
    )
    assert chart.rows[0]["category"].endswith("…")
    assert chart.rows[0]["full"] == name


def test_columns_scale_to_the_maximum_and_sit_on_the_baseline():
    chart = charts.column_chart(
        key="c",
        categories=[("Jul", "2026"), ("Aug", "")],
        series=[charts.Series("Citywide"), charts.Series("GSD", "hatch")],
        values=[[0.5, 1.0], [None, 0.25]],
        labels=[["50%", "100%"], ["\u2013", "25%"]],
        maximum=1.0,
    )
    baseline = chart.axis["baseline"]
    half, full = chart.rows[0]["bars"]
    assert full["height"] == 2 * half["height"]
    assert round(half["y"] + half["height"], 1) == baseline
    assert chart.rows[1]["bars"][0]["has_value"] is False
    assert chart.rows[0]["second"] == "2026"


def test_stacked_segments_fill_the_bar_in_order():
    chart = charts.stacked_chart(
        key="c",
        categories=["A"],
        series=[
            charts.Series("On time"),
            charts.Series("Late", "hatch"),
            charts.Series("No", "dots"),
        ],
        shares=[[0.5, 0.25, 0.25]],
        captions=["On time 50% · late 25% · not completed 25%"],
    )
    first, second, third = chart.rows[0]["segments"]
    assert first["x"] == chart.axis["plot_left"]
    assert second["x"] == pytest.approx(first["x"] + first["width"], abs=0.2)
    assert third["x"] + third["width"] == pytest.approx(chart.axis["plot_right"], abs=0.2)
    assert chart.rows[0]["caption"].startswith("On time 50%")
