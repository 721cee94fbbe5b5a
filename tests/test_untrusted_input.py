"""A stack file is untrusted text: whatever it holds, the command exits 0 or exits 2 with one
line per problem at `file:line:column`, quickly, without a traceback, a hang or a blow-up."""

from __future__ import annotations

import fcntl
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli_run import run
from tests.conftest import ROOT

SERVICE = "name: shop\nservices:\n  web: {port: 80}\n"
ONE_PROBLEM = re.compile(r"^[^\n]+:\d+:\d+: [^\n]+$")


def one_problem(result_stderr: str) -> str:
    lines = result_stderr.splitlines()
    assert len(lines) == 1, result_stderr
    assert ONE_PROBLEM.match(lines[0]), lines[0]
    return lines[0]


def validate(path: Path, *extra: str) -> tuple[int, str]:
    result = run("validate", str(path), *extra)
    return result.code, result.stderr


BILLION_LAUGHS = SERVICE + "".join(
    f"x-lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 10) if i else ', '.join(['lol'] * 10)}]\n"
    for i in range(9)
)


@pytest.mark.parametrize(
    ("text", "where", "says"),
    [
        (BILLION_LAUGHS, ":8:", "aliases expand this file to more than 100,000 values"),
        (SERVICE + "x: &a {b: *a}\n", ":4:11:", "refers to a value that contains it"),
        (
            "name: shop\nservices:\n  web: &w {port: 80, uses: [*w]}\n",
            ":3:29:",
            "refers to a value that contains it",
        ),
        (SERVICE + "x: " + "[" * 1000 + "]" * 1000 + "\n", ":4:", "nested more than 32 levels"),
        (SERVICE + "x: " + "[" * 100_000 + "]" * 100_000 + "\n", ":4:", "nested more than"),
    ],
    ids=["billion-laughs", "recursive-alias", "recursive-uses", "nested-1000", "nested-100000"],
)
def test_expansion_recursion_and_depth_are_bounded_before_building(
    write_stack, text: str, where: str, says: str
) -> None:  # type: ignore[no-untyped-def]
    started = time.monotonic()
    code, stderr = validate(write_stack(text))
    assert code == 2
    line = one_problem(stderr)
    assert where in line and says in line
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    ("snippet", "says"),
    [
        ("services: {web: {port: 80, count: " + "1" * 4301 + "}}", "far too long"),
        ("usage: {data_out_gb: .inf}", ".inf is not a finite number"),
        ("usage: {data_out_gb: .nan}", ".nan is not a finite number"),
        ("usage: {data_out_gb: 1e308}", "less than or equal to 1000000000"),
        ("usage: {data_out_gb: 1e999}", "finite number"),
        ("usage: {requests_per_month: " + "9" * 42 + "}", "far too long"),
        ("usage: {requests_per_month: 9999999999999999}", "too large"),
        ("buckets: {b: {expected_gb: .inf}}", "finite number"),
        ("budget: {monthly_usd: .inf}", "finite number"),
        ("budget: {monthly_usd: 1e308}", "less than or equal"),
        ("alarms: {thresholds: {db_free_storage: .nan}}", "finite number"),
        ("services: {web: {port: 80, memory: '" + "1" * 400 + "GB'}}", "not a memory size"),
        ("dr: {rto: '" + "9" * 400 + "h'}", "not a duration"),
    ],
)
def test_absurd_numbers_are_refused_where_written(write_stack, snippet: str, says: str) -> None:  # type: ignore[no-untyped-def]
    text = SERVICE + "postgres: {}\n" + snippet + "\n"
    if snippet.startswith("services:"):
        text = "name: shop\npostgres: {}\n" + snippet + "\n"
    for command in ("validate", "plan"):
        result = run(command, str(write_stack(text)), "--json")
        assert result.code == 2, result.stdout
        (error,) = json.loads(result.stdout)["errors"]
        assert error["line"] == text.count("\n") and says in error["message"], error


def test_special_files_are_refused_without_reading_or_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "stack.fifo"
    os.mkfifo(fifo)
    for path, says in (
        (fifo, "this is a named pipe, not a stack file"),
        (Path("/dev/zero"), "this is a device, not a stack file"),
        (tmp_path, "this is a directory, not a stack file"),
        (Path("."), "this is a directory"),
    ):
        started = time.monotonic()
        code, stderr = validate(path)
        assert code == 2 and says in one_problem(stderr), stderr
        assert time.monotonic() - started < 2


def test_a_huge_file_is_refused_unread(tmp_path: Path) -> None:
    big = tmp_path / "stack.yaml"
    big.write_text(SERVICE + "#" * 1_100_000 + "\n")
    code, stderr = validate(big)
    assert code == 2 and "larger than 1,000,000 bytes" in one_problem(stderr)


def test_file_level_problems_still_have_a_position(tmp_path: Path) -> None:
    code, stderr = validate(tmp_path / "absent.yaml")
    assert code == 2 and one_problem(stderr) == f"{tmp_path}/absent.yaml:1:1: no such file"
    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"name: shop\nservices:\n  web: {port: 80}\n# caf\xe9\n")
    code, stderr = validate(latin)
    assert code == 2
    assert one_problem(stderr).startswith(f"{latin}:4:6: not UTF-8 text")


