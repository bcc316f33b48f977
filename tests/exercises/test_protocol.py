"""The parent-child protocol of a check: the job each side builds, and what the end of an
exchange carries (only what the parent has not already been sent)."""

from fastapi_responses_cli.exercises.spec import load_spec

from .test_contract import CONTRACT


def test_an_early_job_is_filled_in_as_check_path_would_send_it(tmp_path):
    """`frcli exercise check` sends the child only the exercise and the file; the child fills
    in the rest with the same builder check_path uses, so both run the same job."""
    from fastapi_responses_cli.exercises.checker import check_job
    from fastapi_responses_cli.exercises.child import _from_spec

    for name in CONTRACT:
        path = tmp_path / f"{name}.py"
        early = {"exercise": name, "path": str(path)}
        _from_spec(early)
        assert early == check_job(name, path, load_spec(name))
        assert early["timeout"] == load_spec(name).timeout and early["requests"]
