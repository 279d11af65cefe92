/** One sub-package per rule, each breaking it on purpose. */
package io.warden.archfixture.bad;
