"""SCORM 2004 sequencing, for the subset the importer accepts (see courses.packages.manifest):
choice and flow navigation (continue, previous, choice; forwardOnly, choiceExit), precondition
rules (disabled, skip, hiddenFromChoice, stopForwardTraversal) on objective status, global
objectives through mapInfo, and completion and satisfaction rollup with rollup rules.

Pure functions over plain data, so they test without a database:
- a `Tree`, built by `tree_build` from the organization and the items (as stored in
  PackageVersion.structure["organization"] and PackageItem rows);
- leaf states: {identifier: {"attempted": bool, "completed": bool|None, "satisfied":
  bool|None, "measure": float|None, "objectives": {objective id: {"satisfied": bool|None,
  "measure": float|None}}}} (None: unknown), made by courses.packages.runtime from attempts.

SCORM 1.2 packages use the same functions with the defaults (free choice, flow allowed).
"""

from dataclasses import dataclass, field

DEFAULT_SEQUENCING = {
    "control_mode": {"choice": True, "choice_exit": True, "flow": False, "forward_only": False},
    "precondition_rules": [],
    "objectives": [],
    "rollup": {
        "objective_satisfied": True,
        "progress_completion": True,
        "measure_weight": 1.0,
        "rules": [],
    },
    "delivery": {
        "tracked": True,
        "completion_set_by_content": False,
        "objective_set_by_content": False,
    },
}
# SCORM 1.2 has no sequencing: the learner may choose any SCO and the player may flow.
SCORM12_SEQUENCING = {
    **DEFAULT_SEQUENCING,
    "control_mode": {"choice": True, "choice_exit": True, "flow": True, "forward_only": False},
}

NAV_REQUESTS = frozenset(
    {"start", "resumeAll", "continue", "previous", "choice", "exit", "exitAll", "suspendAll"}
)


@dataclass
class Node:
    identifier: str
    title: str
    parent: str | None
    is_leaf: bool
    sequencing: dict
    is_visible: bool = True
    children: list[str] = field(default_factory=list)


@dataclass
class Tree:
    root: str
    nodes: dict[str, Node]

    def leaves(self) -> list[str]:
        """The leaves (launchable items) in manifest order (a pre-order walk)."""
        found: list[str] = []

        def walk(identifier: str) -> None:
            node = self.nodes[identifier]
            if node.is_leaf:
                found.append(identifier)
            for child in node.children:
                walk(child)

        walk(self.root)
        return found

    def ancestors(self, identifier: str) -> list[str]:
        """Parents of `identifier`, nearest first, up to the root."""
        chain = []
        parent = self.nodes[identifier].parent
        while parent is not None:
            chain.append(parent)
            parent = self.nodes[parent].parent
        return chain


def _with_defaults(sequencing: dict | None, base: dict) -> dict:
    sequencing = sequencing or {}
    merged = {**base, **sequencing}
    for key in ("control_mode", "rollup", "delivery"):
        merged[key] = {**base[key], **(sequencing.get(key) or {})}
    return merged


def tree_build(*, organization: dict, items: list[dict], scorm12: bool = False) -> Tree:
    """The activity tree. `organization`: {"identifier", "title", "sequencing"}; `items`:
    [{"identifier", "title", "parent_identifier", "is_launchable", "data"}] in manifest order
    (a top-level item has an empty parent_identifier)."""
    base = SCORM12_SEQUENCING if scorm12 else DEFAULT_SEQUENCING
    root_id = organization.get("identifier") or "__organization__"
    nodes = {
        root_id: Node(
            identifier=root_id,
            title=organization.get("title", ""),
            parent=None,
            is_leaf=False,
            sequencing=_with_defaults(organization.get("sequencing"), base),
        )
    }
    for item in items:
        data = item.get("data") or {}
        parent = item.get("parent_identifier") or root_id
        nodes[item["identifier"]] = Node(
            identifier=item["identifier"],
            title=item.get("title", ""),
            parent=parent,
            is_leaf=bool(item.get("is_launchable")),
            sequencing=_with_defaults(data.get("sequencing"), base),
            is_visible=data.get("is_visible", True),
        )
    for item in items:
        node = nodes[item["identifier"]]
        if node.parent in nodes:
            nodes[node.parent].children.append(node.identifier)
        else:  # a parent we do not know: hang it under the organization
            node.parent = root_id
            nodes[root_id].children.append(node.identifier)
    return Tree(root=root_id, nodes=nodes)


# --- objectives -------------------------------------------------------------------------------


def _local_objective(state: dict, objective: dict) -> dict:
    if objective.get("primary"):
        return {"satisfied": state.get("satisfied"), "measure": state.get("measure")}
    found = (state.get("objectives") or {}).get(objective["id"]) or {}
    return {"satisfied": found.get("satisfied"), "measure": found.get("measure")}


