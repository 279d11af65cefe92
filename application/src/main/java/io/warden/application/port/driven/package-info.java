/** Driven ports: what the use cases need from the outside world (storage, tokens, time). */
package io.warden.application.port.driven;
