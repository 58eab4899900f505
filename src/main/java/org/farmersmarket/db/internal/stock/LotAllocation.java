package org.farmersmarket.db.internal.stock;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.farmersmarket.db.InsufficientStockException;
import org.farmersmarket.db.internal.Uuids;

/**
 * Which lots a reservation draws from: never an expired lot; of the others, the lots that expire first (a lot without
 * an expiry date last), ties broken by the oldest lot, then by lot id. A pure policy over lots already read and locked, so it is tested without a
 * database.
 */
final class LotAllocation {

    /**
     * Soonest expiry first, no expiry last, then oldest, then id as PostgreSQL orders uuids: the order
     * {@code listItems} lists lots in.
     */
    private static final Comparator<Lot> DRAW_ORDER = Comparator.comparing(
                    (Lot lot) -> lot.expiresOn().orElse(null), Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Lot::createdAt)
            .thenComparing(Lot::id, Uuids.POSTGRES_ORDER);

    private LotAllocation() {}

    /**
     * Reserves {@code quantity} units of a product from its lots.
     *
     * @param productId the product, for the exception
     * @param quantity units to reserve, more than 0
     * @param lots every lot of the product, in any order; expired ones are passed over
     * @return one reservation delta per lot drawn from, in draw order
     * @throws InsufficientStockException when the unexpired lots together have fewer available units than {@code
     *     quantity} (its available count is theirs)
     */
    static List<Delta> reserve(UUID productId, int quantity, List<Lot> lots) {
        List<Lot> usable = lots.stream().filter(lot -> !lot.expired()).toList();
        long available = usable.stream().mapToLong(Lot::available).sum();
        if (available < quantity) {
            throw new InsufficientStockException(productId, quantity, (int) Math.min(available, Integer.MAX_VALUE));
        }
        List<Lot> ordered = new ArrayList<>(usable);
        ordered.sort(DRAW_ORDER);
        List<Delta> deltas = new ArrayList<>();
        int remaining = quantity;
        for (Lot lot : ordered) {
            int take = Math.min(remaining, lot.available());
            if (take > 0) {
                deltas.add(new Delta(lot.id(), 0, take));
                remaining -= take;
            }
            if (remaining == 0) {
                break;
            }
        }
        return deltas;
    }
}
