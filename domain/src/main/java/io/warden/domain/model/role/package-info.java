/** Roles (per tenant, each a set of permissions) and their assignment to members. */
package io.warden.domain.model.role;
