"""What every page must pass in the browser tests: axe-core (serious and critical violations),
WCAG 1.4.10 Reflow at the viewport's width, and the keyboard (Tab reaches everything, focus shows).
"""

from tests.browser.conftest import AXE, WCAG_TAGS

SERIOUS = {"serious", "critical"}


def axe_serious(page) -> list[dict]:
    """The serious and critical WCAG 2.2 A/AA violations axe-core finds on the page.

    axe is evaluated in the page's main world by the DevTools protocol, not added as a script
    tag, so a Content-Security-Policy without 'unsafe-inline' does not block it."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text() + "\n;0")
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
        if v["impact"] in SERIOUS
    ]


# WCAG 1.4.10 Reflow: the page itself never scrolls sideways at 320 CSS px; a data table may,
# inside its own region that is labelled and reachable by keyboard (the "table_region" include).
REFLOW_JS = """() => {
  const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className ? '.' + el.className.trim() : '');
  const root = document.documentElement;
  const problems = [];
  if (root.scrollWidth > root.clientWidth) {
    const wide = [...document.body.querySelectorAll('*')]
      .filter(el => el.getBoundingClientRect().right > root.clientWidth + 1)
      .filter(el => !el.closest('[role=region][tabindex="0"]'))
      .slice(0, 4).map(describe);
    problems.push(`page is ${root.scrollWidth}px wide: ${wide.join(', ')}`);
  }
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    const scrolls = ['auto', 'scroll'].includes(style.overflowX);
    if (!scrolls || el.scrollWidth <= el.clientWidth + 1) continue;
    const name = el.getAttribute('aria-label')
      || (el.getAttribute('aria-labelledby') || '').split(/\\s+/)
           .map(id => (document.getElementById(id) || {}).textContent || '').join(' ').trim();
    if (el.getAttribute('role') !== 'region' || el.getAttribute('tabindex') !== '0' || !name) {
      problems.push(`${describe(el)} scrolls but is not a labelled, focusable region`);
    }
  }
  return problems;
}"""

# Every interactive element must be reached by Tab, and show where the focus is when it is.
KEYBOARD_SETUP_JS = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + '[tabindex]:not([tabindex="-1"]), [contenteditable=""], [contenteditable=true]';
  const seenRadio = new Set();
  const expected = [];
  document.querySelectorAll(selector).forEach((el, i) => {
    if (el.disabled || el.tabIndex < 0 || el.closest('[inert]')) return;
    if (!el.checkVisibility({visibilityProperty: true})) return;
    const box = el.getBoundingClientRect();
    if (box.width === 0 && box.height === 0 && !el.classList.contains('skip-link')) return;
    if (el.type === 'radio' && el.name) {
      const key = (el.form ? 'f' : '') + el.name;
      if (seenRadio.has(key)) return;
      seenRadio.add(key);
      el.dataset.kbdGroup = key;
    }
    el.dataset.kbd = String(i);
    expected.push(String(i));
  });
  window.__kbd = {reached: new Set(), unseen: []};
  document.addEventListener('focusin', event => {
    const el = event.target;
    let key = el.dataset.kbd;
    if (el.type === 'radio' && el.name) {
      const first = document.querySelector(`[data-kbd-group="${(el.form ? 'f' : '') + el.name}"]`);
      if (first) key = first.dataset.kbd;
    }
    if (key !== undefined) window.__kbd.reached.add(key);
    const style = getComputedStyle(el);
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadowed = style.boxShadow && style.boxShadow !== 'none';
    if (!outlined && !shadowed) {
      window.__kbd.unseen.push(el.outerHTML.slice(0, 80));
    }
  }, true);
  document.activeElement && document.activeElement.blur && document.activeElement.blur();
  window.scrollTo(0, 0);
  return expected.length;
}"""

KEYBOARD_RESULT_JS = """() => {
  const missed = [...document.querySelectorAll('[data-kbd]')]
    .filter(el => !window.__kbd.reached.has(el.dataset.kbd))
    .map(el => el.outerHTML.slice(0, 80));
  return {missed, unseen: [...new Set(window.__kbd.unseen)]};
}"""


def keyboard_problems(page) -> list[str]:
    """Tabs through the whole page: what Tab never reaches, and what shows no focus."""
    expected = page.evaluate(KEYBOARD_SETUP_JS)
    # A date field takes a Tab per part and a scrolling box one more: go round until everything
    # was reached, with a bound for a page where something never is.
    for _ in range(4 * expected + 20):
        page.keyboard.press("Tab")
        if page.evaluate("window.__kbd.reached.size") >= expected:
            break
    result = page.evaluate(KEYBOARD_RESULT_JS)
    return [f"Tab never reaches {html}" for html in result["missed"]] + [
        f"no visible focus on {html}" for html in result["unseen"]
    ]


def page_problems(page) -> dict:
    """axe (serious and critical), reflow at the viewport's width, and the keyboard, at once."""
    problems = {}
    if violations := axe_serious(page):
        problems["axe"] = violations
    if reflow := page.evaluate(REFLOW_JS):
        problems["reflow"] = reflow
    if keyboard := keyboard_problems(page):
        problems["keyboard"] = keyboard
    return problems
