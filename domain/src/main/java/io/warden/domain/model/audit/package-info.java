/** The audit trail: one event per state change, who made it, on what, under which request. */
package io.warden.domain.model.audit;
