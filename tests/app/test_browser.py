"""The app in a real browser: Debian's Chromium driven by Playwright against `mali-abm viz`.

In CI (CI=true) a missing browser is a failure; elsewhere the test is skipped with a reason.
"""

import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.slow  # starts `mali-abm viz` and Chromium

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SCREENSHOT = Path(__file__).resolve().parents[2] / "results" / "browser" / "app.png"
ERROR_TEXT = re.compile(r"Traceback|Error:|error in step|Exception")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(tmp_path):
    """`mali-abm viz` on a free port; stopped (and its port released) after the test."""
    port = free_port()
    process = subprocess.Popen([str(Path(sys.executable).with_name("mali-abm")), "viz", "--port", str(port)],
                               cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True)
    url = f"http://127.0.0.1:{port}/"
    try:
        assert url.rstrip("/") in process.stdout.readline()  # the address is printed first
        deadline = time.monotonic() + 90
        while True:
            try:
                if urllib.request.urlopen(url, timeout=2).status == 200:
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("mali-abm viz did not start") from None
                time.sleep(0.2)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"{CHROMIUM} is missing in CI: `make browser-setup` must install it")
        pytest.skip(f"{CHROMIUM} not installed (run `make browser-setup`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def step_and_time(page, expected_step: int) -> float:
    """Click Step; seconds until the counter shows the step and the map image has been replaced."""
    old = page.locator("img").first.get_attribute("src")
    start = time.perf_counter()
    page.get_by_role("button", name="Step").click()
    page.get_by_text(f"Step: {expected_step}").wait_for(timeout=30_000)
    page.wait_for_function("old => document.querySelector('img').getAttribute('src') !== old", arg=old,
                           timeout=30_000)
    return time.perf_counter() - start


def test_the_app_steps_resets_and_follows_its_controls(server, browser):
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(server)
    opened = time.perf_counter()
    page.get_by_text("Step: 0").wait_for(timeout=60_000)
    page.locator(".vue-grid-item img").first.wait_for(timeout=60_000)  # the map
    assert "scenario baseline" in page.inner_text("body")

    timings = [step_and_time(page, k) for k in range(1, 6)]
    # The odds of the default settings, from an ensemble run in the background while the page stepped.
    page.locator(".mali-ensemble").first.wait_for(timeout=180_000)
    ensemble_s = time.perf_counter() - opened
    odds = page.locator(".mali-ensemble").all_inner_texts()
    assert re.match(r"P\(coup within 365 d\) = [01]\.\d\d \[", odds[0]), odds
    assert "scenario baseline" in page.locator(".mali-ensemble-n").inner_text()

    # Playback: the day slider shows an earlier day and the map moves back; Latest follows the run again.
    latest_map = page.locator(".vue-grid-item img").first.get_attribute("src")
    day_slider = page.locator(".v-input", has_text="Show day").locator(".v-slider").first
    day_slider.scroll_into_view_if_needed()  # the map panel scrolls: bring the slider into sight first
    box = day_slider.bounding_box()
    page.mouse.click(box["x"] + 0.05 * box["width"], box["y"] + box["height"] / 2)  # near the left end: day 0
    page.get_by_text("(playback)").wait_for(timeout=30_000)
    assert re.search(r"showing day [0-4] of 5", page.locator(".mali-shown-day").inner_text())
    page.wait_for_function("old => document.querySelector('.vue-grid-item img').getAttribute('src') !== old",
                           arg=latest_map, timeout=30_000)  # the map moved back
    page.get_by_role("button", name="Latest").click()
    page.get_by_text("showing day 5 of 5").wait_for(timeout=30_000)

    # Export: the run's daily series downloads as a CSV that parses, one row a day so far.
    with page.expect_download(timeout=60_000) as download:
        page.get_by_text("Daily series (CSV)").click()
    exported = pd.read_csv(download.value.path())
    assert list(exported["day"]) == list(range(6)) and "fuel_price_cfa" in exported
    with page.expect_download(timeout=60_000) as download:
        page.get_by_text("Map (PNG)").click()
    assert Path(download.value.path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    # Layers: the population toggle redraws the map.
    before_layer = page.locator(".vue-grid-item img").first.get_attribute("src")
    page.get_by_role("button", name="population").click()
    page.wait_for_function("old => document.querySelector('.vue-grid-item img').getAttribute('src') !== old",
                           arg=before_layer, timeout=30_000)
    page.get_by_role("button", name="population").click()  # and off again
    # Replay plays the days run back and ends on the latest again.
    page.get_by_role("button", name="Replay").click()
    page.get_by_role("button", name="Replay").wait_for(timeout=60_000)  # Pause while it plays, Replay at the end
    page.get_by_text("showing day 5 of 5").wait_for(timeout=30_000)

    slider = page.locator(".v-input", has_text="blockade_intensity").locator(".v-slider").first
    box = slider.bounding_box()
    page.mouse.click(box["x"] + box["width"] - 2, box["y"] + box["height"] / 2)  # drag to the top of the range
    page.locator(".v-select", has_text="Scenario").first.click()
    page.get_by_role("option", name="stand_down").click()
    seed_box = page.locator(".v-text-field", has_text="Seed").locator("input").first
    seed_box.fill("7")
    seed_box.press("Enter")  # the seed arrives as text
    page.get_by_role("button", name="Reset").click()
    page.get_by_text("Step: 0").wait_for(timeout=30_000)
    page.wait_for_function("() => document.querySelector('.mali-settings').innerText.includes('seed 7')",
                           timeout=30_000)
    settings = page.locator(".mali-settings").inner_text()
    assert "scenario stand_down" in settings
    blockade = float(re.search(r"blockade_intensity ([0-9.]+)", settings).group(1))
    assert blockade >= 0.9, settings  # was 0.45: the slider reached the model
    assert "mercenary_stand_down 1" in settings  # the scenario's own override
    timings.append(step_and_time(page, 1))
    # The moved slider and the new scenario make a new ensemble, whose odds replace the old ones.
    page.wait_for_function("() => { const n = document.querySelector('.mali-ensemble-n');"
                           " return n && n.innerText.includes('scenario stand_down'); }", timeout=180_000)
    assert "blockade_intensity 1" in page.locator(".mali-ensemble-n").inner_text() or \
        float(re.search(r"blockade_intensity ([0-9.]+)", page.locator(".mali-ensemble-n").inner_text()).group(1)) >= 0.9

    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT), full_page=True)
    text = page.inner_text("body")
    assert not ERROR_TEXT.search(text), ERROR_TEXT.search(text).group(0)
    assert "PAGE 0" not in text.upper() and not page.locator(".v-tab").first.is_visible()  # no stray tab
    median = statistics.median(timings)
    print(f"\nstep + render in the browser: median {median:.2f} s over {len(timings)} steps "
          f"(max {max(timings):.2f} s); the default settings' 40-run ensemble shown {ensemble_s:.1f} s after "
          f"the page opened, while it stepped; screenshot {SCREENSHOT}")
    assert median < 5.0, "far beyond the 1 s budget: the page is not updating"
