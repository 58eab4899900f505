package org.farmersmarket.db.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.farmersmarket.db.testing.DomainRows.unique;
import static org.farmersmarket.db.testing.TestTags.SEVERAL_CONNECTIONS;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.InvalidInputException;
import org.farmersmarket.db.NotFoundException;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.Sql;
import org.farmersmarket.db.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@MigratedDatabase
class CategoryRepositoryTest {

    private TestDatabase db;
    private CategoryRepository categories;

    @BeforeEach
    void setUp(TestDatabase database) {
        db = database;
        categories = new CategoryRepository(database.dsl());
    }

    @Test
    void create_topLevelAndSubcategory_storesEveryField() {
        String rootSlug = unique("produce");
        Category root = categories.create(NewCategory.topLevel("Produce", rootSlug)
                .withDescription("Fresh from the field")
                .withSortOrder(3));

        Category child = categories.create(NewCategory.under(root.id(), "Roots", unique("roots")));

        assertThat(root.id()).isNotNull();
        assertThat(root.parentId()).isEmpty();
        assertThat(root.name()).isEqualTo("Produce");
        assertThat(root.slug()).isEqualTo(rootSlug);
        assertThat(root.description()).contains("Fresh from the field");
        assertThat(root.sortOrder()).isEqualTo(3);
        assertThat(child.parentId()).contains(root.id());
        assertThat(child.description()).isEmpty();
        assertThat(child.sortOrder()).isZero();
    }

    @Test
    void create_withDuplicateSlug_throwsDuplicateNamingCategoriesSlugKey() {
        Category existing = categories.create(NewCategory.topLevel("Dairy", unique("dairy")));

        assertThatThrownBy(() -> categories.create(NewCategory.topLevel("Other Dairy", existing.slug())))
                .isInstanceOfSatisfying(
                        DuplicateException.class, e -> assertThat(e.rule()).isEqualTo("categories_slug_key"))
                .hasMessageContaining(existing.slug());
    }

