package org.farmersmarket.db.catalog;

import static org.farmersmarket.db.jooq.Tables.CATEGORIES;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.Entity;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.internal.Arguments;
import org.farmersmarket.db.internal.ResultRow;
import org.farmersmarket.db.internal.Work;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The category tree: creating categories, reading the tree and breadcrumbs, and moving a category (with its
 * subtree) under another parent without ever making a cycle.
 */
public final class CategoryRepository {

    private final DSLContext dsl;

    /**
     * @param dsl the jOOQ context to run on; pass a transaction's context to join that transaction
     */
    public CategoryRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Creates a category. One statement, in a transaction of its own so that a lost commit is resolved (see {@link
     * org.farmersmarket.db.FarmersMarketDb}).
     *
     * @param category the category to create, already validated by its constructor
     * @return the stored category, with its id
     * @throws InvalidInputException if {@code category} is null
     * @throws DuplicateException with rule {@code categories_slug_key} if another category has the slug
     * @throws NotFoundException if the parent category does not exist
     */
    public Category create(NewCategory category) {
        Arguments.required(category, "category");
        return Work.write(
                dsl,
                tx -> tx.insertInto(CATEGORIES)
                        .set(CATEGORIES.NAME, category.name())
                        .set(CATEGORIES.SLUG, category.slug())
                        .set(CATEGORIES.PARENT_ID, category.parentId().orElse(null))
                        .set(CATEGORIES.DESCRIPTION, category.description().orElse(null))
                        .set(CATEGORIES.SORT_ORDER, category.sortOrder())
                        .returningResult(CatalogRows.CATEGORY_COLUMNS)
                        .fetchSingle(ResultRow.mapping(CatalogRows::category)));
    }

    /**
     * Finds a category by id. One round trip.
     *
     * @return the category, or empty if there is none with this id
     * @throws InvalidInputException if {@code categoryId} is null
     */
    public Optional<Category> findById(UUID categoryId) {
        Arguments.required(categoryId, "categoryId");
        return Work.read(() -> dsl.select(CatalogRows.CATEGORY_COLUMNS)
                .from(CATEGORIES)
                .where(CATEGORIES.ID.eq(categoryId))
                .fetchOptional(ResultRow.mapping(CatalogRows::category)));
    }

    /**
     * Finds a category by slug. One round trip.
     *
     * @param slug the category's slug
     * @return the category, or empty if there is none with this slug
     * @throws InvalidInputException if {@code slug} is null or blank
     */
    public Optional<Category> findBySlug(String slug) {
        Arguments.notBlankText(slug, "slug", NewCategory.MAX_SLUG_LENGTH);
        return Work.read(() -> dsl.select(CatalogRows.CATEGORY_COLUMNS)
                .from(CATEGORIES)
                .where(CATEGORIES.SLUG.eq(slug))
                .fetchOptional(ResultRow.mapping(CatalogRows::category)));
    }

    /**
     * Reads the whole tree. One round trip; the tree is assembled in memory.
     *
     * @return the top-level categories with their descendants; siblings by sort order, then name
     */
    public List<CategoryNode> tree() {
        List<Category> categories = Work.read(() -> dsl.select(CatalogRows.CATEGORY_COLUMNS)
                .from(CATEGORIES)
                .orderBy(CATEGORIES.SORT_ORDER, CATEGORIES.NAME, CATEGORIES.ID)
                .fetch(ResultRow.mapping(CatalogRows::category)));
        Map<Optional<UUID>, List<Category>> childrenByParent = new HashMap<>();
        for (Category category : categories) {
            childrenByParent
                    .computeIfAbsent(category.parentId(), parent -> new ArrayList<>())
                    .add(category);
        }
        return nodes(Optional.empty(), childrenByParent);
    }

    /**
     * The breadcrumbs of a category: its ancestors from the top-level one down to the category itself. One round
     * trip.
     *
     * @param categoryId the category
     * @return the path, starting with a top-level category and ending with {@code categoryId}'s category
     * @throws InvalidInputException if {@code categoryId} is null
     * @throws NotFoundException if the category does not exist
     */
    public List<Category> path(UUID categoryId) {
        Arguments.required(categoryId, "categoryId");
        var ancestors = CategoryQueries.ancestorsOf(DSL.val(categoryId));
        List<Category> path = Work.read(() -> dsl.withRecursive(ancestors)
                .select(CatalogRows.categoryColumns(ancestors))
                .from(ancestors)
                .orderBy(CategoryQueries.depth(ancestors).desc())
                .fetch(ResultRow.mapping(CatalogRows::category)));
        if (path.isEmpty()) {
            throw new NotFoundException(Entity.CATEGORY, categoryId);
        }
        return path;
    }

