package org.farmersmarket.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.conf.SettingsTools;
import org.junit.jupiter.api.Test;

/** Equal settings share one representative, however many copies jOOQ makes; different settings do not. */
class CanonicalSettingsTest {

    private static Settings mappedTo(String schema) {
        return new Settings()
                .withRenderMapping(new RenderMapping()
                        .withSchemata(new MappedSchema().withInput("public").withOutput(schema)));
    }

    @Test
    void equalCopies_shareTheFirstOnesRepresentative() {
        Settings first = mappedTo("canonical_copies");
        Settings representative = CanonicalSettings.of(first);

        assertThat(CanonicalSettings.of(SettingsTools.clone(first))).isSameAs(representative);
        assertThat(CanonicalSettings.of(mappedTo("canonical_copies"))).isSameAs(representative);
    }

    @Test
    void differentSettings_alternatingOnOneThread_keepTheirOwnRepresentatives() {
        Settings shop = mappedTo("canonical_shop");
        Settings market = mappedTo("canonical_market");
        Settings shopRepresentative = CanonicalSettings.of(shop);
        Settings marketRepresentative = CanonicalSettings.of(market);

        assertThat(marketRepresentative).isNotSameAs(shopRepresentative);
        for (int i = 0; i < 3; i++) {
            assertThat(CanonicalSettings.of(SettingsTools.clone(shop))).isSameAs(shopRepresentative);
            assertThat(CanonicalSettings.of(SettingsTools.clone(market))).isSameAs(marketRepresentative);
        }
        assertThat(shopRepresentative
                        .getRenderMapping()
                        .getSchemata()
                        .getFirst()
                        .getOutput())
                .isEqualTo("canonical_shop");
    }
}
