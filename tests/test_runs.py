"""Sorted runs and their merge work on UTF-8 bytes; the order must be str's (code points)."""

from kg.pipeline import _write_run, merge_runs


def test_runs_merge_in_code_point_order(tmp_path):
    lines = ["<a> <p> \"zeta\" .", "<a> <p> \"é\" .", "<a> <p> \"\U0001F600\" .", "<a> <p> \"ｚ\" .",
             "<b> <p> \"x\" .", "<a> <p> \"A\" ."]
    runs = [_write_run([line + "\n" for line in part], [], tmp_path, i)[0]
            for i, part in enumerate((lines[:3], lines[3:], lines[1:4]))]  # overlapping runs
    n = merge_runs(runs, tmp_path / "all.nt")
    merged = (tmp_path / "all.nt").read_text(encoding="utf-8").splitlines()
    assert merged == sorted(set(lines)) and n == len(set(lines))
