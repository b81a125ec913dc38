from pathlib import Path

import pytest

from redflags.errors import ConfigError
from redflags.settings import Settings


def test_defaults_and_env():
    assert Settings.from_env({}) == Settings(db=Path("redflags.db"), region="US", batch_size=2000)
    s = Settings.from_env({"REDFLAGS_DB": "/x/y.db", "REDFLAGS_REGION": "gb", "REDFLAGS_BATCH_SIZE": "10"})
    assert (s.db, s.region, s.batch_size) == (Path("/x/y.db"), "GB", 10)


@pytest.mark.parametrize("env", [{"REDFLAGS_BATCH_SIZE": "many"}, {"REDFLAGS_BATCH_SIZE": "0"},
                                 {"REDFLAGS_REGION": "Narnia"}])
def test_bad_settings_are_config_errors(env):
    with pytest.raises(ConfigError):
        Settings.from_env(env)
