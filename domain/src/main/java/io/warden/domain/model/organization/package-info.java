/** Organizations: a tree per tenant, its limits and the closure of what a member may reach. */
package io.warden.domain.model.organization;
