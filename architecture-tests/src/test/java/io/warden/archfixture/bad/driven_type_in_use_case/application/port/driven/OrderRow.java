package io.warden.archfixture.bad.driven_type_in_use_case.application.port.driven;

/** A driven port's row. */
public record OrderRow(long id, String item) {}
