/** Warden's use cases and the ports they need; depends on the domain and the JDK only. */
@NullMarked
package io.warden.application;

import org.jspecify.annotations.NullMarked;
