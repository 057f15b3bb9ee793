"""Regression: a 1M-abstract build that filled the disk ended in a raw traceback (OSError
ENOSPC re-raised from a pool worker). It must say what is wrong and keep the last outputs."""

import errno

from kg import cli


def test_full_disk_is_a_clear_error_and_keeps_the_last_outputs(tmp_path, monkeypatch, capsys):
    corpus = tmp_path / "abstracts.jsonl"
    corpus.write_text('{"title": "T", "abstract": "We introduce Foo-7B, a language model."}\n')
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("# the last good build\n")

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(out / "part.ttl"))

    monkeypatch.setattr("kg.pipeline.build", full_disk)
    code = cli.main(["build", str(corpus), "-o", str(out), "-q", "--no-reason", "--no-map"])
    err = capsys.readouterr().err
    assert code == 1
    assert "no space left on the device writing" in err and "part.ttl" in err
    assert "Traceback" not in err
    assert (out / "graph.ttl").read_text() == "# the last good build\n"


def test_other_os_errors_are_not_hidden(tmp_path, monkeypatch):
    corpus = tmp_path / "abstracts.jsonl"
    corpus.write_text('{"title": "T", "abstract": "We introduce Foo-7B."}\n')

    def broken(*args, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr("kg.pipeline.build", broken)
    try:
        cli.main(["build", str(corpus), "-o", str(tmp_path / "out"), "-q", "--no-map"])
    except OSError as e:
        assert e.errno == errno.EIO
    else:
        raise AssertionError("an I/O error that is not a full disk was swallowed")
