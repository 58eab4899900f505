package org.farmersmarket.db.catalog;

import java.util.List;

/**
 * A category with its subcategories, as {@link CategoryRepository#tree()} returns them.
 *
 * @param category the category
 * @param children its direct subcategories, by sort order, then name
 */
public record CategoryNode(Category category, List<CategoryNode> children) {

    /** Copies the children so the node is immutable. */
    public CategoryNode {
        children = List.copyOf(children);
    }
}
