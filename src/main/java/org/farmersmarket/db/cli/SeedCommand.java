package org.farmersmarket.db.cli;

import static org.farmersmarket.db.jooq.Tables.CATEGORIES;
import static org.farmersmarket.db.jooq.Tables.USERS;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
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
            "Insert the default categories and admin user (idempotent).",
            "Inserts the default data, idempotently: the top-level categories (vegetables, fruits, "
                    + "dairy, grains) and an admin user. Existing rows are left as they are; running it twice "
                    + "changes nothing. Reports how many rows it created and how many already existed."
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
    private ConnectionOptions connection;

    @Option(
            names = "--admin-email",
            paramLabel = "EMAIL",
            description = "The admin user's e-mail address. Default: " + DEFAULT_ADMIN_EMAIL + ".")
    private String adminEmail = DEFAULT_ADMIN_EMAIL;

    @Override
    public Integer call() {
        Output output = Output.of(spec);
        if (!EMAIL.matcher(adminEmail).matches()) {
            throw new ParameterException(
                    spec.commandLine(), "--admin-email " + adminEmail + " is not an e-mail address (name@domain)");
        }
        try (Database database = Database.open(connection.application())) {
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
        }
        return ExitCode.OK;
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
                .set(USERS.ROLE, UserRole.admin)
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
