package io.warden.archfixture.bad.unmarked.domain;

/** Violation: its package has no package-info, so nothing declares its nullness. */
public record Ledger(String name) {}
