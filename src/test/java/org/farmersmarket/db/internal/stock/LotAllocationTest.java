package org.farmersmarket.db.internal.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
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

    private static Lot lot(int id, int onHand, int reserved, LocalDate expiresOn, Instant createdAt) {
        UUID lotId = UUID.fromString(String.format("00000000-0000-0000-0000-%012d", id));
        return new Lot(
                new InventoryItem(
                        lotId,
                        PRODUCT,
                        "L" + id,
                        onHand,
                        reserved,
                        0,
                        Optional.empty(),
                        Optional.ofNullable(expiresOn)),
                createdAt);
    }
}
