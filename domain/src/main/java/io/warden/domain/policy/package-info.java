/** The access rules themselves: small policies that return a decision value. */
@NullMarked
package io.warden.domain.policy;

import org.jspecify.annotations.NullMarked;
