/**
 * Pieces shared by the feature packages: error translation, keyset paging, argument checks, and the fast path for
 * hot queries (SQL rendered once, plain columns read by the driver, child rows as typed arrays). Not API: public
 * only so the feature packages can reach them; they may change in any release.
 */
package org.farmersmarket.db.internal;
