"""Writes of the organisation pages, one module per part. Each write checks the user's scope
and the part's rule first (`check_*`), then writes: a view never writes, nor writes first
and checks after."""
