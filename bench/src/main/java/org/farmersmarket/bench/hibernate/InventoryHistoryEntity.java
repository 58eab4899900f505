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

/** inventory_history: one stock change. */
@Entity
@Table(name = "inventory_history")
public class InventoryHistoryEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.UUID)
    public UUID id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "inventory_item_id")
    public InventoryItemEntity item;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "product_id")
    public ProductEntity product;

    @Column(name = "quantity_change")
    public int quantityChange;

    @Column(name = "reserved_change")
    public int reservedChange;

    @Column(name = "quantity_after")
    public int quantityAfter;

    @Column(name = "reserved_after")
    public int reservedAfter;

    @Enumerated(EnumType.STRING)
    @JdbcTypeCode(SqlTypes.NAMED_ENUM)
    public Enums.ChangeReason reason;

    public String note;

    @Column(name = "order_id")
    public UUID orderId;

    @Column(name = "changed_by")
    public UUID changedBy;

    @CreationTimestamp
    @Column(name = "created_at")
    public Instant createdAt;
}
