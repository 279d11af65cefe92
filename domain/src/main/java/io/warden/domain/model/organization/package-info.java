/** Organizations: a tree per tenant, its limits and the closure of what a member may reach. */
@NullMarked
package io.warden.domain.model.organization;

import org.jspecify.annotations.NullMarked;
