"""Language codes as the harness writes them (ISO 639-1, ``de``) and as MT systems want them.

NLLB-200 wants FLORES-200 codes (``deu_Latn``), M2M100 and Google ISO 639-1 (``de``), DeepL upper
case with a regional English/Portuguese (``EN-US``), MADLAD a ``<2en>`` prefix, LLM prompts a name.
A code the table does not know is passed through unchanged (the model may still know it), and
every system lets the config name its codes explicitly.
"""

from __future__ import annotations

# ISO 639-1 -> (English name, FLORES-200 code)
_LANGUAGES: dict[str, tuple[str, str]] = {
    "ar": ("Arabic", "arb_Arab"),
    "bg": ("Bulgarian", "bul_Cyrl"),
    "ca": ("Catalan", "cat_Latn"),
    "cs": ("Czech", "ces_Latn"),
    "da": ("Danish", "dan_Latn"),
    "de": ("German", "deu_Latn"),
    "el": ("Greek", "ell_Grek"),
    "en": ("English", "eng_Latn"),
    "es": ("Spanish", "spa_Latn"),
    "et": ("Estonian", "est_Latn"),
    "fa": ("Persian", "pes_Arab"),
    "fi": ("Finnish", "fin_Latn"),
    "fr": ("French", "fra_Latn"),
    "he": ("Hebrew", "heb_Hebr"),
    "hi": ("Hindi", "hin_Deva"),
    "hr": ("Croatian", "hrv_Latn"),
    "hu": ("Hungarian", "hun_Latn"),
    "id": ("Indonesian", "ind_Latn"),
    "it": ("Italian", "ita_Latn"),
    "ja": ("Japanese", "jpn_Jpan"),
    "ko": ("Korean", "kor_Hang"),
    "lt": ("Lithuanian", "lit_Latn"),
    "lv": ("Latvian", "lvs_Latn"),
    "nl": ("Dutch", "nld_Latn"),
    "no": ("Norwegian", "nob_Latn"),
    "nb": ("Norwegian Bokmål", "nob_Latn"),
    "pl": ("Polish", "pol_Latn"),
    "pt": ("Portuguese", "por_Latn"),
    "ro": ("Romanian", "ron_Latn"),
    "ru": ("Russian", "rus_Cyrl"),
    "sk": ("Slovak", "slk_Latn"),
    "sl": ("Slovenian", "slv_Latn"),
    "sv": ("Swedish", "swe_Latn"),
    "sw": ("Swahili", "swh_Latn"),
    "th": ("Thai", "tha_Thai"),
    "tr": ("Turkish", "tur_Latn"),
    "uk": ("Ukrainian", "ukr_Cyrl"),
    "vi": ("Vietnamese", "vie_Latn"),
    "zh": ("Chinese", "zho_Hans"),
}


def base_code(code: str) -> str:
    """``de-AT`` / ``pt_BR`` -> ``de`` / ``pt``."""
    return code.replace("_", "-").split("-")[0].lower()


def language_name(code: str) -> str:
    """For prompts: ``de`` -> ``German``; unknown codes are returned as given."""
    entry = _LANGUAGES.get(base_code(code))
    return entry[0] if entry else code


def flores_code(code: str) -> str:
    """NLLB-200: ``de`` -> ``deu_Latn``; a code already in FLORES form is kept."""
    if "_" in code and len(code.split("_")[-1]) == 4:
        return code
    entry = _LANGUAGES.get(base_code(code))
    return entry[1] if entry else code


def deepl_target(code: str) -> str:
    """DeepL needs a variant for English and Portuguese targets (plain ``EN``/``PT`` are deprecated)."""
    upper = code.replace("_", "-").upper()
    return {"EN": "EN-US", "PT": "PT-PT"}.get(upper, upper)


def deepl_source(code: str) -> str:
    """DeepL source languages have no variants: ``en-GB`` -> ``EN``."""
    return base_code(code).upper()
