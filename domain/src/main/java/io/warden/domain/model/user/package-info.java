/** Users (global, may belong to many tenants) and their tenant memberships. */
@NullMarked
package io.warden.domain.model.user;

import org.jspecify.annotations.NullMarked;
