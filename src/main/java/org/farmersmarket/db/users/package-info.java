/**
 * People and sign-in: {@link org.farmersmarket.db.users.UserRepository} (customers, vendors' owners and admins) and
 * {@link org.farmersmarket.db.users.AccountRepository}, the store behind an Auth.js-style adapter (linked provider
 * accounts, database sessions, one-time verification tokens).
 */
package org.farmersmarket.db.users;
