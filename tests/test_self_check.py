"""The "Where do I start?" self-check: its data, its plans, and its privacy.

The data file (scripts/self_check.yml) is checked by a schema and against
the site, so each fault below must be named with the file. The plans that
readers see in Chromium must match the plans scripts/self_check.py works out
for the same answers, and the page must keep every answer to itself.
"""

from __future__ import annotations

import copy
import itertools
import os
from pathlib import Path

import markdown
import pytest
import yaml

from conftest import ROOT, navigate, run_build
from site_core import editions, self_check

DOCS = ROOT / "docs"
DATA = yaml.safe_load(self_check.DATA_FILE.read_text(encoding="utf-8"))
PAGE = "where-to-start/"
CHROMIUM = Path("/usr/bin/chromium")
needs_browser = pytest.mark.skipif(
    not CHROMIUM.exists() and os.environ.get("CI") != "true",
    reason="Chromium is not installed at /usr/bin/chromium (apt-get install chromium)",
)


def real() -> tuple[self_check.SelfCheck, self_check.Audiences]:
    data = self_check.load()
    return data, self_check.audiences(data, DOCS)


# --- 1. The data, checked -----------------------------------------------------


def test_the_real_data_has_no_problems():
    assert self_check.problems(DOCS) == []


def _question(data: dict, qid: str) -> dict:
    return next(q for q in data["questions"] if q["id"] == qid)


def _rule_for(data: dict, question: str, option: str) -> dict:
    return next(r for r in data["rules"] if option in r["when"].get(question, []))


def unknown_page(d):
    d["rules"][0]["read"].append("betrayed-partner/no-such-page.md")


def unused_option(d):
    _question(d, "hardest")["options"].append({"id": "money", "label": "Money worries"})


def unknown_question(d):
    d["rules"][0]["when"]["mood"] = ["low"]


def unknown_option(d):
    d["rules"][0]["when"]["who"] = ["betrayed", "stranger"]


def thin_plan(d):
    _question(d, "who")["options"].append({"id": "friend", "label": "I am a friend", "audience": ["couples"]})
    d["rules"].append({"when": {"who": ["friend"]}, "because": "you are a friend", "read": ["start-here.md"]})


def bad_id(d):
    _question(d, "hardest")["options"][0]["id"] = "Sleep and eating"


def unknown_field(d):
    _question(d, "when")["pick"] = "some"


def two_questions_one_id(d):
    _question(d, "want")["id"] = "support"


def two_options_one_id(d):
    _question(d, "treatment")["options"][1]["id"] = "getting-help"


def markup_in_a_label(d):
    _question(d, "who")["options"][0]["label"] = "I was <b>betrayed</b>"


def who_without_audience(d):
    del _question(d, "who")["options"][1]["audience"]


def no_who(d):
    _question(d, "who")["id"] = "role"
    for rule in d["rules"]:
        if "who" in rule["when"]:
            rule["when"]["role"] = rule["when"].pop("who")


def couples_page_not_listed(d):
    d["couples_exercises"].remove("worksheets/daily-check-in.md")


def danger_without_safety_first(d):
    _question(d, "safety")["options"].insert(
        0, {"id": "stalking", "label": "My partner follows or tracks me", "danger": True}
    )
    d["rules"].append(
        {
            "when": {"safety": ["stalking"]},
            "because": "you are tracked",
            "worksheet": ["worksheets/what-helps-me-feel-safe.md"],
        }
    )


def rule_no_reader_sees(d):
    d["rules"].append(
        {
            "when": {"who": ["counselor"], "hardest": ["anger"]},
            "because": "clients are angry",
            "read": ["questions/angry-when-i-ask.md"],
        }
    )


FAULTS = {
    unknown_page: "'betrayed-partner/no-such-page.md' does not exist",
    unused_option: "the option 'money' of 'hardest' is used by no rule",
    unknown_question: "names the question 'mood', which does not exist",
    unknown_option: "names the option 'stranger', which 'who' does not have",
    thin_plan: "answers only 'I am a friend' gets 1 item(s)",
    bad_id: "String should match pattern",
    unknown_field: "pick: Input should be 'one' or 'many'",
    two_questions_one_id: "two questions have the id 'support'",
    two_options_one_id: "'treatment' has two options with the id 'getting-help'",
    markup_in_a_label: "must be plain text",
    who_without_audience: "the option 'hurt' of 'who' has no audience",
    no_who: "the first question must have the id 'who'",
    couples_page_not_listed: "'worksheets/daily-check-in.md' is meant for couples but is not under couples_exercises",
    danger_without_safety_first: "with 'My partner follows or tracks me' does not give a plan that starts with safety",
    rule_no_reader_sees: "('clients are angry') adds nothing any reader it applies to would see",
}


