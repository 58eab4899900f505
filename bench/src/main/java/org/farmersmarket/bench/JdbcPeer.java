package org.farmersmarket.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Plain JDBC: hand-written SQL, prepared statements, on the same kind of HikariCP pool as ours. */
final class JdbcPeer implements Peer {

    /** The session and its user, as the library reads them: the token's SHA-256 in hex, unexpired only. */
    private static final String SESSION_AND_USER = """
            SELECT s.id, s.user_id, s.expires, s.created_at, u.id, u.email, u.name, u.image, u.email_verified, u.role,
                   u.created_at, u.updated_at
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.session_token = ? AND s.expires > now()""";

    private static final String PRODUCT_BY_ID = """
            SELECT id, vendor_id, category_id, name, slug, description, price, currency, unit, status, is_organic,
                   created_at, updated_at
            FROM products WHERE id = ?""";

    // The statement shape jOOQ renders for ours: each category of the subtree read along its own index, the first
    // rows of each merged, the stock summed for the page's rows alone (issue 24), the rating from the totals the
    // database keeps on products, the row limits as bind values; the floor must not be handicapped by its SQL.
    private static final String SEARCH = """
            SELECT page.*, s.available_stock
            FROM (
                WITH RECURSIVE subtree(id) AS (
                    SELECT id FROM categories WHERE id = ?
                    UNION SELECT c.id FROM categories c JOIN subtree s ON c.parent_id = s.id)
                SELECT r.id, r.vendor_id, r.category_id, r.name, r.slug, r.price, r.currency, r.unit, r.status,
                       r.is_organic, r.created_at, r.average_rating, r.review_count
                FROM subtree
                CROSS JOIN LATERAL (
                    SELECT p.id, p.vendor_id, p.category_id, p.name, p.slug, p.price, p.currency, p.unit, p.status,
                           p.is_organic, p.created_at,
                           CASE WHEN p.review_count > 0 THEN p.rating_average END AS average_rating, p.review_count
                    FROM products p
                    WHERE p.category_id = subtree.id AND p.status = 'active' AND p.price >= ? AND p.price <= ?
                    ORDER BY p.price, p.id
                    FETCH NEXT ? ROWS ONLY) r
                ORDER BY r.price, r.id
                FETCH NEXT ? ROWS ONLY) page
            CROSS JOIN LATERAL (SELECT coalesce(sum(quantity_on_hand - quantity_reserved), 0)::int AS available_stock
                                FROM inventory_items WHERE product_id = page.id) s
            ORDER BY page.price, page.id""";

    private static final String DETAIL = """
            SELECT p.id, p.vendor_id, p.category_id, p.name, p.slug, p.description, p.price, p.currency, p.unit,
                   p.status, p.is_organic, p.created_at, p.updated_at, v.id, v.business_name, v.slug,
                   s.available_stock, r.average_rating, r.review_count, r.s1, r.s2, r.s3, r.s4, r.s5
            FROM products p
            JOIN vendor_profiles v ON v.id = p.vendor_id
            CROSS JOIN LATERAL (SELECT coalesce(sum(quantity_on_hand - quantity_reserved), 0)::int AS available_stock
                                FROM inventory_items WHERE product_id = p.id) s
            CROSS JOIN LATERAL (SELECT round(avg(rating), 2) AS average_rating, count(*) AS review_count,
                                       count(*) FILTER (WHERE rating = 1) AS s1, count(*) FILTER (WHERE rating = 2) AS s2,
                                       count(*) FILTER (WHERE rating = 3) AS s3, count(*) FILTER (WHERE rating = 4) AS s4,
                                       count(*) FILTER (WHERE rating = 5) AS s5
                                FROM reviews WHERE product_id = p.id) r
            WHERE p.id = ?""";

    private static final String CATEGORY_PATH = """
            WITH RECURSIVE path AS (
                SELECT c.id, c.parent_id, c.name, c.slug, 0 AS depth FROM categories c
                WHERE c.id = (SELECT category_id FROM products WHERE id = ?)
                UNION ALL
                SELECT c.id, c.parent_id, c.name, c.slug, path.depth + 1 FROM categories c
                JOIN path ON c.id = path.parent_id WHERE path.depth < 100)
            SELECT id, parent_id, name, slug FROM path ORDER BY depth DESC""";

    private static final String LATEST_REVIEWS = """
            SELECT id, product_id, user_id, rating, title, body, created_at FROM reviews
            WHERE product_id = ? ORDER BY created_at DESC, id DESC LIMIT 5""";