def test_yaml_reader_errors_point_at_the_character(write_stack) -> None:  # type: ignore[no-untyped-def]
    code, stderr = validate(write_stack(SERVICE + 'x: "\0"\ny: caf\u00e9 \x07\n'))
    assert code == 2
    assert one_problem(stderr).endswith(
        ":4:5: the character U+0000 is not allowed in YAML "
        "(write it as an escape inside double quotes, or remove it)"
    )
    code, stderr = validate(write_stack(SERVICE + "y: café \x07\n"))
    assert ":4:9: the character U+0007" in one_problem(stderr)


def test_tags_are_refused_on_every_kind_of_node(write_stack) -> None:  # type: ignore[no-untyped-def]
    for text in (
        "name: shop\nservices: !!python/object:os.system {web: {port: 80}}\n",
        "name: shop\nservices:\n  web: {port: 80, uses: !!set {a: null}}\n",
        "name: shop\nservices:\n  web: {port: 80, command: !!python/name:os.system ''}\n",
    ):
        code, stderr = validate(write_stack(text))
        assert code == 2 and ("tag" in one_problem(stderr)), stderr


def test_keys_are_names_as_written(write_stack) -> None:  # type: ignore[no-untyped-def]
    code, stderr = validate(write_stack("name: shop\nservices:\n  on: {port: 80}\n  80: {}\n"))
    assert code == 2
    assert "services.80: '80' is not a usable name" in one_problem(stderr)


def test_messages_print_no_emoji_and_no_control_characters(write_stack) -> None:  # type: ignore[no-untyped-def]
    text = SERVICE + "#\n" * 96 + "oops: 1\n"
    code, stderr = validate(write_stack(text))
    assert code == 2 and ":100:1: oops: unknown key 'oops'" in one_problem(stderr)
    escape = write_stack('name: shop\n"\\e[2J\\e]0;pwned\\a": 1\nservices:\n  web: {port: 80}\n')
    code, stderr = validate(escape)
    line = one_problem(stderr)
    assert "\x1b" not in stderr and "\x07" not in stderr
    assert "\\x1b[2J\\x1b]0;pwned\\x07" in line
    for text in (
        'name: shop\n"a\\nb": 1\nservices:\n  web: {port: 80}\n',
        'name: "shop\\nshop"\nservices:\n  web: {port: 80}\n',
        'name: shop\nservices:\n  web: {port: 80, uses: ["a\\nb"]}\n',
        'name: shop\nservices:\n  web: {port: 80}\ndr: {rto: "4\\nh"}\n',
    ):
        code, stderr = validate(write_stack(text))
        assert code == 2
        assert "\\n" in one_problem(stderr)
        result = run("validate", str(write_stack(text)), "--json")
        assert "\n" not in json.loads(result.stdout)["errors"][0]["message"]


def test_a_stack_path_with_a_newline_is_escaped(tmp_path: Path) -> None:
    path = tmp_path / "odd\nname.yaml"
    path.write_text("name: shop\n")
    code, stderr = validate(path)
    assert code == 2 and "odd\\nname.yaml:1:1:" in one_problem(stderr)


def test_command_line_mistakes_are_one_line_and_exit_2(tmp_path: Path) -> None:
    dashed = tmp_path / "-x.yaml"
    dashed.write_text(SERVICE)
    os.chdir(tmp_path)
    result = run("validate", "-x.yaml")
    assert result.code == 2
    assert result.error_lines == [
        "stackwright: No such option: -x (a file whose name starts with '-' is written as "
        "./-name.yaml)"
    ]
    result = run("validate", "--json", "-x.yaml")
    assert result.code == 2 and json.loads(result.stdout)["errors"][0]["hint"]
    assert run("validate", "./-x.yaml").code == 0
    for args in (("plan",), ("bogus",), ("plan", "x.yaml", "--phase", "9")):
        result = run(*args)
        assert result.code == 2 and len(result.error_lines) == 1, result.stderr


def test_an_unknown_environment_points_at_the_environments_key(write_stack) -> None:  # type: ignore[no-untyped-def]
    path = write_stack(SERVICE + "environments:\n  prod: {}\n")
    result = run("plan", str(path), "--env", "nope")
    assert result.code == 2
    assert one_problem(result.stderr).startswith(f"{path}:4:1: environments: no environment")


@pytest.mark.parametrize("locale", ["POSIX", "C", "ja_JP.EUC-JP", "en_US.ISO-8859-1"])
def test_plan_prints_under_any_locale(locale: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "stackwright", "plan", "examples/trucking-tms/stack.yaml"],
        cwd=ROOT,
        capture_output=True,
        env={**os.environ, "LC_ALL": locale, "PYTHONUTF8": "0", "PYTHONIOENCODING": ""},
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert b"andi-tms" in result.stdout and b"total" in result.stdout