@pytest.mark.parametrize("fault", FAULTS, ids=lambda f: f.__name__)
def test_each_fault_in_the_data_is_named_with_the_file(tmp_path, fault):
    data = copy.deepcopy(DATA)
    fault(data)
    path = tmp_path / "self_check.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    found = self_check.problems(DOCS, path)
    messages = [str(p) for p in found]
    assert any(FAULTS[fault] in m for m in messages), messages
    assert all(p.path == "scripts/self_check.yml" for p in found)


def test_a_file_that_is_not_yaml_is_named(tmp_path):
    path = tmp_path / "self_check.yml"
    path.write_text("questions: [\n  - id: who\n", encoding="utf-8")
    found = self_check.problems(DOCS, path)
    assert len(found) == 1 and "cannot be read" in str(found[0]) and found[0].path == "scripts/self_check.yml"


def test_the_build_stops_on_a_fault_and_names_the_file(project):
    data = copy.deepcopy(DATA)
    unknown_page(data)
    (project / "scripts" / "self_check.yml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    result = run_build(project, project / "site")
    assert result.returncode != 0
    assert "scripts/self_check.yml" in result.stderr and "no-such-page.md" in result.stderr


# --- 2. The plans, worked out -------------------------------------------------


def single_answers(data: self_check.SelfCheck):
    """Every 'who' answer with, in turn, every single answer to one other question."""
    who = data.question("who")
    for option in who.options:
        yield {"who": {option.id}}
        for question in data.questions:
            if question is not who:
                for other in question.options:
                    yield {"who": {option.id}, question.id: {other.id}}


def test_every_answer_to_who_alone_gives_at_least_three_items():
    data, audience = real()
    for option in data.question("who").options:
        assert self_check.size(self_check.plan(data, {"who": {option.id}}, audience)) >= 3, option.id


def test_every_page_in_a_plan_is_written_for_the_reader():
    data, audience = real()
    for answers in single_answers(data):
        reader = data.reader(answers)
        result = self_check.plan(data, answers, audience)
        for section in self_check.SECTIONS:
            for page, _ in result[section]:
                assert reader & audience[page], (answers, page)


def test_any_danger_sign_leads_with_safety_and_drops_couples_exercises():
    """Every reader, with every danger sign alone and with all of them at once,
    on top of every answer a couple might give about what is hardest."""
    data, audience = real()
    signs = [(q.id, o.id) for q in data.questions for o in q.options if o.danger]
    hardest = {o.id for o in data.question("hardest").options}
    want = {o.id for o in data.question("want").options}
    assert len(signs) >= 5
    for who, sign in itertools.product(data.question("who").options, signs + [None]):
        answers = {"who": {who.id}, "hardest": set(hardest), "want": set(want)}
        if sign:
            answers[sign[0]] = {sign[1]}
        else:
            for qid, oid in signs:
                answers.setdefault(qid, set()).add(oid)
        result = self_check.plan(data, answers, audience)
        assert result["safety"]
        assert result["read"][0][0] == "get-help/crisis-and-safety.md", (who.id, sign)
        assert "get-help/crisis-and-safety.md" in [p for p, _ in result["support"]]
        shown = [p for s in self_check.SECTIONS for p, _ in result[s]]
        assert not set(shown) & set(data.couples_exercises), (who.id, sign, shown)


def test_without_a_danger_sign_there_is_no_safety_box():
    data, audience = real()
    result = self_check.plan(data, {"who": {"couple"}, "safety": {"none"}, "harm": {"none"}}, audience)
    assert not result["safety"]
    assert "worksheets/daily-check-in.md" in [p for p, _ in result["worksheet"]]


def test_the_plan_and_the_guide_stay_out_of_the_table_of_contents():
    # The script hides one or the other, so their headings in the contents
    # would lead nowhere, and Material's anchor tracking would write them into
    # the address bar. The headings themselves stay on the page.
    md = markdown.Markdown(
        extensions=["toc", "md_in_html", "attr_list", "site_core.extensions.self_check"],
        extension_configs={
            "toc": {"permalink": True},
            "site_core.extensions.self_check": {"docs_dir": str(DOCS), "data_file": str(self_check.DATA_FILE)},
        },
    )
    html = md.convert("# Where do I start?\n\n## Before the questions\n\n<!-- self-check -->\n\n## After them\n")

    def ids(tokens):
        return [i for t in tokens for i in [t["id"], *ids(t["children"])]]

    assert ids(md.toc_tokens) == ["where-do-i-start", "before-the-questions", "after-them"]
    assert 'href="#sc-plan-title"' not in md.toc and 'href="#after-them"' in md.toc
    assert 'id="sc-plan-title"' in html
    guide = [q.text.split("?")[0] for q in self_check.load().questions]
    assert all(f">{text}?<" in html for text in guide)


# --- 3. In the browser ----------------------------------------------------------

# (answers, pages the plan must show, pages it must not show)
READERS = {
    "betrayed, days ago": (
        {"who": ["betrayed"], "when": ["days"], "safety": ["none"], "harm": ["none"]},
        ["paths/first-seven-days/index.md", "betrayed-partner/looking-after-yourself.md"],
        ["paths/learning-empathy/index.md", "worksheets/daily-check-in.md"],
    ),
    "betrayed, afraid": (
        {"who": ["betrayed"], "safety": ["afraid"], "hardest": ["triggers"]},
        ["get-help/crisis-and-safety.md", "worksheets/what-helps-me-feel-safe.md"],
        ["worksheets/reminders-and-triggers-plan.md"],
    ),
    "betrayed, minimized": (
        {"who": ["betrayed"], "when": ["months"], "hardest": ["minimizes", "noletter"], "treatment": ["refuses"]},
        ["betrayed-partner/when-your-partner-minimizes.md", "questions/partner-refuses-therapy.md"],
        ["worksheets/empathy-letter-planner.md", "worksheets/minimizing-and-denial-check.md"],
    ),
    "betrayed, alone, sleepless": (
        {"who": ["betrayed"], "hardest": ["sleep", "images"], "support": ["nobody"]},
        ["questions/picturing-it-and-checking.md", "get-help/index.md"],
        ["worksheets/reminders-and-triggers-plan.md"],
    ),
    "betrayed, deciding": (
        {"who": ["betrayed"], "when": ["weeks"], "hardest": ["decide", "telling"]},
        ["questions/stay-or-go.md"],
        [],
    ),
    "hurt, early": (
        {"who": ["hurt"], "when": ["days"], "hardest": ["shame"], "want": ["empathy"]},
        [
            "paths/learning-empathy/index.md",
            "why-empathy-is-hard/shame-and-the-defensive-reflex.md",
            "worksheets/shame-reaction-log.md",
        ],
        ["paths/first-seven-days/index.md", "betrayed-partner/looking-after-yourself.md"],
    ),
    "hurt, in therapy": (
        {"who": ["hurt"], "when": ["year"], "treatment": ["getting-help"]},
        ["questions/doing-the-work-still-no-trust.md"],
        ["questions/over-it-by-now.md"],
    ),
    "hurt, thoughts of harm": (
        {"who": ["hurt"], "harm": ["thoughts"], "hardest": ["shame"]},
        ["get-help/crisis-and-safety.md", "questions/too-ashamed-to-go-on.md"],
        [],
    ),
    "hurt, triggers": (
        {"who": ["hurt"], "hardest": ["triggers"]},
        ["questions/when-my-partner-is-triggered.md"],
        ["worksheets/what-helps-me-feel-safe.md"],
    ),
    "couple, closeness": (
        {"who": ["couple"], "safety": ["none"], "harm": ["none"], "want": ["closeness"], "support": ["therapist"]},
        ["worksheets/daily-check-in.md", "rebuilding-intimacy/what-emotional-intimacy-is.md"],
        [],
    ),
    "couple, control": (
        {"who": ["couple"], "safety": ["control"], "want": ["closeness"]},
        ["get-help/crisis-and-safety.md"],
        [
            "worksheets/daily-check-in.md",
            "rebuilding-intimacy/vulnerability-in-the-right-order.md",
            "rebuilding-intimacy/talking-again.md",
        ],
    ),
    "couple, touch": (
        {"who": ["couple"], "hardest": ["touch", "anger"]},
        ["questions/touch-and-sex-again.md", "rebuilding-intimacy/anger-and-mistrust.md"],
        [],
    ),
    "counselor": (
        {"who": ["counselor"], "want": ["clients"]},
        ["paths/learning-empathy/facilitator-guide.md", "worksheets/sympathy-or-empathy.md"],
        ["betrayed-partner/looking-after-yourself.md"],
    ),
    "counselor, threats": (
        {"who": ["counselor"], "safety": ["threats"], "want": ["clients"]},
        ["get-help/crisis-and-safety.md"],
        ["paths/learning-empathy/facilitator-guide.md"],
    ),
}


def _url(page: str) -> str:
    return editions.page_url(page)


def answer(page, answers: dict[str, list[str]]) -> None:
    page.wait_for_selector("[data-sc-form]:not([hidden])")
    for question, options in answers.items():
        for option in options:
            page.check(f'[data-sc-form] input[name="{question}"][value="{option}"]')
    page.get_by_role("button", name="Show my plan").click()
    page.wait_for_selector("[data-sc-plan]:not([hidden])")


def shown_plan(page, base: str) -> dict[str, list[str]]:
    """Section heading -> the addresses of its links, relative to the site."""
    path = "/" + base.split("/", 3)[3]
    return page.evaluate(
        """(path) => {
      const plan = {};
      let heading = null;
      document.querySelectorAll("[data-sc-items] > *").forEach((el) => {
        if (el.tagName === "H3") { heading = el.textContent; plan[heading] = []; }
        else el.querySelectorAll("a").forEach((a) => plan[heading].push(a.getAttribute("href").slice(path.length)));
      });
      return plan;
    }""",
        path,
    )


HEADINGS = {
    "read": "Start with these",
    "worksheet": "Try this worksheet",
    "path": "Follow this path",
    "support": "Get support",
}


@needs_browser
def test_readers_get_the_plan_the_rules_give(locked_context, served_site):
    data, audience = real()
    locked = locked_context()
    page = locked.context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(str(err)))
    page.goto(served_site + PAGE)
    for name, (answers, must, must_not) in READERS.items():
        page.get_by_role("button", name="Start again").first.click()
        answer(page, answers)
        shown = shown_plan(page, served_site)
        expected = self_check.plan(data, {q: set(o) for q, o in answers.items()}, audience)
        assert shown == {HEADINGS[s]: [_url(p) for p, _ in expected[s]] for s in HEADINGS if expected[s]}, name
        links = [u for urls in shown.values() for u in urls]
        for wanted in must:
            assert _url(wanted) in links, (name, wanted, links)
        for unwanted in must_not:
            assert _url(unwanted) not in links, (name, unwanted, links)
        safety = page.locator("[data-sc-safety]")
        assert safety.is_visible() == expected["safety"], name
        if expected["safety"]:
            # The safety note comes before the rest of the plan, with numbers to call.
            assert page.evaluate("""() => { const s = document.querySelector('[data-sc-safety]');
              return !!(s.compareDocumentPosition(document.querySelector('[data-sc-items]'))
                        & Node.DOCUMENT_POSITION_FOLLOWING); }""")
            assert safety.locator('a[href^="tel:"]').count() >= 3
        reasons = page.locator("[data-sc-items] .sc-because").all_inner_texts()
        assert reasons and all(r.strip().startswith("Because ") for r in reasons)
    assert errors == []


