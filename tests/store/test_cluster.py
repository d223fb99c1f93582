"""Ingest over a Dask cluster: a local scheduler with two worker processes
writes into a PostgreSQL store what a local ingest writes into SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from inzage.cli import cli
from inzage.errors import ClusterError
from inzage.store import Corpus
from inzage.store.export import WHAT

distributed = pytest.importorskip("distributed", reason="the cluster extra: pip install dask")


def _files(release: Path) -> list[Path]:
    return sorted(p for p in release.rglob("*") if p.is_file())


# Ids, which copy of a quoted message and which of two files with the same
# bytes was stored first, follow the order the files were stored in.
_IN_STORING_ORDER = ("id", "thread_id", "cluster", "first_document", "path")


def _contents(corpus: Corpus) -> dict[str, object]:
    """What a store holds, in an order that does not depend on which worker
    finished first."""
    rows: dict[str, object] = {}
    for what in WHAT:
        exported = [
            {k: v for k, v in row.items() if k not in _IN_STORING_ORDER}
            for row in corpus.export(what)
        ]
        rows[what] = sorted(exported, key=repr)
    rows["counts"] = corpus.counts()
    rows["paths"] = sorted(p for (p,) in corpus.connection.execute("SELECT path FROM source_paths"))
    rows["search"] = [corpus.search(q).total for q in ("uitstel", "jeugdzorg", "gemeenten")]
    return rows


def test_a_cluster_ingest_stores_what_a_local_ingest_stores(
    release: Path, tmp_path: Path, postgres_url: str
) -> None:
    with Corpus(tmp_path / "local.db", create=True) as local:
        local.ingest(_files(release), workers=1)
        expected = _contents(local)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Corpus(postgres_url, create=True) as served,
    ):
        progress = served.ingest(_files(release), cluster=cluster.scheduler_address)
        assert (progress.parsed, progress.duplicates, progress.failed) == (5, 1, 2)
        assert _contents(served) == expected
        assert served.check_index().in_step
        # Run again: nothing is parsed twice.
        again = served.ingest(_files(release), cluster=cluster.scheduler_address)
        assert again.parsed == 0 and again.files == progress.files


def test_a_cluster_writes_only_to_a_server_store(release: Path, tmp_path: Path) -> None:
    with (
        Corpus(tmp_path / "local.db", create=True) as local,
        pytest.raises(ClusterError, match="server store"),
    ):
        local.ingest(_files(release), cluster="tcp://127.0.0.1:1")


def test_an_unreachable_cluster_is_a_clear_error(release: Path, postgres_url: str) -> None:
    result = CliRunner().invoke(
        cli, ["ingest", "--db", postgres_url, "--cluster", "tcp://127.0.0.1:9", str(release)]
    )
    assert result.exit_code == 2
    assert "tcp://127.0.0.1:9: the cluster cannot be reached" in result.stderr
