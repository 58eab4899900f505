package org.farmersmarket.db.faults;

import java.util.Optional;
import java.util.UUID;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.inventory.NewInventoryItem;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.testing.DomainRows;
import org.jooq.DSLContext;

/**
 * A customer and an active product with one lot of stock, the rows the fault tests write against; the parents by
 * {@link DomainRows}, the stock through the library.
 */
record StockedProduct(UUID customer, UUID product, UUID lot) {

    static StockedProduct create(DSLContext dsl, FarmersMarketDb market, int units) {
        DomainRows rows = new DomainRows(dsl);
        UUID product = rows.product(rows.vendor(), rows.category(), "Kale", "3.00", "USD", ProductStatus.ACTIVE);
        UUID lot = market.inventory()
                .createItem(
                        new NewInventoryItem(product, DomainRows.unique("lot"), 0, Optional.empty(), Optional.empty()))
                .id();
        market.inventory().restock(new Restock(lot, units, "fixture"), Actor.SYSTEM);
        return new StockedProduct(rows.user(), product, lot);
    }
}