@needs_browser
def test_answers_never_leave_the_page_nor_stay_in_the_browser(locked_context, served_site):
    locked = locked_context()
    page = locked.context.new_page()
    page.goto(served_site + PAGE)
    page.wait_for_selector("[data-sc-form]:not([hidden])")
    # Material's anchor tracking rewrites the address as a reader scrolls past
    # a heading in the table of contents; this page gives it none to write.
    assert page.locator('[data-md-component="toc"]').count() == 0
    address, length = page.url, page.evaluate("history.length")
    before = len(locked.requests)
    answer(page, READERS["betrayed, afraid"][0])
    page.get_by_role("button", name="Start again").first.click()
    answer(page, READERS["couple, closeness"][0])
    page.keyboard.press("Enter")  # submitting again from the keyboard
    # A request the page makes now would be on its way before this round trip
    # to the page returns: the browser's work queue holds it first.
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))")
    assert locked.requests[before:] == []
    assert page.url == address and "?" not in page.url and "#" not in page.url
    assert page.evaluate("history.length") == length
    stored = page.evaluate("""async () => ({
      local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
      databases: (await indexedDB.databases()).length,
      workers: (await navigator.serviceWorker.getRegistrations()).length,
      caches: (await caches.keys()).length })""")
    assert stored == {"local": 0, "session": 0, "cookie": "", "databases": 0, "workers": 0, "caches": 0}
    assert locked.context.cookies() == []


