package org.farmersmarket.db.cli;

import static org.farmersmarket.db.jooq.Tables.CATEGORIES;
import static org.farmersmarket.db.jooq.Tables.USERS;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.jooq.enums.UserRole;
import org.jooq.DSLContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fmdb seed}: the default data every installation needs, inserted with {@code ON CONFLICT DO NOTHING} so a
 * second run changes nothing. Seed data is not a migration: it may be edited later by people.
 */
@Command(
        name = "seed",
        mixinStandardHelpOptions = true,
        description = {
            "Insert the default categories and admin user (idempotent); --demo adds demo data.",
            "Inserts the default data, idempotently: the top-level categories (vegetables, fruits, "
                    + "dairy, grains) and an admin user. Existing rows are left as they are; running it twice "
                    + "changes nothing. Reports how many rows it created and how many already existed.",
            "With --demo it then writes reproducible demo data through the repositories, with a progress bar; "
                    + "a second run with the same --seed-value writes nothing."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCode.OK_LINE, ExitCode.USAGE_LINE, ExitCode.CONNECTION_LINE, ExitCode.OTHER_LINE})
final class SeedCommand implements Callable<Integer> {

    /** The admin user's e-mail address when {@code --admin-email} is not given. */
    static final String DEFAULT_ADMIN_EMAIL = "admin@farmersmarket.local";

    static final List<DefaultCategory> CATEGORIES_TO_SEED = List.of(
            new DefaultCategory("vegetables", "Vegetables", "Fresh, seasonal vegetables.", 1),
            new DefaultCategory("fruits", "Fruits", "Fruit and berries.", 2),
            new DefaultCategory("dairy", "Dairy", "Milk, cheese, butter and eggs.", 3),
            new DefaultCategory("grains", "Grains", "Grains, flour and bread.", 4));

    // The rule of the users_email_check constraint, checked first for a clear usage error.
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");

    @Spec
    private CommandSpec spec;

    @Mixin
    private ApplicationConnection connection;

    @Option(
            names = "--admin-email",
            paramLabel = "EMAIL",
            description = "The admin user's e-mail address. Default: " + DEFAULT_ADMIN_EMAIL + ".")
    private String adminEmail = DEFAULT_ADMIN_EMAIL;

    @Option(
            names = "--demo",
            description = "Also write realistic demo data through the repositories: vendors, products in "
                    + "subcategories, stock, customers' orders in every status, payments and reviews.")
    private boolean demo;

    @Option(
            names = "--vendors",
            paramLabel = "N",
            description = "Demo vendors to create (with --demo). Default: ${DEFAULT-VALUE}.")
    private int vendors = 5;

    @Option(
            names = "--products",
            paramLabel = "M",
            description = "Demo products to create, each with a stocked lot (with --demo). Default: ${DEFAULT-VALUE}.")
    private int products = 50;

    @Option(
            names = "--orders",
            paramLabel = "K",
            description = "Demo orders to attempt (with --demo); an order that finds its stock sold out is skipped."
                    + " Default: ${DEFAULT-VALUE}.")
    private int orders = 100;

    @Option(
            names = "--seed-value",
            paramLabel = "S",
            description = "Seed of the random choices: the same value writes the same demo data on an empty "
                    + "database. Default: ${DEFAULT-VALUE}.")
    private long seedValue = 42;

    @Override
    public Integer call() {
        Output output = Output.of(spec);
        if (!EMAIL.matcher(adminEmail).matches()) {
            throw new ParameterException(
                    spec.commandLine(), "--admin-email " + adminEmail + " is not an e-mail address (name@domain)");
        }
        if (demo && (vendors < 1 || products < 1 || orders < 0)) {
            throw new ParameterException(
                    spec.commandLine(), "--vendors and --products must be at least 1, --orders at least 0");
        }
        try (Database database = Database.open(connection.config())) {
            SeedCounts counts = database.dsl().transactionResult(trx -> seed(trx.dsl()));
            output.line("Seeded " + database.target().describe());
            output.table("Seed data", "Created", "Existing")
                    .row("categories", counts.categoriesCreated(), counts.categoriesExisting())
                    .row("admin user " + adminEmail, counts.adminCreated(), counts.adminExisting())
                    .print();
            output.pass(
                    counts.created() == 0
                            ? "Nothing to do: all seed data was already there."
                            : "Created " + counts.created() + " rows; " + counts.existing() + " already existed.");
            if (demo) {
                seedDemo(database, output);
            }
        }
        return ExitCode.OK;
    }

    private void seedDemo(Database database, Output output) {
        // A pool, not the command's single connection: demo seeding makes thousands of repository calls.
        try (FarmersMarketDb market = FarmersMarketDb.connect(database.config())) {
            DemoData data = new DemoData(market, seedValue);
            if (data.alreadyPresent()) {
                output.pass("Demo data for seed value " + seedValue + " is already there (slugs " + data.prefix()
                        + "-*); nothing written.");
                return;
            }
            var progress = new ProgressBar(
                    spec.commandLine().getErr(), "demo data", vendors + products + orders, System.console() != null);
            DemoData.Counts counts = data.write(vendors, products, orders, progress::advance);
            output.table("Demo data", "Created")
                    .row("vendors", counts.vendors())
                    .row("products (stocked)", counts.products())
                    .row("customers", counts.customers())
                    .row("orders", counts.orders())
                    .row("reviews", counts.reviews())
                    .print();
            output.pass("Demo data written with seed value " + seedValue + " (slugs " + data.prefix() + "-*).");
        }
    }

    private SeedCounts seed(DSLContext tx) {
        int categoriesCreated = 0;
        for (DefaultCategory category : CATEGORIES_TO_SEED) {
            categoriesCreated += tx.insertInto(CATEGORIES)
                    .set(CATEGORIES.SLUG, category.slug())
                    .set(CATEGORIES.NAME, category.name())
                    .set(CATEGORIES.DESCRIPTION, category.description())
                    .set(CATEGORIES.SORT_ORDER, category.sortOrder())
                    .onConflictDoNothing()
                    .execute();
        }
        // users_email_key is unique on lower(email): any conflict means the address is taken, whatever its case.
        int adminCreated = tx.insertInto(USERS)
                .set(USERS.EMAIL, adminEmail)
                .set(USERS.NAME, "Administrator")
                .set(USERS.ROLE, UserRole.ADMIN)
                .onConflictDoNothing()
                .execute();
        return new SeedCounts(
                categoriesCreated, CATEGORIES_TO_SEED.size() - categoriesCreated, adminCreated, 1 - adminCreated);
    }

    /** A category every installation starts with. */
    record DefaultCategory(String slug, String name, String description, int sortOrder) {}

    private record SeedCounts(int categoriesCreated, int categoriesExisting, int adminCreated, int adminExisting) {

        int created() {
            return categoriesCreated + adminCreated;
        }

        int existing() {
            return categoriesExisting + adminExisting;
        }
    }
}
