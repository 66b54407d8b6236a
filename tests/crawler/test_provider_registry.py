"""The provider registry: the 16 shipped files are valid and match the devset, bad files
are rejected with messages naming file, field and problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.providers import ProviderConfigError, load_file, load_registry, provider_for_url
from crawler.registry_cli import providers_command
from indexer.config import shared_dir

GOOD = """\
id: good-college
name: {en: Good College, cy: Coleg Da}
type: college
nation: wales
website: http://good-college.example
sitemaps: [http://good-college.example/sitemap.xml]
course_page: ['^http://good-college\\.example/courses/[^/]+$']
selectors:
  title: 'css:h1.title'
  duration_text: "xpath://dt[.='Duration']/following-sibling::dd[1]"
  cost_text: ['css:.fee', 'css:.cost']
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_registry_is_valid_and_complete() -> None:
    registry = load_registry()
    assert len(registry) == 16
    shapes = {cfg.extraction for cfg in registry.values()}
    assert shapes == {"auto", "selectors", "xcri"}


def test_registry_matches_devset_providers() -> None:
    path = shared_dir() / "devsets" / "providers.json"
    if not path.exists():
        pytest.skip("shared devsets not available")
    registry = load_registry()
    for provider in json.loads(path.read_text(encoding="utf-8")):
        cfg = registry[provider["id"]]
        assert (cfg.name.en, cfg.name.cy) == (provider["name_en"], provider["name_cy"])
        assert (cfg.type, cfg.nation, cfg.website) == (
            provider["type"],
            provider["nation"],
            provider["website"],
        )


def test_good_file_loads(tmp_path: Path) -> None:
    cfg = load_file(_write(tmp_path, "good-college", GOOD))
    assert cfg.host == "good-college.example"
    assert cfg.selector_list("cost_text") == ["css:.fee", "css:.cost"]
    assert cfg.ref().name.cy == "Coleg Da"


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        (("nation: wales", "nation: mars"), "nation", "Input should be"),
        (("type: college", "type: school"), "type", "Input should be"),
        (("title: 'css:h1.title'", "title: 'css:h1[[['"), "selectors", "invalid css selector"),
        (
            ("title: 'css:h1.title'", "title: 'h1.title'"),
            "selectors",
            "must start with 'css:' or 'xpath:'",
        ),
        (("title: 'css:h1.title'", "titel: 'css:h1'"), "selectors", "unknown field 'titel'"),
        (("courses/[^/]+$'", "courses/[^/+$'"), "course_page", "invalid regular expression"),
        (
            ("website: http://good-college.example", "website: good-college.example"),
            "website",
            "absolute http(s) URL",
        ),
        (
            ("name: {en: Good College, cy: Coleg Da}", "name: {cy: Coleg Da}"),
            "name.en",
            "Field required",
        ),
        (
            ("type: college", "type: college\nspider: custom"),
            "spider",
            "Extra inputs are not permitted",
        ),
    ],
)
def test_bad_files_name_file_field_and_problem(
    tmp_path: Path, change: tuple[str, str], field: str, problem: str
) -> None:
    path = _write(tmp_path, "good-college", GOOD.replace(*change))
    with pytest.raises(ProviderConfigError) as caught:
        load_file(path)
    message = str(caught.value)
    assert message.startswith("good-college.yaml: ")
    assert f": {field}" in message
    assert problem in message


def test_id_must_match_file_name(tmp_path: Path) -> None:
    with pytest.raises(ProviderConfigError, match="does not match the file name"):
        load_file(_write(tmp_path, "other-name", GOOD))


def test_unreadable_yaml(tmp_path: Path) -> None:
    with pytest.raises(ProviderConfigError, match=r"broken\.yaml: \(file\): cannot read YAML"):
        load_file(_write(tmp_path, "broken", "id: [unclosed\n"))


def test_check_command_exit_status(tmp_path: Path) -> None:
    runner = CliRunner()
    _write(tmp_path, "good-college", GOOD)
    ok = runner.invoke(providers_command, ["check", "--dir", str(tmp_path)])
    assert ok.exit_code == 0, ok.output
    assert "1 of 1 provider files valid" in ok.output

    _write(
        tmp_path,
        "bad-college",
        GOOD.replace("good-college", "bad-college").replace("nation: wales", "nation: mars"),
    )
    bad = runner.invoke(providers_command, ["check", "--dir", str(tmp_path)])
    assert bad.exit_code == 1
    assert "error: bad-college.yaml: nation:" in bad.output
    assert "1 of 2 provider files valid" in bad.output


def test_shipped_check_and_list() -> None:
    runner = CliRunner()
    assert runner.invoke(providers_command, ["check"]).exit_code == 0
    listing = runner.invoke(providers_command, ["list"])
    assert listing.exit_code == 0
    assert "coleg-taf-elai" in listing.output and "Coleg Taf Elái" in listing.output


def test_provider_for_url_matches_host() -> None:
    assert provider_for_url("http://coleg-dyfi.example/en/courses/x").id == "coleg-dyfi"
    assert provider_for_url("http://unknown.example/") is None


def test_a_bad_file_leaves_out_only_its_own_provider(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crawler.providers import get_provider, registry_problems

    _write(tmp_path, "good-college", GOOD)
    _write(
        tmp_path,
        "bad-college",
        GOOD.replace("good-college", "bad-college").replace("wales", "mars"),
    )
    monkeypatch.setenv("CRAWLER_PROVIDERS_DIR", str(tmp_path))
    assert list(load_registry()) == ["good-college"]
    (problem,) = registry_problems().values()
    assert problem.path.name == "bad-college.yaml" and problem.problems[0][0] == "nation"
    with pytest.raises(ProviderConfigError, match="bad-college.yaml: nation"):
        get_provider("bad-college")
    result = CliRunner().invoke(providers_command, ["check"])
    assert result.exit_code == 1 and "error: bad-college.yaml: nation:" in result.output


def test_shipped_registry_has_no_problems() -> None:
    from crawler.providers import registry_problems

    assert registry_problems() == {}
