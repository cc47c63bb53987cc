"""BLEU, chrF, chrF++ and TER with sacrebleu's definitions, so scores equal its CLI exactly.

Statistics for chrF/chrF++ and BLEU come from :mod:`harness.metrics.fast_stats` (numpy, same values as
sacrebleu's pure-Python extraction, several times faster); TER uses sacrebleu itself. Scores from
statistics use :mod:`harness.metrics.fast_scores`, sacrebleu's formulas over many rows at once.
"""

from __future__ import annotations

import inspect
import re
from typing import Any, ClassVar

import numpy as np
import sacrebleu.metrics as sb
from tqdm.auto import tqdm

from harness.errors import HarnessError
from harness.metrics import fast_scores, fast_stats
from harness.metrics.base import Metric, MetricResult
from harness.metrics.variants import format_options


#: Segments whose statistics are computed together (see SacreBLEUMetric.statistics_in_blocks).
STATISTICS_BLOCK = 20_000


class SacreBLEUMetric(Metric):
    """Wraps one sacrebleu metric class; keyword arguments go to that class unchanged."""

    sacrebleu_class: ClassVar[type]
    #: Segments per progress-bar step for metrics slow enough to need one (TER); None: no bar.
    progress_block: ClassVar[int | None] = None
    #: Overrides for the sentence-level instance (BLEU needs effective order on single sentences).
    sentence_overrides: ClassVar[dict[str, Any]] = {}

    def __init__(self, **kwargs: Any) -> None:
        self.kwargs = dict(kwargs)
        self.metric = self.sacrebleu_class(**self.kwargs)
        self.sentence_metric = self.sacrebleu_class(**{**self.kwargs, **self.sentence_overrides})
        # Known before scoring, so a metric recorded as unavailable (refused before it ran) has its signature.
        self.metric.num_refs = self.sentence_metric.num_refs = self.num_refs

    def statistics(self, hyps: list[str], refs: list[str], reuse: bool = True) -> np.ndarray:
        """Per-segment sufficient statistics, exactly as sacrebleu extracts them.

        ``reuse=False``: the references are scored once (a block of a large set), so nothing about
        them is kept for the next system.
        """
        return np.asarray(self.metric._extract_corpus_statistics(hyps, [refs]))

    def aggregate(self, totals: np.ndarray) -> float:
        return float(self.aggregate_many(np.asarray(totals)[None, :])[0])

    def aggregate_many(self, totals: np.ndarray, float32: bool = False) -> np.ndarray:
        """Scores of many rows of summed statistics (bootstrap resamples); ``float32`` as sacrebleu's tests."""
        return np.array([self.metric._compute_score_from_stats(_as_stats(row)).score for row in totals])

    def segment_scores(self, stats: np.ndarray) -> np.ndarray:
        """Sentence-level scores, one per statistics row."""
        return np.array([self.sentence_metric._compute_score_from_stats(_as_stats(row)).score for row in stats])

    def signature(self) -> str:
        """sacrebleu's own signature, ``nrefs:N`` included, as ``sacrebleu REF1 .. REFN -i HYP`` prints it."""
        self.metric.num_refs = self.sentence_metric.num_refs = self.num_refs
        return str(self.metric.get_signature())

    #: Constructor arguments that do not change a score (they refuse work or name things).
    not_options: ClassVar[frozenset[str]] = frozenset({"trg_lang", "references", "force"})

    def defaults(self) -> dict[str, Any]:
        """sacrebleu's own defaults for this class, with this wrapper's overrides (chrF++: word_order 2)."""
        params = inspect.signature(self.sacrebleu_class.__init__).parameters.values()
        return {p.name: p.default for p in params if p.default is not inspect.Parameter.empty}

    def options(self) -> dict[str, Any]:
        """The constructor arguments :meth:`variant` compares with :meth:`defaults`."""
        return dict(self.kwargs)

    def variant(self) -> str:
        defaults = self.defaults()
        changed = {k: v for k, v in sorted(self.options().items())
                   if k not in self.not_options and k in defaults and v != defaults[k]}
        return format_options(changed)

    def config(self) -> dict[str, Any]:
        """What rebuilds this metric (stored in scores.json, so reports can rescore resampled statistics)."""
        cls = type(self)
        return {"_target_": f"{cls.__module__}.{cls.__qualname__}", **self.kwargs}

    def statistics_in_blocks(self, hyps: list[str], refs: list[str]) -> np.ndarray:
        """:meth:`statistics` a block of segments at a time, so memory does not grow with the set.

        Rows are per segment and independent of the others, so the blocks give exactly the rows of
        one call; one call over a million segments would index every n-gram at once (about 33 KB a
        segment for BLEU + chrF).
        """
        if self.progress_block and len(hyps) > self.progress_block:
            return self._statistics_with_progress(hyps, refs, self.progress_block)
        if len(hyps) <= STATISTICS_BLOCK:
            return self.statistics(hyps, refs)
        blocks = []
        for start in range(0, len(hyps), STATISTICS_BLOCK):
            end = start + STATISTICS_BLOCK
            blocks.append(self.statistics(hyps[start:end], refs[start:end], reuse=False))
        return np.concatenate(blocks)

    def _statistics_with_progress(self, hyps: list[str], refs: list[str], step: int) -> np.ndarray:
        """Rows a block at a time under a progress bar on a terminal (TER on 20k long segments takes minutes)."""
        blocks = []
        with tqdm(total=len(hyps), desc=f"score {self.name}", unit="seg", disable=None) as bar:
            for start in range(0, len(hyps), step):
                blocks.append(self.statistics(hyps[start : start + step], refs[start : start + step]))
                bar.update(len(blocks[-1]))
        return np.concatenate(blocks)

    def score(self, hyps: list[str], refs: list[str] | None, srcs: list[str]) -> MetricResult:
        assert refs is not None, f"{self.name} needs references"
        self.num_refs = 1
        return self._result(self.statistics_in_blocks(cli_lines(hyps), cli_lines(refs)))

    def score_references(self, hyps: list[str], refs: list[list[str]] | None, srcs: list[str]) -> MetricResult:
        """Several references per segment: sacrebleu's own statistics (``sacrebleu REF1 REF2 -i HYP``)."""
        assert refs, f"{self.name} needs references"
        if len(refs) == 1:
            return self.score(hyps, refs[0], srcs)
        self.num_refs = len(refs)
        streams = [cli_lines(stream) for stream in refs]
        return self._result(np.asarray(self.metric._extract_corpus_statistics(cli_lines(hyps), streams)))

    def _result(self, stats: np.ndarray) -> MetricResult:
        return MetricResult(
            name=self.name,
            score=self.aggregate(stats.sum(axis=0)),
            signature=self.signature(),
            segment_scores=self.segment_scores(stats).tolist(),
            stats=_compact(stats),
            higher_is_better=self.higher_is_better,
            details={"sentence_signature": str(self.sentence_metric.get_signature()), "config": self.config()},
        )