    @Test
    void create_withUnknownParent_throwsNotFoundNamingIt() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> categories.create(NewCategory.under(unknown, "Orphans", unique("orphans"))))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknown.toString());
    }

    @Test
    void newCategory_withNegativeSortOrderOrBlankName_throwsInvalidInputNamingTheField() {
        assertThatThrownBy(() -> NewCategory.topLevel("Fruit", "fruit").withSortOrder(-1))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("sortOrder"));
        assertThatThrownBy(() -> NewCategory.topLevel(" ", "fruit"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("name"));
        assertThatThrownBy(() -> NewCategory.topLevel("Fruit", "fruit_"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("slug"));
    }

    @Test
    void findBySlug_returnsTheCategory_orEmptyForAnUnknownSlug() {
        Category category = categories.create(NewCategory.topLevel("Herbs", unique("herbs")));

        assertThat(categories.findBySlug(category.slug())).contains(category);
        assertThat(categories.findBySlug(unique("no-such-category"))).isEmpty();
    }

    @Test
    void findById_returnsTheCategory_orEmptyForAnUnknownId() {
        Category category = categories.create(NewCategory.topLevel("Herbs", unique("herbs")));

        assertThat(categories.findById(category.id())).contains(category);
        assertThat(categories.findById(UUID.randomUUID())).isEmpty();
    }

    @Test
    void tree_nestsSubcategories_orderedBySortOrderThenName() {
        Category root = categories.create(NewCategory.topLevel("Garden", unique("garden")));
        Category zucchini = categories.create(NewCategory.under(root.id(), "Zucchini", unique("zucchini")));
        Category apples = categories.create(
                NewCategory.under(root.id(), "Apples", unique("apples")).withSortOrder(1));
        Category beans = categories.create(NewCategory.under(root.id(), "Beans", unique("beans")));
        Category greenBeans = categories.create(NewCategory.under(beans.id(), "Green Beans", unique("green-beans")));

        CategoryNode node = findNode(categories.tree(), root.id()).orElseThrow();

        assertThat(node.category()).isEqualTo(root);
        assertThat(node.children()).extracting(CategoryNode::category).containsExactly(beans, zucchini, apples);
        assertThat(node.children().get(0).children())
                .extracting(CategoryNode::category)
                .containsExactly(greenBeans);
        assertThat(node.children().get(1).children()).isEmpty();
    }

    @Test
    void tree_listsOnlyTopLevelCategoriesAtTheTop() {
        Category root = categories.create(NewCategory.topLevel("Meat", unique("meat")));
        Category child = categories.create(NewCategory.under(root.id(), "Poultry", unique("poultry")));

        List<CategoryNode> tree = categories.tree();

        assertThat(tree).extracting(CategoryNode::category).contains(root).doesNotContain(child);
        assertThat(tree)
                .allSatisfy(node -> assertThat(node.category().parentId()).isEmpty());
    }

    @Test
    void path_returnsTheAncestorsFromTheRootDownToTheCategory() {
        Category root = categories.create(NewCategory.topLevel("Pantry", unique("pantry")));
        Category middle = categories.create(NewCategory.under(root.id(), "Preserves", unique("preserves")));
        Category leaf = categories.create(NewCategory.under(middle.id(), "Jams", unique("jams")));

        assertThat(categories.path(leaf.id())).containsExactly(root, middle, leaf);
        assertThat(categories.path(root.id())).containsExactly(root);
    }

    @Test
    void path_ofUnknownCategory_throwsNotFoundNamingIt() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> categories.path(unknown))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknown.toString());
    }

    @Test
    void move_underAnotherParent_movesTheWholeSubtree() {
        Category oldRoot = categories.create(NewCategory.topLevel("Old", unique("old")));
        Category newRoot = categories.create(NewCategory.topLevel("New", unique("new")));
        Category moved = categories.create(NewCategory.under(oldRoot.id(), "Moved", unique("moved")));
        Category child = categories.create(NewCategory.under(moved.id(), "Child", unique("child")));

        Category result = categories.move(moved.id(), Optional.of(newRoot.id()));

        assertThat(result.parentId()).contains(newRoot.id());
        assertThat(categories.path(child.id()))
                .extracting(Category::id)
                .containsExactly(newRoot.id(), moved.id(), child.id());
    }

    @Test
    void move_toTheTopLevel_clearsTheParent() {
        Category root = categories.create(NewCategory.topLevel("Bakery", unique("bakery")));
        Category bread = categories.create(NewCategory.under(root.id(), "Bread", unique("bread")));

        Category result = categories.move(bread.id(), Optional.empty());

        assertThat(result.parentId()).isEmpty();
        assertThat(categories.path(bread.id())).extracting(Category::id).containsExactly(bread.id());
    }

    @Test
    void move_underItself_throwsInvalidInputNamingBoth() {
        Category category = categories.create(NewCategory.topLevel("Loop", unique("loop")));

        assertThatThrownBy(() -> categories.move(category.id(), Optional.of(category.id())))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("category_cycle"))
                .hasMessageContaining(category.id().toString());
        assertThat(categories.path(category.id())).containsExactly(category);
    }

    @Test
    void move_underOwnDescendant_throwsInvalidInputNamingBothAndChangesNothing() {
        Category root = categories.create(NewCategory.topLevel("Top", unique("top")));
        Category child = categories.create(NewCategory.under(root.id(), "Child", unique("child")));
        Category grandchild = categories.create(NewCategory.under(child.id(), "Grandchild", unique("grandchild")));

        assertThatThrownBy(() -> categories.move(root.id(), Optional.of(grandchild.id())))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("category_cycle"))
                .hasMessageContaining(root.id().toString())
                .hasMessageContaining(grandchild.id().toString());
        assertThat(categories.path(grandchild.id())).containsExactly(root, child, grandchild);
    }

    @Test
    void move_ofUnknownCategory_throwsNotFoundNamingIt() {
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> categories.move(unknown, Optional.empty()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknown.toString());
    }

    @Test
    void move_underUnknownParent_throwsNotFoundNamingIt() {
        Category category = categories.create(NewCategory.topLevel("Lonely", unique("lonely")));
        UUID unknown = UUID.randomUUID();

        assertThatThrownBy(() -> categories.move(category.id(), Optional.of(unknown)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(unknown.toString());
    }

    // Holds connections of the application's pool at once: in CI's pooler leg it runs with connection_limit=4.
    @Tag(SEVERAL_CONNECTIONS)
    @Test
    void move_crossingAnUncommittedMove_waitsForItAndThenRefusesTheCycle() throws Exception {
        Category first = categories.create(NewCategory.topLevel("First", unique("first")));
        Category firstChild = categories.create(NewCategory.under(first.id(), "First Child", unique("first-child")));
        Category second = categories.create(NewCategory.topLevel("Second", unique("second")));
        Category secondChild =
                categories.create(NewCategory.under(second.id(), "Second Child", unique("second-child")));
        CountDownLatch firstMoved = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(2);
        try {
            // Each move alone is fine; both together would close the loop first > second child > second >
            // first child > first. Only the locks on the new parent's ancestors make the second move wait.
            Future<Category> firstMove = executor.submit(() -> db.dsl().transactionResult(transaction -> {
                Category moved =
                        new CategoryRepository(transaction.dsl()).move(first.id(), Optional.of(secondChild.id()));
                firstMoved.countDown();
                commitFirst.await();
                return moved;
            }));
            firstMoved.await();
            Future<Category> secondMove =
                    executor.submit(() -> categories.move(second.id(), Optional.of(firstChild.id())));
            awaitABackendWaitingForALock();
            commitFirst.countDown();

            assertThat(firstMove.get().parentId()).contains(secondChild.id());
            assertThatThrownBy(secondMove::get)
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.rule()).isEqualTo("category_cycle"));
            assertThat(categories.path(firstChild.id()))
                    .extracting(Category::id)
                    .containsExactly(second.id(), secondChild.id(), first.id(), firstChild.id());
        } finally {
            commitFirst.countDown();
            executor.shutdownNow();
        }
    }

    /** Polls until the second move is blocked on the first one's row lock, so the test never races it. */
    private void awaitABackendWaitingForALock() throws SQLException, InterruptedException {
        try (Connection connection = db.dataSource().getConnection()) {
            for (int attempt = 0; attempt < 1000; attempt++) {
                int waiting = Sql.queryOne(
                        connection,
                        "SELECT count(*)::int FROM pg_stat_activity"
                                + " WHERE datname = current_database() AND wait_event_type = 'Lock'",
                        Integer.class);
                if (waiting > 0) {
                    return;
                }
                Thread.sleep(10);
            }
        }
        throw new AssertionError("the second move never waited for the first one's lock");
    }

    private static Optional<CategoryNode> findNode(List<CategoryNode> nodes, UUID id) {
        for (CategoryNode node : nodes) {
            if (node.category().id().equals(id)) {
                return Optional.of(node);
            }
            Optional<CategoryNode> found = findNode(node.children(), id);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    @Test
    void rename_changesTheNameOnly_andDelete_isRefusedWhileChildrenOrProductsNeedIt() {
        Category root = categories.create(NewCategory.topLevel("Produce", unique("produce")));
        Category child = categories.create(NewCategory.under(root.id(), "Roots", unique("roots")));

        Category renamed = categories.rename(child.id(), "Root vegetables");
        assertThat(renamed.name()).isEqualTo("Root vegetables");
        assertThat(renamed.slug()).isEqualTo(child.slug());
        assertThatThrownBy(() -> categories.rename(child.id(), " "))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("name"));

        assertThatThrownBy(() -> categories.delete(root.id()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("categories_parent_id_fkey"));
        org.farmersmarket.db.testing.DomainRows rows = new org.farmersmarket.db.testing.DomainRows(db.dsl());
        rows.product(
                rows.vendor(),
                child.id(),
                "Carrots",
                "1.00",
                "USD",
                org.farmersmarket.db.jooq.enums.ProductStatus.ACTIVE);
        assertThatThrownBy(() -> categories.delete(child.id()))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.rule()).isEqualTo("products_category_id_fkey"));
        assertThat(categories.findById(child.id())).isPresent();

        Category empty = categories.create(NewCategory.under(root.id(), "Empty", unique("empty")));
        categories.delete(empty.id());
        assertThat(categories.findById(empty.id())).isEmpty();
        assertThatThrownBy(() -> categories.delete(empty.id()))
                .isInstanceOfSatisfying(
                        NotFoundException.class,
                        e -> assertThat(e.entity()).isEqualTo(org.farmersmarket.db.Entity.CATEGORY));
        assertThatThrownBy(() -> categories.rename(empty.id(), "Gone")).isInstanceOf(NotFoundException.class);
    }
}
