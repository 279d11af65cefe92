/** Tenants: the isolated organisations that own roles, memberships and assignments. */
package io.warden.domain.model.tenant;
