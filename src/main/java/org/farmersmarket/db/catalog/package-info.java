/**
 * The catalog: products with full-text search and storefront listings ({@link
 * org.farmersmarket.db.catalog.ProductRepository}), the category tree ({@link
 * org.farmersmarket.db.catalog.CategoryRepository}) and product reviews ({@link
 * org.farmersmarket.db.catalog.ReviewRepository}).
 *
 * <p>Every repository takes a {@code DSLContext}; pass a transaction's context to make its calls part of that
 * transaction. Failures come out as the library's own exceptions in {@code org.farmersmarket.db}.
 */
package org.farmersmarket.db.catalog;
