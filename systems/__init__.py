"""MT systems: each a class that Hydra instantiates from ``conf/system/<name>.yaml``."""
