"""SCORM 2004 sequencing as pure functions: no database."""

import pytest

from courses.packages import sequencing as seq


def _item(identifier, parent="", leaf=True, **sequencing):
    return {
        "identifier": identifier,
        "title": identifier.title(),
        "parent_identifier": parent,
        "is_launchable": leaf,
        "data": {"sequencing": sequencing} if sequencing else {},
    }


def _tree(items, **organization_sequencing):
    return seq.tree_build(
        organization={"identifier": "ORG", "title": "Org", "sequencing": organization_sequencing},
        items=items,
    )


FORCED = {"control_mode": {"choice": False, "flow": True, "forward_only": True}}
DONE = {"attempted": True, "completed": True, "satisfied": True}


def test_flow_goes_forward_and_forward_only_refuses_previous():
    tree = _tree([_item("A"), _item("B"), _item("C")], **FORCED)
    assert seq.navigate(tree, {}, {}, current=None, request="start") == "A"
    assert seq.navigate(tree, {}, {}, current="A", request="continue") == "B"
    assert seq.navigate(tree, {}, {}, current="B", request="previous") is None
    assert seq.navigate(tree, {}, {}, current="C", request="continue") is None


def test_without_choice_nothing_can_be_chosen_with_choice_anything_can():
    forced = _tree([_item("A"), _item("B")], **FORCED)
    free = _tree([_item("A"), _item("B")])
    assert not seq.choice_allowed(forced, {}, {}, "A", "B")
    assert seq.choice_allowed(free, {}, {}, "A", "B")
    # The default control mode has no flow: continue is not allowed.
    assert seq.navigate(free, {}, {}, current="A", request="continue") is None


def test_choice_backwards_is_refused_under_forward_only():
    tree = _tree(
        [_item("A"), _item("B")],
        control_mode={"choice": True, "flow": True, "forward_only": True},
    )
    assert seq.choice_allowed(tree, {}, {}, "A", "B")
    assert not seq.choice_allowed(tree, {}, {}, "B", "A")


def test_choice_exit_false_keeps_the_learner_inside_the_cluster():
    tree = _tree(
        [
            _item("MODULE", leaf=False, control_mode={"choice": True, "choice_exit": False}),
            _item("A", parent="MODULE"),
            _item("B", parent="MODULE"),
            _item("C"),
        ]
    )
    assert seq.choice_allowed(tree, {}, {}, "A", "B")
    assert not seq.choice_allowed(tree, {}, {}, "A", "C")


def _rule(action, condition="satisfied", operator="noOp", objective=None):
    return {
        "action": action,
        "combination": "all",
        "conditions": [{"condition": condition, "operator": operator, "objective": objective}],
    }


def test_skip_disabled_and_hidden_from_choice():
    tree = _tree(
        [
            _item("A"),
            _item("B", precondition_rules=[_rule("skip", "always")]),
            _item("C", precondition_rules=[_rule("disabled", "attempted", "not")]),
            _item("D", precondition_rules=[_rule("hiddenFromChoice", "always")]),
        ],
        control_mode={"choice": True, "flow": True},
    )
    # B is skipped by flow; C is disabled until attempted, so flow stops there.
    assert seq.navigate(tree, {}, {}, current="A", request="continue") is None
    states = {"C": {"attempted": True}}
    assert seq.navigate(tree, states, {}, current="A", request="continue") == "C"
    assert not seq.choice_allowed(tree, {}, {}, "A", "D")
    rows = seq.table_of_contents(tree, {}, {}, "A")
    assert [row["identifier"] for row in rows] == ["A", "B", "C"]