def cli_lines(lines: list[str]) -> list[str]:
    """Lines as sacrebleu's CLI reads hypothesis and reference files: trailing whitespace stripped.

    Only whitespace-sensitive options notice (chrF ``whitespace=true``, BLEU ``tokenize=intl``), and then
    the scores equal ``sacrebleu REF -i HYP``'s on the same files.
    """
    return [line.rstrip() for line in lines]


def _compact(stats: np.ndarray) -> np.ndarray:
    """Counts as int32 when they fit: stats.npz is compressed on every run, half the bytes is half the time."""
    if stats.dtype.kind == "i" and stats.size and np.abs(stats).max() < 2**31:
        return stats.astype(np.int32)
    return stats


def _as_stats(row: np.ndarray) -> list[Any]:
    """sacrebleu expects Python numbers (it calls int() on lengths and compares with ==)."""
    return [v.item() if hasattr(v, "item") else v for v in np.asarray(row).tolist()]


#: Tokenizers that need sacrebleu's extras, and the extra that brings them.
_TOKENIZER_EXTRAS = {"ja-mecab": "ja", "ko-mecab": "ko"}


def target_language(code: str | None) -> str:
    """The primary language subtag (``zh-Hant`` -> ``zh``), which sacrebleu's tokenizer choice looks at."""
    return re.split(r"[-_]", str(code or "").strip(), maxsplit=1)[0].lower()


