package org.farmersmarket.db.users;

/**
 * A valid session with its user, as a request's authentication reads them.
 *
 * @param session the session
 * @param user its user
 */
public record SessionAndUser(Session session, User user) {}
