/** RBAC changes as domain events, each stating which cached answers it makes stale. */
package io.warden.domain.event;
