/**
 * Pieces shared by the feature packages: error translation and keyset paging. Not API: public only so the feature
 * packages can reach them; they may change in any release.
 */
package org.farmersmarket.db.internal;
