package io.warden.application.fake;

/**
 * The in-memory effective permissions answer as the contract says, so the use-case and cache tests
 * built on them stand on firm ground.
 */
class InMemoryRbacContractTest extends EffectivePermissionsOverInMemoryRbac {}
