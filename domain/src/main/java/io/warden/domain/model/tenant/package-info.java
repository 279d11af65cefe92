/** Tenants: the isolated organisations that own roles, memberships and assignments. */
@NullMarked
package io.warden.domain.model.tenant;

import org.jspecify.annotations.NullMarked;
