package org.farmersmarket.bench;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.LockModeType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.farmersmarket.bench.hibernate.CategoryEntity;
import org.farmersmarket.bench.hibernate.Enums;
import org.farmersmarket.bench.hibernate.InventoryHistoryEntity;
import org.farmersmarket.bench.hibernate.InventoryItemEntity;
import org.farmersmarket.bench.hibernate.OrderEntity;
import org.farmersmarket.bench.hibernate.OrderItemEntity;
import org.farmersmarket.bench.hibernate.PaymentEntity;
import org.farmersmarket.bench.hibernate.ProductEntity;
import org.farmersmarket.bench.hibernate.ReviewEntity;
import org.farmersmarket.bench.hibernate.UserEntity;
import org.farmersmarket.bench.hibernate.VendorEntity;
import org.hibernate.jpa.HibernatePersistenceConfiguration;

/**
 * Hibernate ORM 7 with JPA entities, written the way a Java team would: one EntityManager per operation, HQL,
 * lazy associations, pessimistic locks, dirty checking, JDBC batching; native SQL only for the recursive category
 * subtree, which JPQL cannot say.
 */
final class HibernatePeer implements Peer {

    private static final BigDecimal TAX_RATE = new BigDecimal("0.08");

    private final EntityManagerFactory factory;

    HibernatePeer(DataSource pool) {
        this.factory = new HibernatePersistenceConfiguration("bench")
                .managedClasses(
                        UserEntity.class,
                        VendorEntity.class,
                        CategoryEntity.class,
                        ProductEntity.class,
                        InventoryItemEntity.class,
                        InventoryHistoryEntity.class,
                        ReviewEntity.class,
                        OrderEntity.class,
                        OrderItemEntity.class,
                        PaymentEntity.class)
                .property("hibernate.connection.datasource", pool)
                .property("hibernate.jdbc.batch_size", 50)
                .property("hibernate.order_inserts", true)
                .property("hibernate.order_updates", true)
                .property("hibernate.show_sql", false)
                .property("hibernate.hbm2ddl.auto", "none")
                .createEntityManagerFactory();
    }

    @Override
    public String name() {
        return "hibernate";
    }

    private <T> T read(Function<EntityManager, T> work) {
        try (EntityManager em = factory.createEntityManager()) {
            return work.apply(em);
        }
    }

    private <T> T write(Function<EntityManager, T> work) {
        try (EntityManager em = factory.createEntityManager()) {
            em.getTransaction().begin();
            try {
                T result = work.apply(em);
                em.getTransaction().commit();
                return result;
            } catch (RuntimeException e) {
                if (em.getTransaction().isActive()) {
                    em.getTransaction().rollback();
                }
                throw e;
            }
        }
    }

