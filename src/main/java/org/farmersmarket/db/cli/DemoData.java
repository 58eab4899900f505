package org.farmersmarket.db.cli;

import static org.farmersmarket.db.jooq.Tables.USERS;
import static org.farmersmarket.db.jooq.Tables.VENDOR_PROFILES;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.farmersmarket.db.Actor;
import org.farmersmarket.db.DuplicateException;
import org.farmersmarket.db.FarmersMarketDb;
import org.farmersmarket.db.InsufficientStockException;
import org.farmersmarket.db.Money;
import org.farmersmarket.db.catalog.Category;
import org.farmersmarket.db.catalog.NewCategory;
import org.farmersmarket.db.catalog.NewProduct;
import org.farmersmarket.db.catalog.NewReview;
import org.farmersmarket.db.catalog.Product;
import org.farmersmarket.db.inventory.InventoryItem;
import org.farmersmarket.db.inventory.NewInventoryItem;
import org.farmersmarket.db.inventory.Restock;
import org.farmersmarket.db.jooq.enums.OrderStatus;
import org.farmersmarket.db.jooq.enums.ProductStatus;
import org.farmersmarket.db.jooq.enums.ProductUnit;
import org.farmersmarket.db.jooq.enums.UserRole;
import org.farmersmarket.db.orders.Order;
import org.farmersmarket.db.orders.OrderLine;
import org.farmersmarket.db.orders.PaymentOutcome;
import org.farmersmarket.db.orders.PlaceOrder;

/**
 * Realistic demo data written through the library's repositories, so it obeys every rule real data does: vendors
 * with products in subcategories of the default ones, stocked lots, customers' orders in every status with their
 * payments, and reviews. The same seed value gives the same data on an empty database.
 */
final class DemoData {

    private static final String[] FARM_WORDS = {
        "Green", "Willow", "Oak", "Sunny", "River", "Meadow", "Stone", "Cedar", "Maple", "Clover"
    };
    private static final String[] FARM_KINDS = {"Acres", "Farm", "Orchard", "Gardens", "Creamery", "Homestead"};
    private static final String[][] PRODUCE = {
        {"vegetables", "Carrots", "Kale", "Beets", "Leeks", "Radishes", "Spinach", "Potatoes", "Squash"},
        {"fruits", "Apples", "Pears", "Plums", "Strawberries", "Blueberries", "Cherries", "Peaches"},
        {"dairy", "Goat cheese", "Butter", "Yogurt", "Raw milk", "Free-range eggs", "Cheddar"},
        {"grains", "Rye flour", "Spelt", "Oat groats", "Sourdough loaf", "Cornmeal", "Barley"}
    };
    private static final OrderStatus[] STATUS_PATH = {
        OrderStatus.CONFIRMED, OrderStatus.PREPARING, OrderStatus.READY, OrderStatus.COMPLETED
    };

    private final FarmersMarketDb db;
    private final Random random;
    private final String prefix;

    DemoData(FarmersMarketDb db, long seedValue) {
        this.db = db;
        this.random = new Random(seedValue);
        this.prefix = "demo-" + Long.toString(seedValue, 36).replace('-', 'm');
    }

    /** The slug prefix of this seed's rows; a vendor with it means the data is already there. */
    String prefix() {
        return prefix;
    }

    /** Whether this seed's demo data was written before. */
    boolean alreadyPresent() {
        return db.dsl().fetchExists(VENDOR_PROFILES, VENDOR_PROFILES.SLUG.eq(prefix + "-vendor-1"));
    }

    /** Writes the demo data; {@code progress} hears each finished unit of work (vendors + products + orders). */
    Counts write(int vendorCount, int productCount, int orderCount, IntConsumer progress) {
        List<Category> subcategories = subcategories();
        List<UUID> vendors = new ArrayList<>();
        for (int i = 1; i <= vendorCount; i++) {
            vendors.add(vendor(i));
            progress.accept(1);
        }
        List<Product> products = new ArrayList<>();
        for (int i = 1; i <= productCount; i++) {
            products.add(stockedProduct(i, vendors.get(random.nextInt(vendors.size())), subcategories));
            progress.accept(1);
        }
        List<UUID> customers = customers(Math.max(1, orderCount / 4));
        int placed = 0;
        int reviews = 0;
        for (int i = 1; i <= orderCount; i++) {
            Order order = order(customers.get(random.nextInt(customers.size())), products);
            if (order != null) {
                placed++;
                reviews += review(order);
            }
            progress.accept(1);
        }
        return new Counts(vendorCount, productCount, customers.size(), placed, reviews);
    }

    private List<Category> subcategories() {
        List<Category> subcategories = new ArrayList<>();
        for (String[] family : PRODUCE) {
            Category parent = db.categories()
                    .findBySlug(family[0])
                    .orElseThrow(() -> new IllegalStateException("default category " + family[0] + " is missing"));
            for (String kind : new String[] {"organic", "heirloom"}) {
                String slug = prefix + "-" + kind + "-" + family[0];
                String name = capitalised(kind) + " " + family[0];
                subcategories.add(db.categories().create(NewCategory.under(parent.id(), name, slug)));
            }
        }
        return subcategories;
    }

