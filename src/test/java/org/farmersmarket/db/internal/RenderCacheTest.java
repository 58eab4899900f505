package org.farmersmarket.db.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.farmersmarket.db.jooq.Tables.CATEGORIES;

import org.jooq.Configuration;
import org.jooq.SQLDialect;
import org.jooq.VisitListener;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultVisitListenerProvider;
import org.junit.jupiter.api.Test;

/** Which configurations an instance's cache serves: its own and what jOOQ derives from it with equal settings. */
class RenderCacheTest {

    private static Configuration instance() {
        return RenderCache.attachTo(new DefaultConfiguration().set(SQLDialect.POSTGRES));
    }

    @Test
    void serving_theInstancesConfiguration_andItsDerivedCopies_isItsOwnCache() {
        Configuration instance = instance();
        RenderCache cache = RenderCache.serving(instance);

        assertThat(cache).isNotNull();
        // jOOQ derives a configuration, with a copy of the settings, for every transaction.
        assertThat(RenderCache.serving(instance.derive())).isSameAs(cache);
        assertThat(RenderCache.serving(instance.derive().derive())).isSameAs(cache);
        assertThat(RenderCache.serving(instance)).isSameAs(cache);
    }

    /** jOOQ fills in some settings the first time it renders (an empty render mapping): still the same settings. */
    @Test
    void serving_afterJooqRenderedWithTheSettings_isStillTheCache() {
        Configuration instance = instance();
        RenderCache cache = RenderCache.serving(instance);

        DSL.using(instance.derive()).render(DSL.selectOne().from(CATEGORIES));
        DSL.using(instance).render(DSL.selectOne().from(CATEGORIES));

        assertThat(RenderCache.serving(instance.derive())).isSameAs(cache);
    }

    @Test
    void serving_twoInstances_givesEachItsOwnCache() {
        assertThat(RenderCache.serving(instance())).isNotSameAs(RenderCache.serving(instance()));
    }

    @Test
    void serving_aConfigurationWithoutACache_isNone() {
        assertThat(RenderCache.serving(new DefaultConfiguration().set(SQLDialect.POSTGRES)))
                .isNull();
    }

    @Test
    void serving_aDerivedConfigurationWithOtherSettings_isNone_whileTheInstanceKeepsItsCache() {
        Configuration instance = instance();
        Settings mapped = new Settings()
                .withRenderMapping(new RenderMapping()
                        .withSchemata(new MappedSchema().withInput("public").withOutput("shop")));

        assertThat(RenderCache.serving(instance.derive(mapped))).isNull();
        assertThat(RenderCache.serving(instance.derive(new Settings().withRenderNamedParamPrefix("$"))))
                .isNull();
        assertThat(RenderCache.serving(instance)).isNotNull();
    }

    @Test
    void serving_aConfigurationWithAVisitListener_isNone() {
        Configuration instance = instance();
        VisitListener listener = new VisitListener() {};

        assertThat(RenderCache.serving(instance.derive(new DefaultVisitListenerProvider(listener))))
                .isNull();
        assertThat(RenderCache.serving(RenderCache.attachTo(
                        new DefaultConfiguration().set(SQLDialect.POSTGRES).set(listener))))
                .isNull();
    }

    @Test
    void serving_aConfigurationWhoseDialectWasChanged_isNone() {
        Configuration instance = instance();
        assertThat(RenderCache.serving(instance)).isNotNull();

        instance.set(SQLDialect.DEFAULT);

        assertThat(RenderCache.serving(instance)).isNull();
    }

    @Test
    void get_rendersEachOwnerOnce_andStopsKeepingAtItsCapacity() {
        RenderCache cache = RenderCache.serving(instance());
        int[] renders = {0};

        for (int round = 0; round < 2; round++) {
            for (int owner = 0; owner < RenderCache.CAPACITY + 10; owner++) {
                cache.get(owner, () -> ++renders[0]);
            }
        }

        // The first CAPACITY owners rendered once; the 10 beyond it on each of the two rounds.
        assertThat(renders[0]).isEqualTo(RenderCache.CAPACITY + 20);
    }
}
