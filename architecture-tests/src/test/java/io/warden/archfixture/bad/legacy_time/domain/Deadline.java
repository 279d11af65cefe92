package io.warden.archfixture.bad.legacy_time.domain;

import java.util.Date;

/** Violation: java.util.Date instead of java.time. */
public record Deadline(Date at) {}
