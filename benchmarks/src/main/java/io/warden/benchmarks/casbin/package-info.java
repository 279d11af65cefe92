/**
 * Warden's decision and policy-change cost side by side with jCasbin on one RBAC-with-domains
 * policy ({@link io.warden.benchmarks.casbin.RbacPolicy}); run by {@code benchmarks/run-casbin.sh}.
 */
package io.warden.benchmarks.casbin;