class BLEU(SacreBLEUMetric):
    name = "BLEU"
    sacrebleu_class = sb.BLEU
    sentence_overrides = {"effective_order": True}

    def __init__(self, trg_lang: str | None = "", **kwargs: Any) -> None:
        """``trg_lang`` (conf: the reference set's target language): with ``tokenize: null`` it picks the
        tokenizer as ``sacrebleu -l src-tgt`` does (zh -> zh, ja -> ja-mecab, ko -> ko-mecab, else 13a)."""
        lang = target_language(trg_lang)
        try:
            super().__init__(trg_lang=lang, **kwargs)
        except RuntimeError:  # sacrebleu's "requires extra dependencies" for the MeCab tokenizers
            chosen = kwargs.get("tokenize") or sb.BLEU._TOKENIZER_MAP.get(lang, "13a")
            extra = _TOKENIZER_EXTRAS.get(chosen)
            if extra is None:
                raise
            raise HarnessError(
                f"BLEU tokenizer {chosen} (target language {lang or '?'}) needs sacrebleu's {extra} extras: "
                f"pip install 'mt-harness[{extra}]' (sacrebleu[{extra}]), or set metrics.bleu.tokenize=char"
            ) from None

    def statistics(self, hyps: list[str], refs: list[str], reuse: bool = True) -> np.ndarray:
        if len(hyps) != len(refs):
            raise ValueError(f"{len(hyps)} hypotheses but {len(refs)} references")
        order = self.metric.max_ngram_order
        settings = ("bleu", order, self.metric.tokenizer.signature(), self.metric.lowercase)
        return fast_stats.bleu_statistics([t.split() for t in self.tokenized(hyps)],
                                          lambda: [t.split() for t in self.tokenized(refs)], order, settings, refs, reuse)

    def language_tokenizer(self) -> str:
        """The tokenizer ``sacrebleu -l src-tgt`` picks for the target language (zh, ja-mecab, ko-mecab, 13a)."""
        return sb.BLEU._TOKENIZER_MAP.get(self.kwargs.get("trg_lang") or "", sb.BLEU.TOKENIZER_DEFAULT)

    def options(self) -> dict[str, Any]:
        """The target language's own tokenizer is sacrebleu's default, not a variant: a zh run is ``BLEU``
        whether its tokenizer came from the language (``tokenize: null``) or was named as zh; another
        tokenizer (``tokenize=13a`` on a zh set, ``intl`` anywhere) is a column of its own."""
        out = super().options()
        if out.get("tokenize") == self.language_tokenizer():
            out["tokenize"] = None
        return out

    def config(self) -> dict[str, Any]:
        """``trg_lang`` only where it picks the tokenizer: runs on other languages keep the config they had."""
        out = super().config()
        if out.get("tokenize") or out.get("trg_lang") not in sb.BLEU._TOKENIZER_MAP:
            out.pop("trg_lang", None)
        return out

    def tokenized(self, lines: list[str]) -> list[str]:
        """sacrebleu's preprocessing (lowercase, rstrip, tokenizer); 13a over the whole corpus at once."""
        if type(self.metric.tokenizer).__name__ != "Tokenizer13a":
            return [self.metric._preprocess_segment(line) for line in lines]
        lines = [line.lower() for line in lines] if self.metric.lowercase else lines
        return fast_stats.tokenize_13a_corpus([line.rstrip() for line in lines], self.metric.tokenizer)

    def _scores(self, metric: sb.BLEU, totals: np.ndarray) -> np.ndarray:
        return fast_scores.bleu_scores(totals, metric.max_ngram_order, metric.smooth_method, metric.smooth_value,
                                       metric.effective_order)

    def aggregate_many(self, totals: np.ndarray, float32: bool = False) -> np.ndarray:
        # BLEU's arithmetic is float64 whatever the input type, so float32 changes nothing.
        return self._scores(self.metric, totals)

    def segment_scores(self, stats: np.ndarray) -> np.ndarray:
        return self._scores(self.sentence_metric, stats)

    def score(self, hyps: list[str], refs: list[str] | None, srcs: list[str]) -> MetricResult:
        result = super().score(hyps, refs, srcs)
        result.details["verbose"] = self.verbose(np.asarray(result.stats).sum(axis=0))
        return result

    def verbose(self, totals: np.ndarray) -> dict[str, Any]:
        """sacrebleu's ``verbose_score`` details of the corpus score: n-gram precisions, brevity penalty, lengths."""
        found = self.metric._compute_score_from_stats(_as_stats(totals))
        return {"text": found._verbose, "precisions": [float(p) for p in found.precisions], "bp": float(found.bp),
                "ratio": float(found.ratio), "hyp_len": int(found.sys_len), "ref_len": int(found.ref_len),
                "counts": [int(c) for c in found.counts], "totals": [int(t) for t in found.totals]}


class ChrF(SacreBLEUMetric):
    name = "chrF"
    sacrebleu_class = sb.CHRF

    def statistics(self, hyps: list[str], refs: list[str], reuse: bool = True) -> np.ndarray:
        m = self.metric
        return fast_stats.chrf_statistics(hyps, refs, m.char_order, m.word_order, m.lowercase, m.whitespace,
                                          m._remove_punctuation, reuse)

    def aggregate_many(self, totals: np.ndarray, float32: bool = False) -> np.ndarray:
        return fast_scores.chrf_scores(totals, self.metric.beta, self.metric.eps_smoothing, float32)

    def segment_scores(self, stats: np.ndarray) -> np.ndarray:
        return self.aggregate_many(stats)


class ChrFpp(ChrF):
    name = "chrF++"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**{"word_order": 2, **kwargs})

    def defaults(self) -> dict[str, Any]:
        return {**super().defaults(), "word_order": 2}


class TER(SacreBLEUMetric):
    name = "TER"
    higher_is_better = False
    sacrebleu_class = sb.TER
    progress_block = 256

    def __init__(self, max_segment_words: int | None = 2000, **kwargs: Any) -> None:
        """``max_segment_words``: longer segments are refused (TER's cost explodes); null = no limit."""
        self.max_segment_words = int(max_segment_words) if max_segment_words is not None else None
        super().__init__(**kwargs)

    def aggregate_many(self, totals: np.ndarray, float32: bool = False) -> np.ndarray:
        return fast_scores.ter_scores(totals, float32)

    def segment_scores(self, stats: np.ndarray) -> np.ndarray:
        return self.aggregate_many(stats)
