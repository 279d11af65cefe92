package io.warden.archfixture.bad.unmarked.adapter.driven.postgres;

/** Violation: its package-info does not declare nullness. */
public record LedgerRow(String name) {}
