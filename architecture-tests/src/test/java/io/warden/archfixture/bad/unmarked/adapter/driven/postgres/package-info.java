/** Violation: a package-info without {@code @NullMarked}. */
package io.warden.archfixture.bad.unmarked.adapter.driven.postgres;
