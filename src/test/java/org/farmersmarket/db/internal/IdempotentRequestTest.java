package org.farmersmarket.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.farmersmarket.db.jooq.enums.FulfillmentMethod;
import org.junit.jupiter.api.Test;

/** The canonical form an idempotency key's request is hashed in. */
class IdempotentRequestTest {

    @Test
    void aDatabaseEnum_countsByItsLiteral_soKeysStoredBeforeItsJavaConstantsWereRenamedStillMatch() {
        assertThat(new IdempotentWrites.Request().with(FulfillmentMethod.PICKUP).sha256())
                .isEqualTo(new IdempotentWrites.Request().with("pickup").sha256());
    }

    @Test
    void fieldsAreLengthPrefixed_soNoTwoRequestsShareAForm() {
        assertThat(new IdempotentWrites.Request().with("ab").with("c").sha256())
                .isNotEqualTo(
                        new IdempotentWrites.Request().with("a").with("bc").sha256());
        assertThat(new IdempotentWrites.Request().with(null).sha256())
                .isNotEqualTo(new IdempotentWrites.Request().with("").sha256());
    }
}
