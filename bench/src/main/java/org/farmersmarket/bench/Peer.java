package org.farmersmarket.bench;

import java.util.List;
import java.util.UUID;

/**
 * One way of running the seven workloads. Each method returns a canonical answer (ids, counts, totals) so the
 * harness can check before timing that every peer answers the same.
 */
interface Peer extends AutoCloseable {

    String name();

    String productById(UUID productId);

    String search(Inputs.Search search);

    String detail(UUID productId);

    String placeOrder(UUID customerId, List<UUID> productIds);

    String orderById(UUID orderId);

    String history(UUID productId);

    String restockAll(List<UUID> lotIds);

    @Override
    void close();
}