    private UUID vendor(int number) {
        String farm = pick(FARM_WORDS) + " " + pick(FARM_KINDS);
        UUID owner = user(prefix + "-farmer-" + number + "@example.org", farm + " owner", UserRole.VENDOR);
        return db.dsl()
                .insertInto(VENDOR_PROFILES)
                .set(VENDOR_PROFILES.USER_ID, owner)
                .set(VENDOR_PROFILES.BUSINESS_NAME, farm)
                .set(VENDOR_PROFILES.SLUG, prefix + "-vendor-" + number)
                .set(VENDOR_PROFILES.DESCRIPTION, "Family-run since " + (1950 + random.nextInt(70)) + ".")
                .set(VENDOR_PROFILES.IS_VERIFIED, random.nextInt(4) > 0)
                .returning(VENDOR_PROFILES.ID)
                .fetchSingle(VENDOR_PROFILES.ID);
    }

    private List<UUID> customers(int count) {
        List<UUID> customers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            customers.add(user(prefix + "-customer-" + i + "@example.org", "Customer " + i, UserRole.CUSTOMER));
        }
        return customers;
    }

    private UUID user(String email, String name, UserRole role) {
        return db.dsl()
                .insertInto(USERS)
                .set(USERS.EMAIL, email)
                .set(USERS.NAME, name)
                .set(USERS.ROLE, role)
                .returning(USERS.ID)
                .fetchSingle(USERS.ID);
    }

    private Product stockedProduct(int number, UUID vendorId, List<Category> subcategories) {
        Category category = subcategories.get(random.nextInt(subcategories.size()));
        String[] family = familyOf(category);
        String name = family[1 + random.nextInt(family.length - 1)];
        Money price = new Money(BigDecimal.valueOf(100 + random.nextInt(1400), 2), "USD");
        Product product = db.products()
                .create(NewProduct.draft(vendorId, category.id(), name, prefix + "-product-" + number, price)
                        .withDescription(name + " from " + category.name().toLowerCase(Locale.ROOT) + ".")
                        .withUnit(ProductUnit.values()[random.nextInt(ProductUnit.values().length)])
                        .withOrganic(category.slug().contains("organic"))
                        .withStatus(ProductStatus.ACTIVE));
        InventoryItem lot = db.inventory().createItem(NewInventoryItem.defaultLot(product.id()));
        db.inventory().restock(new Restock(lot.id(), 20 + random.nextInt(80), "demo harvest"), Actor.SYSTEM);
        return product;
    }

    private String[] familyOf(Category category) {
        for (String[] family : PRODUCE) {
            if (category.slug().endsWith("-" + family[0])) {
                return family;
            }
        }
        throw new IllegalStateException("no produce list for " + category.slug());
    }

    /** Places an order of 1-3 lines and moves it along a random part of its life; null when stock ran out. */
    private Order order(UUID customerId, List<Product> products) {
        List<OrderLine> lines = new ArrayList<>();
        int lineCount = 1 + random.nextInt(3);
        for (int i = 0; i < lineCount; i++) {
            lines.add(
                    new OrderLine(products.get(random.nextInt(products.size())).id(), 1 + random.nextInt(3)));
        }
        Order order;
        try {
            order = db.orders().placeOrder(PlaceOrder.pickup(customerId, lines));
        } catch (InsufficientStockException soldOut) {
            return null; // a realistic outcome on a busy market day
        }
        if (random.nextInt(10) == 0) {
            return db.orders().changeStatus(order.id(), OrderStatus.CANCELLED, Actor.user(customerId));
        }
        db.orders()
                .recordPaymentOutcome(PaymentOutcome.succeeded(
                        order.id(), "demo", prefix + "-payment-" + order.orderNumber(), order.total()));
        int steps = random.nextInt(STATUS_PATH.length + 1);
        Order current = order;
        for (int step = 0; step < steps; step++) {
            current = db.orders().changeStatus(order.id(), STATUS_PATH[step], Actor.SYSTEM);
        }
        return current;
    }

    /** Completed orders earn a review of their first product half of the time, unless one exists. */
    private int review(Order order) {
        if (order.status() != OrderStatus.COMPLETED || random.nextBoolean()) {
            return 0;
        }
        UUID productId = order.items().getFirst().productId();
        int rating = 3 + random.nextInt(3);
        try {
            db.reviews()
                    .create(new NewReview(
                            productId, order.customerId(), rating, Optional.of("Lovely"), Optional.empty()));
            return 1;
        } catch (DuplicateException alreadyReviewed) {
            return 0;
        }
    }

    private String pick(String[] words) {
        return words[random.nextInt(words.length)];
    }

    private static String capitalised(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    /** What the demo seeding wrote. */
    record Counts(int vendors, int products, int customers, int orders, int reviews) {}
}
