package org.farmersmarket.bench.hibernate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.CreationTimestamp;
import org.hibernate.annotations.Generated;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** orders, with its lines and payments (lazy). order_number and the timestamps come from the database. */
@Entity
@Table(name = "orders")
public class OrderEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    public UUID id;

    @Generated
    @Column(name = "order_number", insertable = false, updatable = false)
    public String orderNumber;

    @Column(name = "customer_id")
    public UUID customerId;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    public Enums.OrderStatus status = Enums.OrderStatus.pending;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    public Enums.Fulfillment fulfillment;

    @Column(name = "delivery_address")
    public String deliveryAddress;

    public BigDecimal subtotal;
    public BigDecimal tax;
    public BigDecimal fees;
    public BigDecimal total;
    public String currency;
    public String notes;

    @Generated
    @Column(name = "placed_at", insertable = false, updatable = false)
    public Instant placedAt;

    @OneToMany(mappedBy = "order")
    @OrderBy("createdAt, id")
    public List<OrderItemEntity> items = new ArrayList<>();

    @OneToMany(mappedBy = "order")
    @OrderBy("createdAt, id")
    public List<PaymentEntity> payments = new ArrayList<>();
}
