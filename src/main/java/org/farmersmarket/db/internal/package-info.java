/**
 * Pieces shared by the feature packages: error translation, keyset paging, argument checks, and the fast path for
 * hot queries (SQL rendered once, plain columns read by the driver, child rows as typed arrays); in sub-packages the
 * stock ledger ({@code stock}), connection diagnostics ({@code connect}) and the Flyway plumbing the command-line
 * tool shares ({@code migration}). Not API: public only so the feature packages can reach them, and exported by the
 * module descriptor to no one; they may change in any release.
 */
package org.farmersmarket.db.internal;