    /**
     * Moves a category, with its whole subtree, under another parent or to the top level. Three statements and a
     * commit in one transaction: four round trips (inside {@code FarmersMarketDb.inTransaction} it joins that
     * transaction; on a {@code DSLContext} with jOOQ's default transaction provider, a savepoint). It
     * locks the category's row, locks and checks the new parent's chain of ancestors, then updates.
     *
     * <p>Locking the chain makes two moves that would only together close a loop (A under a descendant of B while
     * B goes under a descendant of A) wait for each other, so the second one sees the first and is refused; in the
     * rare case that they deadlock instead, PostgreSQL aborts one of them with a {@code FarmersMarketDbException}.
     *
     * @param categoryId the category to move
     * @param newParentId the new parent, or empty to make it a top-level category
     * @return the moved category
     * @throws InvalidInputException if an argument is null, or the new parent is the category itself or one of its
     *     descendants (the message names both)
     * @throws NotFoundException if the category or the new parent does not exist
     */
    public Category move(UUID categoryId, Optional<UUID> newParentId) {
        Arguments.required(categoryId, "categoryId");
        Arguments.required(newParentId, "newParentId");
        return Work.write(dsl, tx -> {
            lock(tx, categoryId);
            newParentId.ifPresent(parentId -> refuseCycle(tx, categoryId, parentId));
            return tx.update(CATEGORIES)
                    .set(CATEGORIES.PARENT_ID, newParentId.orElse(null))
                    .where(CATEGORIES.ID.eq(categoryId))
                    .returningResult(CatalogRows.CATEGORY_COLUMNS)
                    .fetchSingle(ResultRow.mapping(CatalogRows::category));
        });
    }

    /**
     * Renames a category; its slug stays, so links to it keep working. One round trip.
     *
     * @param categoryId the category
     * @param name the new name, not blank, at most {@value NewCategory#MAX_NAME_LENGTH} characters
     * @return the renamed category
     * @throws InvalidInputException naming an argument that is null or invalid
     * @throws NotFoundException if the category does not exist
     */
    public Category rename(UUID categoryId, String name) {
        Arguments.required(categoryId, "categoryId");
        Arguments.notBlankText(name, "name", NewCategory.MAX_NAME_LENGTH);
        return Work.write(
                dsl,
                tx -> tx.update(CATEGORIES)
                        .set(CATEGORIES.NAME, name)
                        .where(CATEGORIES.ID.eq(categoryId))
                        .returningResult(CatalogRows.CATEGORY_COLUMNS)
                        .fetchOptional(ResultRow.mapping(CatalogRows::category))
                        .orElseThrow(() -> new NotFoundException(Entity.CATEGORY, categoryId)));
    }

    /**
     * Deletes a category. The schema refuses while anything still needs it, and nothing is deleted then. One round
     * trip.
     *
     * @throws InvalidInputException if {@code categoryId} is null; with rule {@code categories_parent_id_fkey} while
     *     it has child categories (move or delete them first), {@code products_category_id_fkey} while products are
     *     in it (archived ones too: orders refer to them)
     * @throws NotFoundException if the category does not exist
     */
    public void delete(UUID categoryId) {
        Arguments.required(categoryId, "categoryId");
        int deleted = Work.write(
                dsl,
                tx -> tx.deleteFrom(CATEGORIES)
                        .where(CATEGORIES.ID.eq(categoryId))
                        .execute());
        if (deleted == 0) {
            throw new NotFoundException(Entity.CATEGORY, categoryId);
        }
    }

    private static void lock(DSLContext tx, UUID categoryId) {
        tx.select(CATEGORIES.ID)
                .from(CATEGORIES)
                .where(CATEGORIES.ID.eq(categoryId))
                .forUpdate()
                .fetchOptional()
                .orElseThrow(() -> new NotFoundException(Entity.CATEGORY, categoryId));
    }

    /** Locks the new parent and its ancestors, and refuses the move if the category is among them. */
    private static void refuseCycle(DSLContext tx, UUID categoryId, UUID newParentId) {
        var ancestors = CategoryQueries.ancestorsOf(DSL.val(newParentId));
        List<UUID> chain = tx.withRecursive(ancestors)
                .select(CATEGORIES.ID)
                .from(CATEGORIES)
                .where(CATEGORIES.ID.in(
                        DSL.select(ancestors.field(CATEGORIES.ID)).from(ancestors)))
                .forUpdate()
                .fetch(CATEGORIES.ID);
        if (chain.isEmpty()) {
            throw new NotFoundException(Entity.CATEGORY, newParentId);
        }
        if (chain.contains(categoryId)) {
            throw new InvalidInputException(
                    "category_cycle",
                    "Cannot move category " + categoryId + " under category " + newParentId + ": " + newParentId
                            + " is " + categoryId + " itself or one of its descendants");
        }
    }

    private static List<CategoryNode> nodes(
            Optional<UUID> parentId, Map<Optional<UUID>, List<Category>> childrenByParent) {
        return childrenByParent.getOrDefault(parentId, List.of()).stream()
                .map(category -> new CategoryNode(category, nodes(Optional.of(category.id()), childrenByParent)))
                .toList();
    }
}