@needs_browser
def test_the_plan_takes_focus_and_start_again_clears_every_answer(locked_context, served_site):
    page = locked_context().context.new_page()
    page.goto(served_site + PAGE)
    answer(page, READERS["betrayed, minimized"][0])
    assert page.evaluate("document.activeElement.hasAttribute('data-sc-plan')")
    page.locator("[data-sc-plan]").get_by_role("button", name="Start again").click()
    assert page.locator("[data-sc-form] input:checked").count() == 0
    assert page.locator("[data-sc-plan]").is_hidden()
    assert page.locator("[data-sc-items]").inner_text() == ""
    assert page.evaluate("document.activeElement.matches('[data-sc-form] input')")


@needs_browser
def test_none_of_these_cannot_sit_with_a_danger_sign(locked_context, served_site):
    page = locked_context().context.new_page()
    page.goto(served_site + PAGE)
    page.wait_for_selector("[data-sc-form]:not([hidden])")
    page.check('input[name="safety"][value="afraid"]')
    page.check('input[name="safety"][value="none"]')
    assert not page.is_checked('input[name="safety"][value="afraid"]')
    page.check('input[name="safety"][value="control"]')
    assert not page.is_checked('input[name="safety"][value="none"]')


@needs_browser
def test_the_quick_exit_mid_check_blanks_the_answers_and_the_plan(locked_context, served_site):
    locked = locked_context()
    page = locked.context.new_page()
    page.goto(served_site + PAGE)
    answer(page, READERS["betrayed, afraid"][0])
    # "No content" keeps the browser on the page, to see the state it left in.
    locked.answer(page.locator("[data-eab-exit]").get_attribute("href"))
    page.locator("[data-eab-exit]").click()
    page.wait_for_function("() => document.documentElement.hasAttribute('data-eab-leaving')")
    assert page.locator("[data-sc-form] input:checked").count() == 0
    assert page.locator("[data-sc-items]").inner_text() == ""


