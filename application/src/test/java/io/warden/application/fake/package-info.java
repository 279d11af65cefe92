/**
 * In-memory fakes of every driven port, sharing one {@link
 * io.warden.application.fake.InMemoryStore}, and {@link io.warden.application.fake.InMemoryWarden},
 * which wires every service over them. Published in the module's test-jar for the tests of other
 * modules.
 */
package io.warden.application.fake;
