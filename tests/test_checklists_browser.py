"""Ticking a checklist on the website during a call: the tick survives a reload, and "clear" resets it."""


def test_tick_survives_reload_and_clear_resets(browser, served_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto(served_site + "/en/conversation/")
    boxes = page.locator("ul.task-list input[type=checkbox]")
    assert boxes.count() > 5
    boxes.nth(1).focus()
    page.keyboard.press("Space")  # as a reader on a call would, hands on the keyboard
    page.reload()
    assert page.locator("ul.task-list input[type=checkbox]").nth(1).is_checked()
    page.locator("button.checklist-clear").first.focus()
    page.keyboard.press("Enter")
    assert not page.locator("ul.task-list input[type=checkbox]").nth(1).is_checked()
    assert page.locator(".checklist-status").first.inner_text() == "The ticks have been cleared."
    page.reload()
    assert not page.locator("ul.task-list input[type=checkbox]").nth(1).is_checked()
    context.close()


def test_checklist_reads_as_a_list_without_javascript(browser, served_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served_site + "/conversation/")
    items = page.locator("ul.task-list li")
    assert items.count() > 5 and items.first.inner_text().strip()
    assert page.locator("button.checklist-clear").count() == 0
    context.close()
