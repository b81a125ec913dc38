"""The Spark engine: the batch pipeline (parse → extract → score → link) on Apache Spark.

Every stage calls the same pure functions as the embedded pipeline — `build_ad` and the JSONL line parser,
`analyse_ad`, `TextShingles` and `text_signatures`, `jaccard_estimate`, `HubVerdict` — inside Spark
partitions. What Spark adds is the distribution: records parsed and analysed per partition, LSH bands
shuffled to find each bucket's earliest ad (the local engine's bucket representative), identifier keys
grouped by a shuffle, and connected components computed with the large-star / small-star algorithm
(Kiveris et al., "Connected Components in MapReduce and Beyond", SoCC 2014) on RDDs, never collecting
edges to the driver. Output is Parquet (ads, identifiers, hits, scores, quarantine, links, hubs,
clusters) that `redflags store import DIR` loads into the embedded store.

PySpark is optional (`pip install redflags[spark]`); only this module imports it.
"""
from __future__ import annotations

import hashlib
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import numpy as np

from redflags.errors import ConfigError, InputError
from redflags.link.config import LinkConfig
from redflags.link.identifier_graph import LINK_KINDS, HubVerdict

QUARANTINE_DUPLICATE = "ad id {id!r} is already stored with different content; first capture kept"


@dataclass
class SparkReport:
    ads: int = 0
    duplicates: int = 0
    quarantined: int = 0
    links: int = 0
    clusters: int = 0
    clustered_ads: int = 0
    hubs: int = 0
    cc_rounds: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def session(master: str = "local[2]", app: str = "redflags", partitions: int | None = None):
    """A Spark session whose Python workers run this interpreter (so they see Redflags and its packages)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as e:  # the optional extra is not installed
        raise ConfigError("the Spark engine needs PySpark: pip install 'redflags[spark]'") from e
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = (SparkSession.builder.master(master).appName(app)
               .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", str(partitions or 8))
               .config("spark.driver.memory", os.environ.get("REDFLAGS_SPARK_DRIVER_MEMORY", "2g")))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


# -- stage 1: parse (per partition; the ingest readers' own functions) ---------------------------------

def _input_kind(path: str) -> str:
    name = path.lower().rstrip("/")
    if name.endswith((".jsonl", ".jsonl.gz", ".json", ".ndjson")):
        return "jsonl"
    if name.endswith((".csv", ".csv.gz", ".tsv", ".tsv.gz")):
        return "csv"
    if name.endswith(".parquet") or Path(path).is_dir():
        return "parquet"
    raise InputError(f"{path}: the Spark engine reads JSONL, CSV/TSV and Parquet", file=path)


def _file_digest(path: str) -> str:
    from redflags.ingest.files import sha256_file

    p = Path(path)
    return sha256_file(p) if p.is_file() else hashlib.sha256(path.encode()).hexdigest()


CHUNK_BYTES = 32 << 20


def jsonl_chunks(path: str, fno: int, chunk_bytes: int = CHUNK_BYTES) -> list[tuple[int, str, int, int]]:
    """(file no., path, start, end) byte ranges of a JSONL file that begin and end on line boundaries, so
    tasks read the file's own bytes in parallel (Spark's text reader would decode them, and hide the
    undecodable records that `redflags ingest` quarantines). Compressed files are one range."""
    size = Path(path).stat().st_size
    if path.lower().endswith(".gz") or size <= chunk_bytes:
        return [(fno, path, 0, size)]
    cuts = [0]
    with open(path, "rb") as f:
        while cuts[-1] + chunk_bytes < size:
            f.seek(cuts[-1] + chunk_bytes)
            f.readline()
            if f.tell() >= size:
                break
            cuts.append(f.tell())
    return [(fno, path, a, b) for a, b in zip(cuts, cuts[1:] + [size])]


def _chunk_lines(chunk: tuple[int, str, int, int]) -> list[tuple[int, bytes]]:
    """(byte offset, line) of every line in the range (offsets into the file, or the decompressed stream)."""
    from redflags.ingest.files import open_binary

    _fno, path, start, end = chunk
    if path.lower().endswith(".gz"):
        with open_binary(Path(path)) as f:
            data = f.read()
    else:
        with open(path, "rb") as f:
            f.seek(start)
            data = f.read(end - start)
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    out, pos = [], start if not path.lower().endswith(".gz") else 0
    for line in lines:
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _numbered(chunk_and_first: tuple[tuple[int, str, int, int], int]) -> Iterator[tuple[int, int, bytes]]:
    chunk, first = chunk_and_first
    for n, line in enumerate(_chunk_lines(chunk)):
        yield chunk[0], first + n, line


class ParseRecords:
    """(file no., index, payload) → ("ad", file no., index, ad row, raw bytes) or ("q", …, quarantine row).
    JSONL payloads are raw line bytes, parsed as `redflags ingest` parses them; CSV/Parquet payloads are
    field dicts."""

    def __init__(self, names: list[str], digests: list[str], source: str | None) -> None:
        self.names, self.digests, self.source = names, digests, source

    def __call__(self, items: Iterable[tuple[int, int, Any]]) -> Iterator[tuple]:
        import orjson

        from redflags.ingest.jsonl import BOM, parse_line
        from redflags.ingest.record import RawRecord, build_ad
        from redflags.model import Origin, Quarantined
        from redflags.pipeline.rows import ad_row

        for fno, idx, payload in items:
            origin = Origin(self.names[fno], self.digests[fno], f"line {idx + 1}")
            if isinstance(payload, tuple):  # (byte offset, JSONL line)
                offset, body = payload
                if idx == 0 and body.startswith(BOM):
                    body = body[len(BOM):]
                body = body.strip()
                if not body:
                    continue
                item = parse_line(body, origin, offset, "utf-8")
            else:
                raw = orjson.dumps(payload, option=orjson.OPT_SORT_KEYS, default=str)
                item = RawRecord(payload, hashlib.sha256(raw).hexdigest(),
                                 Origin(origin.file, origin.file_sha256, f"row {idx + 1}", raw))
            if isinstance(item, Quarantined):
                yield ("q", fno, idx, (item.origin.file, item.origin.file_sha256, item.origin.locator, item.reason,
                                       item.excerpt), item.origin.raw)
                continue
            try:
                ad = build_ad(item.fields, source=self.source, default_source=self.names[fno],
                              raw_sha256=item.raw_sha256)
            except InputError as e:
                yield ("q", fno, idx, (item.origin.file, item.origin.file_sha256, item.origin.locator, e.reason,
                                       str(item.fields.get("text") or item.fields)[:200]), item.origin.raw)
                continue
            yield ("ad", fno, idx, ad_row(ad), item.origin.raw)


# -- stage 2: extract + score + text features (per partition) ---------------------------------------

class AnalyseAds:
    """(seq, ad row) → tagged rows: identifiers, hits, score, and the ad's text features."""

    def __init__(self, region: str, config: LinkConfig) -> None:
        self.region, self.config = region, config

    def __call__(self, items: Iterable[tuple[int, tuple]]) -> Iterator[tuple]:
        from redflags.link.features import TextShingles, text_signatures
        from redflags.pipeline.rows import ad_from_row, hit_rows, identifier_rows, score_rows
        from redflags.pipeline.stages import analyse_ad

        shingle = TextShingles(self.config.shingle_size)
        batch_seqs, batch_sets = [], []
        for seq, row in items:
            ad = ad_from_row(row)
            analysis = analyse_ad(ad, region=self.region)
            for r in identifier_rows(ad, analysis):
                yield ("identifiers", r)
            for r in hit_rows(ad, analysis):
                yield ("hits", r)
            for r in score_rows(ad, analysis):
                yield ("scores", r)
            batch_seqs.append(seq)
            batch_sets.append(shingle((ad.text, [(i.kind, i.start, i.end) for i in analysis.identifiers])))
            if len(batch_seqs) >= 512:
                yield from self._features(batch_seqs, batch_sets, text_signatures)
                batch_seqs, batch_sets = [], []
        if batch_seqs:
            yield from self._features(batch_seqs, batch_sets, text_signatures)

    def _features(self, seqs, sets, text_signatures) -> Iterator[tuple]:
        sizes, sigs, keys = text_signatures(sets, self.config)
        for seq, size, sig, band in zip(seqs, sizes.tolist(), sigs, keys):
            if size >= self.config.min_shingles:
                yield ("features", (seq, sig.tobytes(), [int(k) for k in band]))


