"""Which options make a model-based metric another column than its defaults (issue 14, point 1).

``metrics.comet.model=/ckpt/other`` must not replace the stored default COMET score: it is stored
under ``comet[model=other-1a2b3c4d]`` and shown as ``COMET (model=other-1a2b3c4d)`` beside it
(:func:`harness.merge.stored_key`). Only options that change the scores count (each class lists them
in ``variant_options``); batch sizes, devices, caches and downloads never do. The defaults are those of
the metric's own ``conf/metrics/<config_key>.yaml``, not the class's: CometKiwi and XCOMET are the COMET
class with another model, and their default model is not a variant of them.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import yaml

from harness.paths import CONF_DIR

#: Hex digits of the path hash that tells two local checkpoints with the same folder name apart.
PATH_HASH_DIGITS = 8
_UNSAFE = re.compile(r"[^A-Za-z0-9._+-]")


def format_options(changed: Mapping[str, Any]) -> str:
    """``k=v,k=v`` as the column shows it (booleans lower-case, as on the command line)."""
    return ",".join(f"{k}={str(v).lower() if isinstance(v, bool) else v}" for k, v in changed.items())


@functools.lru_cache(maxsize=None)
def _config_defaults(config_key: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load((CONF_DIR / "metrics" / f"{config_key}.yaml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return {}
    return dict(data) if isinstance(data, dict) else {}


def config_defaults(config_key: str) -> dict[str, Any]:
    """The metric's shipped config (``conf/metrics/<config_key>.yaml``); {} when there is none."""
    if not config_key or not re.fullmatch(r"[A-Za-z0-9_-]+", config_key):
        return {}
    return dict(_config_defaults(config_key))


def is_local_path(model: str) -> bool:
    """A checkpoint on disk rather than a hub id (or a name an endpoint serves)."""
    from harness.metrics.comet_models import looks_like_path

    return looks_like_path(model) or Path(model).expanduser().exists()


def model_label(model: str) -> str:
    """A hub id as it is; a local path as its folder name and a short hash of its absolute path.

    ``/ckpt/tiny/checkpoints/model.ckpt`` and ``/ckpt/tiny`` both read ``tiny-<hash>``: readable, and
    two checkpoints that share a folder name (``run1/best`` and ``run2/best``) never share a column.
    The same checkpoint moved elsewhere is another column; its signature's ``ckpt:`` says it is the same.
    """
    if not is_local_path(model):
        return model
    # As typed, made absolute, symlinks not followed: a Hugging Face snapshot's model.ckpt links to a blob.
    path = Path(os.path.abspath(Path(model).expanduser()))
    if path.name == "model.ckpt" and path.parent.name == "checkpoints":  # COMET's layout: the folder names it
        path = path.parent.parent
    folder = path.parent if path.suffix == ".ckpt" else path
    folder = folder.parent if folder.name == "checkpoints" else folder
    digest = hashlib.sha256(str(path).encode("utf-8")).hexdigest()[:PATH_HASH_DIGITS]
    return f"{_UNSAFE.sub('_', folder.name) or 'model'}-{digest}"


class OptionVariant:
    """Mixin: ``variant()`` from the score-changing options that differ from the metric's YAML defaults.

    Subclasses list those options in ``variant_options`` (attribute names, as in the YAML) and may
    override :meth:`variant_values` where an attribute is not what the user configured.
    """

    #: Options that change the scores; everything else (batching, devices, caches) is never a variant.
    variant_options: ClassVar[tuple[str, ...]] = ()
    #: The YAML to take defaults from when the instance has no ``config_key`` of its own.
    default_config_key: ClassVar[str] = ""

    def variant_values(self) -> dict[str, Any]:
        return {option: getattr(self, option) for option in self.variant_options}

    def variant_defaults(self) -> dict[str, Any]:
        """The shipped YAML's values, the constructor's defaults for what it does not set."""
        params = inspect.signature(type(self).__init__).parameters.values()
        out = {p.name: p.default for p in params if p.default is not inspect.Parameter.empty}
        out.update(config_defaults(getattr(self, "config_key", "") or self.default_config_key))
        return out

    def variant(self) -> str:
        defaults = self.variant_defaults()
        changed = {k: v for k, v in sorted(self.variant_values().items()) if k not in defaults or v != defaults[k]}
        if "model" in changed:
            changed["model"] = model_label(str(changed["model"]))
        return format_options(changed)
