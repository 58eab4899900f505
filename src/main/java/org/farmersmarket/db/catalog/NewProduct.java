package org.farmersmarket.db.catalog;

import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.jooq.enums.ProductUnit;

/**
 * A product to create; see {@link ProductRepository#create(NewProduct)}. Start from {@link #draft} for the
 * defaults and adjust with the {@code with...} methods.
 *
 * @param vendorId the vendor that sells it
 * @param categoryId the category to list it in
 * @param name the display name, not blank
 * @param slug the URL-safe unique key: lowercase letters and digits joined by single hyphens
 * @param description the description, if any; a blank one counts as none
 * @param price the price of one unit, not negative
 * @param unit what one unit is
 * @param status the initial status
 * @param organic whether it is sold as organic
 */
public record NewProduct(
        UUID vendorId,
        UUID categoryId,
        String name,
        String slug,
        Optional<String> description,
        Money price,
        ProductUnit unit,
        ProductStatus status,
        boolean organic) {

    /** The longest name, in characters. */
    public static final int MAX_NAME_LENGTH = 200;

    /** The longest slug, in characters. */
    public static final int MAX_SLUG_LENGTH = 100;

    /** The longest description, in characters; {@link ProductChanges} keeps the same limit. */
    public static final int MAX_DESCRIPTION_LENGTH = 5000;

    /**
     * Validates every field.
     *
     * @throws InvalidInputException naming the first field that is missing, blank, malformed or negative
     */
    public NewProduct {
        Arguments.required(vendorId, "vendorId");
        Arguments.required(categoryId, "categoryId");
        Arguments.notBlankText(name, "name", MAX_NAME_LENGTH);
        Arguments.slug(slug, "slug", MAX_SLUG_LENGTH);
        description = Arguments.optionalText(description, "description", MAX_DESCRIPTION_LENGTH);
        Arguments.notNegative(price, "price");
        Arguments.required(unit, "unit");
        Arguments.required(status, "status");
    }

    /**
     * A draft product sold by the piece ({@link ProductUnit#each}), not organic, without a description.
     *
     * @throws InvalidInputException naming the first invalid argument
     */
    public static NewProduct draft(UUID vendorId, UUID categoryId, String name, String slug, Money price) {
        return new NewProduct(
                vendorId,
                categoryId,
                name,
                slug,
                Optional.empty(),
                price,
                ProductUnit.EACH,
                ProductStatus.DRAFT,
                false);
    }

    /** This product with the given description (blank for none). */
    public NewProduct withDescription(String newDescription) {
        return new NewProduct(
                vendorId, categoryId, name, slug, Optional.ofNullable(newDescription), price, unit, status, organic);
    }

    /** This product sold by the given unit. */
    public NewProduct withUnit(ProductUnit newUnit) {
        return new NewProduct(vendorId, categoryId, name, slug, description, price, newUnit, status, organic);
    }

    /** This product created in the given status instead of draft. */
    public NewProduct withStatus(ProductStatus newStatus) {
        return new NewProduct(vendorId, categoryId, name, slug, description, price, unit, newStatus, organic);
    }

    /** This product with the organic flag set as given. */
    public NewProduct withOrganic(boolean isOrganic) {
        return new NewProduct(vendorId, categoryId, name, slug, description, price, unit, status, isOrganic);
    }
}
