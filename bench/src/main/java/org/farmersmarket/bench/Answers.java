package org.farmersmarket.bench;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Canonical answer strings, built the same way by every Java peer. */
final class Answers {

    private Answers() {}

    static String product(UUID id, String name, BigDecimal price, String status) {
        return id + "|" + name + "|" + price.toPlainString() + "|" + status;
    }

    static String session(UUID sessionId, UUID userId, String email, String role) {
        return sessionId + "|" + userId + "|" + email + "|" + role;
    }

    static String ids(Collection<UUID> ids) {
        return ids.size() + ":" + ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }

    static String sortedIds(Collection<UUID> ids) {
        return ids(ids.stream().sorted().toList());
    }

    static String detail(
            UUID productId,
            String vendorName,
            int categoryDepth,
            int available,
            Optional<BigDecimal> average,
            int reviewCount,
            List<Integer> stars,
            List<UUID> reviewIds) {
        return productId + "|" + vendorName + "|" + categoryDepth + "|" + available + "|"
                + average.map(BigDecimal::toPlainString).orElse("-") + "|" + reviewCount + "|" + stars + "|"
                + ids(reviewIds);
    }

    static String placedOrder(BigDecimal subtotal, BigDecimal tax, BigDecimal total, int items, BigDecimal payment) {
        return subtotal.toPlainString() + "|" + tax.toPlainString() + "|" + total.toPlainString() + "|" + items + "|"
                + payment.toPlainString();
    }

    static String order(String orderNumber, BigDecimal total, List<UUID> itemIds, List<UUID> paymentIds) {
        return orderNumber + "|" + total.toPlainString() + "|" + sortedIds(itemIds) + "|" + sortedIds(paymentIds);
    }
}