    private static final String ORDER = """
            SELECT id, order_number, customer_id, status, fulfillment, delivery_address, subtotal, tax, fees, total,
                   currency, notes, placed_at, status_changed_at, created_at, updated_at
            FROM orders WHERE id = ?""";

    private static final String ORDER_ITEMS = """
            SELECT id, product_id, vendor_id, product_name, quantity, unit_price, line_total
            FROM order_items WHERE order_id = ? ORDER BY created_at, id""";

    private static final String ORDER_PAYMENTS = """
            SELECT id, order_id, amount, refunded_amount, currency, status, provider, provider_payment_id,
                   failure_reason, paid_at, created_at, updated_at
            FROM payments WHERE order_id = ? ORDER BY created_at, id""";

    private static final String HISTORY = """
            SELECT id, inventory_item_id, product_id, quantity_change, reserved_change, quantity_after,
                   reserved_after, reason, note, order_id, changed_by, created_at
            FROM inventory_history WHERE product_id = ? ORDER BY created_at DESC, id DESC LIMIT 51""";

    private static final String CUSTOMER_EXISTS = "SELECT EXISTS (SELECT 1 FROM users WHERE id = ?)";

    private static final String LOCK_PRODUCTS = """
            SELECT id, vendor_id, name, price, currency, status FROM products
            WHERE id = ANY (?) ORDER BY id FOR SHARE""";

    private static final String INSERT_ORDER = """
            INSERT INTO orders (customer_id, fulfillment, subtotal, tax, fees, total, currency)
            VALUES (?, 'pickup', ?, ?, ?, ?, ?) RETURNING id""";

    private static final String LOCK_LOTS_OF_PRODUCTS = """
            SELECT id, product_id, quantity_on_hand, quantity_reserved FROM inventory_items
            WHERE product_id = ANY (?) ORDER BY id FOR UPDATE""";

    // Joined with unnest rather than "id = ANY (?)": the same shape as ours, see StockLedger.lockLots for why.
    private static final String LOCK_LOTS = "SELECT i.id FROM inventory_items i JOIN unnest(?::uuid[]) AS wanted (id)"
            + " ON i.id = wanted.id ORDER BY i.id FOR UPDATE OF i";

    private static final String APPLY_DELTAS = """
            UPDATE inventory_items i
            SET quantity_on_hand = i.quantity_on_hand + d.quantity_change,
                quantity_reserved = i.quantity_reserved + d.reserved_change
            FROM unnest(?::uuid[], ?::int[], ?::int[]) AS d(id, quantity_change, reserved_change)
            WHERE i.id = d.id""";

    private static final String INSERT_HISTORY = """
            INSERT INTO inventory_history (inventory_item_id, product_id, quantity_change, reserved_change,
                                           quantity_after, reserved_after, reason, order_id, changed_by)
            SELECT i.id, i.product_id, d.quantity_change, d.reserved_change, i.quantity_on_hand, i.quantity_reserved,
                   ?::inventory_change_reason, ?::uuid, ?::uuid
            FROM unnest(?::uuid[], ?::int[], ?::int[]) AS d(id, quantity_change, reserved_change)
            JOIN inventory_items i ON i.id = d.id""";

    private static final String INSERT_ITEM = """
            INSERT INTO order_items (order_id, product_id, vendor_id, product_name, quantity, unit_price, line_total)
            VALUES (?, ?, ?, ?, ?, ?, ?)""";

    private static final String INSERT_PAYMENT = "INSERT INTO payments (order_id, amount, currency) VALUES (?, ?, ?)";

    private static final BigDecimal TAX_RATE = new BigDecimal("0.08");

    private final DataSource pool;

