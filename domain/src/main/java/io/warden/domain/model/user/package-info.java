/** Users (global, may belong to many tenants) and their tenant memberships. */
package io.warden.domain.model.user;
