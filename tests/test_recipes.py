"""The deploy recipes: valid for GitHub Actions and GitLab CI, and doing what docs/menerbitkan.md says.

Both files are validated against the public schemas that check-jsonschema
ships (offline), then read as YAML to check what matters for a Warta site:
`warta check` before the build, the base URL the host gives, `public/` as the
published folder. The shell and Python the recipes run to add the Decap CMS
bundle are run here too, against a small fake package, without a network.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
GITLAB = REPO / ".gitlab-ci.yml"

# What the recipes must copy out of the npm package, and what they must leave behind.
BUNDLE_FILES = {"decap-cms.js", "103.decap-cms.js", "dd5d52671a5763720504.wasm", "decap-cms.js.LICENSE.txt"}
NOT_COPIED = {"cms.js", "103.cms.js", "decap-cms.js.map", "cms.css"}


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def github_steps() -> list[dict]:
    return load(WORKFLOW)["jobs"]["build"]["steps"]


def step_index(steps: list[dict], predicate) -> int:
    matches = [i for i, step in enumerate(steps) if predicate(step)]
    assert len(matches) == 1, matches
    return matches[0]


def runs(command: str):
    return lambda step: command in step.get("run", "")


def uses(action: str):
    return lambda step: step.get("uses", "").split("@")[0] == action


@pytest.mark.parametrize(("path", "schema"), [(WORKFLOW, "vendor.github-workflows"), (GITLAB, "vendor.gitlab-ci")])
def test_recipe_matches_the_public_schema(path: Path, schema: str) -> None:
    result = subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


# --- GitHub Pages ---------------------------------------------------------------------------

def test_github_workflow_triggers_and_permissions() -> None:
    workflow = load(WORKFLOW)
    triggers = workflow[True] if True in workflow else workflow["on"]  # PyYAML reads the key `on` as True
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    group = workflow["concurrency"]["group"]
    assert "'pages'" in group or group == "pages"  # pushes and manual runs share the group "pages"
    assert workflow["concurrency"]["cancel-in-progress"] is False


def test_github_workflow_rebuilds_daily_early_in_the_morning_wib_with_todays_date() -> None:
    workflow = load(WORKFLOW)
    triggers = workflow[True] if True in workflow else workflow["on"]
    crons = [entry["cron"] for entry in triggers["schedule"]]
    assert len(crons) == 1
    minute, hour, day, month, weekday = crons[0].split()
    assert (day, month, weekday) == ("*", "*", "*")  # every day
    wib = (int(hour) + 7) % 24 * 60 + int(minute)  # cron is UTC; WIB is UTC+7
    assert 0 <= wib < 6 * 60, crons  # after midnight in Jakarta, before readers wake up
    # The scheduled run is deployed like a push (only pull requests are not) and uses the clock.
    assert load(WORKFLOW)["jobs"]["deploy"]["if"] == "github.event_name != 'pull_request'"
    build = github_steps()[step_index(github_steps(), runs("warta build"))]
    assert "--tanggal" not in build["run"] and "SOURCE_DATE_EPOCH" not in workflow["env"]
    assert all("SOURCE_DATE_EPOCH" not in step.get("env", {}) for step in github_steps())


def test_github_workflow_checks_before_building_with_the_pages_url() -> None:
    steps = github_steps()
    checkout = step_index(steps, uses("actions/checkout"))
    python = step_index(steps, uses("actions/setup-python"))
    install = step_index(steps, runs("pip install"))
    check = step_index(steps, runs("warta check"))
    configure = step_index(steps, uses("actions/configure-pages"))
    build = step_index(steps, runs("warta build"))
    upload = step_index(steps, uses("actions/upload-pages-artifact"))
    assert checkout < python < install < check < build < upload
    assert configure < build

    setup = steps[python]["with"]
    assert setup["cache"] == "pip"
    major, minor = (int(part) for part in str(setup["python-version"]).split(".")[:2])
    assert (major, minor) >= (3, 11)
    assert steps[install]["run"].strip() == "pip install ."  # this repository publishes its own sample site

    pages_id = steps[configure]["id"]
    assert f'--base-url "${{{{ steps.{pages_id}.outputs.base_url }}}}/"' in steps[build]["run"]
    assert steps[upload]["with"]["path"] == "public"
    assert steps[upload].get("if") == "github.event_name != 'pull_request'"


def test_github_workflow_keeps_wartas_cache() -> None:
    workflow = load(WORKFLOW)
    steps = github_steps()
    cache = steps[step_index(steps, uses("actions/cache"))]
    assert workflow["env"]["WARTA_CACHE_DIR"].endswith("/.warta-cache")
    assert cache["with"]["path"] == ".warta-cache"
    assert "hashFiles(" in cache["with"]["key"] and "content/**" in cache["with"]["key"]
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"].strip())
    assert steps.index(cache) < step_index(steps, runs("warta build"))


def test_github_deploy_job_needs_build_and_uses_the_pages_environment() -> None:
    deploy = load(WORKFLOW)["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert "steps.deployment.outputs.page_url" in deploy["environment"]["url"]
    assert [step["uses"].split("@")[0] for step in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["steps"][0]["id"] == "deployment"
    assert deploy["if"] == "github.event_name != 'pull_request'"  # pull requests are checked, never deployed


def test_github_workflow_uses_current_official_actions() -> None:
    workflow = load(WORKFLOW)
    actions = [step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]
    assert actions and all(action.startswith("actions/") for action in actions)
    minimum = {"actions/checkout": 4, "actions/setup-python": 5, "actions/cache": 4, "actions/configure-pages": 5,
               "actions/upload-pages-artifact": 4, "actions/deploy-pages": 4}
    for action in actions:
        name, version = action.split("@")
        assert version.startswith("v") and int(version[1:]) >= minimum[name], action


# --- GitLab Pages ---------------------------------------------------------------------------

def test_gitlab_pages_job_publishes_public_from_the_default_branch() -> None:
    pipeline = load(GITLAB)
    job = pipeline["pages"]
    assert job["script"] == ["warta check", 'warta build --base-url "$CI_PAGES_URL/"']
    assert job["artifacts"]["paths"] == ["public"]
    assert job["rules"][-1] == {"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}
    default = pipeline["default"]
    assert default["image"].startswith("python:3.")
    assert default["before_script"][0] == "pip install ."
    assert pipeline["variables"]["WARTA_CACHE_DIR"] == "$CI_PROJECT_DIR/.warta-cache"
    assert ".warta-cache/" in default["cache"]["paths"]


def test_gitlab_pages_job_runs_on_the_daily_schedule_with_todays_date() -> None:
    """A schedule cannot live in the file: the job must accept `schedule` pipelines and the file says how to make one."""
    pipeline = load(GITLAB)
    job = pipeline["pages"]
    assert {"if": '$CI_PIPELINE_SOURCE == "schedule" && $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH'} in job["rules"]
    assert not any("--tanggal" in line for line in job["script"])
    assert "SOURCE_DATE_EPOCH" not in pipeline["variables"] and "variables" not in job
    comments = "\n".join(line for line in GITLAB.read_text(encoding="utf-8").splitlines() if line.startswith("#"))
    assert "Pipeline schedules" in comments and "Asia/Jakarta" in comments and "--tanggal" in comments


def test_gitlab_checks_merge_requests() -> None:
    job = load(GITLAB)["check"]
    assert job["script"] == ["warta check"]
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]


# --- The Decap CMS bundle, added only when site.toml enables the editor ----------------------

def fake_decap_package(folder: Path) -> Path:
    """A decap-cms-X.tgz laid out like the real one (package/dist/...), with tiny files."""
    archive = folder / "decap-cms-9.9.9.tgz"
    with tarfile.open(archive, "w:gz") as tar:
        for name in ["package/README.md", *(f"package/dist/{n}" for n in sorted(BUNDLE_FILES | NOT_COPIED))]:
            data = f"// {name}\n".encode()
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return archive


SITE_TOMLS = {
    "enabled": '[admin]\nenabled = true\nrepo = "org/situs"\n',
    "disabled": '[admin]\nenabled = false\nrepo = "org/situs"\n',
    "absent": 'title = "Bawaslu"\n',
}


def site_folder(tmp_path: Path, toml: str) -> Path:
    site = tmp_path / "situs"
    site.mkdir()
    (site / "site.toml").write_text(toml, encoding="utf-8")
    return site


@pytest.mark.parametrize("case", sorted(SITE_TOMLS))
def test_github_adds_the_bundle_only_when_the_editor_is_enabled(tmp_path: Path, case: str) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is needed to run the workflow's shell steps")
    site = site_folder(tmp_path, SITE_TOMLS[case])
    steps = github_steps()
    detect = steps[step_index(steps, lambda s: s.get("shell") == "python")]
    output = tmp_path / "github-output"
    subprocess.run([sys.executable, "-c", detect["run"]], cwd=site, check=True, timeout=60,
                   env={**os.environ, "GITHUB_OUTPUT": str(output)})
    outputs = dict(line.split("=", 1) for line in output.read_text().splitlines())
    assert outputs == {"enabled": "true" if case == "enabled" else "false"}

    bundle = steps[step_index(steps, runs("npm pack"))]
    assert bundle["if"] == f"steps.{detect['id']}.outputs.enabled == 'true'"
    assert step_index(steps, runs("npm pack")) < step_index(steps, runs("warta check"))
    if case != "enabled":
        return
    # npm itself needs the registry: a stand-in `npm pack` drops the fake package where npm would.
    tools = tmp_path / "bin"
    tools.mkdir()
    package = fake_decap_package(tmp_path)
    (tools / "npm").write_text(f'#!/bin/sh\ncp "{package}" "decap-cms-$DECAP_CMS_VERSION.tgz"\n')
    (tools / "npm").chmod(0o755)
    env = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ['PATH']}", "DECAP_CMS_VERSION": "9.9.9"}
    subprocess.run([bash, "-e", "-c", bundle["run"]], cwd=site, check=True, timeout=60, env=env)
    assert {p.name for p in (site / "static" / "admin").iterdir()} == BUNDLE_FILES
    assert sorted(p.name for p in site.iterdir()) == ["site.toml", "static"]  # the package is cleaned up


@pytest.mark.parametrize("case", sorted(SITE_TOMLS))
def test_gitlab_adds_the_bundle_only_when_the_editor_is_enabled(tmp_path: Path, case: str) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is needed to run the pipeline's shell steps")
    site = site_folder(tmp_path, SITE_TOMLS[case])
    script = load(GITLAB)["default"]["before_script"][1]
    python = tmp_path / "bin"
    python.mkdir()
    (python / "python").symlink_to(sys.executable)
    url = fake_decap_package(tmp_path).as_uri()
    env = {**os.environ, "PATH": f"{python}{os.pathsep}{os.environ['PATH']}", "DECAP_CMS_URL": url,
           "DECAP_CMS_VERSION": "9.9.9"}
    subprocess.run([bash, "-e", "-c", script], cwd=site, check=True, timeout=60, env=env)
    copied = site / "static" / "admin"
    if case == "enabled":
        assert {p.name for p in copied.iterdir()} == BUNDLE_FILES
    else:
        assert not copied.exists()


def test_both_recipes_fetch_the_same_decap_release() -> None:
    github = load(WORKFLOW)["env"]["DECAP_CMS_VERSION"]
    gitlab = load(GITLAB)["variables"]
    assert github == gitlab["DECAP_CMS_VERSION"]
    assert github.split(".")[0] == "3"
    assert gitlab["DECAP_CMS_URL"] == "https://registry.npmjs.org/decap-cms/-/decap-cms-$DECAP_CMS_VERSION.tgz"


def test_docs_describe_the_recipes() -> None:
    docs = (REPO / "docs" / "menerbitkan.md").read_text(encoding="utf-8")
    for needle in (".github/workflows/pages.yml", ".gitlab-ci.yml", "warta check", "--base-url", "GitHub Actions",
                   "npx decap-server", "[admin]", "static/admin", "rsync"):
        assert needle in docs, needle