@pytest.mark.parametrize("manifest", ["[]", '"x"', "7", "{}", '{"files": null}', "{oops"])
def test_a_manifest_of_the_wrong_shape_is_a_clear_error(tmp_path: Path, manifest: str) -> None:
    stack = tmp_path / "stack.yaml"
    stack.write_text(SERVICE)
    out = tmp_path / "out"
    out.mkdir()
    (out / ".stackwright-manifest.json").write_text(manifest)
    result = run("build", str(stack), "-o", str(out))
    assert result.code == 1
    assert (
        "is not a stackwright manifest" in result.stderr and "internal error" not in result.stderr
    )


def test_generated_files_get_the_umask_mode_and_keep_a_mode_set_by_hand(tmp_path: Path) -> None:
    stack = tmp_path / "stack.yaml"
    stack.write_text(SERVICE)
    out = tmp_path / "out"
    previous = os.umask(0o022)
    try:
        assert run("build", str(stack), "-o", str(out)).code == 0
        versions = out / "terraform" / "prod" / "versions.tf"
        assert versions.stat().st_mode & 0o777 == 0o644
        versions.write_text("# edited by hand\n")
        versions.chmod(0o444)
        assert run("build", str(stack), "-o", str(out), "--force").code == 0
        assert versions.stat().st_mode & 0o777 == 0o444
        assert "edited by hand" not in versions.read_text()
    finally:
        os.umask(previous)


def test_a_symlink_loop_is_a_clear_error(tmp_path: Path) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    code, stderr = validate(loop)
    assert code == 2 and "cannot read: Too many levels of symbolic links" in one_problem(stderr)


def test_builds_into_one_folder_take_turns(tmp_path: Path) -> None:
    stack = tmp_path / "stack.yaml"
    stack.write_text(SERVICE)
    out = tmp_path / "out"
    out.mkdir()
    holder = os.open(out, os.O_RDONLY | os.O_DIRECTORY)
    fcntl.flock(holder, fcntl.LOCK_EX)  # as another build would
    build = subprocess.Popen(
        [sys.executable, "-m", "stackwright", "build", str(stack), "-o", str(out)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            build.wait(timeout=3)
        assert not (out / "terraform").exists()
    finally:
        os.close(holder)
    assert build.wait(timeout=60) == 0
    assert (out / "terraform" / "prod" / "versions.tf").exists()


def test_depth_counts_what_aliases_repeat(write_stack) -> None:  # type: ignore[no-untyped-def]
    layers = "".join(
        f"x{i}: &a{i} " + "[" * 30 + f"*a{i - 1}" + "]" * 30 + "\n" for i in range(1, 18)
    )
    code, stderr = validate(write_stack(SERVICE + "x0: &a0 x\n" + layers))
    assert code == 2 and "nested more than 32 levels deep" in one_problem(stderr)


def test_no_tag_is_allowed_even_on_a_plain_value(write_stack) -> None:  # type: ignore[no-untyped-def]
    for value in ("!!binary bmdpbng6MQ==", "!!str nginx:1", "!custom x"):
        path = write_stack(f"name: shop\nservices:\n  web: {{port: 80, image: {value}}}\n")
        code, stderr = validate(path)
        assert code == 2 and "is not allowed: a stack file holds plain values" in one_problem(
            stderr
        )


@pytest.mark.parametrize(
    ("make", "says"),
    [
        (lambda p: os.mkfifo(p), "not a regular file"),
        (lambda p: p.symlink_to("/dev/zero"), "not a regular file"),
    ],
    ids=["fifo", "device"],
)
def test_a_special_file_in_the_output_is_never_read(tmp_path: Path, make, says: str) -> None:  # type: ignore[no-untyped-def]
    stack = tmp_path / "stack.yaml"
    stack.write_text(SERVICE)
    out = tmp_path / "out"
    (out / "terraform" / "prod").mkdir(parents=True)
    make(out / "terraform" / "prod" / "compute.tf")
    started = time.monotonic()
    result = run("build", str(stack), "-o", str(out))
    assert result.code == 4 and says in result.stderr
    assert time.monotonic() - started < 10


def test_a_deeply_nested_manifest_is_a_clear_error(tmp_path: Path) -> None:
    stack = tmp_path / "stack.yaml"
    stack.write_text(SERVICE)
    out = tmp_path / "out"
    out.mkdir()
    (out / ".stackwright-manifest.json").write_text("[" * 100_000)
    result = run("build", str(stack), "-o", str(out))
    assert result.code == 1 and "is not a stackwright manifest (nested too deep)" in result.stderr


def test_nothing_is_written_through_a_linked_folder(tmp_path: Path) -> None:
    stack = tmp_path / "stack.yaml"
    stack.write_text(SERVICE)
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "terraform").mkdir(parents=True)
    (out / "terraform" / "prod").symlink_to(elsewhere)
    result = run("build", str(stack), "-o", str(out))
    assert result.code == 1 and "is a symbolic link" in result.stderr
    assert list(elsewhere.iterdir()) == []
