/** Conversations between users, optionally about an order: participants, messages and read positions. */
package org.farmersmarket.db.chats;
