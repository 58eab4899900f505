package org.farmersmarket.db.internal.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.farmersmarket.db.InsufficientStockException;
import org.farmersmarket.db.inventory.InventoryItem;
import org.junit.jupiter.api.Test;

/** The lot-allocation policy on its own, without a database. */
class LotAllocationTest {

    private static final UUID PRODUCT = UUID.fromString("00000000-0000-0000-0000-0000000000aa");
    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");

    @Test
    void reserve_drawsFromTheSoonestExpiringLotFirst_andLotsWithoutExpiryLast() {
        Lot never = lot(1, 10, 0, null, T0);
        Lot late = lot(2, 10, 0, LocalDate.of(2026, 7, 1), T0);
        Lot soon = lot(3, 10, 0, LocalDate.of(2026, 6, 5), T0);

        List<Delta> deltas = LotAllocation.reserve(PRODUCT, 25, List.of(never, late, soon));

        assertThat(deltas)
                .containsExactly(new Delta(soon.id(), 0, 10), new Delta(late.id(), 0, 10), new Delta(never.id(), 0, 5));
    }

    @Test
    void reserve_withTheSameExpiry_drawsFromTheOlderLot_thenTheLowerId() {
        LocalDate day = LocalDate.of(2026, 6, 10);
        Lot newer = lot(1, 5, 0, day, T0.plusSeconds(60));
        Lot olderHighId = lot(9, 5, 0, day, T0);
        Lot olderLowId = lot(2, 5, 0, day, T0);

        List<Delta> deltas = LotAllocation.reserve(PRODUCT, 12, List.of(newer, olderHighId, olderLowId));

        assertThat(deltas)
                .containsExactly(
                        new Delta(olderLowId.id(), 0, 5),
                        new Delta(olderHighId.id(), 0, 5),
                        new Delta(newer.id(), 0, 2));
    }

    @Test
    void reserve_countsOnlyUnreservedUnits_andSkipsLotsWithNoneLeft() {
        Lot full = lot(1, 8, 8, LocalDate.of(2026, 6, 2), T0);
        Lot partly = lot(2, 8, 5, LocalDate.of(2026, 6, 3), T0);

        assertThat(LotAllocation.reserve(PRODUCT, 3, List.of(full, partly)))
                .containsExactly(new Delta(partly.id(), 0, 3));
    }

    @Test
    void reserve_ofExactlyWhatIsAvailable_drawsEveryLotEmpty() {
        Lot a = lot(1, 4, 1, null, T0);
        Lot b = lot(2, 2, 0, null, T0.plusSeconds(1));

        assertThat(LotAllocation.reserve(PRODUCT, 5, List.of(b, a)))
                .containsExactly(new Delta(a.id(), 0, 3), new Delta(b.id(), 0, 2));
    }

    @Test
    void reserve_ofMoreThanAvailable_throwsInsufficientStock_withRequestedAndAvailable() {
        List<Lot> lots = List.of(lot(1, 4, 1, null, T0), lot(2, 2, 0, null, T0));

        InsufficientStockException refused =
                catchThrowableOfType(InsufficientStockException.class, () -> LotAllocation.reserve(PRODUCT, 6, lots));

        assertThat(refused.productId()).isEqualTo(PRODUCT);
        assertThat(refused.requested()).isEqualTo(6);
        assertThat(refused.available()).isEqualTo(5);
    }

    @Test
    void reserve_fromNoLots_throwsInsufficientStock_withNothingAvailable() {
        InsufficientStockException refused = catchThrowableOfType(
                InsufficientStockException.class, () -> LotAllocation.reserve(PRODUCT, 1, List.of()));

        assertThat(refused.available()).isZero();
    }

    @Test
    void reserve_whereTheLotsTogetherHoldMoreThanAnInt_doesNotOverflow() {
        Lot a = lot(1, Integer.MAX_VALUE, 0, null, T0);
        Lot b = lot(2, Integer.MAX_VALUE, 0, null, T0.plusSeconds(1));

        assertThat(LotAllocation.reserve(PRODUCT, Integer.MAX_VALUE, List.of(a, b)))
                .containsExactly(new Delta(a.id(), 0, Integer.MAX_VALUE));
    }

    /**
     * Ties of expiry and age go to the lower id as PostgreSQL orders uuids (by their bytes, unsigned): the order
     * {@code itemsOfProduct} lists lots in and the ledger locks them in. {@link UUID#compareTo} compares signed longs
     * and would put an id starting with 8 before one starting with 0.
     */
    @Test
    void reserve_withTheSameExpiryAndAge_drawsFromTheLowerIdAsPostgresOrdersUuids() {
        Lot low = lot(UUID.fromString("00000000-0000-4000-8000-000000000002"), 5, 0, null, T0);
        Lot high = lot(UUID.fromString("80000000-0000-4000-8000-000000000001"), 5, 0, null, T0);

        assertThat(LotAllocation.reserve(PRODUCT, 7, List.of(high, low)))
                .containsExactly(new Delta(low.id(), 0, 5), new Delta(high.id(), 0, 2));
    }

    /** The draw order the policy documents, for lots whose ids compare alike signed and unsigned. */
    private static final Comparator<Lot> DOCUMENTED_ORDER = Comparator.comparing(
                    (Lot lot) -> lot.expiresOn().orElse(LocalDate.MAX))
            .thenComparing(Lot::createdAt)
            .thenComparing(Lot::id);

