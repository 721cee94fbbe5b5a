"""Every kind of mistake in a stack file gives file:line:column, the key path, what was
expected, a suggestion where one exists, and never a traceback."""

from __future__ import annotations

import pytest

from stackwright.stack import StackError, load_stack, load_text


def problems(text: str) -> list[str]:
    with pytest.raises(StackError) as caught:
        load_text(text, "stack.yaml")
    return [str(p) for p in caught.value.problems]


def test_malformed_yaml_points_at_the_line() -> None:
    (message,) = problems("name: shop\nservices:\n  web:\n    port: 80\n   cpu: 256\n")
    assert message.startswith("stack.yaml:5:")
    assert "not valid YAML" in message


def test_tabs_are_explained() -> None:
    (message,) = problems("name: shop\nservices:\n\tweb: {}\n")
    assert "stack.yaml:3:" in message
    assert "spaces, not tabs" in message


def test_misspelled_key_names_the_right_one() -> None:
    (message,) = problems("name: shop\nservices:\n  web:\n    prot: 8080\n")
    assert message == "stack.yaml:4:5: services.web.prot: unknown key 'prot'; did you mean 'port'?"


def test_misspelled_top_level_key() -> None:
    (message,) = problems("name: shop\nservices: {web: {port: 80}}\npostgress: {}\n")
    assert message == "stack.yaml:3:1: postgress: unknown key 'postgress'; did you mean 'postgres'?"


def test_unknown_key_without_a_near_match_lists_the_allowed_keys() -> None:
    (message,) = problems("name: shop\nservices: {web: {port: 80}}\nlogs: {colour: blue}\n")
    assert "unknown key 'colour'" in message
    assert "allowed here: retention_days" in message


def test_wrong_type() -> None:
    (message,) = problems("name: shop\nservices:\n  web:\n    port: eighty\n")
    assert message.startswith("stack.yaml:4:11: services.web.port:")
    assert "integer" in message and "'eighty'" in message


def test_invalid_cpu_memory_pair_lists_the_valid_ones() -> None:
    (message,) = problems(
        "name: shop\nservices:\n  web:\n    port: 80\n    cpu: 256\n    memory: 4096\n"
    )
    assert message.startswith("stack.yaml:6:13: services.web.memory:")
    assert "no task size cpu 256 / memory 4096" in message
    assert "cpu 256: memory 512, 1024, 2048" in message


def test_cpu_that_fargate_lacks() -> None:
    (message,) = problems("name: shop\nservices:\n  web:\n    port: 80\n    cpu: 300\n")
    assert "stack.yaml:5:10: services.web.cpu: Fargate has no 300-unit task size" in message


def test_unknown_instance_class_suggests_the_nearest() -> None:
    (message,) = problems(
        "name: shop\nservices: {web: {port: 80}}\npostgres:\n  instance: db.t4g.micr\n"
    )
    assert message == (
        "stack.yaml:4:13: postgres.instance: unknown RDS instance class "
        "'db.t4g.micr'; did you mean 'db.t4g.micro'?"
    )


def test_uses_target_that_does_not_exist() -> None:
    (message,) = problems(
        "name: shop\nservices:\n  web:\n    port: 80\n    uses: [postgress]\npostgres: {}\n"
    )
    assert message.startswith("stack.yaml:5:12: services.web.uses.0: 'postgress' is not defined")
    assert "did you mean 'postgres'?" in message


def test_duplicate_key() -> None:
    (message,) = problems("name: shop\nname: other\nservices: {web: {port: 80}}\n")
    assert message.startswith("stack.yaml:2:1: name: duplicate key 'name' (first set on line 1)")


def test_missing_required_key() -> None:
    (message,) = problems("name: shop\n")
    assert message == "stack.yaml:1:1: services: missing required key 'services'"


def test_mistake_inside_environment_overrides_points_at_the_override() -> None:
    text = (
        "name: shop\nservices:\n  web: {port: 80}\nenvironments:\n  prod: {}\n  staging:\n"
        "    overrides:\n      services:\n        web: {count: many}\n"
    )
    (message,) = problems(text)
    assert message.startswith("stack.yaml:9:22: environments.staging.overrides.services.web.count:")


def test_two_web_services_without_routes() -> None:
    (message,) = problems("name: shop\nservices:\n  a: {port: 80}\n  b: {port: 81}\n")
    assert "'a' already takes the load balancer's default route" in message
    assert "give this service a `path:`" in message


def test_sub_minute_scheduled_task_is_pointed_at_worker_jobs() -> None:
    (message,) = problems("name: shop\nservices:\n  tick: {schedule: 30s, command: run}\n")
    assert "at most once a minute" in message and "worker's `jobs:`" in message


def test_bad_cron_expression() -> None:
    (message,) = problems("name: shop\nservices:\n  tick: {schedule: '0 25 * * *', command: x}\n")
    assert "services.tick.schedule" in message and "outside 0-23" in message


def test_log_retention_must_be_a_cloudwatch_value() -> None:
    (message,) = problems("name: shop\nservices: {web: {port: 80}}\nlogs: {retention_days: 10}\n")
    assert "the nearest is 7" in message


def test_missing_file(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(StackError) as caught:
        load_stack(tmp_path / "absent.yaml")
    assert "no such file" in str(caught.value)


def test_several_problems_are_all_reported_in_line_order() -> None:
    found = problems("name: shop\nservices:\n  web:\n    prot: 80\n    cpu: 300\n")
    assert [m.split(":")[1] for m in found] == ["4", "5"]


def test_a_single_name_where_a_list_belongs_suggests_the_list() -> None:
    (message,) = problems("name: shop\nservices: {web: {port: 80, uses: postgres}}\npostgres: {}\n")
    assert "services.web.uses: input should be a valid list, got 'postgres' (write [postgres])" in (
        message
    )