def jaccard_batches(num_perm: int, floor: float) -> Callable:
    """mapInArrow function: (a, b, sig_a, sig_b) → near-duplicate link rows for pairs whose estimate ≥ `floor`."""
    def run(batches):
        import pyarrow as pa

        from redflags.link.minhash import SIGNATURE_DTYPE, jaccard_estimate

        for batch in batches:
            if batch.num_rows == 0:
                continue
            sa = np.frombuffer(b"".join(batch.column("sig_a").to_pylist()), SIGNATURE_DTYPE).reshape(-1, num_perm)
            sb = np.frombuffer(b"".join(batch.column("sig_b").to_pylist()), SIGNATURE_DTYPE).reshape(-1, num_perm)
            sim = jaccard_estimate(sa, sb)
            ok = sim >= floor
            kept = sim[ok].tolist()
            yield pa.RecordBatch.from_pydict({  # the reason and weight exactly as the local engine stores them
                "a_seq": batch.column("a").to_numpy()[ok], "b_seq": batch.column("b").to_numpy()[ok],
                "type": ["near_duplicate"] * len(kept), "value": [f"jaccard {x:.2f}" for x in kept],
                "weight": [round(float(x), 4) for x in kept]})
    return run


# -- connected components: large-star / small-star ---------------------------------------------------

