/** Roles (per tenant, each a set of permissions) and their assignment to members. */
@NullMarked
package io.warden.domain.model.role;

import org.jspecify.annotations.NullMarked;
