/** Vendors: the selling businesses' profiles, run by a user, verified by the shop. */
package org.farmersmarket.db.vendors;
