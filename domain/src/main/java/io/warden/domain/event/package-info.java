/** RBAC changes as domain events, each stating which cached answers it makes stale. */
@NullMarked
package io.warden.domain.event;

import org.jspecify.annotations.NullMarked;
