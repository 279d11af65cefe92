/** Warden's use cases and the ports they need; depends on the domain and the JDK only. */
package io.warden.application;
