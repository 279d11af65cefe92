/** Permissions: global names such as {@code users.view}, and the compact sets that hold them. */
@NullMarked
package io.warden.domain.model.permission;

import org.jspecify.annotations.NullMarked;
