/**
 * Contract tests of the driven ports: abstract tests that every implementation of a port runs by
 * subclassing (the in-memory fakes here, the PostgreSQL, Redis and security adapters and every
 * stack of cache tiers in their own modules), so that a new adapter knows exactly what it must
 * satisfy. {@link io.warden.application.port.driven.contract.StorageContracts} runs every storage
 * contract at once over one database; the others ({@code TokenCodecContract}, {@code
 * PasswordHasherContract}, {@code QuotaStoreContract}, {@code InstanceRegistryContract}, {@code
 * SecondChannelContract}, {@code EffectivePermissionsContract}) are subclassed one by one. {@code
 * docs/extending.md} lists which contract each port has.
 */
package io.warden.application.port.driven.contract;
