package org.farmersmarket.db.catalog;

import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.internal.Arguments;

/**
 * A category to create; see {@link CategoryRepository#create(NewCategory)}. Start from {@link #topLevel} or
 * {@link #under} and adjust with the {@code with...} methods.
 *
 * @param name the display name, not blank
 * @param slug the URL-safe unique key: lowercase letters and digits joined by single hyphens
 * @param parentId the parent category, or empty for a top-level category
 * @param description the description, if any; a blank one counts as none
 * @param sortOrder the position among its siblings, zero or more
 */
public record NewCategory(
        String name, String slug, Optional<UUID> parentId, Optional<String> description, int sortOrder) {

    /** The longest name, in characters. */
    public static final int MAX_NAME_LENGTH = 100;

    /** The longest slug, in characters. */
    public static final int MAX_SLUG_LENGTH = 100;

    /** The longest description, in characters. */
    public static final int MAX_DESCRIPTION_LENGTH = 2000;

    /**
     * Validates every field.
     *
     * @throws InvalidInputException naming the first field that is missing, blank, malformed or negative
     */
    public NewCategory {
        Arguments.notBlankText(name, "name", MAX_NAME_LENGTH);
        Arguments.slug(slug, "slug", MAX_SLUG_LENGTH);
        Arguments.required(parentId, "parentId");
        description = Arguments.optionalText(description, "description", MAX_DESCRIPTION_LENGTH);
        Arguments.between(sortOrder, 0, Integer.MAX_VALUE, "sortOrder");
    }

    /** A top-level category without description, at sort order 0. */
    public static NewCategory topLevel(String name, String slug) {
        return new NewCategory(name, slug, Optional.empty(), Optional.empty(), 0);
    }

    /** A subcategory of {@code parentId} without description, at sort order 0. */
    public static NewCategory under(UUID parentId, String name, String slug) {
        return new NewCategory(name, slug, Optional.of(Arguments.required(parentId, "parentId")), Optional.empty(), 0);
    }

    /** This category with the given description (blank for none). */
    public NewCategory withDescription(String newDescription) {
        return new NewCategory(name, slug, parentId, Optional.ofNullable(newDescription), sortOrder);
    }

    /** This category at another position among its siblings. */
    public NewCategory withSortOrder(int newSortOrder) {
        return new NewCategory(name, slug, parentId, description, newSortOrder);
    }
}
