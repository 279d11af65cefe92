/** The audit trail: one event per state change, who made it, on what, under which request. */
@NullMarked
package io.warden.domain.model.audit;

import org.jspecify.annotations.NullMarked;
