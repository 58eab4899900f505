/** In-app notifications: what a user is told (an order changed, a new message), read or unread. */
package org.farmersmarket.db.notifications;