def global_objectives(tree: Tree, states: dict, stored: dict | None = None) -> dict:
    """The global objectives the leaves write through mapInfo (writeSatisfiedStatus /
    writeNormalizedMeasure), over `stored` (those written before, e.g. in other attempts):
    {target id: {"satisfied": bool|None, "measure": float|None}}. Unknown never overwrites."""
    result = {key: dict(value) for key, value in (stored or {}).items()}
    for identifier in tree.leaves():
        state = states.get(identifier) or {}
        for objective in tree.nodes[identifier].sequencing.get("objectives") or []:
            local = _local_objective(state, objective)
            for mapping in objective.get("map") or []:
                target = result.setdefault(mapping["target"], {"satisfied": None, "measure": None})
                if mapping.get("write_satisfied") and local["satisfied"] is not None:
                    target["satisfied"] = local["satisfied"]
                if mapping.get("write_measure") and local["measure"] is not None:
                    target["measure"] = local["measure"]
    return result


def objective_status(tree: Tree, identifier: str, objective_id: str | None, states, globals_):
    """An activity's objective as sequencing sees it: the local status, replaced by the global
    objective it reads (readSatisfiedStatus) when that is known. `objective_id` None: primary."""
    node = tree.nodes[identifier]
    state = states.get(identifier) or {}
    objectives = node.sequencing.get("objectives") or []
    objective = next(
        (
            candidate
            for candidate in objectives
            if (objective_id is None and candidate.get("primary"))
            or (objective_id is not None and candidate["id"] == objective_id)
        ),
        None,
    )
    if objective is None:
        if objective_id is not None:
            found = (state.get("objectives") or {}).get(objective_id) or {}
            return {"satisfied": found.get("satisfied"), "measure": found.get("measure")}
        return {"satisfied": state.get("satisfied"), "measure": state.get("measure")}
    status = _local_objective(state, objective)
    for mapping in objective.get("map") or []:
        read = globals_.get(mapping["target"]) or {}
        if mapping.get("read_satisfied") and read.get("satisfied") is not None:
            status["satisfied"] = read["satisfied"]
        if mapping.get("read_measure") and read.get("measure") is not None:
            status["measure"] = read["measure"]
    return status


# --- rollup -----------------------------------------------------------------------------------


def _condition_value(condition: str, status: dict) -> bool:
    if condition == "always":
        return True
    if condition == "satisfied":
        return status.get("satisfied") is True
    if condition == "completed":
        return status.get("completed") is True
    if condition == "attempted":
        return bool(status.get("attempted"))
    if condition == "objectiveStatusKnown":
        return status.get("satisfied") is not None
    if condition == "activityProgressKnown":
        return status.get("completed") is not None
    return False


def _conditions_hold(conditions: list[dict], combination: str, status: dict) -> bool:
    values = []
    for condition in conditions:
        value = _condition_value(condition.get("condition", "always"), status)
        values.append(not value if condition.get("operator") == "not" else value)
    if not values:
        return False
    return all(values) if combination == "all" else any(values)


def _rule_applies(rule: dict, children: list[dict]) -> bool:
    if not children:
        return False
    hits = [
        _conditions_hold(rule.get("conditions") or [], rule.get("combination", "any"), child)
        for child in children
    ]
    child_set = rule.get("child_set", "all")
    count = sum(hits)
    if child_set == "all":
        return all(hits)
    if child_set == "any":
        return count > 0
    if child_set == "none":
        return count == 0
    if child_set == "atLeastCount":
        return count >= int(rule.get("min_count") or 0)
    if child_set == "atLeastPercent":
        threshold = float(rule.get("min_percent") or 0)
        # minimumPercent is a decimal 0..1 in the manifest; accept a percentage too.
        return count / len(hits) * 100 >= (threshold * 100 if threshold <= 1 else threshold)
    return False


# When an activity has no rules for an action, SCORM's default rules apply (SN RB.1.2.b/c):
# not satisfied when every child's status is known, satisfied when every child is satisfied;
# incomplete when every child's progress is known, completed when every child is completed.
_DEFAULT_RULES = {
    "notSatisfied": {"child_set": "all", "conditions": [{"condition": "objectiveStatusKnown"}]},
    "satisfied": {"child_set": "all", "conditions": [{"condition": "satisfied"}]},
    "incomplete": {"child_set": "all", "conditions": [{"condition": "activityProgressKnown"}]},
    "completed": {"child_set": "all", "conditions": [{"condition": "completed"}]},
}