def test_a_global_objective_written_by_one_activity_enables_another():
    target = "urn:ore:intro"
    tree = _tree(
        [
            _item(
                "INTRO",
                objectives=[
                    {
                        "id": "intro",
                        "primary": True,
                        "map": [{"target": target, "write_satisfied": True}],
                    }
                ],
            ),
            _item(
                "PRACTICE",
                precondition_rules=[_rule("disabled", "satisfied", "not", objective="intro-done")],
                objectives=[
                    {"id": "practice", "primary": True, "map": []},
                    {
                        "id": "intro-done",
                        "primary": False,
                        "map": [{"target": target, "read_satisfied": True}],
                    },
                ],
            ),
        ],
        **FORCED,
    )
    states = {"INTRO": {"attempted": True, "completed": True, "satisfied": False}}
    globals_ = seq.global_objectives(tree, states)
    assert globals_[target]["satisfied"] is False
    assert seq.navigate(tree, states, globals_, current="INTRO", request="continue") is None
    states["INTRO"]["satisfied"] = True
    globals_ = seq.global_objectives(tree, states)
    assert seq.navigate(tree, states, globals_, current="INTRO", request="continue") == "PRACTICE"
    # Unknown never overwrites what another attempt wrote.
    assert seq.global_objectives(tree, {}, globals_)[target]["satisfied"] is True


def test_rollup_a_post_test_alone_satisfies_the_course():
    no_satisfaction = {"rollup": {"objective_satisfied": False}}
    tree = _tree(
        [_item("M1", **no_satisfaction), _item("M2", **no_satisfaction), _item("TEST")], **FORCED
    )
    states = {
        "M1": {"attempted": True, "completed": True, "satisfied": False},
        "M2": {"attempted": True, "completed": True, "satisfied": None},
        "TEST": {"attempted": True, "completed": True, "satisfied": False},
    }
    rolled = seq.rollup(tree, states)
    assert rolled["ORG"]["satisfied"] is False
    assert not seq.is_done(rolled["ORG"])
    states["TEST"]["satisfied"] = True
    rolled = seq.rollup(tree, states)
    assert rolled["ORG"] == {
        "attempted": True,
        "satisfied": True,
        "completed": True,
        "measure": None,
    }
    assert seq.is_done(rolled["ORG"])


def test_rollup_of_every_child_and_of_a_cluster():
    tree = _tree(
        [_item("CH", leaf=False), _item("A", parent="CH"), _item("B", parent="CH"), _item("C")]
    )
    states = {"A": DONE, "B": {"attempted": True, "completed": False, "satisfied": None}}
    rolled = seq.rollup(tree, states)
    assert rolled["CH"]["completed"] is False  # every child's progress known, not all completed
    assert rolled["ORG"]["completed"] is None  # C's progress unknown
    assert not seq.is_done(rolled["ORG"])
    states.update({"B": DONE, "C": DONE})
    assert seq.is_done(seq.rollup(tree, states)["ORG"])


def test_an_at_least_count_rollup_rule():
    tree = _tree(
        [_item("A"), _item("B"), _item("C")],
        rollup={
            "rules": [
                {
                    "child_set": "atLeastCount",
                    "min_count": 2,
                    "combination": "any",
                    "conditions": [{"condition": "satisfied", "operator": "noOp"}],
                    "action": "satisfied",
                }
            ]
        },
    )
    states = {"A": DONE, "B": DONE}
    assert seq.rollup(tree, states)["ORG"]["satisfied"] is True
    assert seq.rollup(tree, {"A": DONE})["ORG"]["satisfied"] is not True


def test_an_untracked_child_does_not_count():
    tree = _tree([_item("A"), _item("B", delivery={"tracked": False})])
    assert seq.is_done(seq.rollup(tree, {"A": DONE})["ORG"])


@pytest.mark.parametrize(
    ("value", "parsed"),
    [
        ("continue", ("continue", None)),
        ("previous", ("previous", None)),
        ("{target=SCO-2}choice", ("choice", "SCO-2")),
        ("{target=SCO-2}jump", ("choice", "SCO-2")),
        ("exitAll", ("exitAll", None)),
        ("suspendAll", ("suspendAll", None)),
        ("_none_", ("", None)),
        ("{target=broken", ("", None)),
        ("self-destruct", ("", None)),
    ],
)
def test_navigation_requests_are_parsed(value, parsed):
    assert seq.parse_nav_request(value) == parsed


def test_scorm12_packages_may_choose_and_flow():
    tree = seq.tree_build(
        organization={"identifier": "ORG"}, items=[_item("A"), _item("B")], scorm12=True
    )
    assert seq.navigate(tree, {}, {}, current="A", request="continue") == "B"
    assert seq.choice_allowed(tree, {}, {}, "B", "A")
