/** The access rules themselves: small policies that return a decision value. */
package io.warden.domain.policy;
