/** Driven ports: what the use cases need from the outside world (storage, tokens, time). */
@NullMarked
package io.warden.application.port.driven;

import org.jspecify.annotations.NullMarked;