@needs_browser
def test_leaving_by_a_link_and_coming_back_shows_no_old_answers(locked_context, served_site):
    page = locked_context().context.new_page()
    page.goto(served_site + PAGE)
    answer(page, READERS["hurt, early"][0])
    navigate(page, page.locator("[data-sc-items] a").first.click)  # instant navigation
    assert PAGE not in page.url
    page.go_back()
    page.wait_for_selector("[data-sc-form]:not([hidden])")
    assert page.locator("[data-sc-form] input:checked").count() == 0
    assert page.locator("[data-sc-plan]").is_hidden()


@needs_browser
def test_printing_shows_the_plan_alone(locked_context, served_site):
    page = locked_context().context.new_page()
    page.goto(served_site + PAGE)
    page.wait_for_selector("[data-sc-form]:not([hidden])")
    # Before any answer, paper gets the guide, not a form to tick.
    page.emulate_media(media="print")
    assert page.locator("[data-sc-guide]").is_visible()
    assert page.locator("[data-sc-form]").is_hidden()
    page.emulate_media(media="screen")
    assert page.locator("[data-sc-guide]").is_hidden()
    answer(page, READERS["betrayed, days ago"][0])
    page.emulate_media(media="print")
    assert page.locator("[data-sc-plan] [data-sc-items] a").first.is_visible()
    for hidden in ("[data-sc-form]", "[data-sc-guide]", ".sc-actions", "[data-eab-exit]"):
        assert not page.locator(hidden).first.is_visible(), hidden


@needs_browser
def test_without_javascript_the_guide_gives_the_same_advice(locked_context, served_site):
    data, _ = real()
    page = locked_context(java_script_enabled=False).context.new_page()
    page.goto(served_site + PAGE)
    assert page.locator("[data-sc-form]").is_hidden()
    guide = page.locator("[data-sc-guide]")
    assert guide.is_visible()
    text = guide.inner_text()
    for question in data.questions:
        for option in question.options:
            pages = {
                p
                for r in data.rules
                if option.id in r.when.get(question.id, [])
                for s in self_check.SECTIONS
                for p in r.items(s)
            }
            if pages:
                assert option.label in text, option.label
    # Help lines come first, as in a plan with a danger answer.
    first_link = guide.locator("a:not(.headerlink)").first.get_attribute("href")
    assert "crisis-and-safety" in first_link
    assert guide.locator('a[href^="tel:"]').count() >= 3
    hrefs = guide.locator("a:not(.headerlink)").evaluate_all("(links) => links.map((a) => a.getAttribute('href'))")
    assert all(h.startswith(("tel:", "sms:", "http", "../")) or h.endswith("/") for h in hrefs)
