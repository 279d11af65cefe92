/** Permissions: global names such as {@code users.view}, and the compact sets that hold them. */
package io.warden.domain.model.permission;