    @Override
    public String productById(UUID productId) {
        return read(em -> {
            ProductEntity product = em.find(ProductEntity.class, productId);
            return Answers.product(product.id, product.name, product.price, product.status.name());
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public String search(Inputs.Search search) {
        return read(em -> {
            List<UUID> subtree = em.createNativeQuery("""
                            WITH RECURSIVE subtree(id) AS (
                                SELECT id FROM categories WHERE id = :root
                                UNION SELECT c.id FROM categories c JOIN subtree s ON c.parent_id = s.id)
                            SELECT id FROM subtree""", UUID.class)
                    .setParameter("root", search.rootCategory())
                    .getResultList();
            List<Object[]> rows = em.createQuery(
                            """
                            select p,
                                   (select round(avg(r.rating), 2) from ReviewEntity r where r.product = p),
                                   (select count(r) from ReviewEntity r where r.product = p),
                                   (select coalesce(sum(i.quantityOnHand - i.quantityReserved), 0)
                                    from InventoryItemEntity i where i.product = p)
                            from ProductEntity p
                            where p.category.id in :categories and p.status = :status
                              and p.price >= :min and p.price <= :max
                            order by p.price, p.id""",
                            Object[].class)
                    .setParameter("categories", subtree)
                    .setParameter("status", Enums.ProductStatus.active)
                    .setParameter("min", search.minPrice())
                    .setParameter("max", search.maxPrice())
                    .setMaxResults(21)
                    .getResultList();
            List<UUID> ids = rows.stream().limit(20).map(row -> ((ProductEntity) row[0]).id).toList();
            return Answers.ids(ids);
        });
    }

    @Override
    public String detail(UUID productId) {
        return read(em -> {
            ProductEntity product = em.createQuery(
                            "select p from ProductEntity p join fetch p.vendor join fetch p.category where p.id = :id",
                            ProductEntity.class)
                    .setParameter("id", productId)
                    .getSingleResult();
            int depth = 0;
            for (CategoryEntity category = product.category; category != null; category = category.getParent()) {
                depth++;
            }
            Integer available = em.createQuery(
                            "select cast(coalesce(sum(i.quantityOnHand - i.quantityReserved), 0) as Integer)"
                                    + " from InventoryItemEntity i where i.product.id = :id",
                            Integer.class)
                    .setParameter("id", productId)
                    .getSingleResult();
            Object[] rating = em.createQuery(
                            """
                            select round(avg(r.rating), 2), count(r),
                                   count(case when r.rating = 1 then 1 end), count(case when r.rating = 2 then 1 end),
                                   count(case when r.rating = 3 then 1 end), count(case when r.rating = 4 then 1 end),
                                   count(case when r.rating = 5 then 1 end)
                            from ReviewEntity r where r.product.id = :id""",
                            Object[].class)
                    .setParameter("id", productId)
                    .getSingleResult();
            List<ReviewEntity> reviews = em.createQuery(
                            "select r from ReviewEntity r where r.product.id = :id order by r.createdAt desc, r.id desc",
                            ReviewEntity.class)
                    .setParameter("id", productId)
                    .setMaxResults(5)
                    .getResultList();
            List<Integer> stars = new ArrayList<>();
            for (int column = 2; column <= 6; column++) {
                stars.add(((Number) rating[column]).intValue());
            }
            return Answers.detail(
                    product.id,
                    product.vendor.businessName,
                    depth,
                    available,
                    Optional.ofNullable(rating[0]).map(value -> new BigDecimal(value.toString()).setScale(2, RoundingMode.HALF_UP)),
                    ((Number) rating[1]).intValue(),
                    stars,
                    reviews.stream().map(review -> review.id).toList());
        });
    }

    @Override
    public String placeOrder(UUID customerId, List<UUID> productIds) {
        return write(em -> {
            if (em.find(UserEntity.class, customerId) == null) {
                throw new IllegalStateException("no customer " + customerId);
            }
            List<ProductEntity> products = em.createQuery(
                            "select p from ProductEntity p where p.id in :ids order by p.id", ProductEntity.class)
                    .setParameter("ids", productIds)
                    .setLockMode(LockModeType.PESSIMISTIC_READ)
                    .getResultList();
            if (products.size() != productIds.size()
                    || products.stream().anyMatch(p -> p.status != Enums.ProductStatus.active)) {
                throw new IllegalStateException("missing or inactive product among " + productIds);
            }
            OrderEntity order = new OrderEntity();
            order.customerId = customerId;
            order.fulfillment = Enums.Fulfillment.pickup;
            order.subtotal = products.stream().map(p -> p.price).reduce(BigDecimal.ZERO, BigDecimal::add);
            order.tax = order.subtotal.multiply(TAX_RATE).setScale(2, RoundingMode.HALF_UP);
            order.fees = BigDecimal.ZERO.setScale(2);
            order.total = order.subtotal.add(order.tax).add(order.fees);
            order.currency = products.getFirst().currency;
            em.persist(order);
            List<InventoryItemEntity> lots = em.createQuery(
                            "select i from InventoryItemEntity i where i.product.id in :ids order by i.id",
                            InventoryItemEntity.class)
                    .setParameter("ids", productIds)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList();
            for (ProductEntity product : products) {
                InventoryItemEntity lot = lots.stream()
                        .filter(l -> l.product.getId().equals(product.id) && l.quantityOnHand - l.quantityReserved >= 1)
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("no stock of " + product.id));
                lot.quantityReserved += 1;
                InventoryHistoryEntity change = new InventoryHistoryEntity();
                change.item = lot;
                change.product = product;
                change.reservedChange = 1;
                change.quantityAfter = lot.quantityOnHand;
                change.reservedAfter = lot.quantityReserved;
                change.reason = Enums.ChangeReason.reservation;
                change.orderId = order.id;
                change.changedBy = customerId;
                em.persist(change);
                OrderItemEntity item = new OrderItemEntity();
                item.order = order;
                item.product = product;
                item.vendor = product.vendor;
                item.productName = product.name;
                item.quantity = 1;
                item.unitPrice = product.price;
                item.lineTotal = product.price;
                em.persist(item);
                order.items.add(item);
            }
            PaymentEntity payment = new PaymentEntity();
            payment.order = order;
            payment.amount = order.total;
            payment.currency = order.currency;
            em.persist(payment);
            order.payments.add(payment);
            em.flush();
            return Answers.placedOrder(
                    order.subtotal, order.tax, order.total, order.items.size(), order.payments.getFirst().amount);
        });
    }

    @Override
    public String orderById(UUID orderId) {
        return read(em -> {
            OrderEntity order = em.createQuery(
                            "select o from OrderEntity o left join fetch o.items where o.id = :id", OrderEntity.class)
                    .setParameter("id", orderId)
                    .getSingleResult();
            return Answers.order(
                    order.orderNumber,
                    order.total,
                    order.items.stream().map(item -> item.id).toList(),
                    order.payments.stream().map(payment -> payment.id).toList());
        });
    }

    @Override
    public String history(UUID productId) {
        return read(em -> Answers.ids(em.createQuery(
                        "select h from InventoryHistoryEntity h where h.product.id = :id"
                                + " order by h.createdAt desc, h.id desc",
                        InventoryHistoryEntity.class)
                .setParameter("id", productId)
                .setMaxResults(51)
                .getResultList()
                .stream()
                .limit(50)
                .map(change -> change.id)
                .toList()));
    }

    @Override
    public String restockAll(List<UUID> lotIds) {
        return write(em -> {
            List<InventoryItemEntity> lots = em.createQuery(
                            "select i from InventoryItemEntity i where i.id in :ids order by i.id",
                            InventoryItemEntity.class)
                    .setParameter("ids", lotIds)
                    .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                    .getResultList();
            for (InventoryItemEntity lot : lots) {
                lot.quantityOnHand += 1;
                InventoryHistoryEntity change = new InventoryHistoryEntity();
                change.item = lot;
                change.product = em.getReference(ProductEntity.class, productIdOf(lot));
                change.quantityChange = 1;
                change.quantityAfter = lot.quantityOnHand;
                change.reservedAfter = lot.quantityReserved;
                change.reason = Enums.ChangeReason.restock;
                em.persist(change);
            }
            em.flush();
            return Integer.toString(lots.size());
        });
    }

    private static UUID productIdOf(InventoryItemEntity lot) {
        return lot.product.getId();
    }

    @Override
    public void close() {
        factory.close();
    }
}