def connected_components(edges, max_rounds: int = 100):
    """(node, component minimum) for every node on an edge, from a DataFrame of (src, dst) longs.

    Alternates large-star and small-star until every node points straight at its component's smallest
    node; each round is a few joins and aggregations that Spark runs in the JVM, and the edge set only
    shrinks, so nothing is gathered on the driver. Returns the labels and the number of rounds."""
    from pyspark.sql import functions as F

    e = edges.where("src != dst").select(F.greatest("src", "dst").alias("src"),
                                         F.least("src", "dst").alias("dst")).distinct().localCheckpoint()
    rounds = 0
    while True:
        rounds += 1
        # large-star: every neighbour larger than a node is pointed at the node's smallest neighbour (or itself)
        both = e.select(F.col("src").alias("x"), F.col("dst").alias("y")).union(
            e.select(F.col("dst").alias("x"), F.col("src").alias("y")))
        low = both.groupBy("x").agg(F.least(F.min("y"), F.col("x")).alias("m"))
        large = both.join(low, "x").where("y > x").select(F.col("y").alias("src"), F.col("m").alias("dst"))
        # small-star: a node and its smaller neighbours are all pointed at the smallest of them
        low2 = large.groupBy("src").agg(F.min("dst").alias("m"))
        small = large.join(low2, "src").select(F.col("dst").alias("src"), "m").union(
            low2.select("src", "m")).where("src != m").select("src", F.col("m").alias("dst"))
        e = small.distinct().localCheckpoint()
        multi = e.groupBy("src").count().where("count > 1").limit(1).count()
        chained = e.select(F.col("dst").alias("n")).join(e.select(F.col("src").alias("n")), "n").limit(1).count()
        if (multi == 0 and chained == 0) or rounds >= max_rounds:
            break
    labels = e.select(F.col("src").alias("node"), F.col("dst").alias("label")).union(
        e.select(F.col("dst").alias("node"), F.col("dst").alias("label"))).distinct()
    return labels, rounds


# -- the whole run -----------------------------------------------------------------------------------

