package org.farmersmarket.bench;

import java.util.List;
import java.util.UUID;

/**
 * One way of running the workloads. Each method returns a canonical answer (ids, counts, totals) so the
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

    /** The session with this token and its user, as a signed-in request reads them; see {@link Workload#runsOn}. */
    default String sessionAndUser(String sessionToken) {
        throw new UnsupportedOperationException(name() + " does not run the sign-in workload");
    }

    @Override
    void close();
}
