package org.farmersmarket.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.farmersmarket.db.jooq.Public;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

/** One {@link Entity} per table: the vocabulary of the exceptions covers the whole schema, and only it. */
class EntityTest {

    @Test
    void everyTableOfTheSchema_isExactlyOneEntity() {
        assertThat(Public.PUBLIC.getTables().stream().map(Table::getName))
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(Entity.values()).map(Entity::table).toList());
        Public.PUBLIC
                .getTables()
                .forEach(table -> assertThat(Entity.ofTable(table.getName()))
                        .as(table.getName())
                        .isPresent());
        assertThat(Entity.ofTable("farmers_market_schema_history")).isEmpty();
        assertThat(Entity.ofTable(null)).isEmpty();
    }

    @Test
    void anEntityReadsAsWords_inMessages() {
        assertThat(Entity.INVENTORY_ITEM).hasToString("inventory item");
        assertThat(new NotFoundException(Entity.VENDOR, "x").getMessage()).isEqualTo("No vendor with id or key x");
    }
}