def _decide(rules: list[dict], negative: str, positive: str, children: list[dict]) -> bool | None:
    own = [rule for rule in rules if rule.get("action") in (negative, positive)]
    for action in (negative, positive):  # each action without rules gets its default rule
        if not any(rule.get("action") == action for rule in own):
            own.append({**_DEFAULT_RULES[action], "action": action})
    value = None
    # The negative rules first; a positive rule that applies wins (SN RB.1.2).
    for action in (negative, positive):
        for rule in own:
            if rule.get("action") == action and _rule_applies(rule, children):
                value = action == positive
    return value


def rollup(tree: Tree, states: dict, globals_: dict | None = None) -> dict:
    """Every activity's status after rollup: {identifier: {"attempted", "completed",
    "satisfied", "measure"}}. A leaf's satisfaction is its primary objective's (read from a
    global objective when mapped); a cluster's comes from the children that contribute to it
    (tracked, rollupObjectiveSatisfied / rollupProgressCompletion) by its rollup rules."""
    globals_ = globals_ or {}
    result: dict[str, dict] = {}

    def visit(identifier: str) -> dict:
        node = tree.nodes[identifier]
        if node.is_leaf:
            state = states.get(identifier) or {}
            primary = objective_status(tree, identifier, None, states, globals_)
            status = {
                "attempted": bool(state.get("attempted")),
                "completed": state.get("completed"),
                "satisfied": primary["satisfied"],
                "measure": primary["measure"],
            }
        else:
            children = [visit(child) for child in node.children]
            tracked = [
                (tree.nodes[child].sequencing, status)
                for child, status in zip(node.children, children, strict=True)
                if tree.nodes[child].sequencing["delivery"].get("tracked", True)
            ]
            for_satisfaction = [
                status for seq, status in tracked if seq["rollup"].get("objective_satisfied", True)
            ]
            for_completion = [
                status for seq, status in tracked if seq["rollup"].get("progress_completion", True)
            ]
            rules = node.sequencing["rollup"].get("rules") or []
            status = {
                "attempted": any(child["attempted"] for child in children),
                "satisfied": _decide(rules, "notSatisfied", "satisfied", for_satisfaction),
                "completed": _decide(rules, "incomplete", "completed", for_completion),
                "measure": None,
            }
        result[identifier] = status
        return status

    visit(tree.root)
    return result


def is_done(status: dict) -> bool:
    """Whether an activity (the organization: the whole package) counts as done: satisfied, or
    completed with no objective failed."""
    return status.get("satisfied") is True or (
        status.get("completed") is True and status.get("satisfied") is not False
    )


# --- preconditions and navigation -----------------------------------------------------------


def precondition_actions(tree: Tree, identifier: str, states: dict, globals_: dict) -> set[str]:
    """The precondition actions (disabled, skip, hiddenFromChoice, stopForwardTraversal) whose
    rules hold for the activity now."""
    node = tree.nodes[identifier]
    rolled = rollup(tree, states, globals_) if not node.is_leaf else None
    actions = set()
    for rule in node.sequencing.get("precondition_rules") or []:
        values = []
        for condition in rule.get("conditions") or []:
            objective = condition.get("objective")
            status = objective_status(tree, identifier, objective, states, globals_)
            if rolled is not None and objective is None:
                status = rolled[identifier]
            else:
                state = states.get(identifier) or {}
                status = {
                    **status,
                    "completed": state.get("completed"),
                    "attempted": state.get("attempted"),
                }
            value = _condition_value(condition.get("condition", "always"), status)
            values.append(not value if condition.get("operator") == "not" else value)
        if values and (all(values) if rule.get("combination", "all") == "all" else any(values)):
            actions.add(rule["action"])
    return actions


def _blocked(tree: Tree, identifier: str, states, globals_, action: str) -> bool:
    """Whether `action` holds for the activity or one of its ancestors."""
    return any(
        action in precondition_actions(tree, each, states, globals_)
        for each in [identifier, *tree.ancestors(identifier)]
        if each != tree.root
    )


def flow(tree: Tree, states: dict, globals_: dict, current: str | None, direction: str):
    """The leaf a continue (direction "forward") or previous ("backward") request delivers,
    or None when flow cannot go there: a parent without flow, forwardOnly on the way back, a
    disabled activity, or a stopForwardTraversal. Skipped activities are passed over."""
    leaves = tree.leaves()
    if current is not None:
        parent = tree.nodes[current].parent
        control = tree.nodes[parent].sequencing["control_mode"]
        if not control.get("flow"):
            return None
        if direction == "backward" and control.get("forward_only"):
            return None
        position = leaves.index(current)
    else:
        if not tree.nodes[tree.root].sequencing["control_mode"].get("flow"):
            return None
        position = -1 if direction == "forward" else len(leaves)
    step = 1 if direction == "forward" else -1
    position += step
    while 0 <= position < len(leaves):
        candidate = leaves[position]
        parent = tree.nodes[candidate].parent
        control = tree.nodes[parent].sequencing["control_mode"]
        if not control.get("flow"):
            return None
        if direction == "backward" and control.get("forward_only"):
            return None
        if direction == "forward" and _blocked(
            tree, candidate, states, globals_, "stopForwardTraversal"
        ):
            return None
        if _blocked(tree, candidate, states, globals_, "skip"):
            position += step
            continue
        if _blocked(tree, candidate, states, globals_, "disabled"):
            return None
        return candidate
    return None