def run(inputs: list[str], out: Path, *, master: str = "local[2]", region: str = "US", source: str | None = None,
        config: LinkConfig | None = None, partitions: int | None = None, spark=None,
        progress: Callable[[str], None] = lambda _: None) -> SparkReport:
    """Parse, analyse and link `inputs` on Spark; write Parquet tables under `out`."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql import types as T
    from pyspark.sql.window import Window

    config = config or LinkConfig()
    own = spark is None
    spark = spark or session(master, partitions=partitions)
    sc = spark.sparkContext
    parts = partitions or max(2, sc.defaultParallelism * 2)
    report = SparkReport()
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    try:
        names = [Path(p).name for p in inputs]
        digests = [_file_digest(p) for p in inputs]
        rdds = []
        for fno, path in enumerate(inputs):
            kind = _input_kind(path)
            if kind == "jsonl":
                chunks = jsonl_chunks(path, fno)
                counts = sc.parallelize(chunks, len(chunks)).map(lambda c: len(_chunk_lines(c))).collect()
                firsts = [sum(counts[:i]) for i in range(len(counts))]  # line number of each chunk's first line
                rdds.append(sc.parallelize(list(zip(chunks, firsts)), len(chunks)).flatMap(_numbered))
                continue
            if kind == "csv":
                sep = "\t" if ".tsv" in path.lower() else ","
                # quoted fields may hold newlines and doubled quotes, as Python's csv module writes them
                lines = spark.read.option("header", True).option("sep", sep).option("multiLine", True) \
                    .option("escape", '"').csv(path).rdd.map(
                    lambda r: {k: v for k, v in r.asDict().items() if v not in (None, "")})
            else:
                lines = spark.read.parquet(path).rdd.map(lambda r: {k: v for k, v in r.asDict().items() if v is not None})
            rdds.append(lines.zipWithIndex().map(lambda t, f=fno: (f, t[1], t[0])))
        parsed = sc.union(rdds).mapPartitions(ParseRecords(names, digests, source)).persist(StorageLevel.MEMORY_AND_DISK)

        # first capture of each id wins (as in the store); a later one with other content is quarantined
        ad_schema = "fno long, idx long, id string, content string, raw_sha string"
        heads = spark.createDataFrame(parsed.filter(lambda t: t[0] == "ad").map(
            lambda t: (t[1], t[2], t[3][0], t[3][11], t[3][12])), ad_schema)
        w = F.row_number().over(Window.partitionBy("id").orderBy("fno", "idx"))
        ranked = heads.withColumn("rank", w)
        first = ranked.where("rank = 1").select("id", F.col("content").alias("first_content"))
        later = ranked.where("rank > 1").join(first, "id")
        keep = ranked.where("rank = 1").select("fno", "idx")
        report.duplicates = later.where("content = first_content").count()
        clashes = later.where("content != first_content").select("fno", "idx", "id")

        ordered = (parsed.filter(lambda t: t[0] == "ad").map(lambda t: ((t[1], t[2]), (t[3], t[4])))
                   .join(keep.rdd.map(lambda r: ((r[0], r[1]), None)))
                   .sortByKey(numPartitions=parts).zipWithIndex()
                   .map(lambda t: (t[1] + 1, t[0][1][0][0][0], t[0][1][0][0], t[0][1][0][1])))  # seq, id, row, raw
        ordered = ordered.persist(StorageLevel.MEMORY_AND_DISK)
        report.ads = ordered.count()
        report.seconds["parse"] = time.perf_counter() - t0
        progress(f"parsed {report.ads} ads")

        from redflags.pipeline.rows import AD_COLUMNS

        ads_schema = T.StructType([T.StructField("seq", T.LongType())] + [T.StructField(c, T.StringType())
                                                                           for c in AD_COLUMNS]
                                  + [T.StructField("raw", T.BinaryType())])
        spark.createDataFrame(ordered.map(lambda t: (t[0], *t[2], t[3])), ads_schema) \
            .write.mode("overwrite").parquet(str(out / "ads"))
        dup_q = clashes.rdd.map(lambda r: ((r[0], r[1]), r[2])).join(
            parsed.filter(lambda t: t[0] == "ad").map(lambda t: ((t[1], t[2]), (t[3][4][:200], t[4])))).map(
            lambda t: ((names[t[0][0]], digests[t[0][0]], f"line {t[0][1] + 1}", QUARANTINE_DUPLICATE.format(id=t[1][0]),
                        t[1][1][0]), t[1][1][1]))
        bad = parsed.filter(lambda t: t[0] == "q").map(lambda t: (t[3], t[4])).union(dup_q)
        q_schema = "file string, file_sha256 string, locator string, reason string, excerpt string, raw binary"
        quarantine = spark.createDataFrame(bad.map(lambda t: (*t[0], t[1])), q_schema)
        quarantine.write.mode("overwrite").parquet(str(out / "quarantine"))
        report.quarantined = spark.read.parquet(str(out / "quarantine")).count()

        t1 = time.perf_counter()
        analysed = ordered.map(lambda t: (t[0], t[2])).mapPartitions(AnalyseAds(region, config)) \
            .persist(StorageLevel.MEMORY_AND_DISK)
        schemas = {
            "identifiers": "ad_id string, kind string, value string, start long, end long, obfuscated long, detail string",
            "hits": "ad_id string, indicator string, category string, start long, end long, text string, weight double, "
                    "language string",
            "scores": "ad_id string, value double, level string, base double, contributions string, pack_version string, "
                      "ad_type string, language string"}
        for table, schema in schemas.items():
            spark.createDataFrame(analysed.filter(lambda t, n=table: t[0] == n).map(lambda t: t[1]), schema) \
                .write.mode("overwrite").parquet(str(out / table))
        features = spark.createDataFrame(analysed.filter(lambda t: t[0] == "features").map(lambda t: t[1]),
                                         "seq long, sig binary, bands array<long>")
        report.seconds["analyse"] = time.perf_counter() - t1
        progress("extracted and scored")

        t2 = time.perf_counter()
        _link(spark, out, features, config, parts, report)
        report.seconds["link"] = time.perf_counter() - t2
        parsed.unpersist()
        ordered.unpersist()
        analysed.unpersist()
    finally:
        if own:
            spark.stop()
    report.seconds["total"] = time.perf_counter() - t0
    return report


def _link(spark, out: Path, features, config: LinkConfig, parts: int, report: SparkReport) -> None:
    from pyspark.sql import functions as F

    # near-duplicate text: each LSH bucket's earliest ad is its representative; later ads are compared with it
    bands = features.select("seq", F.explode("bands").alias("key"))
    reps = bands.groupBy("key").agg(F.min("seq").alias("rep"))
    pairs = bands.join(reps, "key").where("seq != rep").select(F.col("rep").alias("a"), F.col("seq").alias("b")).distinct()
    sigs = features.select("seq", "sig")
    with_sigs = (pairs.join(sigs.withColumnRenamed("seq", "a").withColumnRenamed("sig", "sig_a"), "a")
                 .join(sigs.withColumnRenamed("seq", "b").withColumnRenamed("sig", "sig_b"), "b"))
    links = with_sigs.mapInArrow(jaccard_batches(config.num_perm, config.store_floor),
                                 "a_seq long, b_seq long, type string, value string, weight double")
    links.write.mode("overwrite").parquet(str(out / "links"))
    links = spark.read.parquet(str(out / "links"))
    report.links = links.count()
    text_edges = links.where(F.col("weight") >= config.text_threshold).select(
        F.col("a_seq").alias("src"), F.col("b_seq").alias("dst"))

    # identifier keys: the ads holding each (kind, value)
    ads = spark.read.parquet(str(out / "ads")).select("seq", F.col("id").alias("ad_id"))
    idents = spark.read.parquet(str(out / "identifiers")).where(F.col("kind").isin(*LINK_KINDS))
    keys = idents.join(ads, "ad_id").select("seq", "kind", "value").distinct().cache()
    sizes = keys.groupBy("kind", "value").agg(F.count("*").alias("n"), F.min("seq").alias("root"))
    members = keys.join(sizes, ["kind", "value"]).cache()

    def star_edges(frame):  # a key's ads joined to its earliest one
        return frame.where("seq != root").select(F.col("root").alias("src"), F.col("seq").alias("dst"))

    # contexts: components without the frequent keys; a frequent key is a hub when its ads fall in many
    rare = members.where((F.col("n") >= 2) & (F.col("n") < config.hub_min_ads))
    context, report.cc_rounds["context"] = connected_components(text_edges.union(star_edges(rare)))
    context_df = context.select(F.col("node").alias("seq"), F.col("label").alias("context"))
    frequent = members.where(F.col("n") >= config.hub_min_ads).join(context_df, "seq", "left") \
        .withColumn("context", F.coalesce("context", "seq"))
    verdicts = frequent.groupBy("kind", "value").agg(F.count("*").alias("ads"),
                                                     F.countDistinct("context").alias("contexts")).collect()
    hub_rows = []
    hubs = set()
    for r in verdicts:  # a few keys at most (≥ hub_min_ads ads each): the verdict is the local rule's own code
        v = HubVerdict(r["kind"], r["value"], int(r["ads"]), int(r["contexts"]),
                       int(r["contexts"]) / int(r["ads"]) >= config.hub_min_ratio)
        if v.is_hub:
            hubs.add((v.kind, v.value))
            hub_rows.append((v.kind, v.value, v.ads, v.contexts, v.reason(config.hub_min_ratio)))
    report.hubs = len(hub_rows)
    spark.createDataFrame(hub_rows, "kind string, value string, ads long, contexts long, reason string") \
        .write.mode("overwrite").parquet(str(out / "hubs"))

    linking = members.where(F.col("n") >= 2)
    if hubs:
        hub_df = spark.createDataFrame(sorted(hubs), "kind string, value string")
        linking = linking.join(hub_df, ["kind", "value"], "left_anti")
    final, report.cc_rounds["clusters"] = connected_components(text_edges.union(star_edges(linking)))
    clusters = final.select(F.col("node").alias("ad_seq"),
                            F.concat(F.lit("C"), F.col("label").cast("string")).alias("cluster_id"))
    clusters.write.mode("overwrite").parquet(str(out / "clusters"))
    stored = spark.read.parquet(str(out / "clusters"))
    report.clustered_ads = stored.count()
    report.clusters = stored.select("cluster_id").distinct().count()
