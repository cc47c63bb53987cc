"""Random-weight MarianMT models with a locally trained sentencepiece vocabulary.

Nothing is downloaded: the tests build a tiny one to run the real hf and ct2 code paths, and
bench/bench_mt.py builds one of opus-mt-de-en's shape to time the two backends.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

#: Lines the sentencepiece vocabulary is trained on (German and English, so both sides tokenize).
SPM_LINES = [
    "Der Hund schläft im Garten.", "Die Katze trinkt Milch.", "Heute regnet es in Berlin.",
    "Wir fahren morgen nach Hamburg.", "Das Wetter ist schön und warm.", "Ich lese ein Buch über Kolumbien.",
    "The dog sleeps in the garden.", "The cat drinks milk.", "It is raining in Berlin today.",
    "We are going to Hamburg tomorrow.", "The weather is nice and warm.", "I am reading a book about Colombia.",
]

#: Helsinki-NLP/opus-mt-de-en's architecture.
OPUS_MT_SHAPE = {"vocab_size": 58101, "d_model": 512, "layers": 6, "heads": 8, "ffn": 2048}


def build_random_marian(
    out: Path,
    *,
    vocab_size: int | None = None,
    d_model: int = 32,
    layers: int = 2,
    heads: int = 2,
    ffn: int = 64,
    seed: int = 0,
    init_std: float = 0.02,
    spm_vocab: int = 48,
) -> Path:
    """A MarianMT model with random weights and a real sentencepiece tokenizer, saved with
    ``save_pretrained`` so it loads like a hub model. ``vocab_size`` pads the vocabulary with
    filler tokens (for a realistic output layer); ``<pad>`` is last, as in real Marian models."""
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    out.mkdir(parents=True, exist_ok=True)
    model_proto = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(SPM_LINES * 4), model_writer=model_proto, vocab_size=spm_vocab,
        model_type="unigram", character_coverage=1.0, bos_id=-1, eos_id=-1, unk_id=0, pad_id=-1,
        minloglevel=2,
    )
    for name in ("source.spm", "target.spm"):
        (out / name).write_bytes(model_proto.getvalue())
    processor = spm.SentencePieceProcessor(model_proto=model_proto.getvalue())
    vocab = {"</s>": 0, "<unk>": 1}
    for piece in (processor.id_to_piece(i) for i in range(processor.get_piece_size())):
        vocab.setdefault(piece, len(vocab))
    while vocab_size and len(vocab) < vocab_size - 1:
        vocab[f"▁filler{len(vocab)}"] = len(vocab)
    vocab["<pad>"] = len(vocab)
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(
        str(out / "source.spm"), str(out / "target.spm"), str(out / "vocab.json"),
        source_lang="de", target_lang="en",
    )
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab), d_model=d_model, encoder_layers=layers, decoder_layers=layers,
        encoder_attention_heads=heads, decoder_attention_heads=heads, encoder_ffn_dim=ffn,
        decoder_ffn_dim=ffn, max_position_embeddings=512, pad_token_id=pad, eos_token_id=0,
        decoder_start_token_id=pad, forced_eos_token_id=0, init_std=init_std,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config).eval()
    model.generation_config.bad_words_ids = [[pad]]
    model.generation_config.max_length = 512
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out
