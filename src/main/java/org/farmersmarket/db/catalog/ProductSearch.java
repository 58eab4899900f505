package org.farmersmarket.db.catalog;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.jooq.enums.ProductStatus;

/**
 * What {@link ProductRepository#search} lists: every present filter must match. Start from {@link #all()} and
 * narrow it with the {@code with...} methods.
 *
 * @param categoryId only products in this category or any of its subcategories
 * @param vendorId only products of this vendor
 * @param status only products in this status; empty lists every status
 * @param minPrice only products at this price or dearer
 * @param maxPrice only products at this price or cheaper
 * @param text only products whose name or description matches this web-search style query (words, {@code
 *     "quoted phrases"}, {@code or}, {@code -excluded}), with English stemming
 * @param inStockOnly only products with available stock (on hand minus reserved, over all lots) above zero
 * @param sort the order of the listing
 */
public record ProductSearch(
        Optional<UUID> categoryId,
        Optional<UUID> vendorId,
        Optional<ProductStatus> status,
        Optional<BigDecimal> minPrice,
        Optional<BigDecimal> maxPrice,
        Optional<String> text,
        boolean inStockOnly,
        ProductSort sort) {

    /** The longest search text accepted. */
    public static final int MAX_TEXT_LENGTH = 200;

    /**
     * Validates the filters.
     *
     * @throws InvalidInputException if a field is null, a price bound negative, the minimum above the maximum, or
     *     the text blank or longer than {@value #MAX_TEXT_LENGTH} characters
     */
    public ProductSearch {
        Arguments.required(categoryId, "categoryId");
        Arguments.required(vendorId, "vendorId");
        Arguments.required(status, "status");
        Arguments.required(minPrice, "minPrice").ifPresent(price -> Arguments.price(price, "minPrice"));
        Arguments.required(maxPrice, "maxPrice").ifPresent(price -> Arguments.price(price, "maxPrice"));
        if (minPrice.isPresent() && maxPrice.isPresent() && minPrice.get().compareTo(maxPrice.get()) > 0) {
            throw new InvalidInputException(
                    "priceRange",
                    "minPrice " + minPrice.get().toPlainString() + " is above maxPrice "
                            + maxPrice.get().toPlainString());
        }
        Arguments.required(text, "text").ifPresent(ProductSearch::checkText);
        Arguments.required(sort, "sort");
    }

    /** Every product, newest first. */
    public static ProductSearch all() {
        return new ProductSearch(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                false,
                ProductSort.NEWEST);
    }

    /** This search limited to a category and its subcategories. */
    public ProductSearch withCategory(UUID id) {
        return new ProductSearch(
                Optional.of(Arguments.required(id, "categoryId")),
                vendorId,
                status,
                minPrice,
                maxPrice,
                text,
                inStockOnly,
                sort);
    }

    /** This search limited to one vendor's products. */
    public ProductSearch withVendor(UUID id) {
        return new ProductSearch(
                categoryId,
                Optional.of(Arguments.required(id, "vendorId")),
                status,
                minPrice,
                maxPrice,
                text,
                inStockOnly,
                sort);
    }

    /** This search limited to products in one status. */
    public ProductSearch withStatus(ProductStatus onlyStatus) {
        return new ProductSearch(
                categoryId,
                vendorId,
                Optional.of(Arguments.required(onlyStatus, "status")),
                minPrice,
                maxPrice,
                text,
                inStockOnly,
                sort);
    }

    /** This search limited to prices from {@code minimum} to {@code maximum}, both included. */
    public ProductSearch withPriceBetween(BigDecimal minimum, BigDecimal maximum) {
        return new ProductSearch(
                categoryId,
                vendorId,
                status,
                Optional.of(Arguments.required(minimum, "minPrice")),
                Optional.of(Arguments.required(maximum, "maxPrice")),
                text,
                inStockOnly,
                sort);
    }

    /** This search limited to products whose name or description matches {@code query}. */
    public ProductSearch withText(String query) {
        return new ProductSearch(
                categoryId,
                vendorId,
                status,
                minPrice,
                maxPrice,
                Optional.of(Arguments.required(query, "text")),
                inStockOnly,
                sort);
    }

    /** This search limited to products with available stock. */
    public ProductSearch withInStockOnly() {
        return new ProductSearch(categoryId, vendorId, status, minPrice, maxPrice, text, true, sort);
    }

    /** This search listed in another order. */
    public ProductSearch sortedBy(ProductSort order) {
        return new ProductSearch(
                categoryId, vendorId, status, minPrice, maxPrice, text, inStockOnly, Arguments.required(order, "sort"));
    }

    private static void checkText(String query) {
        Arguments.notBlankText(query, "text", MAX_TEXT_LENGTH);
    }
}