def choice_allowed(tree: Tree, states: dict, globals_: dict, current: str | None, target: str):
    """Whether the learner may choose `target` now (SN SB.2.9): every ancestor allows choice,
    nothing on its path is disabled or hidden from choice, forwardOnly forbids going back, and
    the current activity's parent allows leaving it (choiceExit)."""
    if target not in tree.nodes or not tree.nodes[target].is_leaf:
        return False
    path = [target, *tree.ancestors(target)]
    for identifier in path[1:]:
        if not tree.nodes[identifier].sequencing["control_mode"].get("choice", True):
            return False
    for identifier in path:
        if identifier == tree.root:
            continue
        actions = precondition_actions(tree, identifier, states, globals_)
        if actions & {"disabled", "hiddenFromChoice"}:
            return False
    if current is not None and current in tree.nodes and current != target:
        leaves = tree.leaves()
        common = set(tree.ancestors(current)) & set(path)
        for ancestor in [current, *tree.ancestors(current)]:
            if ancestor in common:
                control = tree.nodes[ancestor].sequencing["control_mode"]
                if control.get("forward_only") and leaves.index(target) < leaves.index(current):
                    return False
                break
            if ancestor != current and not tree.nodes[ancestor].sequencing["control_mode"].get(
                "choice_exit", True
            ):
                return False
        parent = tree.nodes[current].parent
        if (
            parent is not None
            and parent not in path
            and not tree.nodes[parent].sequencing["control_mode"].get("choice_exit", True)
        ):
            return False
    return True


def navigate(
    tree: Tree,
    states: dict,
    globals_: dict,
    *,
    current: str | None,
    request: str,
    target: str | None = None,
) -> str | None:
    """The leaf to deliver after a navigation request, or None (nothing to deliver: the
    request is not allowed, or it ends the session: exit, exitAll, suspendAll)."""
    if request in ("start", "resumeAll"):
        if current is not None and request == "resumeAll":
            return current
        first = flow(tree, states, globals_, None, "forward")
        if first is not None:
            return first
        return next(
            (leaf for leaf in tree.leaves() if choice_allowed(tree, states, globals_, None, leaf)),
            None,
        )
    if request == "continue":
        return flow(tree, states, globals_, current, "forward")
    if request == "previous":
        return flow(tree, states, globals_, current, "backward")
    if request == "choice" and target is not None:
        return target if choice_allowed(tree, states, globals_, current, target) else None
    return None


def parse_nav_request(value: str) -> tuple[str, str | None]:
    """adl.nav.request as a (request, target) pair: "continue" -> ("continue", None);
    "{target=SCO2}choice" -> ("choice", "SCO2"); "_none_" or unknown -> ("", None)."""
    value = (value or "").strip()
    target = None
    if value.startswith("{target="):
        end = value.find("}")
        if end == -1:
            return "", None
        target, value = value[len("{target=") : end], value[end + 1 :]
    if value in NAV_REQUESTS or value in ("jump",):
        return ("choice" if value == "jump" else value), target
    return "", None


def table_of_contents(tree: Tree, states: dict, globals_: dict, current: str | None) -> list:
    """The rows of the package's table of contents: every visible activity under the
    organization, with its depth, its rolled-up status, whether it is current, and whether the
    learner may choose it now. Activities hidden from choice are left out."""
    rolled = rollup(tree, states, globals_)
    rows = []

    def walk(identifier: str, depth: int) -> None:
        node = tree.nodes[identifier]
        if identifier != tree.root:
            actions = precondition_actions(tree, identifier, states, globals_)
            if not node.is_visible or "hiddenFromChoice" in actions:
                return
            status = rolled[identifier]
            rows.append(
                {
                    "identifier": identifier,
                    "title": node.title,
                    "depth": depth,
                    "is_leaf": node.is_leaf,
                    "is_current": identifier == current,
                    "is_done": is_done(status),
                    "is_failed": status.get("satisfied") is False,
                    "is_attempted": status.get("attempted"),
                    "is_choosable": node.is_leaf
                    and identifier != current
                    and choice_allowed(tree, states, globals_, current, identifier),
                }
            )
        for child in node.children:
            walk(child, depth + (0 if identifier == tree.root else 1))

    walk(tree.root, 0)
    return rows
