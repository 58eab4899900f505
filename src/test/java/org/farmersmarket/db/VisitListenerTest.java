package org.farmersmarket.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.farmersmarket.db.jooq.Public;
import org.farmersmarket.db.testing.DomainRows;
import org.farmersmarket.db.testing.MigratedDatabase;
import org.farmersmarket.db.testing.TestDatabase;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.VisitContext;
import org.jooq.VisitListener;
import org.jooq.conf.Settings;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.DefaultVisitListenerProvider;
import org.junit.jupiter.api.Test;

/**
 * A visit listener on an application's configuration, as a multi-tenant application adds one: it marks every
 * table a statement reads or writes with the tenant of the moment. Every statement of every public repository
 * method must carry the mark of the tenant current at its call, so no statement's SQL is reused from another call.
 */
@MigratedDatabase
class VisitListenerTest {

    /** The library's tables, by name: a statement naming one of them must mark it. */
    private static final Set<String> TABLES =
            Public.PUBLIC.getTables().stream().map(Table::getName).collect(Collectors.toSet());

    /**
     * Marks each reference to a library table with the current tenant, after its name (a comment, which PostgreSQL
     * allows even between a qualifier and its dot), wherever jOOQ renders the table: declared, qualifying a column, or
     * an argument of a plain SQL template.
     */
    private static final class TenantMark implements VisitListener {
        final AtomicReference<String> tenant = new AtomicReference<>("tenant_0");

        @Override
        public void visitEnd(VisitContext context) {
            if (context.queryPart() instanceof Table<?> table
                    && context.renderContext() != null
                    && TABLES.contains(table.getName())
                    && table.getSchema() != null) {
                context.renderContext().sql(" /* " + tenant.get() + " */");
            }
        }
    }

    @Test
    void everyPublicRepositoryMethod_rendersEachStatementWithTheListener_forTheTenantOfItsCall(TestDatabase db) {
        TenantMark mark = new TenantMark();
        List<String> sent = new CopyOnWriteArrayList<>();
        var configuration = new DefaultConfiguration()
                .set(SQLDialect.POSTGRES)
                .set(new DataSourceConnectionProvider(db.dataSource()))
                .set(new Settings().withExecuteLogging(false))
                .set(new DefaultVisitListenerProvider(mark))
                .set(new DefaultExecuteListenerProvider(new ExecuteListener() {
                    @Override
                    public void executeStart(ExecuteContext ctx) {
                        sent.add(ctx.sql());
                    }
                }));
        FarmersMarketDb market = FarmersMarketDb.using(configuration);
        Map<String, List<String>> byCall = new LinkedHashMap<>();
        int[] callNumber = {0};
        int[] firstStatement = {0};
        RepositoryScenario scenario =
                new RepositoryScenario(market, new DomainRows(db.dsl()), new RepositoryScenario.Probe() {
                    @Override
                    public void before(String call) {
                        // A new tenant for every call: a statement rendered for an earlier call shows its tenant.
                        mark.tenant.set("tenant_" + ++callNumber[0]);
                        firstStatement[0] = sent.size();
                    }

                    @Override
                    public void after(String call) {
                        String tenant = mark.tenant.get();
                        for (String sql : sent.subList(firstStatement[0], sent.size())) {
                            byCall.computeIfAbsent(call + " as " + tenant, name -> new ArrayList<>())
                                    .add(sql);
                        }
                    }
                });

        scenario.run();

        assertThat(scenario.calls()).containsAll(RepositoryScenario.publicMethods());
        assertThat(byCall).isNotEmpty();
        byCall.forEach((call, statements) -> {
            String tenant = call.substring(call.indexOf(" as ") + 4);
            assertThat(statements)
                    .as("statements of %s naming a library table", call)
                    .filteredOn(VisitListenerTest::namesALibraryTable)
                    .isNotEmpty()
                    .allSatisfy(sql -> assertThat(sql)
                            .contains("/* " + tenant + " */")
                            .doesNotContainPattern("/\\* tenant_(?!" + tenant.substring(7) + " )\\d+ \\*/"));
        });
    }

    private static boolean namesALibraryTable(String sql) {
        return TABLES.stream().anyMatch(table -> sql.contains("\"" + table + "\""));
    }
}
