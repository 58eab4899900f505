/**
 * Spring Boot 4 auto-configuration: a {@link org.farmersmarket.db.FarmersMarketDb} bean on Boot's jOOQ
 * {@code DSLContext}, so that repository calls and {@code inTransaction} join Spring-managed transactions, and the
 * library's migrations run at start-up. Active only when Spring Boot and its jOOQ support are on the class path;
 * the dependencies are optional, an application brings them.
 */
package org.farmersmarket.db.spring;