    JdbcPeer(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public String name() {
        return "jdbc";
    }

    @Override
    public String productById(UUID productId) {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(PRODUCT_BY_ID)) {
            statement.setObject(1, productId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                Object[] row = row(rows);
                return Answers.product((UUID) row[0], (String) row[3], (BigDecimal) row[6], String.valueOf(row[9]));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String sessionAndUser(String sessionToken) {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(SESSION_AND_USER)) {
            statement.setString(1, sha256Hex(sessionToken));
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                Object[] row = row(rows);
                return Answers.session((UUID) row[0], (UUID) row[4], (String) row[5], String.valueOf(row[9]));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(String token) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String search(Inputs.Search search) {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(SEARCH)) {
            statement.setObject(1, search.rootCategory());
            statement.setBigDecimal(2, search.minPrice());
            statement.setBigDecimal(3, search.maxPrice());
            statement.setInt(4, 21);
            statement.setInt(5, 21);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add((UUID) row(rows)[0]);
                }
            }
            // The 21st row only says that a next page exists.
            return Answers.ids(ids.size() > 20 ? ids.subList(0, 20) : ids);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String detail(UUID productId) {
        try (Connection connection = pool.getConnection()) {
            UUID id;
            String vendorName;
            int available;
            Optional<BigDecimal> average;
            int reviewCount;
            List<Integer> stars = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(DETAIL)) {
                statement.setObject(1, productId);
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    Object[] row = row(rows);
                    id = (UUID) row[0];
                    vendorName = (String) row[14];
                    available = (Integer) row[16];
                    average = Optional.ofNullable((BigDecimal) row[17]);
                    reviewCount = ((Number) row[18]).intValue();
                    for (int column = 19; column <= 23; column++) {
                        stars.add(((Number) row[column]).intValue());
                    }
                }
            }
            int depth = 0;
            try (PreparedStatement statement = connection.prepareStatement(CATEGORY_PATH)) {
                statement.setObject(1, productId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        row(rows);
                        depth++;
                    }
                }
            }
            List<UUID> reviews = new ArrayList<>();
            try (PreparedStatement statement = connection.prepareStatement(LATEST_REVIEWS)) {
                statement.setObject(1, productId);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        reviews.add((UUID) row(rows)[0]);
                    }
                }
            }
            return Answers.detail(id, vendorName, depth, available, average, reviewCount, stars, reviews);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String placeOrder(UUID customerId, List<UUID> productIds) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                String answer = placeOrder(connection, customerId, productIds);
                connection.commit();
                return answer;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Line(UUID productId, UUID vendorId, String name, BigDecimal price, String currency) {}

