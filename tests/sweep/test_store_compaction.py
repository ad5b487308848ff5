"""The writer merges small chunks (status and summarize stay fast at 10^6 runs), without losing or doubling a record."""

import json
import os

import pandas as pd

from model.sweep.store import COMPACT_WHEN, COMPACTION, SweepStore


def store_with_chunks(tmp_path, n_chunks: int, per_chunk: int = 3) -> SweepStore:
    store = SweepStore(tmp_path / "sweep")
    store.runs.mkdir(parents=True)
    for c in range(n_chunks):
        store.write_chunk([{"point_id": c, "replicate": r, "seed": 100 * c + r, "status": "ok", "error": None,
                            "duration_s": 0.1, "coup": bool((c + r) % 2), "coup_day": float(c) if (c + r) % 2 else None}
                           for r in range(per_chunk)])
    return store


def raw(store: SweepStore) -> pd.DataFrame:
    return pd.concat([pd.read_parquet(p) for p in store.chunk_files()], ignore_index=True)


def test_small_chunks_are_merged_into_one_with_the_same_records(tmp_path):
    store = store_with_chunks(tmp_path, 3 * COMPACT_WHEN)
    before = store.records()
    store.compact()
    assert len(store.chunk_files()) == 1
    pd.testing.assert_frame_equal(store.records(), before)
    assert not raw(store).duplicated(["point_id", "replicate"]).any()


def test_fewer_small_chunks_than_the_threshold_are_left_alone(tmp_path):
    store = store_with_chunks(tmp_path, COMPACT_WHEN - 1)
    store.compact()
    assert len(store.chunk_files()) == COMPACT_WHEN - 1


def test_a_writer_killed_after_the_merged_chunk_landed_has_its_sources_removed_on_resume(tmp_path):
    store = store_with_chunks(tmp_path, COMPACT_WHEN)
    before, sources = store.records(), store.chunk_files()
    tmp = store.runs / ".chunk-merged.tmp"
    pd.concat([pd.read_parquet(p) for p in sources]).to_parquet(tmp, index=False)
    merged = store._chunk_name(tmp)  # named with its checksum, as the writer names it
    os.replace(tmp, merged)
    (store.runs / COMPACTION).write_text(json.dumps({"merged": merged.name, "sources": [p.name for p in sources]}))
    pd.testing.assert_frame_equal(store.records(), before)  # a reader meanwhile: duplicates are read once
    store.finish_compaction()
    assert store.chunk_files() == [merged] and not (store.runs / COMPACTION).exists()
    pd.testing.assert_frame_equal(store.records(), before)


def test_a_writer_killed_before_the_merged_chunk_landed_keeps_every_source(tmp_path):
    store = store_with_chunks(tmp_path, COMPACT_WHEN)
    before, sources = store.records(), store.chunk_files()
    (store.runs / COMPACTION).write_text(json.dumps({"merged": "chunk-never-written.parquet",
                                                     "sources": [p.name for p in sources]}))
    store.finish_compaction()
    assert store.chunk_files() == sources and not (store.runs / COMPACTION).exists()
    pd.testing.assert_frame_equal(store.records(), before)


def test_a_damaged_small_chunk_is_not_merged_but_left_to_be_set_aside(tmp_path):
    store = store_with_chunks(tmp_path, COMPACT_WHEN + 1)
    victim = store.chunk_files()[5]
    with open(victim, "r+b") as handle:
        handle.seek(os.path.getsize(victim) // 2)
        handle.write(b"\x00\x01\x02\x03")
    store.compact()
    assert victim in store.chunk_files() and len(store.chunk_files()) == 2
    assert store.set_aside_damaged() == [victim]
