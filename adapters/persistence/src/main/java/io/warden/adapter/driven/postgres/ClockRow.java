package io.warden.adapter.driven.postgres;

/** The row of {@code rbac_clock}: the data version and the shared-cache epoch. */
record ClockRow(long version, long cacheEpoch) {}
