package org.farmersmarket.db.catalog;

import static org.farmersmarket.db.jooq.Tables.CATEGORIES;

import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record1;
import org.jooq.Record7;
import org.jooq.Select;
import org.jooq.impl.DSL;

/** Recursive walks of the category tree, up (breadcrumbs) and down (a subtree). */
final class CategoryQueries {

    /**
     * move() refuses cycles, but a row edited behind the library's back could still make one; the bound stops the
     * upward walk instead of letting it run forever. Real trees are a handful of levels deep.
     */
    private static final int MAX_DEPTH = 100;

    private static final Name PATH = DSL.name("category_path");
    private static final Name SUBTREE = DSL.name("category_subtree");
    private static final String DEPTH = "depth";

    private CategoryQueries() {}

    /**
     * The categories from {@code start} up to its top-level ancestor, with column {@code depth}: 0 for {@code
     * start}, 1 for its parent and so on. Empty when {@code start} matches no category.
     */
    static CommonTableExpression<Record7<UUID, UUID, String, String, String, Integer, Integer>> ancestorsOf(
            Field<UUID> start) {
        Field<UUID> previousParentId = DSL.field(PATH.append(CATEGORIES.PARENT_ID.getUnqualifiedName()), UUID.class);
        Field<Integer> previousDepth = DSL.field(PATH.append(DEPTH), Integer.class);
        return PATH.as(DSL.select(
                        CATEGORIES.ID,
                        CATEGORIES.PARENT_ID,
                        CATEGORIES.NAME,
                        CATEGORIES.SLUG,
                        CATEGORIES.DESCRIPTION,
                        CATEGORIES.SORT_ORDER,
                        DSL.inline(0).as(DEPTH))
                .from(CATEGORIES)
                .where(CATEGORIES.ID.eq(start))
                .unionAll(DSL.select(
                                CATEGORIES.ID,
                                CATEGORIES.PARENT_ID,
                                CATEGORIES.NAME,
                                CATEGORIES.SLUG,
                                CATEGORIES.DESCRIPTION,
                                CATEGORIES.SORT_ORDER,
                                previousDepth.plus(1))
                        .from(CATEGORIES)
                        .join(DSL.table(PATH))
                        .on(CATEGORIES.ID.eq(previousParentId))
                        .where(previousDepth.lt(MAX_DEPTH))));
    }

    /** The {@code depth} column of {@link #ancestorsOf}: ordering by it descending lists the root first. */
    static Field<Integer> depth(CommonTableExpression<?> ancestors) {
        return ancestors.field(DEPTH, Integer.class);
    }

    /** The ids of {@code rootId} and all its descendants, as a self-contained subquery. */
    static Select<Record1<UUID>> subtreeIds(Field<UUID> rootId) {
        CommonTableExpression<Record1<UUID>> subtree = subtree(rootId);
        return DSL.withRecursive(subtree).select(subtreeId(subtree)).from(subtree);
    }

    /**
     * {@code rootId} and all its descendants, as a recursive common table expression with one column, {@code id}
     * ({@link #subtreeId}), for a query's {@code WITH RECURSIVE}.
     */
    static CommonTableExpression<Record1<UUID>> subtree(Field<UUID> rootId) {
        Field<UUID> parentSideId = DSL.field(SUBTREE.append(CATEGORIES.ID.getUnqualifiedName()), UUID.class);
        // UNION rather than UNION ALL: it drops rows already seen, so even a cycle made behind the library's back
        // ends the recursion.
        return SUBTREE.as(DSL.select(CATEGORIES.ID)
                .from(CATEGORIES)
                .where(CATEGORIES.ID.eq(rootId))
                .union(DSL.select(CATEGORIES.ID)
                        .from(CATEGORIES)
                        .join(DSL.table(SUBTREE))
                        .on(CATEGORIES.PARENT_ID.eq(parentSideId))));
    }

    /** The category id column of {@link #subtree}. */
    static Field<UUID> subtreeId(CommonTableExpression<Record1<UUID>> subtree) {
        return subtree.field(CATEGORIES.ID);
    }
}