    private String placeOrder(Connection connection, UUID customerId, List<UUID> productIds) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(CUSTOMER_EXISTS)) {
            statement.setObject(1, customerId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                if (!rows.getBoolean(1)) {
                    throw new IllegalStateException("no customer " + customerId);
                }
            }
        }
        Array products = connection.createArrayOf("uuid", productIds.toArray());
        List<Line> lines = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(LOCK_PRODUCTS)) {
            statement.setArray(1, products);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (!"active".equals(rows.getString(6))) {
                        throw new IllegalStateException("product not active " + rows.getObject(1));
                    }
                    lines.add(new Line(
                            rows.getObject(1, UUID.class),
                            rows.getObject(2, UUID.class),
                            rows.getString(3),
                            rows.getBigDecimal(4),
                            rows.getString(5)));
                }
            }
        }
        if (lines.size() != productIds.size()) {
            throw new IllegalStateException("missing product among " + productIds);
        }
        BigDecimal subtotal = lines.stream().map(Line::price).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal tax = subtotal.multiply(TAX_RATE).setScale(2, RoundingMode.HALF_UP);
        BigDecimal fees = BigDecimal.ZERO.setScale(2);
        BigDecimal total = subtotal.add(tax).add(fees);
        String currency = lines.getFirst().currency();
        UUID orderId;
        try (PreparedStatement statement = connection.prepareStatement(INSERT_ORDER)) {
            statement.setObject(1, customerId);
            statement.setBigDecimal(2, subtotal);
            statement.setBigDecimal(3, tax);
            statement.setBigDecimal(4, fees);
            statement.setBigDecimal(5, total);
            statement.setString(6, currency);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                orderId = rows.getObject(1, UUID.class);
            }
        }
        reserve(connection, products, productIds, orderId, customerId);
        try (PreparedStatement statement = connection.prepareStatement(INSERT_ITEM)) {
            for (Line line : lines) {
                statement.setObject(1, orderId);
                statement.setObject(2, line.productId());
                statement.setObject(3, line.vendorId());
                statement.setString(4, line.name());
                statement.setInt(5, 1);
                statement.setBigDecimal(6, line.price());
                statement.setBigDecimal(7, line.price());
                statement.addBatch();
            }
            statement.executeBatch();
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT_PAYMENT)) {
            statement.setObject(1, orderId);
            statement.setBigDecimal(2, total);
            statement.setString(3, currency);
            statement.executeUpdate();
        }
        OrderRead order = readOrder(connection, orderId);
        return Answers.placedOrder(order.subtotal, order.tax, order.total, order.items.size(), order.firstPayment);
    }

    /** One unit of each product from its first lot with stock (lots of one harvest: id order). */
    private static void reserve(
            Connection connection, Array products, List<UUID> productIds, UUID orderId, UUID changedBy)
            throws SQLException {
        List<UUID> lots = new ArrayList<>();
        List<UUID> served = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(LOCK_LOTS_OF_PRODUCTS)) {
            statement.setArray(1, products);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    UUID product = rows.getObject(2, UUID.class);
                    if (!served.contains(product) && rows.getInt(3) - rows.getInt(4) >= 1) {
                        served.add(product);
                        lots.add(rows.getObject(1, UUID.class));
                    }
                }
            }
        }
        if (served.size() != productIds.size()) {
            throw new IllegalStateException("insufficient stock among " + productIds);
        }
        Integer[] zero = new Integer[lots.size()];
        Integer[] one = new Integer[lots.size()];
        Arrays.fill(zero, 0);
        Arrays.fill(one, 1);
        applyDeltas(connection, lots, zero, one, "reservation", orderId, changedBy);
    }

    private static int applyDeltas(
            Connection connection,
            List<UUID> lots,
            Integer[] quantityChanges,
            Integer[] reservedChanges,
            String reason,
            UUID orderId,
            UUID changedBy)
            throws SQLException {
        Array ids = connection.createArrayOf("uuid", lots.toArray());
        Array quantities = connection.createArrayOf("int4", quantityChanges);
        Array reserved = connection.createArrayOf("int4", reservedChanges);
        try (PreparedStatement statement = connection.prepareStatement(APPLY_DELTAS)) {
            statement.setArray(1, ids);
            statement.setArray(2, quantities);
            statement.setArray(3, reserved);
            statement.executeUpdate();
        }
        try (PreparedStatement statement = connection.prepareStatement(INSERT_HISTORY)) {
            statement.setString(1, reason);
            statement.setObject(2, orderId);
            statement.setObject(3, changedBy);
            statement.setArray(4, ids);
            statement.setArray(5, quantities);
            statement.setArray(6, reserved);
            return statement.executeUpdate();
        }
    }

    private record OrderRead(
            String number,
            BigDecimal subtotal,
            BigDecimal tax,
            BigDecimal total,
            List<UUID> items,
            List<UUID> payments,
            BigDecimal firstPayment) {}

    private static OrderRead readOrder(Connection connection, UUID orderId) throws SQLException {
        String number;
        BigDecimal subtotal;
        BigDecimal tax;
        BigDecimal total;
        try (PreparedStatement statement = connection.prepareStatement(ORDER)) {
            statement.setObject(1, orderId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                Object[] row = row(rows);
                number = (String) row[1];
                subtotal = (BigDecimal) row[6];
                tax = (BigDecimal) row[7];
                total = (BigDecimal) row[9];
            }
        }
        List<UUID> items = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(ORDER_ITEMS)) {
            statement.setObject(1, orderId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    items.add((UUID) row(rows)[0]);
                }
            }
        }
        List<UUID> payments = new ArrayList<>();
        BigDecimal firstPayment = null;
        try (PreparedStatement statement = connection.prepareStatement(ORDER_PAYMENTS)) {
            statement.setObject(1, orderId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Object[] row = row(rows);
                    payments.add((UUID) row[0]);
                    if (firstPayment == null) {
                        firstPayment = (BigDecimal) row[2];
                    }
                }
            }
        }
        return new OrderRead(number, subtotal, tax, total, items, payments, firstPayment);
    }

    @Override
    public String orderById(UUID orderId) {
        try (Connection connection = pool.getConnection()) {
            OrderRead order = readOrder(connection, orderId);
            return Answers.order(order.number, order.total, order.items, order.payments);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String history(UUID productId) {
        try (Connection connection = pool.getConnection();
                PreparedStatement statement = connection.prepareStatement(HISTORY)) {
            statement.setObject(1, productId);
            List<UUID> ids = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add((UUID) row(rows)[0]);
                }
            }
            return Answers.ids(ids.size() > 50 ? ids.subList(0, 50) : ids);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String restockAll(List<UUID> lotIds) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement statement = connection.prepareStatement(LOCK_LOTS)) {
                    statement.setArray(1, connection.createArrayOf("uuid", lotIds.toArray()));
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            rows.getObject(1);
                        }
                    }
                }
                Integer[] one = new Integer[lotIds.size()];
                Integer[] zero = new Integer[lotIds.size()];
                Arrays.fill(one, 1);
                Arrays.fill(zero, 0);
                int inserted = applyDeltas(connection, lotIds, one, zero, "restock", null, null);
                connection.commit();
                return Integer.toString(inserted);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Every column of the current row as a Java object, as a data layer mapping rows to objects reads them: the
     * floor does the same work as the other peers, not just the few columns the answer check compares.
     */
    private static Object[] row(ResultSet rows) throws SQLException {
        Object[] row = new Object[rows.getMetaData().getColumnCount()];
        for (int column = 0; column < row.length; column++) {
            row[column] = rows.getObject(column + 1);
        }
        return row;
    }

    @Override
    public void close() {}
}
