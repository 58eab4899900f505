package org.farmersmarket.db.catalog;

import java.util.Optional;
import java.util.UUID;

/**
 * A product category.
 *
 * @param id the category's id
 * @param parentId the parent category, or empty for a top-level category
 * @param name the display name
 * @param slug the URL-safe unique key
 * @param description the description, if any
 * @param sortOrder the position among its siblings (lower first; ties go by name)
 */
public record Category(
        UUID id, Optional<UUID> parentId, String name, String slug, Optional<String> description, int sortOrder) {}