    /**
     * Seeded random lots (with many ties of expiry and age, some lots empty or fully reserved) and quantities up to a
     * little more than is available: a reservation either takes exactly the quantity, drawing every lot but the
     * last it touches empty, in the documented order, from available units only, whatever the order of the list; or
     * it is refused with the requested and available counts.
     */
    @Test
    void reserve_ofRandomLotsAndQuantities_takesExactlyTheQuantityInDrawOrder_orRefusesWithTheCounts() {
        Random random = new Random(20_260_601L);
        for (int round = 0; round < 3_000; round++) {
            List<Lot> lots = randomLots(random);
            long available = lots.stream().mapToLong(Lot::available).sum();
            int quantity = 1 + random.nextInt((int) available + 5);
            List<Lot> shuffled = new ArrayList<>(lots);
            Collections.shuffle(shuffled, random);
            String context = "round " + round + ": " + quantity + " of " + lots;

            if (quantity > available) {
                InsufficientStockException refused = catchThrowableOfType(
                        InsufficientStockException.class, () -> LotAllocation.reserve(PRODUCT, quantity, shuffled));
                assertThat(refused).as(context).isNotNull();
                assertThat(refused.requested()).as(context).isEqualTo(quantity);
                assertThat(refused.available()).as(context).isEqualTo(available);
                continue;
            }
            List<Delta> deltas = LotAllocation.reserve(PRODUCT, quantity, lots);
            List<Lot> drawable = lots.stream()
                    .filter(lot -> lot.available() > 0)
                    .sorted(DOCUMENTED_ORDER)
                    .toList();

            assertThat(LotAllocation.reserve(PRODUCT, quantity, shuffled))
                    .as(context)
                    .isEqualTo(deltas);
            assertThat(deltas.size()).as(context).isLessThanOrEqualTo(drawable.size());
            int taken = 0;
            for (int i = 0; i < deltas.size(); i++) {
                Delta delta = deltas.get(i);
                Lot lot = drawable.get(i);
                assertThat(delta.itemId()).as(context).isEqualTo(lot.id());
                assertThat(delta.quantityChange()).as(context).isZero();
                if (i < deltas.size() - 1) {
                    assertThat(delta.reservedChange()).as(context).isEqualTo(lot.available());
                } else {
                    assertThat(delta.reservedChange()).as(context).isBetween(1, lot.available());
                }
                taken += delta.reservedChange();
            }
            assertThat(taken).as(context).isEqualTo(quantity);
        }
    }

    /** Up to six lots with small distinct ids, three expiry dates or none, and two creation times. */
    private static List<Lot> randomLots(Random random) {
        List<Integer> ids = new ArrayList<>(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
        Collections.shuffle(ids, random);
        List<LocalDate> expiries =
                Arrays.asList(null, LocalDate.of(2026, 6, 2), LocalDate.of(2026, 6, 3), LocalDate.of(2026, 7, 1));
        List<Lot> lots = new ArrayList<>();
        for (int i = random.nextInt(7); i > 0; i--) {
            int onHand = random.nextInt(21);
            int reserved = random.nextInt(onHand + 1);
            lots.add(lot(
                    ids.get(i),
                    onHand,
                    reserved,
                    expiries.get(random.nextInt(expiries.size())),
                    T0.plusSeconds(random.nextInt(2))));
        }
        return lots;
    }

    private static Lot lot(int id, int onHand, int reserved, LocalDate expiresOn, Instant createdAt) {
        return lot(
                UUID.fromString(String.format("00000000-0000-0000-0000-%012d", id)),
                onHand,
                reserved,
                expiresOn,
                createdAt);
    }

    private static Lot lot(UUID lotId, int onHand, int reserved, LocalDate expiresOn, Instant createdAt) {
        return new Lot(
                new InventoryItem(
                        lotId,
                        PRODUCT,
                        "L" + lotId.toString().substring(24),
                        onHand,
                        reserved,
                        0,
                        Optional.empty(),
                        Optional.ofNullable(expiresOn)),
                createdAt,
                false);
    }

    private static Lot expired(Lot lot) {
        return new Lot(lot.item(), lot.createdAt(), true);
    }

    @Test
    void reserve_neverDrawsFromAnExpiredLot_andCountsOnlyUnexpiredUnitsAsAvailable() {
        Lot gone = expired(lot(1, 10, 0, LocalDate.of(2026, 6, 1), T0));
        Lot fresh = lot(2, 3, 0, LocalDate.of(2026, 7, 1), T0);

        assertThat(LotAllocation.reserve(PRODUCT, 3, List.of(gone, fresh)))
                .containsExactly(new Delta(fresh.id(), 0, 3));
        assertThatThrownBy(() -> LotAllocation.reserve(PRODUCT, 4, List.of(gone, fresh)))
                .isInstanceOfSatisfying(InsufficientStockException.class, e -> {
                    assertThat(e.productId()).isEqualTo(PRODUCT);
                    assertThat(e.available()).isEqualTo(3);
                });
        assertThatThrownBy(() -> LotAllocation.reserve(PRODUCT, 1, List.of(gone)))
                .isInstanceOf(InsufficientStockException.class);
    }
}
