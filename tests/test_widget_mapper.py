"""The attribute mapper's comparison: every candidate attribute profiled for the chosen ID
type, with bars and the recommendation, and one click to use it."""

from asc_widgets.core import DemoCatalog
from asc_widgets.widgets.attribute_mapper import AttributeMapper


def test_hiding_the_use_button_hides_nothing_else():
    from asc_widgets.widgets.common import make_button

    mapper = AttributeMapper(DemoCatalog(product_count=300))
    other = make_button("asc-other")
    assert mapper.use_button.layout.display == "none"
    assert other.layout.display is None and mapper.compare_button.layout.display is None


def test_compare_needs_an_id_type_first():
    mapper = AttributeMapper(DemoCatalog(product_count=300))
    assert mapper.compare() is None
    assert "Choose the Product ID on the Amazon market first." in mapper.comparison.value


def test_compare_ranks_attributes_and_recommends_the_best():
    mapper = AttributeMapper(DemoCatalog(product_count=600))
    mapper.id_type.control.value = "UPC"
    profile = mapper.compare()
    html = mapper.comparison.value
    candidates = [a.code for a in DemoCatalog().mapping_candidates()]
    assert set(profile.table["attribute"]) == set(candidates)
    assert html.count("<tr") == len(candidates) + 1  # header + one row per attribute
    assert '<tr class="asc-mapper-best"><td>upc</td>' in html
    best = profile.best("UPC")
    assert f"Recommended: upc. {best.valid} of 600 products have a valid UPC in it." in html
    assert mapper.use_button.layout.display is None
    assert mapper.use_button.description == "Use upc"
    mapper.use_recommended()
    assert mapper.attribute_code == "upc"
    assert "valid" in mapper.info.value  # the per-attribute check follows the choice


def test_changing_the_id_type_shows_that_types_comparison_once_computed():
    mapper = AttributeMapper(DemoCatalog(product_count=300))
    mapper.id_type.control.value = "UPC"
    mapper.compare()
    mapper.id_type.control.value = "ISBN"
    assert mapper.comparison.value == "" and mapper.use_button.layout.display == "none"
    mapper.compare()
    assert '<tr class="asc-mapper-best"><td>isbn</td>' in mapper.comparison.value


def test_comparison_speaks_chinese():
    mapper = AttributeMapper(DemoCatalog(product_count=300), lang="zh-CN")
    mapper.id_type.control.value = "EAN"
    mapper.compare()
    assert "推荐：ean。" in mapper.comparison.value
    assert mapper.compare_button.description == "比较属性"
    assert mapper.use_button.description == "使用 ean"
